import { closeSync, openSync, readSync, type Stats, statSync } from 'node:fs';
import { dirname } from 'node:path';
import { createRequire } from 'node:module';
import type Database from 'better-sqlite3';
import { IndexError } from '../../errors.js';
import { type IndexParams, paramMismatches, storedParams } from './store.js';

/** `PRAGMA application_id` of a neardup index ("NDUP"): how a neardup index is told from any other SQLite file. */
export const INDEX_APPLICATION_ID = 0x4e445550;

/** `PRAGMA user_version`: the layout of the tables below. Bumped on any incompatible change. */
export const INDEX_FORMAT_VERSION = 1;

/**
 * The format of an index that keeps texts (--store-text): format 1 and a `texts` table. A neardup that reads only
 * format 1 refuses it rather than leave texts behind the documents it removes.
 */
export const TEXT_FORMAT_VERSION = 2;

const SQLITE_HEADER = 'SQLite format 3\u0000';

/**
 * `bands` has no rowid: its primary key (band, key, doc) is the index look-ups use, so the band table is stored once
 * rather than as a table plus an index. A document's band rows are found again from its signature when it goes.
 *
 * Band keys are random, so a batch inserted straight into `bands` would touch a page of it for nearly every row, and
 * every touched page is written again at commit: the cost of a batch would grow with the index. A batch goes to
 * `pending` instead, keyed by document, which only ever grows at its end; `flush` moves pending rows into `bands` in
 * key order, a few million at a time, touching each page of `bands` at most once.
 */
const SCHEMA = `
  CREATE TABLE meta (name TEXT PRIMARY KEY, value TEXT NOT NULL);
  CREATE TABLE docs (
    doc INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    source TEXT NOT NULL,
    line INTEGER,
    offset INTEGER,
    field TEXT,
    hash TEXT NOT NULL,
    date TEXT,
    words INTEGER NOT NULL,
    shingles INTEGER NOT NULL,
    signature BLOB NOT NULL,
    stems INTEGER,
    stem_signature BLOB
  );
  CREATE TABLE bands (band INTEGER NOT NULL, key INTEGER NOT NULL, doc INTEGER NOT NULL, PRIMARY KEY (band, key, doc)) WITHOUT ROWID;
  CREATE TABLE pending (doc INTEGER NOT NULL, band INTEGER NOT NULL, key INTEGER NOT NULL, PRIMARY KEY (doc, band)) WITHOUT ROWID;
`;

/** Each article's text (packText), in an index created with storedText. */
const TEXTS_SCHEMA = 'CREATE TABLE texts (doc INTEGER PRIMARY KEY, text BLOB NOT NULL);';

export interface IndexFileOptions {
  /** Params to create the index with when the file does not exist or is empty; without them a missing index is an error. */
  readonly create?: IndexParams;
  /** Params the caller's data depends on: any that differ from the index's are an error (see paramMismatches). */
  readonly require?: Partial<IndexParams>;
  /** Open for reading only (check, stats); default false. */
  readonly readonly?: boolean;
}

function isSqliteError(error: unknown): error is Error & { code: string } {
  const code: unknown = (error as { code?: unknown } | null)?.code;
  return error instanceof Error && typeof code === 'string' && code.startsWith('SQLITE_');
}

/** SQLite's failures that mean the file, not the program, is at fault, as IndexErrors naming the file. */
export function translateSqliteError(path: string, error: unknown, timeoutMs: number): unknown {
  if (!isSqliteError(error)) return error;
  const code = error.code;
  if (code.startsWith('SQLITE_CORRUPT') || code === 'SQLITE_NOTADB') return new IndexError(`${path} is corrupt (${error.message}); it was left as it is`);
  if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')) {
    return new IndexError(`${path} is locked by another process; gave up after ${Math.round(timeoutMs / 1000)} s`);
  }
  if (code.startsWith('SQLITE_READONLY') || code.startsWith('SQLITE_CANTOPEN') || code.startsWith('SQLITE_PERM')) {
    return new IndexError(`cannot open ${path} for writing (${error.message})`);
  }
  if (code === 'SQLITE_FULL' || code.startsWith('SQLITE_IOERR')) return new IndexError(`cannot write ${path} (${error.message})`);
  return error;
}

/** The first 16 bytes of a file, or undefined when it is missing or empty (SQLite makes an empty file a new database). */
function header(path: string): string | undefined {
  let stats: Stats;
  try {
    stats = statSync(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new IndexError(`cannot read ${path} (${(error as Error).message})`);
  }
  // Refused before SQLite opens it: it would leave a journal beside a device or FIFO, and read a folder as a file.
  if (stats.isDirectory()) throw new IndexError(`${path} is a folder, not an index file`);
  if (!stats.isFile()) throw new IndexError(`${path} is not a regular file (a device, FIFO or socket), not an index file`);
  if (stats.size === 0) return undefined;
  const fd = openSync(path, 'r');
  try {
    const bytes = Buffer.alloc(16);
    const n = readSync(fd, bytes, 0, 16, 0);
    return bytes.subarray(0, n).toString('latin1');
  } finally {
    closeSync(fd);
  }
}

/** better-sqlite3, loaded when an index is first opened: a scan without --db never needs the native driver. */
let driver: typeof Database | undefined;
function sqliteDriver(): typeof Database {
  driver ??= createRequire(import.meta.url)('better-sqlite3') as typeof Database;
  return driver;
}

/**
 * Opens (or creates) a neardup index in an SQLite file: the database, and the params the index was built with. A file
 * that is not a neardup index, a corrupt one, one of another format version or one built with other binding params is
 * refused with an IndexError, and never written to. `timeoutMs`: how long to wait for another process's write.
 */
export function openIndexFile(path: string, options: IndexFileOptions, timeoutMs: number): { db: Database.Database; params: IndexParams } {
  const head = header(path);
  if (head === undefined && !options.create) throw new IndexError(`no index at ${path}: create one with "neardup index add <paths...> --db ${path}"`);
  if (head !== undefined && head !== SQLITE_HEADER) throw new IndexError(`${path} is not a neardup index (not an SQLite database); it was left as it is`);
  if (head === undefined && !isFolder(dirname(path))) throw new IndexError(`cannot create ${path}: there is no folder ${dirname(path)}`);
  let db: Database.Database | undefined;
  try {
    db = new (sqliteDriver())(path, { readonly: head !== undefined && options.readonly === true, timeout: timeoutMs });
    if (head !== undefined) quickCheck(db, path);
    const params = head === undefined ? initialise(db, path, options.create!) : existingParams(db, path, options.readonly ? undefined : options.create);
    const mismatches = paramMismatches(params, options.require ?? {});
    if (mismatches.length > 0) {
      throw new IndexError(`${path} was built with other parameters: ${mismatches.join('; ')}. Use its parameters, or build a new index`);
    }
    if (!db.readonly) {
      db.pragma('synchronous = NORMAL');
      db.pragma('cache_size = -262144');
    }
    return { db, params };
  } catch (error) {
    db?.close();
    throw translateSqliteError(path, error, timeoutMs);
  }
}

function isFolder(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

/**
 * `PRAGMA quick_check` before anything reads or writes an existing index: every page is read once (no index is
 * matched against its table), about a second per gigabyte, so a damaged file is refused before a command uses it or
 * writes to it. `index stats --integrity` runs the full check.
 */
function quickCheck(db: Database.Database, path: string): void {
  const found = db.prepare<[], string>('PRAGMA quick_check(5)').pluck().all();
  if (found.length === 1 && found[0] === 'ok') return;
  const first = found.join('\n').split('\n').find((line) => line.trim() !== '' && !line.startsWith('***')) ?? 'quick check failed';
  throw new IndexError(`${path} is corrupt (${first.trim()}); it was left as it is`);
}

function readParams(db: Database.Database, path: string): IndexParams {
  return storedParams(db.prepare<[], { value: string }>("SELECT value FROM meta WHERE name = 'params'").get()?.value, path);
}

/**
 * Checks that an existing file is a neardup index of this format, and returns its params. Writes nothing, unless
 * the file is an empty SQLite database and `create` is given, which makes it a new index.
 */
function existingParams(db: Database.Database, path: string, create: IndexParams | undefined): IndexParams {
  const applicationId = db.pragma('application_id', { simple: true }) as number;
  if (applicationId !== INDEX_APPLICATION_ID) {
    const tables = db.prepare<[], { n: number }>('SELECT count(*) AS n FROM sqlite_master').get()!.n;
    if (applicationId === 0 && tables === 0 && create && !db.readonly) return initialise(db, path, create);
    throw new IndexError(`${path} is an SQLite database but not a neardup index; it was left as it is`);
  }
  const format = db.pragma('user_version', { simple: true }) as number;
  if (format !== INDEX_FORMAT_VERSION && format !== TEXT_FORMAT_VERSION) {
    throw new IndexError(`${path} is a neardup index of format ${format}; this neardup reads formats ${INDEX_FORMAT_VERSION} and ${TEXT_FORMAT_VERSION}`);
  }
  if (!db.readonly) db.pragma('journal_mode = WAL');
  return readParams(db, path);
}

/**
 * Makes a new index in an empty file. Two processes may race here: the schema is written inside an immediate
 * transaction, and whoever comes second finds it there and uses it.
 */
function initialise(db: Database.Database, path: string, params: IndexParams): IndexParams {
  db.pragma('journal_mode = WAL');
  return db.transaction(() => {
    const applicationId = db.pragma('application_id', { simple: true }) as number;
    if (applicationId === INDEX_APPLICATION_ID) return readParams(db, path);
    const tables = db.prepare<[], { n: number }>('SELECT count(*) AS n FROM sqlite_master').get()!.n;
    if (applicationId !== 0 || tables > 0) throw new IndexError(`${path} is an SQLite database but not a neardup index; it was left as it is`);
    db.exec(SCHEMA);
    if (params.storedText) db.exec(TEXTS_SCHEMA);
    const put = db.prepare('INSERT INTO meta (name, value) VALUES (?, ?)');
    put.run('params', JSON.stringify(params));
    put.run('created', new Date().toISOString());
    db.pragma(`application_id = ${INDEX_APPLICATION_ID}`);
    db.pragma(`user_version = ${params.storedText ? TEXT_FORMAT_VERSION : INDEX_FORMAT_VERSION}`);
    return params;
  }).immediate();
}
