/**
 * Derived sentences (the report's `derivedSentences` of a member, `sentences` of a related article) as the sentence
 * marks the page draws. Self-contained (no other part of the page script), so it is tested on its own. A part of the
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

`;
