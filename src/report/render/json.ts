import type { Report } from '../scan-report.js';

/** Stands for the clusters in the JSON of the rest of the report, where they are spliced in one by one. */
const CLUSTERS_MARK = '\u0000clusters\u0000';

/**
 * One JSON document, two-space indented, keys in the report's fixed order: byte-identical for the same input. Given in
 * pieces, one cluster at a time, so a report of a million articles is never one string in memory; joined, the pieces
 * are exactly JSON.stringify(report, null, 2) and a line break.
 */
export function* jsonChunks(report: Report): Generator<string> {
  const frame = JSON.stringify({ ...report, clusters: CLUSTERS_MARK }, null, 2);
  const mark = JSON.stringify(CLUSTERS_MARK);
  const at = frame.indexOf(mark);
  yield frame.slice(0, at);
  if (report.clusters.length === 0) yield '[]';
  else {
    // Elements of a top-level array sit two levels deep: every line of theirs is indented four spaces more.
    yield '[\n';
    for (let i = 0; i < report.clusters.length; i++) {
      yield `${i === 0 ? '' : ',\n'}    ${JSON.stringify(report.clusters[i], null, 2).replace(/\n/g, '\n    ')}`;
    }
    yield '\n  ]';
  }
  yield `${frame.slice(at + mark.length)}\n`;
}

/** The whole JSON document as one string. */
export function renderJson(report: Report): string {
  return [...jsonChunks(report)].join('');
}
