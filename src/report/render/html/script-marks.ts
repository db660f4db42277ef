/**
 * Words and shingles as the page recomputes them for the marks the report gives as counts only (words changed in
 * place), and a text drawn with its marks. A part of the review page's script (page-script.ts).
 */
export const MARKS = String.raw`/* ---------- words and shingles (for marks the report gives as counts only) ---------- */
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

/* ---------- a text with its marks ---------- */
/*
 * marks: {start, end, kind: 'added'|'missing'|'changed'|'sentence', ...}; passages never overlap each other, nor changed
 * runs, but a sentence may overlap either: the text is cut at every mark's ends, and each piece carries all that cover
 * it (a passage's or a changed word's element, linked as part of its sentence).
 */
function markedText(text, marks, side) {
  var focusable = new Set(), cuts = new Set([0, text.length]);
  marks.forEach(function (m) { cuts.add(Math.max(0, Math.min(text.length, m.start))); cuts.add(Math.max(0, Math.min(text.length, m.end))); });
  var points = Array.from(cuts).sort(function (a, b) { return a - b; });
  var body = el('div', { class: 'text', lang: 'en' });
  for (var i = 0; i + 1 < points.length; i++) {
    var s = points[i], e = points[i + 1], passage = null, changed = false, sentence = null, links = [];
    marks.forEach(function (m) {
      if (m.start <= s && m.end >= e) {
        if (m.kind === 'changed') changed = true;
        else if (m.kind === 'sentence') {
          if (!sentence) sentence = m;
          m.links.forEach(function (l) { if (links.indexOf(l) < 0) links.push(l); });
        } else passage = m;
      }
    });
    var piece = text.slice(s, e), node;
    if (passage) {
      node = el(passage.kind === 'added' ? 'ins' : 'del', { class: passage.kind + (passage.boilerplate ? ' boilerplate' : ''), 'data-passage': passage.index,
        title: (passage.kind === 'added' ? 'added by this copy: ' : 'missing from this copy: ') + plural(passage.words, 'word') + (passage.boilerplate ? ' (site boilerplate)' : '') });
      node.textContent = piece;
    } else if (changed) node = el('mark', { class: 'changed', title: 'changed in place', text: piece });
    else if (sentence) node = el('span', { text: piece, title: side === 'copy' ? 'derived sentence: point at or select it to see its source' : 'source of ' + plural(links.length, 'derived sentence') });
    else node = document.createTextNode(piece);
    if (sentence) {
      node.classList.add('linked');
      node.setAttribute('data-links', links.join(' '));
      node.setAttribute('data-sentence', sentence.id);
      node.setAttribute('data-side', side);
      // One stop of the keyboard per sentence, on its first piece, which says what the sentence links to.
      if (!focusable.has(sentence.id)) {
        focusable.add(sentence.id);
        node.setAttribute('tabindex', '0');
        node.setAttribute('role', 'button');
        if (sentence.label) node.setAttribute('title', sentence.label + (node.title && node.tagName !== 'SPAN' ? ' (' + node.title + ')' : ''));
      }
    }
    body.appendChild(node);
  }
  return body;
}

`;
