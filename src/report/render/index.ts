import type { ChalkInstance } from 'chalk';
import type { Report } from '../scan-report.js';
import { renderGithub } from './github.js';
import { htmlChunks, type RenderExtras } from './html.js';
import { jsonChunks } from './json.js';
import { renderMarkdown } from './markdown.js';
import { renderSarif } from './sarif.js';
import { renderTable } from './table.js';

export type { RenderExtras } from './html.js';

/** Turns a report into the text written on stdout or to --output, in pieces written one after another. */
export type Reporter = (report: Report, colors: ChalkInstance, extras?: RenderExtras) => Iterable<string>;

export const reporters = {
  table: (report: Report, colors: ChalkInstance) => [renderTable(report, colors)],
  json: (report: Report) => jsonChunks(report),
  github: (report: Report) => [renderGithub(report)],
  sarif: (report: Report) => [renderSarif(report)],
  markdown: (report: Report) => [renderMarkdown(report)],
  html: (report: Report, _colors: ChalkInstance, extras?: RenderExtras) => htmlChunks(report, extras?.texts),
} satisfies Record<string, Reporter>;

export type ReporterName = keyof typeof reporters;

/** Reporters that show the articles' texts, which the CLI reads back after the scan for them. */
export const NEEDS_TEXTS: ReadonlySet<ReporterName> = new Set(['html']);

export { type CheckReporter, checkReporters } from './check.js';
export { type CompareReporter, compareReporters } from './compare.js';
export { type IndexReporter, indexReporters, renderVacuum } from './index-reports.js';

export function isReporterName(name: string): name is ReporterName {
  return Object.hasOwn(reporters, name);
}
