import type { ChalkInstance } from 'chalk';
import type { CheckReport, CheckReportMatch } from '../check-report.js';
import { renderHtml, type RenderExtras } from './html.js';
import { columnHeadings, divergenceLines, figureColumns, fixed, relationLabel, verifiedFigures } from './member-lines.js';
import { plural } from './words.js';
import { safeText } from './safe-text.js';

/** Turns a check report into the text written on stdout. */
export type CheckReporter = (report: CheckReport, colors: ChalkInstance, extras?: RenderExtras) => string;

function originalName(m: CheckReportMatch): string {
  return safeText(m.original.line === undefined ? m.original.id : `${m.original.id} (${m.original.source}:${m.original.line})`);
}

function matchLines(m: CheckReportMatch, c: ChalkInstance): string[] {
  if (!m.verified) {
    const e = m.estimate;
    const figures = figureColumns(`~${fixed(e.jaccard)}`, `~${fixed(e.memberInCanonical)}`, `~${fixed(e.canonicalInMember)}`);
    return [`  ${c.yellow('unverified'.padEnd(20))} ${figures}  ${String(m.original.words).padStart(6)}  ${originalName(m)}`, c.dim(`      ${safeText(m.reason)}: figures estimated from the stored signature`)];
  }
  const lines = [`  ${c.cyan(relationLabel(m.relation, 'same text').padEnd(20))} ${verifiedFigures(m)}  ${String(m.original.words).padStart(6)}  ${originalName(m)}`];
  if (m.alignedSentences) {
    const a = m.alignedSentences;
    lines.push(c.dim(`      ~ ${a.count} sentences follow the original's in order (${Math.round(a.shareOfMember * 100)}% of this article's)`));
  }
  if (m.reason === 'too-short-to-judge') lines.push(c.dim('      too short to judge (under 25 words): matched only as an exact copy of the same words'));
  lines.push(...divergenceLines(m, c, false));
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
    out.push(columnHeadings('in orig', 'original', c));
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
