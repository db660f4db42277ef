/**
 * The page's view of the report: the embedded data, small helpers, the groups (a cluster or a checked article, with
 * its article of reference and copies) and the summary. A part of the review page's script (page-script.ts).
 */
export const REPORT_VIEW = String.raw`(function () {
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
function percent(x) { return typeof x === 'number' ? Math.round(x * 100) + '%' : ''; }
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
/* The filter's value for clusters with related articles (partial reuse): not a relation, as NEW is not. */
var RELATED = 'related';
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
      // Articles that took passages from a member, each shown beside that member.
      related: (c.related || []).map(function (r) {
        var of = c.members.find(function (m) { return m.id === r.of; }) || { id: r.of };
        return { r: r, canonical: c.canonical, ref: { id: of.id, words: of.words, date: of.date, text: textOf(data.articles, of.id), why: whyMissing(data.missing, of.id) },
          copy: { id: r.id, words: r.words, date: r.date, text: textOf(data.articles, r.id), why: whyMissing(data.missing, r.id) } };
      }),
    };
  });
}
function checkGroups() {
  return report.documents.map(function (d, i) {
    var copy = { id: d.id, words: d.words, text: textOf(data.articles, d.id), why: whyMissing(data.missing, d.id) };
    return {
      key: 'article-' + (i + 1), title: 'Article ' + (i + 1), number: i + 1, reason: null, members: null, ref: null, doc: d, related: [],
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
  if (g.related.length) g.relations[RELATED] = true;
  g.ids = [g.pairs.length ? g.pairs[0].copy.id : ''].concat(g.pairs.map(function (p) { return isCheck ? p.ref.id : p.copy.id; }));
  if (!isCheck) g.ids[0] = g.ref.id;
});

/* ---------- summary ---------- */
function renderSummary() {
  var s = report.summary;
  var items = isCheck
    ? [['Articles checked', s.checked], ['With copies', s.withCopies], ['Matches', s.matches], ['Unverified', s.unverified], ['Index size', report.index.documents], ['Skipped', s.skipped]]
    : [['Articles', s.documents], ['Clusters', 0], ['Duplicates', s.duplicates], ['Skipped', s.skipped]];
  if (!isCheck) {
    // A text reported only as the source of related articles is a cluster of one, not a cluster of near-duplicates.
    var related = 0;
    items[1][1] = report.clusters.filter(function (c) { related += c.related ? c.related.length : 0; return c.members.length > 1; }).length;
    if (related > 0) items.splice(3, 0, ['Related (partial reuse)', related]);
  }
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

`;
