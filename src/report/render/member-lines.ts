import type { ChalkInstance } from 'chalk';
import type { ReportPassage } from '../scan-report.js';
import type { Relation } from '../../judge/relation.js';
import { plural } from './words.js';
import { safeText } from './safe-text.js';

const RELATION_LABEL: Readonly<Record<Exclude<Relation, 'canonical'>, string>> = {
  copy: 'copy',
  'copy-with-additions': 'copy with additions',
  shortened: 'shortened',
  updated: 'updated',
  rewritten: 'rewritten',
};

/** How the scan and check tables name a relation; `canonical` names the canonical's own (the two tables differ). */
export function relationLabel(relation: Relation, canonical: string): string {
  return relation === 'canonical' ? canonical : RELATION_LABEL[relation];
}

/** Passages listed per article and side in a table (the JSON lists all). */
const PASSAGES_SHOWN = 3;

/** A figure as the tables print it. */
export const fixed = (x: number) => x.toFixed(2);

/** The figures' columns of a row: jaccard, then the two containments. */
export function figureColumns(jaccard: string, inReference: string, kept: string): string {
  return `${jaccard.padStart(7)}  ${inReference.padStart(8)}  ${kept.padStart(5)}`;
}

/** The figures of a verified pair, as figureColumns lays them out. */
export function verifiedFigures(m: { jaccard: number; containment: { memberInCanonical: number; canonicalInMember: number } }): string {
  return figureColumns(fixed(m.jaccard), fixed(m.containment.memberInCanonical), fixed(m.containment.canonicalInMember));
}

/** The dimmed heading above the rows: `inReference` names the second figure, `article` the last column. */
export function columnHeadings(inReference: string, article: string, c: ChalkInstance): string {
  return c.dim(`  ${'relation'.padEnd(20)} ${figureColumns('jaccard', inReference, 'kept')}  ${'words'.padStart(6)}  ${article}`);
}

/**
 * The longest passages of one side, in text order, and how many smaller ones were left out. With `markBoilerplate`,
 * real additions and cuts come before site furniture, which is labelled as such.
 */
function passageLines(sign: string, passages: readonly ReportPassage[], paint: (s: string) => string, markBoilerplate: boolean): string[] {
  const shown = [...passages]
    .sort((a, b) => (markBoilerplate ? Number(a.boilerplate) - Number(b.boilerplate) : 0) || b.words - a.words)
    .slice(0, PASSAGES_SHOWN)
    .sort((a, b) => a.start - b.start);
  const lines = shown.map((p) =>
    paint(
      `      ${sign} ${plural(p.words, 'word')} ${p.at === 'middle' ? 'in the middle' : `at the ${p.at}`}${markBoilerplate && p.boilerplate ? ' (site boilerplate)' : ''}: "${safeText(p.opening)}"`,
    ),
  );
  if (passages.length > shown.length) lines.push(paint(`      ${sign} … ${passages.length - shown.length} smaller`));
  return lines;
}

/** The lines under an article's row: the passages it adds (+) and lacks (-), then the words changed in place. */
export function divergenceLines(
  m: { added: readonly ReportPassage[]; missing: readonly ReportPassage[]; changedWords: number },
  c: ChalkInstance,
  markBoilerplate: boolean,
): string[] {
  const lines = [...passageLines('+', m.added, c.green, markBoilerplate), ...passageLines('-', m.missing, c.red, markBoilerplate)];
  if (m.changedWords > 0) lines.push(c.dim(`      ${plural(m.changedWords, 'word')} changed in place`));
  return lines;
}
