import type { ChalkInstance } from 'chalk';
import type { Report, ReportMember, ReportPassage } from '../scan-report.js';
import type { Relation } from '../../judge/relation.js';
import { plural } from './words.js';
import { safeText } from './safe-text.js';

const RELATION_LABEL: Readonly<Record<Relation, string>> = {
  canonical: 'canonical',
  copy: 'copy',
  'copy-with-additions': 'copy with additions',
  shortened: 'shortened',
  updated: 'updated',
  rewritten: 'rewritten',
};

/** Passages listed per member and side in the table (the JSON lists all). */
const PASSAGES_SHOWN = 3;

const fixed = (x: number) => x.toFixed(2);

function passageLines(sign: string, passages: readonly ReportPassage[], paint: (s: string) => string): string[] {
  // Real additions and cuts before site furniture, then the longest.
  const shown = [...passages]
    .sort((a, b) => Number(a.boilerplate) - Number(b.boilerplate) || b.words - a.words)
    .slice(0, PASSAGES_SHOWN)
    .sort((a, b) => a.start - b.start);
  const lines = shown.map((p) =>
    paint(`      ${sign} ${plural(p.words, 'word')} ${p.at === 'middle' ? 'in the middle' : `at the ${p.at}`}${p.boilerplate ? ' (site boilerplate)' : ''}: "${safeText(p.opening)}"`),
  );
  if (passages.length > shown.length) lines.push(paint(`      ${sign} … ${passages.length - shown.length} smaller`));
  return lines;
}

function memberLines(m: ReportMember, c: ChalkInstance): string[] {
  const label = RELATION_LABEL[m.relation];
  const relation = m.relation === 'canonical' ? c.bold(label.padEnd(20)) : c.cyan(label.padEnd(20));
  const figures =
    m.relation === 'canonical'
      ? `${'—'.padStart(7)}  ${'—'.padStart(8)}  ${'—'.padStart(5)}`
      : `${fixed(m.jaccard).padStart(7)}  ${fixed(m.containment.memberInCanonical).padStart(8)}  ${fixed(m.containment.canonicalInMember).padStart(5)}`;
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
  lines.push(...passageLines('+', m.added, c.green), ...passageLines('-', m.missing, c.red));
  if (m.changedWords > 0) lines.push(c.dim(`      ${plural(m.changedWords, 'word')} changed in place`));
  return lines;
}

/** The human report: a summary line, then one block per cluster, canonical first. */
export function renderTable(report: Report, c: ChalkInstance): string {
  const s = report.summary;
  const out: string[] = [];
  out.push(
    c.bold(
      `${plural(s.documents, 'article')} compared: ${plural(s.clusters, 'cluster')} of near-duplicates, ` +
        `${plural(s.duplicates, 'duplicate')}` +
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
  for (const cluster of report.clusters) {
    const standing = report.baseline?.clusters.find((k) => k.cluster === cluster.id);
    const status = !standing ? '' : standing.status === 'known' ? ' (in baseline)' : standing.status === 'new' ? ' (new)' : ` (in baseline, ${standing.newMembers.length} new)`;
    out.push('', c.bold(`Cluster ${cluster.id}: ${plural(cluster.members.length, 'article')}${status}`));
    out.push(c.dim(`  canonical: ${safeText(cluster.canonicalReason.text)}`));
    out.push(c.dim(`  ${'relation'.padEnd(20)} ${'jaccard'.padStart(7)}  ${'in canon'.padStart(8)}  ${'kept'.padStart(5)}  ${'words'.padStart(6)}  article`));
    for (const m of cluster.members) out.push(...memberLines(m, c));
    if (cluster.members.some((m) => m.reason === 'too-short-to-judge')) out.push(c.dim('  too short to judge (under 25 words): grouped only as exact copies of the same words'));
    for (const r of cluster.related ?? []) {
      out.push(
        c.dim(
          `  related (partial reuse): ${r.id}, ${plural(r.derivedSentences, 'sentence')} from ${r.of} ` +
            `(${Math.round(r.shareOfArticle * 100)}% of its sentences); a story of its own, not a duplicate`,
        ),
      );
    }
  }
  if (report.clusters.length > 0) {
    out.push(
      '',
      c.dim('jaccard: shared / all 5-word shingles of the pair; in canon: share of the copy found in the canonical;'),
      c.dim('kept: share of the canonical found in the copy; + passages the copy adds, - passages it lacks.'),
    );
  } else out.push('', 'No near-duplicates found.');
  return `${out.join('\n')}\n`;
}
