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
/* The related articles of a cluster: each with the member it took passages from, and its figures. */
function relatedTable(g, selected) {
  var head = el('tr', null, ['Related article', 'Took passages from', 'Words', 'Date', 'Sentences taken', 'Of the article', 'Of the member used'].map(function (h) {
    return el('th', { scope: 'col', text: h });
  }));
  var rows = g.related.map(function (x, i) {
    var r = x.r;
    var button = el('button', { type: 'button', class: 'open-related', 'aria-pressed': i === selected ? 'true' : 'false', 'data-related-index': i, text: r.id });
    return el('tr', { class: i === selected ? 'selected' : '' }, [el('th', { scope: 'row' }, [button]), el('td', null, [el('span', { class: 'id', text: r.of })]),
      el('td', { text: r.words }), el('td', { text: r.date ? r.date.slice(0, 10) : '' }), el('td', { text: r.derivedSentences }),
      el('td', { text: percent(r.shareOfArticle) }), el('td', { text: percent(r.shareOfSource) })]);
  });
  var caption = el('caption', { text: 'Related articles (passages taken, not duplicates): select one to read it beside the member it took them from' });
  return el('table', { class: 'related-articles' }, [caption, el('thead', null, [head]), el('tbody', null, rows)]);
}
function column(side, heading, who, marks, note) {
  var body = who.text === undefined ? el('p', { class: 'no-text', text: 'Text not shown: ' + who.why + '.' }) : markedText(who.text, marks, side);
  return el('section', { class: 'column ' + side, 'aria-label': heading + ': ' + who.id }, [
    el('h4', null, [el('span', { class: 'column-role', text: heading }), ' ', el('span', { class: 'id', text: who.id })]),
    note ? el('p', { class: 'column-note', text: note }) : null,
    body,
  ]);
}
/* "N of the copy's sentences derive from the canonical's (X% of the copy's, Y% of the canonical's used)". */
function derivedFigures(count, shareOfCopy, shareOfSource, copy, source) {
  return count + ' of the ' + copy + '\'s sentences ' + (count === 1 ? 'derives' : 'derive') + ' from the ' + source + '\'s (' + percent(shareOfCopy) + ' of the ' + copy + '\'s, ' +
    percent(shareOfSource) + ' of the ' + source + '\'s used)';
}
function linkNote(links, source) {
  if (!links) return null;
  return plural(links, 'sentence') + ' derived from the ' + source + '\'s: point at or select one to light up the sentence' + ' (or two it condenses) it comes from.';
}
function comparison(g, i) {
  var p = g.pairs[i], m = p.m, refMarks = [], copyMarks = [];
  var refName = isCheck ? 'original' : 'canonical';
  if (isCheck && !m.verified) {
    return el('div', { class: 'comparison' }, [el('p', { class: 'no-text', text: 'Not verified: ' + m.reason + '. Figures are estimates from the stored signature.' })]);
  }
  m.added.forEach(function (x, n) { copyMarks.push({ start: x.start, end: x.end, kind: 'added', words: x.words, boilerplate: x.boilerplate, index: n }); });
  m.missing.forEach(function (x, n) { refMarks.push({ start: x.start, end: x.end, kind: 'missing', words: x.words, boilerplate: x.boilerplate, index: n }); });
  var links = 0;
  if (p.ref.text !== undefined && p.copy.text !== undefined) {
    var refWords = wordsOf(p.ref.text), copyWords = wordsOf(p.copy.text);
    // The report's derived sentences: a scan's member's, or a check's match's (the new article as the copy).
    var linked = labelLinks(sentenceLinks(m.derivedSentences), p.ref.text, p.copy.text, refName, 'copy');
    refMarks = refMarks.concat(linked.ref);
    copyMarks = copyMarks.concat(linked.copy);
    links = linked.copy.length;
    // Words changed in place are looked for outside passages and derived sentences, as the report counts them.
    var refSkip = refMarks.slice(), copySkip = copyMarks.slice();
    changedRuns(copyWords, shingleSet(refWords), copySkip).forEach(function (r) { copyMarks.push({ start: r.start, end: r.end, kind: 'changed' }); });
    changedRuns(refWords, shingleSet(copyWords), refSkip).forEach(function (r) { refMarks.push({ start: r.start, end: r.end, kind: 'changed' }); });
  }
  var a = m.alignedSentences;
  var figures = LABEL[p.relation] + ': Jaccard ' + fixed(m.jaccard) + ', ' + fixed(m.containment.memberInCanonical) + ' of the copy is in the ' + refName +
    ', ' + fixed(m.containment.canonicalInMember) + ' of the ' + refName + ' is kept; ' + plural(wordsIn(m.added), 'word') + ' added in ' + plural(m.added.length, 'passage') +
    ', ' + plural(wordsIn(m.missing), 'word') + ' missing in ' + plural(m.missing.length, 'passage') + ', ' + plural(m.changedWords, 'word') + ' changed in place' +
    (a ? '; ' + derivedFigures(a.count, a.shareOfMember, a.shareOfCanonical, 'copy', refName) : '') + '.' +
    (m.reason === 'too-short-to-judge' ? ' Too short to judge (under 25 words): linked only as an exact copy of the same words.' : '');
  return el('div', { class: 'comparison' }, [
    el('p', { class: 'figures', text: figures }),
    el('div', { class: 'columns' }, [
      column('ref', isCheck ? 'Indexed original' : 'Canonical', p.ref, refMarks, null),
      column('copy', isCheck ? 'This article' : 'Copy', p.copy, copyMarks, linkNote(links, refName)),
    ]),
  ]);
}
/* A related article beside the member it took passages from: only its derived sentences are marked, the rest is its own. */
function relatedComparison(x) {
  var r = x.r, linked = { ref: [], copy: [] };
  if (x.ref.text !== undefined && x.copy.text !== undefined) linked = labelLinks(sentenceLinks(r.sentences), x.ref.text, x.copy.text, 'member', 'article');
  var figures = 'Related, not a duplicate: ' + derivedFigures(r.derivedSentences, r.shareOfArticle, r.shareOfSource, 'article', 'member') +
    '; too few for a rewrite, so the rest is a story of its own.';
  return el('div', { class: 'comparison' }, [
    el('p', { class: 'figures', text: figures }),
    el('div', { class: 'columns' }, [
      column('ref', x.ref.id === x.canonical ? 'Canonical (source of passages)' : 'Member (source of passages)', x.ref, linked.ref, null),
      column('copy', 'Related article', x.copy, linked.copy, linkNote(linked.copy.length, 'member')),
    ]),
  ]);
}
/* pick: a member's index among the pairs, or {related: i} for a related article; a cluster with no copies opens its first related one. */
function renderGroup(index, pick) {
  var g = state.shown[index], detail = $('detail');
  detail.textContent = '';
  if (!g) {
    detail.appendChild(el('p', { class: 'empty', text: groups.length ? 'No ' + (isCheck ? 'article' : 'cluster') + ' matches the filter.' : (isCheck ? 'No copies of indexed articles found.' : 'No near-duplicates found.') }));
    return;
  }
  if (typeof pick !== 'object' && g.pairs.length === 0 && g.related.length) pick = { related: 0 };
  var related = pick && typeof pick === 'object' ? Math.min(pick.related, g.related.length - 1) : -1;
  var selected = related >= 0 ? -1 : Math.min(pick || 0, g.pairs.length - 1);
  var heading = el('h2', { id: 'detail-heading', tabindex: '-1' }, [g.title + ': ', el('span', { class: 'id', text: isCheck ? g.pairs[0].copy.id : g.ref.id })]);
  var intro = isCheck
    ? el('p', { class: 'reason' }, [plural(g.doc.words, 'word') + (g.doc.alreadyIndexed ? ', itself in the index' : '') + '; copies ' + plural(g.pairs.length, 'indexed article') + '.'])
    : el('p', { class: 'reason' }, [el('strong', { text: 'Why this canonical: ' }), g.reason.text]);
  var shown = related >= 0 ? relatedComparison(g.related[related]) : selected >= 0 ? comparison(g, selected) : null;
  detail.appendChild(el('article', { class: 'group', 'aria-labelledby': 'detail-heading', 'data-key': g.key }, [heading, intro, membersTable(g, selected),
    g.related.length ? relatedTable(g, related) : null, shown]));
  var refocus = function () { var h = $('detail-heading'); if (h) h.focus({ preventScroll: true }); };
  detail.querySelectorAll('button.compare').forEach(function (b) {
    b.addEventListener('click', function () { renderGroup(index, Number(b.getAttribute('data-pair-index'))); refocus(); });
  });
  detail.querySelectorAll('button.open-related').forEach(function (b) {
    b.addEventListener('click', function () { renderGroup(index, { related: Number(b.getAttribute('data-related-index')) }); refocus(); });
  });
}

`;
