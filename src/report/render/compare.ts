import type { ChalkInstance } from 'chalk';
import type { CompareReport, CompareReportArticle } from '../compare-report.js';
import type { PairRelation } from '../../judge/pair-figures.js';
import { plural } from './words.js';
import { safeText } from './safe-text.js';

/** Turns a compare report into the text written on stdout. */
export type CompareReporter = (report: CompareReport, colors: ChalkInstance) => string;

/** Characters of each sentence the table shows (the JSON gives them whole). */
const SENTENCE_SHOWN = 72;

const fixed = (x: number) => x.toFixed(2);
const percent = (x: number) => `${Math.round(x * 100)}%`;

function excerpt(text: string): string {
  const folded = text.replace(/\s+/g, ' ').trim();
  return safeText(folded.length <= SENTENCE_SHOWN ? folded : `${folded.slice(0, SENTENCE_SHOWN - 1)}…`);
}

function articleLine(name: string, a: CompareReportArticle, c: ChalkInstance): string {
  const place = a.line === undefined || a.id === a.source ? '' : ` (${a.source}:${a.line})`;
  const date = a.date === undefined ? '' : `, ${a.date}`;
  return `${c.bold(`${name}:`)} ${safeText(a.id)}${safeText(place)}: ${plural(a.words, 'word')}, ${plural(a.shingles, 'shingle')}, ${plural(a.sentences, 'sentence')} judged${date}`;
}

function relationLines(title: string, r: PairRelation, c: ChalkInstance): string[] {
  const paint = r.relation === 'none' ? c.dim : r.relation === 'related' ? c.yellow : c.cyan;
  const basis = r.basis === undefined ? '' : ` (by ${r.basis})`;
  return [`${title}: ${paint(r.relation)}${basis}`, c.dim(`  ${safeText(r.reason)}`)];
}

/** The human compare report: both articles, the relation each way, the figures, then A's derived sentences. */
export function renderCompareTable(report: CompareReport, c: ChalkInstance): string {
  const s = report.shingles;
  const t = report.sentences;
  const out = [articleLine('A', report.a, c), articleLine('B', report.b, c), ''];
  out.push(...relationLines('A with B as canonical', report.relation, c));
  if (report.reverse) out.push(...relationLines('B with A as canonical', report.reverse, c));
  else out.push(`B with A as canonical: ${c.dim('the same relation')}`);
  out.push(
    '',
    `${`shingles (${report.params.shingleSize} words)`.padEnd(22)}jaccard ${fixed(s.jaccard)} (MinHash estimate ${fixed(s.estimatedJaccard)}), ` +
      `A in B ${fixed(s.aInB)}, B in A ${fixed(s.bInA)}, ${s.shared} shared`,
    `${'sentences'.padEnd(22)}${t.aligned.length} of A's ${report.a.sentences} derived from B (${percent(t.shareOfA)}), ${percent(t.shareOfB)} of B's ${report.b.sentences} used`,
  );
  if (t.aligned.length > 0) {
    out.push('', c.dim(`  ${'A#'.padStart(4)}  ${'kind'.padEnd(10)}  ${'from B#'.padEnd(8)}  A's sentence`));
    for (const pair of t.aligned) {
      const from = pair.b.map((b) => b.index).join('+');
      out.push(`  ${String(pair.a.index).padStart(4)}  ${pair.kind.padEnd(10)}  ${from.padEnd(8)}  "${excerpt(pair.a.text)}"`);
    }
  }
  out.push(
    '',
    c.dim('jaccard: shared / all shingles of the pair; A in B: share of A\'s shingles found in B; sentences: those with at least'),
    c.dim('4 content words, numbered from 0; kind: verbatim (same words), re-worded, or condensed (one sentence from two of B\'s).'),
  );
  return `${out.join('\n')}\n`;
}

export const compareReporters = {
  table: renderCompareTable,
  json: (report: CompareReport) => `${JSON.stringify(report, null, 2)}\n`,
} satisfies Record<string, CompareReporter>;

export type CompareReporterName = keyof typeof compareReporters;
