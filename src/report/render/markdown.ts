import type { Report } from '../scan-report.js';
import { findings } from './findings.js';
import { safeText } from './safe-text.js';

/** Clusters listed in the summary; the rest are counted. A pull-request comment is read, not searched. */
const CLUSTERS_SHOWN = 20;

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
  lines.push(`**${s.documents}** articles, **${s.clusters}** clusters, **${s.duplicates}** duplicates${fresh}.`);
  if (s.skipped > 0) lines.push('', `${s.skipped} inputs skipped.`);
  if (flagged.length === 0) {
    lines.push('', report.baseline ? 'No new duplicates.' : 'No duplicates.');
    return `${lines.join('\n')}\n`;
  }
  const clusters = [...new Set(flagged.map((f) => f.cluster))];
  lines.push('', '| Cluster | Canonical | Duplicate | Relation | Jaccard | In canonical |', '|---:|---|---|---|---:|---:|');
  for (const f of flagged.filter((x) => clusters.indexOf(x.cluster) < CLUSTERS_SHOWN)) {
    const m = f.member;
    lines.push(`| ${f.cluster.id} | ${cell(f.cluster.canonical)} | ${cell(m.id)} | ${m.relation} | ${fixed(m.jaccard)} | ${fixed(m.containment.memberInCanonical)} |`);
  }
  if (clusters.length > CLUSTERS_SHOWN) lines.push('', `… and ${clusters.length - CLUSTERS_SHOWN} more clusters (see the JSON report).`);
  return `${lines.join('\n')}\n`;
}
