/**
 * Opening an index (an SQLite file or a PostgreSQL server), refusing one this code cannot use, and where an index
 * records an article. The CLI opens an index through here; the rest of the library takes a store.
 */
import { resolve } from 'node:path';
import { IndexError } from '../errors.js';
import { NORMALIZATION_VERSION } from '../text/normalize.js';
import { hashingProbe } from './params.js';
import { openStore, type OpenedStore, type OpenStoreOptions } from './store/open.js';
import { SqliteStore } from './store/sqlite.js';
import type { DocumentLocation } from './store/store.js';

/**
 * Opens the index at `location` (a postgres:// URL names a server, anything else an SQLite file), refusing one built
 * with other params than those asked for or than this code computes (normalisation version, hashing probe).
 */
export async function openIndex(location: string, options: OpenStoreOptions): Promise<OpenedStore> {
  const store = await openStore(location, { ...options, require: { ...options.require, normalizationVersion: NORMALIZATION_VERSION } });
  if (hashingProbe(store.params) !== store.params.probe) {
    await store.close();
    throw new IndexError(`${indexName(store)} was built by a neardup that hashes differently from this one (its signatures would not compare); build a new index`);
  }
  return store;
}

/** The index as messages name it: its file, or its server without the password. */
export function indexName(store: OpenedStore): string {
  return store instanceof SqliteStore ? store.path : store.location;
}

/** Where an index records an article: its absolute path, and for a JSONL line its number, byte offset and text field. */
export function indexLocation(cwd: string, textField: string): (doc: { source: string; line?: number; offset?: number }) => DocumentLocation {
  return (doc) => {
    if (doc.source === '-') return { source: '-', ...(doc.line === undefined ? {} : { line: doc.line }) };
    const source = resolve(cwd, doc.source);
    if (doc.line === undefined) return { source };
    return { source, line: doc.line, ...(doc.offset === undefined ? {} : { offset: doc.offset }), field: textField };
  };
}
