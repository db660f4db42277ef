/**
 * Derived sentences (the report's `derivedSentences` of a member or a check's match, `sentences` of a related article)
 * as the sentence marks the page draws, each saying what it links to. Self-contained (no other part of the page script), so it is tested on its own. A part of the
 * review page's script (page-script.ts).
 */
export const LINKS = String.raw`/* ---------- derived sentences as marks ---------- */
/*
 * The derived sentences of a pair, [{member: [start, end], canonical: [[start, end], …]}] as the report gives them, as
 * sentence marks of the two texts, each ordered by start: every copy sentence with its own number, every source
 * sentence once with the numbers of all the copy sentences derived from it (one source sentence may feed several, and
 * a copy sentence may condense two). A mark's id names its sentence; links name the derived sentences it takes part in.
 */
function sentenceLinks(derived) {
  var copy = [], ref = [], byRange = new Map();
  (derived || []).forEach(function (d, n) {
    copy.push({ start: d.member[0], end: d.member[1], kind: 'sentence', links: [n], id: 'copy-' + n });
    d.canonical.forEach(function (r) {
      var key = r[0] + ':' + r[1], mark = byRange.get(key);
      if (!mark) { mark = { start: r[0], end: r[1], kind: 'sentence', links: [], id: '' }; byRange.set(key, mark); ref.push(mark); }
      if (mark.links.indexOf(n) < 0) mark.links.push(n);
    });
  });
  var byStart = function (a, b) { return a.start - b.start || a.end - b.end; };
  copy.sort(byStart);
  ref.sort(byStart);
  ref.forEach(function (m, k) { m.id = 'ref-' + k; });
  return { ref: ref, copy: copy };
}
/*
 * Says in each linked sentence's title what it links to, by the opening words of the sentences on the other side: a
 * copy sentence its source(s), a source sentence the copy sentences taken from it.
 */
function labelLinks(linked, refText, copyText, source, copy) {
  var opening = function (text, m) {
    var words = text.slice(m.start, m.end).split(/\s+/);
    return '“' + words.slice(0, 6).join(' ') + (words.length > 6 ? ' …' : '') + '”';
  };
  var sharing = function (marks, links, text) {
    return marks.filter(function (x) { return x.links.some(function (l) { return links.indexOf(l) >= 0; }); }).map(function (x) { return opening(text, x); });
  };
  var how = ': point at it, select it or press Enter to light ';
  linked.copy.forEach(function (c) {
    var from = sharing(linked.ref, c.links, refText);
    c.label = 'Derived from the ' + source + '\'s ' + (from.length > 1 ? 'sentences ' : 'sentence ') + from.join(' and ') + how + (from.length > 1 ? 'them' : 'it') + ' up.';
  });
  linked.ref.forEach(function (r) {
    var to = sharing(linked.copy, r.links, copyText);
    r.label = 'Source of the ' + copy + '\'s ' + (to.length > 1 ? 'sentences ' : 'sentence ') + to.join(' and ') + how + (to.length > 1 ? 'them' : 'it') + ' up.';
  });
  return linked;
}

`;
