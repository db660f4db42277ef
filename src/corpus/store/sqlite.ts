import type Database from 'better-sqlite3';
import { type DocRow, documentOf, placeOfRow, signatureBytes, signatureOf, statsOf } from './rows.js';
import { INDEX_FORMAT_VERSION, type IndexFileOptions, openIndexFile, TEXT_FORMAT_VERSION, translateSqliteError } from './sqlite-file.js';
import { prepareStatements, type Statements, writeStatements } from './sqlite-statements.js';
import {
  type ArticlePlace,
  bandKeysOf,
  bucketReadLimit,
  checkStorable,
  countBucketHits,
  hasMoved,
  type IndexedDocument,
  type IndexParams,
  type IndexStats,
  packText,
  type PutResult,
  type SignatureStore,
  type StoredDocument,
  unpackText,
} from './store.js';

export { INDEX_APPLICATION_ID, INDEX_FORMAT_VERSION, TEXT_FORMAT_VERSION } from './sqlite-file.js';

/** Pending band rows are moved into `bands` once there are this many (about 55,000 articles with rewrite bands). */
export const DEFAULT_MERGE_ROWS = 4_000_000;

export interface SqliteOpenOptions extends IndexFileOptions {
  /** How long to wait for another process's write to finish, in milliseconds; default 60 000. */
  readonly busyTimeoutMs?: number;
  /** Pending band rows that make a write move them into the main band table; default 4,000,000. */
  readonly mergeRows?: number;
}

/**
 * Opens (or creates) the index in an SQLite file. A file that is not a neardup index, a corrupt one, one of another
 * format version or one built with other binding params is refused with an IndexError, and never written to.
 */
export function openSqliteStore(path: string, options: SqliteOpenOptions = {}): SqliteStore {
  const timeoutMs = options.busyTimeoutMs ?? 60_000;
  const { db, params } = openIndexFile(path, options, timeoutMs);
  try {
    return new SqliteStore(db, path, params, timeoutMs, options.mergeRows ?? DEFAULT_MERGE_ROWS);
  } catch (error) {
    db.close();
    throw translateSqliteError(path, error, timeoutMs);
  }
}

/** A SignatureStore in one SQLite file, in WAL mode: readers never wait, writers take turns (busy timeout). */
export class SqliteStore implements SignatureStore {
  readonly params: IndexParams;
  /** The file the index lives in. */
  readonly path: string;
  private readonly db: Database.Database;
  private readonly timeoutMs: number;
  private readonly statements: Statements;
  private readonly mergeRows: number;
  /** Pending rows as this process counts them (other writers add theirs): when to flush. */
  private pendingRows: number;
  /** Pending rows by band and key (band · 2^32 + unsigned key), read once per change: pending has no index on keys. */
  private pendingIndex: Map<number, number[]> | undefined;
  /** The file's data_version when pendingIndex was read: another connection's commit changes it. */
  private pendingVersion = -1;

  constructor(db: Database.Database, path: string, params: IndexParams, timeoutMs: number, mergeRows: number) {
    this.db = db;
    this.path = path;
    this.params = params;
    this.timeoutMs = timeoutMs;
    this.mergeRows = mergeRows;
    this.statements = prepareStatements(db, params.storedText === true);
    this.pendingRows = db.readonly ? 0 : this.guard(() => db.prepare<[], number>('SELECT count(*) FROM pending').pluck().get()!);
  }

  /** The file's format: TEXT_FORMAT_VERSION where it keeps texts, else INDEX_FORMAT_VERSION. */
  get format(): number {
    return this.params.storedText ? TEXT_FORMAT_VERSION : INDEX_FORMAT_VERSION;
  }

  /** Runs `work`, turning SQLite's corrupt, busy and I/O failures into IndexErrors. */
  private guard<T>(work: () => T): T {
    try {
      return work();
    } catch (error) {
      throw translateSqliteError(this.path, error, this.timeoutMs);
    }
  }

  private writable() {
    return writeStatements(this.statements, this.path);
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

  async relocate(places: readonly ArticlePlace[]): Promise<number> {
    // Read first: most unchanged articles have not moved, and an add of an unchanged corpus takes no write lock.
    const moved = this.guard(() => {
      const stored = new Map(this.statements.placesOf.all(JSON.stringify(places.map((p) => p.id))).map((row) => [row.id, placeOfRow(row)]));
      return places.filter((place) => stored.has(place.id) && hasMoved(stored.get(place.id)!, place));
    });
    if (moved.length === 0) return 0;
    const w = this.writable();
    const write = () => {
      let count = 0;
      for (const p of moved) count += w.relocateDoc.run(p.source, p.line ?? null, p.offset ?? null, p.field ?? null, p.date ?? null, p.id).changes;
      if (count > 0) w.touch.run(new Date().toISOString());
      return count;
    };
    return this.guard(() => this.db.transaction(write).immediate());
  }

  async putBatch(documents: readonly StoredDocument[]): Promise<PutResult> {
    const w = this.writable();
    checkStorable(documents, this.params);
    const write = () => {
      let added = 0;
      let replaced = 0;
      let unchanged = 0;
      let rows = 0;
      for (const doc of documents) {
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
   * Pending rows by band and key, read again after a change: this connection's, or another's commit (data_version).
   * Kept across another process's commits, the rows it moves from pending into bands would be counted twice, and
   * double counts push real candidates out of the few a check reads. Called in the read transaction of the band reads.
   */
  private pending(): Map<number, number[]> {
    const version = this.statements.dataVersion.get()!;
    if (this.pendingIndex && version === this.pendingVersion) return this.pendingIndex;
    this.pendingVersion = version;
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
    // One read transaction: the pending rows and the band rows are of one state of the file, whatever other processes
    // commit meanwhile.
    return this.guard(() =>
      this.db.transaction(() => {
        const hits = new Map<number, number>();
        const pending = this.pending();
        for (let i = 0; i < bandKeys.length; i++) {
          const band = first + i;
          const members = this.statements.bucket.all(band, bandKeys[i]!, bucketReadLimit(band, this.params) ?? -1);
          if (pending.size > 0) members.push(...(pending.get(band * 2 ** 32 + (bandKeys[i]! >>> 0)) ?? []));
          countBucketHits(hits, band, members, this.params);
        }
        return hits;
      })(),
    );
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

  async idsOf(keys: readonly number[]): Promise<Map<number, string>> {
    return this.guard(() => {
      const out = new Map<number, string>();
      for (const key of keys) {
        const id = this.statements.idOf.get(key);
        if (id !== undefined) out.set(key, id);
      }
      return out;
    });
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
      return statsOf(this.params, counts, meta);
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
