import { closeSync, openSync, readSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { IndexError } from '../../errors.js';
import { type DocRow, documentOf, signatureBytes, signatureOf } from './rows.js';
import {
  bandKeysOf,
  type IndexedDocument,
  type IndexParams,
  type IndexStats,
  invalidDocument,
  MAX_REWRITE_BUCKET,
  packText,
  paramMismatches,
  type PutResult,
  type SignatureStore,
  type StoredDocument,
  unpackText,
} from './store.js';

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

/** Pending band rows are moved into `bands` once there are this many (about 55,000 articles with rewrite bands). */
export const DEFAULT_MERGE_ROWS = 4_000_000;

export interface SqliteOpenOptions {
  /** Params to create the index with when the file does not exist or is empty; without them a missing index is an error. */
  readonly create?: IndexParams;
  /** Params the caller's data depends on: any that differ from the index's are an error (see paramMismatches). */
  readonly require?: Partial<IndexParams>;
  /** Open for reading only (check, stats); default false. */
  readonly readonly?: boolean;
  /** How long to wait for another process's write to finish, in milliseconds; default 60 000. */
  readonly busyTimeoutMs?: number;
  /** Pending band rows that make a write move them into the main band table; default 4,000,000. */
  readonly mergeRows?: number;
}






function isSqliteError(error: unknown): error is Error & { code: string } {
  const code: unknown = (error as { code?: unknown } | null)?.code;
  return error instanceof Error && typeof code === 'string' && code.startsWith('SQLITE_');
}

/** SQLite's failures that mean the file, not the program, is at fault, as IndexErrors naming the file. */
function translate(path: string, error: unknown, timeoutMs: number): unknown {
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
  let size: number;
  try {
    size = statSync(path).size;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new IndexError(`cannot read ${path} (${(error as Error).message})`);
  }
  if (size === 0) return undefined;
  const fd = openSync(path, 'r');
  try {
    const bytes = Buffer.alloc(16);
    const n = readSync(fd, bytes, 0, 16, 0);
    return bytes.subarray(0, n).toString('latin1');
  } finally {
    closeSync(fd);
  }
}

/**
 * Opens (or creates) the index in an SQLite file. A file that is not a neardup index, a corrupt one, one of another
 * format version or one built with other binding params is refused with an IndexError, and never written to.
 */
export function openSqliteStore(path: string, options: SqliteOpenOptions = {}): SqliteStore {
  const timeoutMs = options.busyTimeoutMs ?? 60_000;
  const head = header(path);
  if (head === undefined && !options.create) throw new IndexError(`no index at ${path}: create one with "neardup index add <paths...> --db ${path}"`);
  if (head !== undefined && head !== SQLITE_HEADER) throw new IndexError(`${path} is not a neardup index (not an SQLite database); it was left as it is`);
  if (head === undefined && !isFolder(dirname(path))) throw new IndexError(`cannot create ${path}: there is no folder ${dirname(path)}`);
  let db: Database.Database | undefined;
  try {
    db = new Database(path, { readonly: head !== undefined && options.readonly === true, timeout: timeoutMs });
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
    return new SqliteStore(db, path, params, timeoutMs, options.mergeRows ?? DEFAULT_MERGE_ROWS);
  } catch (error) {
    db?.close();
    throw translate(path, error, timeoutMs);
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
  const row = db.prepare<[], { value: string }>("SELECT value FROM meta WHERE name = 'params'").get();
  if (!row) throw new IndexError(`${path} is a neardup index without its parameters (damaged); it was left as it is`);
  return JSON.parse(row.value) as IndexParams;
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

/** A SignatureStore in one SQLite file, in WAL mode: readers never wait, writers take turns (busy timeout). */
export class SqliteStore implements SignatureStore {
  readonly params: IndexParams;
  /** The file the index lives in. */
  readonly path: string;
  private readonly db: Database.Database;
  private readonly timeoutMs: number;
  private readonly statements: ReturnType<SqliteStore['prepare']>;
  private readonly mergeRows: number;
  /** Pending rows as this process counts them (other writers add theirs): when to flush. */
  private pendingRows: number;
  /** Pending rows by band and key (band · 2^32 + unsigned key), read once per change: pending has no index on keys. */
  private pendingIndex: Map<number, number[]> | undefined;

  constructor(db: Database.Database, path: string, params: IndexParams, timeoutMs: number, mergeRows: number) {
    this.db = db;
    this.path = path;
    this.params = params;
    this.timeoutMs = timeoutMs;
    this.mergeRows = mergeRows;
    this.statements = this.prepare();
    this.pendingRows = db.readonly ? 0 : this.guard(() => db.prepare<[], number>('SELECT count(*) FROM pending').pluck().get()!);
  }

  /** The file's format: TEXT_FORMAT_VERSION where it keeps texts, else INDEX_FORMAT_VERSION. */
  get format(): number {
    return this.params.storedText ? TEXT_FORMAT_VERSION : INDEX_FORMAT_VERSION;
  }

  private prepare() {
    const db = this.db;
    const columns = 'doc, id, source, line, offset, field, hash, date, words, shingles, signature, stems, stem_signature';
    return {
      hashOf: db.prepare<[string], { hash: string }>('SELECT hash FROM docs WHERE id = ?'),
      byId: db.prepare<[string], DocRow>(`SELECT ${columns} FROM docs WHERE id = ?`),
      byKey: db.prepare<[number], DocRow>(`SELECT ${columns} FROM docs WHERE doc = ?`),
      ...(this.params.storedText ? { text: db.prepare<[number], Buffer>('SELECT text FROM texts WHERE doc = ?').pluck() } : {}),
      bucket: db.prepare<[number, number, number], number>('SELECT doc FROM bands WHERE band = ? AND key = ? LIMIT ?').pluck(),
      ...(db.readonly
        ? {}
        : {
            insertDoc: db.prepare(
              'INSERT INTO docs (id, source, line, offset, field, hash, date, words, shingles, signature, stems, stem_signature) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
            ),
            deleteDoc: db.prepare<[number]>('DELETE FROM docs WHERE doc = ?'),
            insertPending: db.prepare<[number, number, number]>('INSERT INTO pending (doc, band, key) VALUES (?, ?, ?)'),
            deletePending: db.prepare<[number]>('DELETE FROM pending WHERE doc = ?'),
            deleteBand: db.prepare<[number, number, number]>('DELETE FROM bands WHERE band = ? AND key = ? AND doc = ?'),
            ...(this.params.storedText
              ? {
                  insertText: db.prepare<[number, Buffer]>('INSERT INTO texts (doc, text) VALUES (?, ?)'),
                  deleteText: db.prepare<[number]>('DELETE FROM texts WHERE doc = ?'),
                }
              : {}),
            touch: db.prepare<[string]>("INSERT INTO meta (name, value) VALUES ('lastWrite', ?) ON CONFLICT (name) DO UPDATE SET value = excluded.value"),
          }),
    };
  }

  /** Runs `work`, turning SQLite's corrupt, busy and I/O failures into IndexErrors. */
  private guard<T>(work: () => T): T {
    try {
      return work();
    } catch (error) {
      throw translate(this.path, error, this.timeoutMs);
    }
  }

  private writable() {
    const s = this.statements;
    if (!s.insertDoc || !s.deleteDoc || !s.insertPending || !s.deletePending || !s.deleteBand || !s.touch) throw new IndexError(`${this.path} was opened for reading only`);
    return { insertDoc: s.insertDoc, deleteDoc: s.deleteDoc, insertPending: s.insertPending, deletePending: s.deletePending, deleteBand: s.deleteBand, touch: s.touch };
  }

  async contentHashes(ids: readonly string[]): Promise<Map<string, string>> {
    return this.guard(() => {
      const out = new Map<string, string>();
      for (const id of ids) {
        const row = this.statements.hashOf.get(id);
        if (row) out.set(id, row.hash);
      }
      return out;
    });
  }

  async putBatch(documents: readonly StoredDocument[]): Promise<PutResult> {
    const w = this.writable();
    const write = () => {
      let added = 0;
      let replaced = 0;
      let unchanged = 0;
      let rows = 0;
      for (const doc of documents) {
        const invalid = invalidDocument(doc, this.params);
        if (invalid) throw new RangeError(invalid);
        const old = this.statements.byId.get(doc.id);
        if (old) {
          if (old.hash === doc.contentHash) {
            unchanged++;
            continue;
          }
          this.deleteRow(old);
          replaced++;
        } else added++;
        const stemSignature = this.params.rewriteBands > 0 ? doc.stemSignature : undefined;
        const key = Number(
          w.insertDoc.run(doc.id, doc.source, doc.line ?? null, doc.offset ?? null, doc.field ?? null, doc.contentHash, doc.date ?? null, doc.words, doc.shingles, signatureBytes(doc.signature),
              stemSignature ? doc.stems! : null, stemSignature ? signatureBytes(stemSignature) : null)
            .lastInsertRowid,
        );
        if (doc.text !== undefined) this.statements.insertText?.run(key, packText(doc.text));
        const keys = bandKeysOf(doc.signature, this.params, stemSignature);
        for (let band = 0; band < keys.length; band++) w.insertPending.run(key, band, keys[band]!);
        rows += keys.length;
      }
      if (added + replaced > 0) w.touch.run(new Date().toISOString());
      return { result: { added, replaced, unchanged }, rows };
    };
    const { result, rows } = this.guard(() => this.db.transaction(write).immediate());
    this.pendingIndex = undefined;
    this.pendingRows += rows;
    if (this.pendingRows >= this.mergeRows) await this.flush();
    return result;
  }

  /** Moves the pending band rows into the main band table, in key order, in one transaction. */
  async flush(): Promise<void> {
    if (this.db.readonly) return;
    this.guard(() =>
      this.db
        .transaction(() => {
          this.db.exec('INSERT INTO bands (band, key, doc) SELECT band, key, doc FROM pending ORDER BY band, key, doc; DELETE FROM pending;');
        })
        .immediate(),
    );
    this.pendingRows = 0;
    this.pendingIndex = undefined;
  }

  /**
   * Pending rows by band and key, read when first needed after a change. A reader keeps what it read: rows another
   * process adds later are not seen by it, as if it had started before them.
   */
  private pending(): Map<number, number[]> {
    if (this.pendingIndex) return this.pendingIndex;
    const index = new Map<number, number[]>();
    for (const row of this.db.prepare<[], [number, number, number]>('SELECT band, key, doc FROM pending').raw().iterate()) {
      const at = row[0] * 2 ** 32 + (row[1] >>> 0);
      const docs = index.get(at);
      if (docs) docs.push(row[2]);
      else index.set(at, [row[2]]);
    }
    return (this.pendingIndex = index);
  }

  private deleteRow(row: DocRow): void {
    const w = this.writable();
    const doc = Number(row.doc);
    const keys = bandKeysOf(signatureOf(row.signature), this.params, row.stem_signature === null ? undefined : signatureOf(row.stem_signature));
    for (let band = 0; band < keys.length; band++) w.deleteBand.run(band, keys[band]!, doc);
    w.deletePending.run(doc);
    this.statements.deleteText?.run(doc);
    w.deleteDoc.run(doc);
    this.pendingIndex = undefined;
  }

  async candidates(bandKeys: Int32Array): Promise<number[]> {
    return [...(await this.bandHits(bandKeys, 0)).keys()].sort((a, b) => a - b);
  }

  async bandHits(bandKeys: Int32Array, first: number): Promise<Map<number, number>> {
    return this.guard(() => {
      const hits = new Map<number, number>();
      const pending = this.pending();
      const hit = (doc: number) => hits.set(doc, (hits.get(doc) ?? 0) + 1);
      for (let i = 0; i < bandKeys.length; i++) {
        const band = first + i;
        const cap = band < this.params.bands ? -1 : MAX_REWRITE_BUCKET;
        const members = this.statements.bucket.all(band, bandKeys[i]!, cap < 0 ? -1 : cap + 1);
        if (pending.size > 0) members.push(...(pending.get(band * 2 ** 32 + (bandKeys[i]! >>> 0)) ?? []));
        if (cap >= 0 && members.length > cap) continue;
        for (const doc of members) hit(doc);
      }
      return hits;
    });
  }

  async documents(keys: readonly number[]): Promise<IndexedDocument[]> {
    return this.guard(() =>
      [...keys]
        .sort((a, b) => a - b)
        .flatMap((key) => {
          const row = this.statements.byKey.get(key);
          return row ? [documentOf(row)] : [];
        }),
    );
  }

  async text(key: number): Promise<string | undefined> {
    const select = this.statements.text;
    if (!select) return undefined;
    const packed = this.guard(() => select.get(key));
    return packed === undefined ? undefined : unpackText(packed);
  }

  async count(): Promise<number> {
    return this.guard(() => this.db.prepare<[], number>('SELECT count(*) FROM docs').pluck().get()!);
  }

  async byId(id: string): Promise<IndexedDocument | undefined> {
    return this.guard(() => {
      const row = this.statements.byId.get(id);
      return row ? documentOf(row) : undefined;
    });
  }

  async remove(ids: readonly string[]): Promise<number> {
    const w = this.writable();
    return this.guard(() =>
      this.db
        .transaction(() => {
          let removed = 0;
          for (const id of new Set(ids)) {
            const row = this.statements.byId.get(id);
            if (row) {
              this.deleteRow(row);
              removed++;
            }
          }
          if (removed > 0) w.touch.run(new Date().toISOString());
          return removed;
        })
        .immediate(),
    );
  }

  async idsFromSource(source: string): Promise<string[]> {
    const folder = source.endsWith('/') ? source : `${source}/`;
    return this.guard(() =>
      this.db
        .prepare<[string, string, string], string>('SELECT id FROM docs WHERE source = ? OR substr(source, 1, length(?)) = ? ORDER BY id')
        .pluck()
        .all(source, folder, folder),
    );
  }

  async stats(): Promise<IndexStats> {
    return this.guard(() => {
      const meta = new Map(this.db.prepare<[], { name: string; value: string }>('SELECT name, value FROM meta').all().map((r) => [r.name, r.value]));
      const counts = this.db
        .prepare<[], { documents: number; sources: number; earliest: string | null; latest: string | null }>(
          'SELECT count(*) AS documents, count(DISTINCT source) AS sources, min(date) AS earliest, max(date) AS latest FROM docs',
        )
        .get()!;
      const lastWrite = meta.get('lastWrite');
      return {
        params: this.params,
        documents: counts.documents,
        bandRows: counts.documents * (this.params.bands + this.params.rewriteBands),
        sources: counts.sources,
        ...(counts.earliest !== null && counts.latest !== null ? { dates: { earliest: counts.earliest, latest: counts.latest } } : {}),
        created: meta.get('created') ?? '',
        ...(lastWrite === undefined ? {} : { lastWrite }),
      };
    });
  }

  /** `PRAGMA integrity_check`: "ok", or SQLite's list of what is wrong. Reads the whole file. */
  async integrityCheck(): Promise<string[]> {
    return this.guard(() => this.db.prepare<[], string>('PRAGMA integrity_check').pluck().all());
  }

  async compact(): Promise<void> {
    this.writable();
    await this.flush();
    this.guard(() => {
      this.db.pragma('wal_checkpoint(TRUNCATE)');
      this.db.exec('VACUUM');
      this.db.pragma('wal_checkpoint(TRUNCATE)');
    });
  }

  async close(): Promise<void> {
    if (this.db.open) this.db.close();
  }
}
