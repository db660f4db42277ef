import type { Report } from '../scan-report.js';
import { findingMessage, findings } from './findings.js';
import { safeText } from './safe-text.js';
import { headlineCounts, plural, relatedPhrase } from './words.js';

/** A workflow command's message: %, CR and LF escaped as GitHub's runner reads them back. */
export function escapeData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** A workflow command's property value: as a message, and : and , too, which separate properties. */
export function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

/**
 * GitHub Actions workflow commands: one `::warning` per duplicate to flag (with a baseline only the new ones), placed
 * on its file where the id names one, so a pull request shows it; then a `::notice` with the totals.
 */
export function renderGithub(report: Report): string {
  const lines = findings(report).map((f) => {
    const properties = [
      ...(f.file === undefined ? [] : [`file=${escapeProperty(f.file)}`]),
      ...(f.line === undefined ? [] : [`line=${f.line}`]),
      `title=${escapeProperty(`near-duplicate: ${safeText(f.member.id)}`)}`,
    ];
    return `::warning ${properties.join(',')}::${escapeData(findingMessage(f))}`;
  });
  const s = report.summary;
  const counts = headlineCounts(report);
  const fresh = report.baseline ? `, ${report.baseline.newDuplicates} not in the baseline` : '';
  // Skipped inputs are otherwise only on standard error, which a CI log folds away.
  const skipped = s.skipped > 0 ? `, ${plural(s.skipped, 'input')} skipped (see the log)` : '';
  lines.push(`::notice title=neardup::${escapeData(`${plural(s.documents, 'article')}, ${plural(counts.clusters, 'cluster')}, ${plural(s.duplicates, 'duplicate')}${fresh}${relatedPhrase(counts.related)}${skipped}`)}`);
  return `${lines.join('\n')}\n`;
}
