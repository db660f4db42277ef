import type { ChalkInstance } from 'chalk';
import type { Report, ReportMember } from '../scan-report.js';
import { columnHeadings, divergenceLines, figureColumns, relationLabel, verifiedFigures } from './member-lines.js';
import { headlineCounts, plural, relatedPhrase } from './words.js';
import { safeText } from './safe-text.js';

function memberLines(m: ReportMember, c: ChalkInstance): string[] {
  const label = relationLabel(m.relation, 'canonical');
  const relation = m.relation === 'canonical' ? c.bold(label.padEnd(20)) : c.cyan(label.padEnd(20));
  const figures = m.relation === 'canonical' ? figureColumns('—', '—', '—') : verifiedFigures(m);
  const lines = [`  ${relation} ${figures}  ${String(m.words).padStart(6)}  ${safeText(m.id)}`];
  if (m.alignedSentences) {
    const a = m.alignedSentences;
    lines.push(
      c.dim(
        `      ~ ${plural(a.count, 'sentence')} derived from the canonical's (${Math.round(a.shareOfMember * 100)}% of this copy's, ` +
          `${Math.round(a.shareOfCanonical * 100)}% of the canonical's used)`,
      ),
    );
  }
  lines.push(...divergenceLines(m, c, true));
  return lines;
}

/** The human report: a summary line, then one block per cluster, canonical first. */
export function renderTable(report: Report, c: ChalkInstance): string {
  const s = report.summary;
  const counts = headlineCounts(report);
  const out: string[] = [];
  out.push(
    c.bold(
      `${plural(s.documents, 'article')} compared: ${plural(counts.clusters, 'cluster')} of near-duplicates, ` +
        `${plural(s.duplicates, 'duplicate')}${relatedPhrase(counts.related)}` +
        (s.skipped ? `, ${s.skipped} skipped` : '') +
        (s.ignoredFiles ? `, ${plural(s.ignoredFiles, 'other file')} ignored` : '') +
        (s.ignoredByPattern ? `, ${s.ignoredByPattern} left out by ignore rules` : ''),
    ),
  );
  const learned = report.boilerplate;
  if (learned && learned.learned.length > 0) {
    out.push(
      c.dim(
        `Boilerplate: ${plural(learned.learned.length, 'line')} learned from the corpus (in ${learned.minDocuments}+ articles each), ` +
          `${learned.removedLines} removed from comparison`,
      ),
    );
  }
  // Whether any member rests on aligned sentences: the legend then explains "~".
  let anyAligned = false;
  for (const cluster of report.clusters) {
    // Read once: a report cluster's members are made again at each read (scan-report.ts).
    const members = cluster.members;
    const standing = report.baseline?.clusters.find((k) => k.cluster === cluster.id);
    const status = !standing ? '' : standing.status === 'known' ? ' (in baseline)' : standing.status === 'new' ? ' (new)' : ` (in baseline, ${standing.newMembers.length} new)`;
    const heading = members.length > 1 ? plural(members.length, 'article') : `1 article, no copies; the source of ${plural(cluster.related?.length ?? 0, 'related article')}`;
    out.push('', c.bold(`Cluster ${cluster.id}: ${heading}${status}`));
    out.push(c.dim(`  canonical: ${safeText(cluster.canonicalReason.text)}`));
    out.push(columnHeadings('in canon', 'article', c));
    for (const m of members) out.push(...memberLines(m, c));
    anyAligned ||= members.some((m) => m.alignedSentences);
    if (members.some((m) => m.reason === 'too-short-to-judge')) out.push(c.dim('  too short to judge (under 25 words): grouped only as exact copies of the same words'));
    for (const r of cluster.related ?? []) {
      out.push(
        c.dim(
          `  related (partial reuse): ${safeText(r.id)}, ${plural(r.derivedSentences, 'sentence')} from ${safeText(r.of)} ` +
            `(${Math.round(r.shareOfArticle * 100)}% of its sentences); a story of its own, not a duplicate`,
        ),
      );
    }
  }
  if (report.clusters.length > 0) {
    out.push(
      '',
      c.dim('jaccard: shared / all 5-word shingles of the pair; in canon: share of the copy found in the canonical;'),
      ...(anyAligned
        ? [
            c.dim('kept: share of the canonical found in the copy; + passages the copy adds, - passages it lacks; ~ sentences'),
            c.dim("re-worded from the canonical's (each keeps the content words, phrasing and numbers of its source)."),
          ]
        : [c.dim('kept: share of the canonical found in the copy; + passages the copy adds, - passages it lacks.')]),
    );
  } else out.push('', 'No near-duplicates found.');
  return `${out.join('\n')}\n`;
}
