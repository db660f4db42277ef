import type { Report } from '../scan-report.js';
import { findings } from './findings.js';
import { safeText } from './safe-text.js';
import { headlineCounts, plural } from './words.js';

/** Clusters listed in the summary; the rest are counted. A pull-request comment is read, not searched. */
const CLUSTERS_SHOWN = 20;

/** Characters the summary stays under: GitHub refuses a comment of more than 65,536, and ids can be long URLs. */
export const MAX_SUMMARY_CHARACTERS = 60_000;

/**
 * A table cell's text: pipes would end the cell, backticks and brackets would format it; line breaks, control and bidi
 * characters are written as visible escapes (safeText), which also keeps them from ending the row.
 */
function cell(text: string): string {
  return safeText(text).replace(/\\/g, '\\\\').replace(/([|`*_[\]<>])/g, '\\$1');
}

const fixed = (x: number) => x.toFixed(2);

/** A Markdown summary for a pull-request comment or a job summary ($GITHUB_STEP_SUMMARY). */
export function renderMarkdown(report: Report): string {
  const s = report.summary;
  const flagged = findings(report);
  const lines = ['## neardup: near-duplicate articles', ''];
  const fresh = report.baseline ? ` (${report.baseline.newDuplicates} new, ${report.baseline.knownDuplicates} in the baseline)` : '';
  const bold = (n: number, one: string) => plural(n, one).replace(/^\d+/, '**$&**');
  const counts = headlineCounts(report);
  const related = counts.related > 0 ? `, ${bold(counts.related, 'related article')} (partial reuse)` : '';
  lines.push(`${bold(s.documents, 'article')}, ${bold(counts.clusters, 'cluster')}, ${bold(s.duplicates, 'duplicate')}${fresh}${related}.`);
  if (s.skipped > 0) lines.push('', `${plural(s.skipped, 'input')} skipped.`);
  if (flagged.length === 0) {
    lines.push('', report.baseline ? 'No new duplicates.' : 'No duplicates.');
    return `${lines.join('\n')}\n`;
  }
  const clusters = [...new Set(flagged.map((f) => f.cluster))];
  const shown = new Set(clusters.slice(0, CLUSTERS_SHOWN));
  lines.push('', '| Cluster | Canonical | Duplicate | Relation | Jaccard | In canonical |', '|---:|---|---|---|---:|---:|');
  // What the closing lines take, at most, is kept free.
  let room = MAX_SUMMARY_CHARACTERS - 300 - lines.reduce((sum, line) => sum + line.length + 1, 0);
  let unlisted = 0;
  for (const f of flagged) {
    if (!shown.has(f.cluster)) continue;
    const m = f.member;
    const row = `| ${f.cluster.id} | ${cell(f.cluster.canonical)} | ${cell(m.id)} | ${m.relation} | ${fixed(m.jaccard)} | ${fixed(m.containment.memberInCanonical)} |`;
    if (unlisted > 0 || row.length + 1 > room) unlisted++;
    else {
      lines.push(row);
      room -= row.length + 1;
    }
  }
  if (unlisted > 0) lines.push('', `… ${plural(unlisted, 'more duplicate')} of these clusters not listed, to keep this summary within a comment's size (see the JSON report).`);
  if (clusters.length > CLUSTERS_SHOWN) lines.push('', `… and ${plural(clusters.length - CLUSTERS_SHOWN, 'more cluster')} (see the JSON report).`);
  return `${lines.join('\n')}\n`;
}
