import type { ChalkInstance } from 'chalk';
import type { CheckReport, CheckReportMatch } from '../check-report.js';
import type { ReportPassage } from '../scan-report.js';
import type { Relation } from '../../judge/relation.js';
import { renderHtml, type RenderExtras } from './html.js';
import { plural } from './words.js';
import { safeText } from './safe-text.js';

/** Turns a check report into the text written on stdout. */
export type CheckReporter = (report: CheckReport, colors: ChalkInstance, extras?: RenderExtras) => string;

const RELATION_LABEL: Readonly<Record<Relation, string>> = {
  canonical: 'same text',
  copy: 'copy',
  'copy-with-additions': 'copy with additions',
  shortened: 'shortened',
  updated: 'updated',
  rewritten: 'rewritten',
};

const PASSAGES_SHOWN = 3;
const fixed = (x: number) => x.toFixed(2);

function passageLines(sign: string, passages: readonly ReportPassage[], paint: (s: string) => string): string[] {
  const shown = [...passages].sort((a, b) => b.words - a.words).slice(0, PASSAGES_SHOWN).sort((a, b) => a.start - b.start);
  const lines = shown.map((p) => paint(`      ${sign} ${plural(p.words, 'word')} ${p.at === 'middle' ? 'in the middle' : `at the ${p.at}`}: "${safeText(p.opening)}"`));
  if (passages.length > shown.length) lines.push(paint(`      ${sign} … ${passages.length - shown.length} smaller`));
  return lines;
}

function originalName(m: CheckReportMatch): string {
  return safeText(m.original.line === undefined ? m.original.id : `${m.original.id} (${m.original.source}:${m.original.line})`);
}

function matchLines(m: CheckReportMatch, c: ChalkInstance): string[] {
  if (!m.verified) {
    const e = m.estimate;
    const figures = `${`~${fixed(e.jaccard)}`.padStart(7)}  ${`~${fixed(e.memberInCanonical)}`.padStart(8)}  ${`~${fixed(e.canonicalInMember)}`.padStart(5)}`;
    return [`  ${c.yellow('unverified'.padEnd(20))} ${figures}  ${String(m.original.words).padStart(6)}  ${originalName(m)}`, c.dim(`      ${safeText(m.reason)}: figures estimated from the stored signature`)];
  }
  const figures = `${fixed(m.jaccard).padStart(7)}  ${fixed(m.containment.memberInCanonical).padStart(8)}  ${fixed(m.containment.canonicalInMember).padStart(5)}`;
  const lines = [`  ${c.cyan(RELATION_LABEL[m.relation].padEnd(20))} ${figures}  ${String(m.original.words).padStart(6)}  ${originalName(m)}`];
  if (m.alignedSentences) {
    const a = m.alignedSentences;
    lines.push(c.dim(`      ~ ${a.count} sentences follow the original's in order (${Math.round(a.shareOfMember * 100)}% of this article's)`));
  }
  lines.push(...passageLines('+', m.added, c.green), ...passageLines('-', m.missing, c.red));
  if (m.changedWords > 0) lines.push(c.dim(`      ${plural(m.changedWords, 'word')} changed in place`));
  return lines;
}

/** The human check report: a summary line, then one block per new article that copies indexed ones. */
export function renderCheckTable(report: CheckReport, c: ChalkInstance): string {
  const s = report.summary;
  const out = [
    c.bold(
      `${plural(s.checked, 'article')} checked against an index of ${plural(report.index.documents, 'article')}: ` +
        `${s.withCopies} with copies of indexed articles (${plural(s.matches, 'match', 'matches')}` +
        (s.unverified ? `, ${s.unverified} unverified` : '') +
        ')' +
        (s.skipped ? `, ${s.skipped} skipped` : '') +
        (s.ignoredFiles ? `, ${plural(s.ignoredFiles, 'other file')} ignored` : ''),
    ),
  ];
  for (const doc of report.documents) {
    out.push('', c.bold(`${safeText(doc.id)} (${plural(doc.words, 'word')})${doc.alreadyIndexed ? ', itself in the index' : ''}`));
    out.push(c.dim(`  ${'relation'.padEnd(20)} ${'jaccard'.padStart(7)}  ${'in orig'.padStart(8)}  ${'kept'.padStart(5)}  ${'words'.padStart(6)}  original`));
    for (const m of doc.matches) out.push(...matchLines(m, c));
  }
  if (report.documents.length > 0) {
    out.push(
      '',
      c.dim('jaccard: shared / all 5-word shingles of the pair; in orig: share of the new article found in the original;'),
      c.dim('kept: share of the original found in the new article; + passages the new article adds, - passages it lacks.'),
    );
  } else out.push('', 'No copies of indexed articles found.');
  return `${out.join('\n')}\n`;
}

export const checkReporters = {
  table: renderCheckTable,
  json: (report: CheckReport) => `${JSON.stringify(report, null, 2)}\n`,
  html: (report: CheckReport, _colors: ChalkInstance, extras?: RenderExtras) => renderHtml(report, extras?.texts),
} satisfies Record<string, CheckReporter>;
