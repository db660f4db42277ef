/** Renderers of the `index add`, `index stats` and `index remove` reports, as a table or as JSON. */
import { humanBytes } from './bytes.js';
import type { AddReport, RemoveReport, StatsReport } from '../index-report.js';
import { isPostgresUrl } from '../../corpus/store/postgres.js';
import { plural } from './words.js';

/** Turns an index report into the text written on stdout. */
export type IndexReporter<R> = (report: R) => string;

const json = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`;


function addTable(r: AddReport): string {
  return (
    `${plural(r.read, 'article')} read: ${r.added} added, ${r.replaced} replaced, ${r.unchanged} unchanged` +
    (r.skipped.length ? `, ${r.skipped.length} skipped` : '') +
    `. The index holds ${plural(r.documents, 'article')}.\n`
  );
}

function statsTable(s: StatsReport): string {
  const p = s.params;
  const lines = [
    `index: ${s.path} (neardup index ${isPostgresUrl(s.path) ? 'schema' : 'format'} ${s.format})`,
    `articles: ${s.documents} from ${plural(s.sources, 'source')}`,
    ...(s.dates ? [`dates: ${s.dates.earliest} to ${s.dates.latest}`] : []),
    `parameters: seed ${p.seed}, ${p.numPerm} permutations, ${p.shingleSize}-word shingles, normalisation version ${p.normalizationVersion}, ` +
      `${p.bands} bands × ${p.rows} rows (tuned to ${p.metric} ${p.threshold})`,
    `re-worded copies: ${p.rewriteBands ? `${p.rewriteBands} bands × ${p.rewriteRows} rows over content stems` : 'not indexed (built with --no-rewrites)'}`,
    `texts: ${p.storedText ? 'kept in the index (check needs no original file)' : 'read from the original files'}`,
    `created: ${s.created}${s.lastWrite ? `, last written: ${s.lastWrite}` : ''}`,
    `size: ${humanBytes(s.bytes.database)}${s.bytes.wal ? ` + ${humanBytes(s.bytes.wal)} write-ahead log` : ''}`,
    ...(s.integrity ? [`integrity: ${s.integrity.join('; ')}`] : []),
  ];
  return `${lines.join('\n')}\n`;
}

function removeTable(r: RemoveReport): string {
  return `${plural(r.removed, 'article')} removed. The index holds ${plural(r.documents, 'article')}.\n`;
}

/** `index vacuum`'s line: the sizes before and after. */
export function renderVacuum(path: string, before: number, after: number): string {
  return `${path}: ${humanBytes(before)} before, ${humanBytes(after)} after.\n`;
}

export const indexReporters = {
  add: { table: addTable, json } satisfies Record<string, IndexReporter<AddReport>>,
  stats: { table: statsTable, json } satisfies Record<string, IndexReporter<StatsReport>>,
  remove: { table: removeTable, json } satisfies Record<string, IndexReporter<RemoveReport>>,
};
