/**
 * One cluster or checked article: its members' figures and the side-by-side comparison of a pair. A part of the
 * review page's script (page-script.ts).
 */
export const GROUP = String.raw`/* ---------- one cluster ---------- */
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

`;
