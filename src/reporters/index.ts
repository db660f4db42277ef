import type { ChalkInstance } from 'chalk';
import type { Report } from '../report.js';
import { renderJson } from './json.js';
import { renderTable } from './table.js';

/** Turns a report into the text written on stdout or to --output. */
export type Reporter = (report: Report, colors: ChalkInstance) => string;

export const reporters = {
  table: renderTable,
  json: (report: Report) => renderJson(report),
} satisfies Record<string, Reporter>;

export type ReporterName = keyof typeof reporters;

export function isReporterName(name: string): name is ReporterName {
  return Object.hasOwn(reporters, name);
}
