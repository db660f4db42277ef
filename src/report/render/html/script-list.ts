/**
 * The list of clusters or checked articles, built a page at a time as it scrolls into view, and its filter. A part of
 * the review page's script (page-script.ts).
 */
export const LIST = String.raw`/* ---------- the cluster list (built a page at a time, as it scrolls into view) ---------- */
var state = { relation: '', query: '', shown: groups, current: -1, rendered: 0 };
var lowered = new Map();
function haystack(g) {
  var h = lowered.get(g);
  if (h === undefined) {
    var parts = [g.ref ? g.ref.id : '', g.ref && g.ref.text ? g.ref.text : ''];
    g.pairs.forEach(function (p) { parts.push(p.copy.id, p.copy.text || '', p.ref.id, p.ref.text || ''); });
    g.related.forEach(function (x) { parts.push(x.copy.id); });
    h = parts.join('\n').toLowerCase();
    lowered.set(g, h);
  }
  return h;
}
function matches(g) {
  if (state.relation && !g.relations[state.relation]) return false;
  if (!state.query) return true;
  var h = haystack(g);
  return state.query.split(/\s+/).every(function (w) { return h.indexOf(w) >= 0; });
}
function rowOf(g) {
  var dupes = g.pairs.length;
  var badges = el('span', { class: 'badges' });
  (isCheck ? RELATIONS.concat(['unverified']) : RELATIONS).forEach(function (r) {
    var n = g.pairs.filter(function (p) { return p.relation === r; }).length;
    if (n) badges.appendChild(el('span', { class: 'badge rel-' + r, text: (n > 1 ? n + '× ' : '') + LABEL[r] }));
  });
  var fresh = g.pairs.filter(function (p) { return p.isNew; }).length;
  if (fresh) badges.appendChild(el('span', { class: 'badge new', text: fresh + ' new' }));
  if (g.related.length) badges.appendChild(el('span', { class: 'badge related', title: 'articles that took passages, not duplicates', text: g.related.length + ' related' }));
  var link = el('a', { href: '#' + g.key, id: 'row-' + g.key, 'data-key': g.key }, [
    el('span', { class: 'row-title', text: g.title + ' · ' + (isCheck ? plural(dupes, 'match', 'matches') : plural(dupes + 1, 'article')) }),
    el('span', { class: 'row-id', text: isCheck ? g.pairs[0].copy.id : g.ref.id }),
    badges,
  ]);
  return el('li', null, [link]);
}
function renderMoreRows() {
  var list = $('cluster-list'), end = Math.min(state.shown.length, state.rendered + PAGE_ROWS);
  for (var i = state.rendered; i < end; i++) list.appendChild(rowOf(state.shown[i]));
  state.rendered = end;
  $('list-more').hidden = state.rendered >= state.shown.length;
}
function applyFilter() {
  state.shown = groups.filter(matches);
  state.rendered = 0;
  $('cluster-list').textContent = '';
  renderMoreRows();
  var noun = isCheck ? ['article', 'articles'] : ['cluster', 'clusters'];
  $('list-count').textContent = state.shown.length === groups.length ? plural(groups.length, noun[0], noun[1]) : state.shown.length + ' of ' + plural(groups.length, noun[0], noun[1]);
  markCurrentRow();
}

`;
