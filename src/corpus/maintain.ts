/** What an index holds (`index stats`) and taking articles out of it (`index remove`). */
import { statSync } from 'node:fs';
import type { SqliteStore } from './store/sqlite.js';
import type { IndexStats, SignatureStore } from './store/store.js';

/** Bytes of an index file and its write-ahead log. */
export interface IndexBytes {
  readonly database: number;
  readonly wal: number;
}

/** What `index stats` reports. */
export interface IndexStatsResult {
  readonly path: string;
  readonly stats: IndexStats;
  readonly bytes: IndexBytes;
  /** SQLite's integrity check ("ok", or what is wrong), when asked for. */
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

/** Sizes of the index at `path` and of its write-ahead log. */
export function indexBytes(path: string): IndexBytes {
  return { database: fileSize(path), wal: fileSize(`${path}-wal`) };
}

/** What the index at `path` holds, with its integrity checked when `integrity` is set (reads the whole file). */
export function indexStats(store: SqliteStore, path: string, options: { readonly integrity?: boolean } = {}): IndexStatsResult {
  const stats = store.stats();
  const integrity = options.integrity ? store.integrityCheck() : undefined;
  return { path, stats, bytes: indexBytes(path), ...(integrity ? { integrity } : {}) };
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
export function removeFromIndex(store: SignatureStore, ids: readonly string[], sources: readonly string[] = []): RemoveResult {
  const fromSources = sources.flatMap((s) => store.idsFromSource(s));
  const wanted = [...new Set([...ids, ...fromSources])];
  const present = store.contentHashes(wanted);
  const notFound = ids.filter((id) => !present.has(id));
  const removed = store.remove(wanted);
  return { removed, notFound, documents: store.count() };
}
