import type { Report } from '../report.js';

/** One JSON document, two-space indented, keys in the report's fixed order: byte-identical for the same input. */
export function renderJson(report: Report): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}
