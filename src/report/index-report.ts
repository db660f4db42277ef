/** The reports of `index add`, `index stats` and `index remove`: typed objects first, words and JSON later. */
import type { AddResult } from '../corpus/add.js';
import type { IndexStatsResult, RemoveResult } from '../corpus/maintain.js';
import type { IndexParams } from '../corpus/store/store.js';
import type { SkippedInput } from '../input/read.js';

/** Version of the index reports' shape; bumped on any incompatible change. */
export const INDEX_SCHEMA_VERSION = 1;

export interface AddReport {
  readonly schemaVersion: typeof INDEX_SCHEMA_VERSION;
  readonly kind: 'add';
  readonly read: number;
  readonly added: number;
  readonly replaced: number;
  readonly unchanged: number;
  readonly skipped: SkippedInput[];
  readonly ignoredFiles: number;
  /** Articles the index holds after the add. */
  readonly documents: number;
}

export function buildAddReport(result: AddResult, documents: number): AddReport {
  return {
    schemaVersion: INDEX_SCHEMA_VERSION,
    kind: 'add',
    read: result.read,
    added: result.added,
    replaced: result.replaced,
    unchanged: result.unchanged,
    skipped: result.skipped,
    ignoredFiles: result.ignoredFiles,
    documents,
  };
}

/** The params an index is bound to that reports show, in the order they show them. */
export type ReportedBindingParams = Pick<IndexParams, 'seed' | 'numPerm' | 'shingleSize' | 'normalizationVersion' | 'bands' | 'rows' | 'rewriteBands' | 'rewriteRows'>;

export function bindingParams(p: IndexParams): ReportedBindingParams {
  return {
    seed: p.seed,
    numPerm: p.numPerm,
    shingleSize: p.shingleSize,
    normalizationVersion: p.normalizationVersion,
    bands: p.bands,
    rows: p.rows,
    rewriteBands: p.rewriteBands,
    rewriteRows: p.rewriteRows,
  };
}

export interface StatsReport {
  readonly schemaVersion: typeof INDEX_SCHEMA_VERSION;
  readonly kind: 'stats';
  /** The index file, or its server without the password. */
  readonly path: string;
  /** The index file's format version, or the server's schema version. */
  readonly format: number;
  readonly documents: number;
  readonly sources: number;
  readonly bandRows: number;
  readonly dates?: { readonly earliest: string; readonly latest: string };
  /** What the index was built with, but the hashing probe. */
  readonly params: Omit<IndexParams, 'probe'>;
  readonly created: string;
  readonly lastWrite?: string;
  readonly bytes: { readonly database: number; readonly wal: number };
  readonly integrity?: string[];
}

export function buildStatsReport({ path, format, stats: s, bytes, integrity }: IndexStatsResult): StatsReport {
  const p = s.params;
  return {
    schemaVersion: INDEX_SCHEMA_VERSION,
    kind: 'stats',
    path,
    format,
    documents: s.documents,
    sources: s.sources,
    bandRows: s.bandRows,
    ...(s.dates ? { dates: s.dates } : {}),
    params: { ...bindingParams(p), metric: p.metric, threshold: p.threshold, storedText: p.storedText === true },
    created: s.created,
    ...(s.lastWrite ? { lastWrite: s.lastWrite } : {}),
    bytes,
    ...(integrity ? { integrity } : {}),
  };
}

export interface RemoveReport {
  readonly schemaVersion: typeof INDEX_SCHEMA_VERSION;
  readonly kind: 'remove';
  readonly removed: number;
  readonly notFound: string[];
  readonly documents: number;
}

export function buildRemoveReport(result: RemoveResult): RemoveReport {
  return { schemaVersion: INDEX_SCHEMA_VERSION, kind: 'remove', removed: result.removed, notFound: result.notFound, documents: result.documents };
}
