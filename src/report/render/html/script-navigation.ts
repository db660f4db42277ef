/**
 * Moving between groups (keyboard, links, the address's #key), and the page's setup, which ends the script. A part of
 * the review page's script (page-script.ts).
 */
export const NAVIGATION = String.raw`/* ---------- navigation ---------- */
function markCurrentRow() {
  var list = $('cluster-list');
  list.querySelectorAll('a[aria-current]').forEach(function (a) { a.removeAttribute('aria-current'); });
  var g = state.shown[state.current];
  if (!g) return;
  var row = $('row-' + g.key);
  if (row) row.setAttribute('aria-current', 'true');
}
function open(index, focus) {
  if (state.shown.length === 0) { state.current = -1; renderGroup(-1); return; }
  index = Math.max(0, Math.min(state.shown.length - 1, index));
  state.current = index;
  while (state.rendered <= index) renderMoreRows();
  renderGroup(index, 0);
  markCurrentRow();
  var g = state.shown[index], row = $('row-' + g.key);
  if (row && row.scrollIntoView) row.scrollIntoView({ block: 'nearest' });
  if (location.hash !== '#' + g.key) history.replaceState(null, '', '#' + g.key);
  if (focus) { var h = $('detail-heading'); if (h) h.focus({ preventScroll: false }); }
}
function openKey(key, focus) {
  var i = state.shown.findIndex(function (g) { return g.key === key; });
  if (i < 0) {
    state.relation = ''; state.query = ''; $('filter-relation').value = ''; $('search').value = '';
    applyFilter();
    i = state.shown.findIndex(function (g) { return g.key === key; });
  }
  open(i < 0 ? 0 : i, focus);
}
function inField(target) {
  return target && (target.tagName === 'INPUT' || target.tagName === 'SELECT' || target.tagName === 'TEXTAREA' || target.isContentEditable);
}

/* ---------- setup ---------- */
renderSummary();
var select = $('filter-relation');
(isCheck ? RELATIONS.concat(['unverified']) : RELATIONS).forEach(function (r) { select.appendChild(el('option', { value: r, text: LABEL[r] })); });
if (!isCheck && report.baseline) select.appendChild(el('option', { value: NEW, text: 'new since the baseline' }));
if (groups.some(function (g) { return g.related.length; })) select.appendChild(el('option', { value: RELATED, text: 'any relation, with related articles' }));
select.addEventListener('change', function () { state.relation = select.value; applyFilter(); open(0, false); });
var timer = 0;
$('search').addEventListener('input', function (e) {
  clearTimeout(timer);
  timer = setTimeout(function () { state.query = e.target.value.trim().toLowerCase(); applyFilter(); open(0, false); }, 120);
});
$('list-more').addEventListener('click', renderMoreRows);
if ('IntersectionObserver' in window) {
  new IntersectionObserver(function (entries) { if (entries.some(function (x) { return x.isIntersecting; })) renderMoreRows(); }).observe($('list-more'));
}
$('cluster-list').addEventListener('click', function (e) {
  var a = e.target.closest('a[data-key]');
  if (!a) return;
  e.preventDefault();
  openKey(a.getAttribute('data-key'), true);
});
document.addEventListener('keydown', function (e) {
  if (e.altKey || e.ctrlKey || e.metaKey || inField(e.target)) return;
  if (e.key === 'j' || e.key === 'ArrowDown' || e.key === 'n') { e.preventDefault(); open(state.current + 1, true); }
  else if (e.key === 'k' || e.key === 'ArrowUp' || e.key === 'p') { e.preventDefault(); open(state.current - 1, true); }
  else if (e.key === '/') { e.preventDefault(); $('search').focus(); }
});
/*
 * A linked piece lights up its own sentence (every piece of it) and, on the other side, every sentence sharing one of
 * its derived sentences: a copy sentence its one or two sources, a source sentence all the copy sentences taken from it.
 */
function linkedOf(target) { return target && target.closest ? target.closest('.linked[data-links]') : null; }
function partnersOf(s) {
  var side = s.getAttribute('data-side'), sentence = s.getAttribute('data-sentence'), links = s.getAttribute('data-links').split(' ');
  var box = s.closest('.comparison') || detailBox;
  return Array.prototype.filter.call(box.querySelectorAll('.linked[data-links]'), function (x) {
    if (x.getAttribute('data-side') === side) return x.getAttribute('data-sentence') === sentence;
    return x.getAttribute('data-links').split(' ').some(function (l) { return links.indexOf(l) >= 0; });
  });
}
function showLinks(target, on) {
  var s = linkedOf(target);
  if (s) partnersOf(s).forEach(function (x) { x.classList.toggle('paired', on); });
}
var detailBox = $('detail');
detailBox.addEventListener('mouseover', function (e) { showLinks(e.target, true); });
detailBox.addEventListener('mouseout', function (e) { showLinks(e.target, false); });
/* Selecting a sentence (a click, or Enter or Space on its focused piece) keeps it and its partners lit. */
function selectLinked(s) {
  detailBox.querySelectorAll('.paired').forEach(function (x) { x.classList.remove('paired'); });
  var partners = partnersOf(s);
  partners.forEach(function (x) { x.classList.add('paired'); });
  var partner = partners.find(function (x) { return x.getAttribute('data-side') !== s.getAttribute('data-side'); });
  if (partner && partner.scrollIntoView) partner.scrollIntoView({ block: 'center' });
}
detailBox.addEventListener('click', function (e) {
  var s = linkedOf(e.target);
  if (s) selectLinked(s);
});
detailBox.addEventListener('keydown', function (e) {
  if (e.key !== 'Enter' && e.key !== ' ') return;
  var s = linkedOf(e.target);
  if (!s || e.target !== s) return;
  e.preventDefault();
  selectLinked(s);
});
/* The address's key; a malformed escape (#%) is taken as written, not let throw before the page is ready. */
function hashKey() {
  try { return decodeURIComponent(location.hash.slice(1)); } catch (e) { return location.hash.slice(1); }
}
window.addEventListener('hashchange', function () { if (location.hash.length > 1) openKey(hashKey(), false); });
applyFilter();
if (location.hash.length > 1) openKey(hashKey(), false); else open(0, false);
document.documentElement.setAttribute('data-ready', 'true');
})();
`;
