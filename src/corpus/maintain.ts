/** What an index holds (`index stats`) and taking articles out of it (`index remove`). */
import { statSync } from 'node:fs';
import { indexName } from './open.js';
import type { OpenedStore } from './store/open.js';
import { PG_SCHEMA_VERSION } from './store/postgres.js';
import { SqliteStore } from './store/sqlite.js';
import type { IndexStats, SignatureStore } from './store/store.js';

/** Bytes of an index file and its write-ahead log, or of its tables on a server (wal 0). */
export interface IndexBytes {
  readonly database: number;
  readonly wal: number;
}

/** What `index stats` reports. */
export interface IndexStatsResult {
  /** The index file, or its server without the password. */
  readonly path: string;
  /** The file's format version, or the server's schema version. */
  readonly format: number;
  readonly stats: IndexStats;
  readonly bytes: IndexBytes;
  /** SQLite's integrity check, or band rows against documents on a server ("ok", or what is wrong), when asked for. */
  readonly integrity?: string[];
}

/** Bytes of a file, 0 when there is none. */
export function fileSize(path: string): number {
  try {
    return statSync(path).size;
  } catch {
    return 0;
  }
}

/** Bytes the index takes: the file and its write-ahead log, or the tables on the server. */
export async function indexBytes(store: OpenedStore): Promise<IndexBytes> {
  if (store instanceof SqliteStore) return { database: fileSize(store.path), wal: fileSize(`${store.path}-wal`) };
  return { database: await store.sizeBytes(), wal: 0 };
}

/** What the index holds, with its integrity checked when `integrity` is set (reads the whole index). */
export async function indexStats(store: OpenedStore, options: { readonly integrity?: boolean } = {}): Promise<IndexStatsResult> {
  const stats = await store.stats();
  const integrity = options.integrity ? await store.integrityCheck() : undefined;
  const format = store instanceof SqliteStore ? store.format : PG_SCHEMA_VERSION;
  return { path: indexName(store), format, stats, bytes: await indexBytes(store), ...(integrity ? { integrity } : {}) };
}

/** What `index remove` did. */
export interface RemoveResult {
  readonly removed: number;
  /** Ids asked for that the index did not hold, in the order asked. */
  readonly notFound: string[];
  /** Articles the index holds now. */
  readonly documents: number;
}

/** Removes articles by id, and every article indexed from the given sources (absolute paths of files or folders). */
export async function removeFromIndex(store: SignatureStore, ids: readonly string[], sources: readonly string[] = []): Promise<RemoveResult> {
  const fromSources: string[] = [];
  for (const s of sources) fromSources.push(...(await store.idsFromSource(s)));
  const wanted = [...new Set([...ids, ...fromSources])];
  const present = await store.contentHashes(wanted);
  const notFound = ids.filter((id) => !present.has(id));
  const removed = await store.remove(wanted);
  return { removed, notFound, documents: await store.count() };
}
