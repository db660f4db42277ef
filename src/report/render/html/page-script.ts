/**
 * The review page's script, inlined into every page. Plain ES2020 for any current browser, no library. Data from the
 * report and texts reach the page only through textContent and attributes, never as markup.
 */
export const PAGE_SCRIPT = String.raw`(function () {
'use strict';
var report = JSON.parse(document.getElementById('neardup-report').textContent);
var data = JSON.parse(document.getElementById('neardup-texts').textContent);
var isCheck = report.kind === 'check';
var RELATIONS = ['copy', 'copy-with-additions', 'shortened', 'updated', 'rewritten'];
var LABEL = { canonical: 'canonical', copy: 'copy', 'copy-with-additions': 'copy with additions', shortened: 'shortened',
  updated: 'updated', rewritten: 'rewritten', unverified: 'unverified' };
var PAGE_ROWS = 100;
var MIN_PASSAGE_WORDS = 3;
var shingleSize = isCheck ? report.index.shingleSize : report.params.shingleSize;

function el(tag, attrs, children) {
  var node = document.createElement(tag);
  if (attrs) for (var k in attrs) {
    if (attrs[k] === undefined || attrs[k] === null || attrs[k] === false) continue;
    if (k === 'text') node.textContent = String(attrs[k]);
    else if (k === 'class') node.className = attrs[k];
    else node.setAttribute(k, attrs[k] === true ? '' : String(attrs[k]));
  }
  if (children) children.forEach(function (c) { if (c !== null && c !== undefined) node.appendChild(typeof c === 'string' ? document.createTextNode(c) : c); });
  return node;
}
function $(id) { return document.getElementById(id); }
function fixed(x) { return typeof x === 'number' ? x.toFixed(2) : ''; }
function plural(n, one, many) { return n + ' ' + (n === 1 ? one : (many || one + 's')); }
function wordsIn(passages) { return passages.reduce(function (n, p) { return n + p.words; }, 0); }

function textOf(map, id) {
  return map && Object.prototype.hasOwnProperty.call(map, id) ? map[id] : undefined;
}
function whyMissing(map, id) {
  return (map && Object.prototype.hasOwnProperty.call(map, id) ? map[id] : 'not embedded in this page');
}

/* The page's view of either report: groups of an article of reference (left) and the copies compared with it (right). */
var NEW = 'new';
function scanGroups() {
  var fresh = new Map();
  if (report.baseline) report.baseline.clusters.forEach(function (k) { fresh.set(k.cluster, new Set(k.newMembers)); });
  return report.clusters.map(function (c) {
    var newHere = fresh.get(c.id) || new Set();
    var canonical = c.members[0];
    var ref = { id: c.canonical, words: canonical.words, date: canonical.date, text: textOf(data.articles, c.canonical), why: whyMissing(data.missing, c.canonical) };
    return {
      key: 'cluster-' + c.id, title: 'Cluster ' + c.id, number: c.id, reason: c.canonicalReason, members: c.members, ref: ref,
      pairs: c.members.slice(1).map(function (m) {
        return { copy: { id: m.id, words: m.words, date: m.date, text: textOf(data.articles, m.id), why: whyMissing(data.missing, m.id) }, ref: ref, m: m, relation: m.relation, isNew: newHere.has(m.id) };
      }),
    };
  });
}
function checkGroups() {
  return report.documents.map(function (d, i) {
    var copy = { id: d.id, words: d.words, text: textOf(data.articles, d.id), why: whyMissing(data.missing, d.id) };
    return {
      key: 'article-' + (i + 1), title: 'Article ' + (i + 1), number: i + 1, reason: null, members: null, ref: null, doc: d,
      pairs: d.matches.map(function (m) {
        var o = m.original;
        return { copy: copy, ref: { id: o.id, words: o.words, date: o.date, source: o.source, line: o.line, text: textOf(data.originals, o.id), why: whyMissing(data.originalsMissing, o.id) },
          m: m, relation: m.verified ? m.relation : 'unverified' };
      }),
    };
  });
}
var groups = isCheck ? checkGroups() : scanGroups();
groups.forEach(function (g) {
  g.relations = {};
  g.pairs.forEach(function (p) { g.relations[p.relation] = true; if (p.isNew) g.relations[NEW] = true; });
  g.ids = [g.pairs.length ? g.pairs[0].copy.id : ''].concat(g.pairs.map(function (p) { return isCheck ? p.ref.id : p.copy.id; }));
  if (!isCheck) g.ids[0] = g.ref.id;
});

/* ---------- summary ---------- */
function renderSummary() {
  var s = report.summary;
  var items = isCheck
    ? [['Articles checked', s.checked], ['With copies', s.withCopies], ['Matches', s.matches], ['Unverified', s.unverified], ['Index size', report.index.documents], ['Skipped', s.skipped]]
    : [['Articles', s.documents], ['Clusters', s.clusters], ['Duplicates', s.duplicates], ['Skipped', s.skipped]];
  if (!isCheck && report.baseline) items.push(['New since the baseline', report.baseline.newDuplicates]);
  var dl = $('summary-figures');
  items.forEach(function (it) { dl.appendChild(el('div', null, [el('dt', { text: it[0] }), el('dd', { text: it[1].toLocaleString('en-US') })])); });
  var p = report.params;
  var params = [
    ['metric', p.metric + ' ≥ ' + p.threshold],
    ['shingles', (isCheck ? report.index.shingleSize : p.shingleSize) + ' words'],
    ['MinHash', (isCheck ? report.index.numPerm : p.numPerm) + ' permutations, seed ' + (isCheck ? report.index.seed : p.seed)],
    ['LSH', (isCheck ? report.index.bands : p.bands) + ' bands × ' + (isCheck ? report.index.rows : p.rows) + ' rows'],
    ['rewrites', p.rewrites ? 'on (≥ ' + p.rewriteThreshold + ' of sentences, at least ' + p.minAlignedSentences + ')' : 'off'],
  ];
  if (!isCheck && p.withinDays !== null) params.push(['within', p.withinDays + ' days']);
  if (!isCheck && p.prefer.length) params.push(['prefer', p.prefer.join(', ')]);
  var list = $('summary-params');
  params.forEach(function (it) { list.appendChild(el('li', null, [el('span', { class: 'param-name', text: it[0] + ': ' }), it[1]])); });
}

/* ---------- words, sentences, coverage (for marks the report gives as counts only) ---------- */
/* Words as neardup's tokeniser cuts them (apostrophes split), folded as it folds them: case, diacritics, spelling variants. */
var WORD = /[\p{L}\p{N}_]+/gu;
var spellings = new Map(Object.entries(data.spellings || {}));
function fold(w) {
  w = w.normalize('NFD').replace(/\p{M}+/gu, '').toLowerCase();
  return spellings.get(w) || w;
}
function wordsOf(text) {
  var out = [], m;
  WORD.lastIndex = 0;
  while ((m = WORD.exec(text))) out.push({ start: m.index, end: m.index + m[0].length, w: fold(m[0]) });
  return out;
}
function shingleSet(words) {
  var set = new Set(), k = Math.min(shingleSize, words.length);
  for (var i = 0; i + k <= words.length && k > 0; i++) set.add(words.slice(i, i + k).map(function (x) { return x.w; }).join(' '));
  return set;
}
/* Runs of fewer than MIN_PASSAGE_WORDS words that no shared shingle covers, outside the given ranges: words changed in place. */
function changedRuns(words, other, skip) {
  var k = Math.min(shingleSize, words.length), n = words.length, covered = new Uint8Array(n);
  for (var i = 0; i + k <= n && k > 0; i++) {
    if (other.has(words.slice(i, i + k).map(function (x) { return x.w; }).join(' '))) for (var t = i; t < i + k; t++) covered[t] = 1;
  }
  skip.forEach(function (r) { words.forEach(function (w, t) { if (w.start >= r.start && w.end <= r.end) covered[t] = 1; }); });
  var runs = [];
  for (var a = 0; a < n;) {
    if (covered[a]) { a++; continue; }
    var b = a;
    while (b < n && !covered[b]) b++;
    if (b - a < MIN_PASSAGE_WORDS) runs.push({ start: words[a].start, end: words[b - 1].end });
    a = b;
  }
  return runs;
}
function sentencesOf(text) {
  var out = [], re = /[.!?]+["'”’)\]]*(?=\s)|\n[ \t\r]*\n\s*/g, start = 0, m;
  function push(s, e) {
    while (s < e && /\s/.test(text[s])) s++;
    while (e > s && /\s/.test(text[e - 1])) e--;
    if (e > s && /[\p{L}\p{N}]/u.test(text.slice(s, e))) out.push({ start: s, end: e });
  }
  while ((m = re.exec(text))) { push(start, m.index + m[0].length); start = m.index + m[0].length; }
  push(start, text.length);
  return out;
}
function contentWords(text) {
  var set = new Set();
  wordsOf(text).forEach(function (w) { if (w.w.length > 3) set.add(w.w); });
  return set;
}
function overlap(a, b) {
  if (a.size === 0 || b.size === 0) return 0;
  var shared = 0;
  a.forEach(function (w) { if (b.has(w)) shared++; });
  return shared / (a.size + b.size - shared);
}
/* Sentence pairs given by the report, as offsets ({canonical: {start, end}, member: {start, end}}) or sentence numbers ([c, m]). */
function reportedSentencePairs(m, refSentences, copySentences) {
  var a = m.alignedSentences, list = a && (a.pairs || a.sentences);
  if (!Array.isArray(list)) return null;
  var pairs = [];
  list.forEach(function (e) {
    if (e && e.canonical && e.member) pairs.push({ ref: e.canonical, copy: e.member });
    else if (Array.isArray(e) && e.length === 2 && refSentences[e[0]] && copySentences[e[1]]) pairs.push({ ref: refSentences[e[0]], copy: copySentences[e[1]] });
  });
  return pairs;
}
/* Units of [s.start, s.end) inside the passages (ascending, disjoint). */
function inPassages(s, passages) {
  return passages.reduce(function (n, p) { return n + Math.max(0, Math.min(s.end, p.end) - Math.max(s.start, p.start)); }, 0);
}
/*
 * Re-worded sentences of the copy with the sentence of reference they come from: most words in common, in order. The
 * report counts aligned sentences as shared, so sentences lying mostly in a passage it lists are never paired.
 */
function rewordedPairs(refText, copyText, missing, added) {
  var outside = function (passages) { return function (s) { return 2 * inPassages(s, passages) < s.end - s.start; }; };
  var refS = sentencesOf(refText).filter(outside(missing)), copyS = sentencesOf(copyText).filter(outside(added));
  var refWords = refS.map(function (s) { return contentWords(refText.slice(s.start, s.end)); });
  var pairs = [], from = 0;
  copyS.forEach(function (s) {
    var words = contentWords(copyText.slice(s.start, s.end)), best = -1, bestScore = 0.25;
    for (var i = from; i < refS.length; i++) {
      var score = overlap(words, refWords[i]);
      if (score > bestScore) { best = i; bestScore = score; }
    }
    if (best < 0) return;
    var a = refText.slice(refS[best].start, refS[best].end), b = copyText.slice(s.start, s.end);
    if (a !== b) pairs.push({ ref: refS[best], copy: s });
    from = best + 1;
  });
  return pairs;
}

/* ---------- a text with its marks ---------- */
/* marks: {start, end, kind: 'added'|'missing'|'changed'|'sentence', ...}; passages never overlap each other, nor changed runs. */
function markedText(text, marks, side) {
  var cuts = new Set([0, text.length]);
  marks.forEach(function (m) { cuts.add(Math.max(0, Math.min(text.length, m.start))); cuts.add(Math.max(0, Math.min(text.length, m.end))); });
  var points = Array.from(cuts).sort(function (a, b) { return a - b; });
  var body = el('div', { class: 'text', lang: 'en' });
  for (var i = 0; i + 1 < points.length; i++) {
    var s = points[i], e = points[i + 1], passage = null, changed = false, sentence = null;
    marks.forEach(function (m) {
      if (m.start <= s && m.end >= e) {
        if (m.kind === 'changed') changed = true;
        else if (m.kind === 'sentence') sentence = m;
        else passage = m;
      }
    });
    var piece = text.slice(s, e), node;
    if (passage) {
      node = el(passage.kind === 'added' ? 'ins' : 'del', { class: passage.kind + (passage.boilerplate ? ' boilerplate' : ''), 'data-passage': passage.index,
        title: (passage.kind === 'added' ? 'added by this copy: ' : 'missing from this copy: ') + plural(passage.words, 'word') + (passage.boilerplate ? ' (site boilerplate)' : '') });
      node.textContent = piece;
    } else if (changed) node = el('mark', { class: 'changed', title: 'changed in place', text: piece });
    else if (sentence) node = el('span', { text: piece });
    else node = document.createTextNode(piece);
    if (sentence) {
      node.classList.add('linked');
      node.setAttribute('data-pair', sentence.pair);
      node.setAttribute('data-side', side);
    }
    body.appendChild(node);
  }
  return body;
}

/* ---------- the cluster list (built a page at a time, as it scrolls into view) ---------- */
var state = { relation: '', query: '', shown: groups, current: -1, rendered: 0 };
var lowered = new Map();
function haystack(g) {
  var h = lowered.get(g);
  if (h === undefined) {
    var parts = [g.ref ? g.ref.id : '', g.ref && g.ref.text ? g.ref.text : ''];
    g.pairs.forEach(function (p) { parts.push(p.copy.id, p.copy.text || '', p.ref.id, p.ref.text || ''); });
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

/* ---------- one cluster ---------- */
function figureCells(p) {
  var m = p.m;
  if (isCheck && !m.verified) {
    return [el('td', { text: '~' + fixed(m.estimate.jaccard) }), el('td', { text: '~' + fixed(m.estimate.memberInCanonical) }), el('td', { text: '~' + fixed(m.estimate.canonicalInMember) }),
      el('td', { colspan: 3, text: m.reason })];
  }
  return [el('td', { text: fixed(m.jaccard) }), el('td', { text: fixed(m.containment.memberInCanonical) }), el('td', { text: fixed(m.containment.canonicalInMember) }),
    el('td', { text: wordsIn(m.added) ? '+' + wordsIn(m.added) : '0' }), el('td', { text: wordsIn(m.missing) ? '−' + wordsIn(m.missing) : '0' }), el('td', { text: m.changedWords })];
}
function membersTable(g, selected) {
  var head = el('tr', null, [isCheck ? 'Indexed original' : 'Article', 'Relation', 'Words', 'Date', 'Jaccard', isCheck ? 'In original' : 'In canonical', 'Kept', 'Added', 'Missing', 'Changed'].map(function (h) {
    return el('th', { scope: 'col', text: h });
  }));
  var rows = [];
  if (!isCheck) {
    rows.push(el('tr', { class: 'canonical-row' }, [el('th', { scope: 'row' }, [el('span', { class: 'id', text: g.ref.id })]), el('td', null, [el('span', { class: 'badge rel-canonical', text: 'canonical' })]),
      el('td', { text: g.ref.words }), el('td', { text: g.ref.date ? g.ref.date.slice(0, 10) : '' }), el('td', { colspan: 6, class: 'reason', text: 'the text the others are compared with' })]));
  }
  g.pairs.forEach(function (p, i) {
    var who = isCheck ? p.ref : p.copy;
    var button = el('button', { type: 'button', class: 'compare', 'aria-pressed': i === selected ? 'true' : 'false', 'data-pair-index': i, text: who.id });
    rows.push(el('tr', { class: i === selected ? 'selected' : '' }, [el('th', { scope: 'row' }, [button]),
      el('td', null, [el('span', { class: 'badge rel-' + p.relation, text: LABEL[p.relation] }), p.isNew ? el('span', { class: 'badge new', title: 'not in the baseline', text: 'new' }) : null]), el('td', { text: who.words }), el('td', { text: who.date ? who.date.slice(0, 10) : '' })].concat(figureCells(p))));
  });
  var caption = el('caption', { text: isCheck ? 'Indexed articles this one copies (select one to compare)' : 'Members, closest first (select one to compare it with the canonical)' });
  return el('table', { class: 'members' }, [caption, el('thead', null, [head]), el('tbody', null, rows)]);
}
function column(side, heading, who, marks, note) {
  var body = who.text === undefined ? el('p', { class: 'no-text', text: 'Text not shown: ' + who.why + '.' }) : markedText(who.text, marks, side);
  return el('section', { class: 'column ' + side, 'aria-label': heading + ': ' + who.id }, [
    el('h4', null, [el('span', { class: 'column-role', text: heading }), ' ', el('span', { class: 'id', text: who.id })]),
    note ? el('p', { class: 'column-note', text: note }) : null,
    body,
  ]);
}
function comparison(g, i) {
  var p = g.pairs[i], m = p.m, refMarks = [], copyMarks = [];
  if (isCheck && !m.verified) {
    return el('div', { class: 'comparison' }, [el('p', { class: 'no-text', text: 'Not verified: ' + m.reason + '. Figures are estimates from the stored signature.' })]);
  }
  m.added.forEach(function (x, n) { copyMarks.push({ start: x.start, end: x.end, kind: 'added', words: x.words, boilerplate: x.boilerplate, index: n }); });
  m.missing.forEach(function (x, n) { refMarks.push({ start: x.start, end: x.end, kind: 'missing', words: x.words, boilerplate: x.boilerplate, index: n }); });
  var links = 0;
  if (p.ref.text !== undefined && p.copy.text !== undefined) {
    var refWords = wordsOf(p.ref.text), copyWords = wordsOf(p.copy.text);
    var pairs = reportedSentencePairs(m, sentencesOf(p.ref.text), sentencesOf(p.copy.text));
    if (!pairs && m.basis === 'sentences') pairs = rewordedPairs(p.ref.text, p.copy.text, m.missing, m.added);
    (pairs || []).forEach(function (pair, n) {
      refMarks.push({ start: pair.ref.start, end: pair.ref.end, kind: 'sentence', pair: n });
      copyMarks.push({ start: pair.copy.start, end: pair.copy.end, kind: 'sentence', pair: n });
    });
    links = (pairs || []).length;
    var refSkip = refMarks.filter(function (x) { return x.kind !== 'changed'; });
    var copySkip = copyMarks.filter(function (x) { return x.kind !== 'changed'; });
    changedRuns(copyWords, shingleSet(refWords), copySkip).forEach(function (r) { copyMarks.push({ start: r.start, end: r.end, kind: 'changed' }); });
    changedRuns(refWords, shingleSet(copyWords), refSkip).forEach(function (r) { refMarks.push({ start: r.start, end: r.end, kind: 'changed' }); });
  }
  var a = m.alignedSentences;
  var figures = LABEL[p.relation] + ': Jaccard ' + fixed(m.jaccard) + ', ' + fixed(m.containment.memberInCanonical) + ' of the copy is in the ' + (isCheck ? 'original' : 'canonical') +
    ', ' + fixed(m.containment.canonicalInMember) + ' of the ' + (isCheck ? 'original' : 'canonical') + ' is kept; ' + plural(wordsIn(m.added), 'word') + ' added in ' + plural(m.added.length, 'passage') +
    ', ' + plural(wordsIn(m.missing), 'word') + ' missing in ' + plural(m.missing.length, 'passage') + ', ' + plural(m.changedWords, 'word') + ' changed in place' +
    (a ? '; ' + plural(a.count, 'sentence') + ' follow the ' + (isCheck ? 'original' : 'canonical') + '\'s in order (' + Math.round(a.shareOfMember * 100) + '% of the copy\'s)' : '') + '.';
  var note = links ? plural(links, 're-worded sentence') + ' linked to the sentence it comes from: point at or select one to see its pair.' : null;
  return el('div', { class: 'comparison' }, [
    el('p', { class: 'figures', text: figures }),
    el('div', { class: 'columns' }, [
      column('ref', isCheck ? 'Indexed original' : 'Canonical', p.ref, refMarks, null),
      column('copy', isCheck ? 'This article' : 'Copy', p.copy, copyMarks, note),
    ]),
  ]);
}
function renderGroup(index, pairIndex) {
  var g = state.shown[index], detail = $('detail');
  detail.textContent = '';
  if (!g) {
    detail.appendChild(el('p', { class: 'empty', text: groups.length ? 'No ' + (isCheck ? 'article' : 'cluster') + ' matches the filter.' : (isCheck ? 'No copies of indexed articles found.' : 'No near-duplicates found.') }));
    return;
  }
  var selected = Math.min(pairIndex || 0, g.pairs.length - 1);
  var heading = el('h2', { id: 'detail-heading', tabindex: '-1' }, [g.title + ': ', el('span', { class: 'id', text: isCheck ? g.pairs[0].copy.id : g.ref.id })]);
  var intro = isCheck
    ? el('p', { class: 'reason' }, [plural(g.doc.words, 'word') + (g.doc.alreadyIndexed ? ', itself in the index' : '') + '; copies ' + plural(g.pairs.length, 'indexed article') + '.'])
    : el('p', { class: 'reason' }, [el('strong', { text: 'Why this canonical: ' }), g.reason.text]);
  detail.appendChild(el('article', { class: 'group', 'aria-labelledby': 'detail-heading', 'data-key': g.key }, [heading, intro, membersTable(g, selected), g.pairs.length ? comparison(g, selected) : null]));
  detail.querySelectorAll('button.compare').forEach(function (b) {
    b.addEventListener('click', function () { renderGroup(index, Number(b.getAttribute('data-pair-index'))); var h = $('detail-heading'); if (h) h.focus({ preventScroll: true }); });
  });
}

/* ---------- navigation ---------- */
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
function pairOf(target) { return target && target.closest ? target.closest('.linked[data-pair]') : null; }
function showPair(target, on) {
  var s = pairOf(target);
  if (!s) return;
  var pair = s.getAttribute('data-pair');
  $('detail').querySelectorAll('.linked[data-pair="' + pair + '"]').forEach(function (x) { x.classList.toggle('paired', on); });
}
var detailBox = $('detail');
detailBox.addEventListener('mouseover', function (e) { showPair(e.target, true); });
detailBox.addEventListener('mouseout', function (e) { showPair(e.target, false); });
detailBox.addEventListener('click', function (e) {
  var s = pairOf(e.target);
  if (!s) return;
  var other = s.getAttribute('data-side') === 'ref' ? 'copy' : 'ref';
  detailBox.querySelectorAll('.paired').forEach(function (x) { x.classList.remove('paired'); });
  showPair(s, true);
  var partner = detailBox.querySelector('.linked[data-pair="' + s.getAttribute('data-pair') + '"][data-side="' + other + '"]');
  if (partner && partner.scrollIntoView) partner.scrollIntoView({ block: 'center' });
});
window.addEventListener('hashchange', function () { if (location.hash.length > 1) openKey(decodeURIComponent(location.hash.slice(1)), false); });
applyFilter();
if (location.hash.length > 1) openKey(decodeURIComponent(location.hash.slice(1)), false); else open(0, false);
document.documentElement.setAttribute('data-ready', 'true');
})();
`;
