import { openPostgresStore, isPostgresUrl, type PostgresStore } from './postgres.js';
import { openSqliteStore, type SqliteStore } from './sqlite.js';
import type { IndexParams } from './store.js';

/** A store opened from --db: an SQLite file, or a PostgreSQL server. */
export type OpenedStore = SqliteStore | PostgresStore;

export interface OpenStoreOptions {
  /** Params to create the index with where there is none; without them a missing index is an error. */
  readonly create?: IndexParams;
  /** Params the caller's data depends on: any that differ from the index's are an error. */
  readonly require?: Partial<IndexParams>;
  /** Open for reading only (check, stats); default false. */
  readonly readonly?: boolean;
}

/** Opens the index at `location`: a postgres:// or postgresql:// URL names a server, anything else an SQLite file. */
export async function openStore(location: string, options: OpenStoreOptions): Promise<OpenedStore> {
  return isPostgresUrl(location) ? openPostgresStore(location, options) : openSqliteStore(location, options);
}
