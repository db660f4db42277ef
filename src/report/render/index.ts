import type { ChalkInstance } from 'chalk';
import type { Report } from '../scan-report.js';
import { renderGithub } from './github.js';
import { jsonChunks } from './json.js';
import { renderMarkdown } from './markdown.js';
import { renderSarif } from './sarif.js';
import { renderTable } from './table.js';

/** Turns a report into the text written on stdout or to --output, in pieces written one after another. */
export type Reporter = (report: Report, colors: ChalkInstance) => Iterable<string>;

export const reporters = {
  table: (report: Report, colors: ChalkInstance) => [renderTable(report, colors)],
  json: (report: Report) => jsonChunks(report),
  github: (report: Report) => [renderGithub(report)],
  sarif: (report: Report) => [renderSarif(report)],
  markdown: (report: Report) => [renderMarkdown(report)],
} satisfies Record<string, Reporter>;

export type ReporterName = keyof typeof reporters;

export { type CheckReporter, checkReporters } from './check.js';
export { type IndexReporter, indexReporters, renderVacuum } from './index-reports.js';

export function isReporterName(name: string): name is ReporterName {
  return Object.hasOwn(reporters, name);
}
