import type pg from 'pg';
import { IndexError } from '../../errors.js';
import { byCodeUnits } from '../../input/folder-walk.js';
import { connect, connectFailure, isConnectionLoss, PostgresConnection, redactedUrl, unusableIndex } from './postgres-connection.js';
import { existingParams, TABLES } from './postgres-schema.js';
import { deleteRows, insertDocs } from './postgres-writes.js';
import { type DocRow, documentOf, PLACE_COLUMNS, placeOfRow, type PlaceRow, statsOf } from './rows.js';
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
  paramMismatches,
  type PutResult,
  type SignatureStore,
  type StoredDocument,
  unpackText,
} from './store.js';

export { isPostgresUrl, redactedUrl } from './postgres-connection.js';
export { PG_SCHEMA_VERSION } from './postgres-schema.js';

export interface PostgresOpenOptions {
  /** Params to create the index with when the database holds none; without them a missing index is an error. */
  readonly create?: IndexParams;
  /** Params the caller's data depends on: any that differ from the index's are an error (see paramMismatches). */
  readonly require?: Partial<IndexParams>;
  /** Open for reading only (check, stats): writes are refused; default false. */
  readonly readonly?: boolean;
  /** How long to wait for the server to accept a connection, in milliseconds; default 5000. */
  readonly connectTimeoutMs?: number;
  /** After a lost connection, how long to keep trying to connect again before giving up, in milliseconds; default 30 000. */
  readonly reconnectMs?: number;
}

const DOC_COLUMNS = 'doc, id, source, line, "offset", field, hash, date, words, shingles, signature, stems, stem_signature';

const TOUCH = "INSERT INTO neardup_meta (name, value) VALUES ('lastWrite', $1) ON CONFLICT (name) DO UPDATE SET value = excluded.value";

/** Sets the place and date of stored articles (see SignatureStore.relocate). */
const RELOCATE = `UPDATE neardup_docs AS d SET source = u.source, line = u.line, "offset" = u.at, field = u.field, date = u.date
  FROM unnest($1::text[], $2::text[], $3::integer[], $4::bigint[], $5::text[], $6::text[]) AS u (id, source, line, at, field, date)
  WHERE d.id = u.id`;

/**
 * Opens (or creates) the index in a PostgreSQL database. A database whose current schema holds tables of another
 * program, or a neardup index of another schema version or built with other binding params, is refused with an
 * IndexError, and nothing is written to it.
 */
export async function openPostgresStore(url: string, options: PostgresOpenOptions = {}): Promise<PostgresStore> {
  const timeoutMs = options.connectTimeoutMs ?? 5000;
  const client = await connect(url, timeoutMs);
  try {
    const params = await existingParams(client, url, options.create);
    const mismatches = paramMismatches(params, options.require ?? {});
    if (mismatches.length > 0) {
      throw new IndexError(`${redactedUrl(url)} was built with other parameters: ${mismatches.join('; ')}. Use its parameters, or build a new index`);
    }
    return new PostgresStore(url, client, params, { readonly: options.readonly === true, timeoutMs, reconnectMs: options.reconnectMs ?? 30_000 });
  } catch (error) {
    await client.end().catch(() => {});
    if (error instanceof IndexError) throw error;
    if (!isConnectionLoss(error)) throw unusableIndex(error, redactedUrl(url)) ?? error;
    throw connectFailure(url, error, timeoutMs);
  }
}

/**
 * A SignatureStore in a PostgreSQL database, shared by any number of readers and writers on any number of machines.
 * A lost connection (server restart, network cut) is taken up again: the query or batch in progress runs once more on
 * a new connection, which is safe since a batch is one transaction and storing an article twice stores it once.
 */
export class PostgresStore implements SignatureStore {
  readonly params: IndexParams;
  /** The server, as given (with any password). */
  readonly url: string;
  private readonly connection: PostgresConnection;

  constructor(url: string, client: pg.Client, params: IndexParams, options: { readonly: boolean; timeoutMs: number; reconnectMs: number }) {
    this.url = url;
    this.params = params;
    this.connection = new PostgresConnection(url, client, options);
  }

  /** The URL without its password, as messages and reports name the index. */
  get location(): string {
    return redactedUrl(this.url);
  }

  /** The server's process id of this store's connection (to test a dropped connection). */
  backendPid(): Promise<number> {
    return this.connection.backendPid();
  }

  async contentHashes(ids: readonly string[]): Promise<Map<string, string>> {
    if (ids.length === 0) return new Map();
    const rows = await this.connection.read((q) => q<{ id: string; hash: string }>('SELECT id, hash FROM neardup_docs WHERE id = ANY($1::text[])', [ids]));
    return new Map(rows.rows.map((r) => [r.id, r.hash]));
  }

  async relocate(places: readonly ArticlePlace[]): Promise<number> {
    if (places.length === 0) return 0;
    // Read first: most unchanged articles have not moved, and an add of an unchanged corpus locks no row.
    const stored = await this.connection.read((q) => q<PlaceRow>(`SELECT ${PLACE_COLUMNS.postgres} FROM neardup_docs WHERE id = ANY($1::text[])`, [places.map((p) => p.id)]));
    const byId = new Map(stored.rows.map((row) => [row.id, placeOfRow(row)]));
    const sorted = places.filter((place) => byId.has(place.id) && hasMoved(byId.get(place.id)!, place)).sort((a, b) => byCodeUnits(a.id, b.id));
    if (sorted.length === 0) return 0;
    return this.connection.write(async (q) => {
      // Locked in id order first, as putBatch locks: two writers never wait for each other in a circle.
      await q('SELECT doc FROM neardup_docs WHERE id = ANY($1::text[]) ORDER BY id FOR UPDATE', [sorted.map((p) => p.id)]);
      const moved = await q(RELOCATE, [
        sorted.map((p) => p.id),
        sorted.map((p) => p.source),
        sorted.map((p) => p.line ?? null),
        sorted.map((p) => p.offset ?? null),
        sorted.map((p) => p.field ?? null),
        sorted.map((p) => p.date ?? null),
      ]);
      const count = moved.rowCount ?? 0;
      if (count > 0) await q(TOUCH, [new Date().toISOString()]);
      return count;
    });
  }

  async putBatch(documents: readonly StoredDocument[]): Promise<PutResult> {
    checkStorable(documents, this.params);
    if (documents.length === 0) return { added: 0, replaced: 0, unchanged: 0 };
    // Rows locked in id order by every writer: two batches sharing articles wait for each other, never deadlock.
    const sorted = [...documents].sort((a, b) => byCodeUnits(a.id, b.id));
    const packed = new Map(sorted.map((d) => [d.id, this.params.storedText && d.text !== undefined ? packText(d.text) : null]));
    return this.connection.write(async (q) => {
      let added = 0;
      let replaced = 0;
      let unchanged = 0;
      let todo = sorted;
      // An article another writer commits between our look-up and our insert is met again on the next round.
      for (let round = 0; todo.length > 0; round++) {
        if (round === 5) throw new Error(`articles kept being written by another process meanwhile: ${todo.map((d) => d.id).join(', ')}`);
        const old = await q<{ doc: string; id: string; hash: string; signature: Buffer; stem_signature: Buffer | null }>(
          'SELECT doc, id, hash, signature, stem_signature FROM neardup_docs WHERE id = ANY($1::text[]) ORDER BY id FOR UPDATE',
          [todo.map((d) => d.id)],
        );
        const stored = new Map(old.rows.map((r) => [r.id, r]));
        const fresh: StoredDocument[] = [];
        const gone: typeof old.rows = [];
        for (const doc of todo) {
          const row = stored.get(doc.id);
          if (row?.hash === doc.contentHash) unchanged++;
          else {
            if (row) gone.push(row);
            fresh.push(doc);
          }
        }
        await deleteRows(q, gone, this.params);
        const inserted = await insertDocs(q, fresh, packed, this.params.rewriteBands > 0);
        const keys = new Map(inserted.map((r) => [r.id, Number(r.doc)]));
        const bandRows = { band: [] as number[], key: [] as number[], doc: [] as number[] };
        const replacedIds = new Set(gone.map((r) => r.id));
        for (const doc of fresh) {
          const key = keys.get(doc.id);
          if (key === undefined) continue;
          if (replacedIds.has(doc.id)) replaced++;
          else added++;
          const bandKeys = bandKeysOf(doc.signature, this.params, this.params.rewriteBands > 0 ? doc.stemSignature : undefined);
          for (let band = 0; band < bandKeys.length; band++) {
            bandRows.band.push(band);
            bandRows.key.push(bandKeys[band]!);
            bandRows.doc.push(key);
          }
        }
        if (bandRows.doc.length > 0) {
          await q('INSERT INTO neardup_bands (band, key, doc) SELECT * FROM unnest($1::smallint[], $2::integer[], $3::bigint[]) ORDER BY 1, 2, 3', [
            bandRows.band,
            bandRows.key,
            bandRows.doc,
          ]);
        }
        todo = fresh.filter((d) => !keys.has(d.id));
      }
      if (added + replaced > 0) {
        await q(TOUCH, [new Date().toISOString()]);
      }
      return { added, replaced, unchanged };
    });
  }

  /** Band rows go straight into their table: nothing is held aside. */
  async flush(): Promise<void> {}

  async candidates(bandKeys: Int32Array): Promise<number[]> {
    return [...(await this.bandHits(bandKeys, 0)).keys()].sort((a, b) => a - b);
  }

  async bandHits(bandKeys: Int32Array, first: number): Promise<Map<number, number>> {
    const bands = Array.from(bandKeys, (_, i) => first + i);
    const limits = bands.map((band) => bucketReadLimit(band, this.params) ?? null);
    const result = await this.connection.read((q) =>
      q<{ band: number; doc: string }>(
        `SELECT look.band, hit.doc FROM unnest($1::smallint[], $2::integer[], $3::integer[]) AS look(band, key, cap)
         CROSS JOIN LATERAL (SELECT doc FROM neardup_bands b WHERE b.band = look.band AND b.key = look.key LIMIT look.cap) AS hit`,
        [bands, Array.from(bandKeys), limits],
      ),
    );
    const perBand = new Map<number, number[]>();
    for (const row of result.rows) {
      const docs = perBand.get(row.band);
      if (docs) docs.push(Number(row.doc));
      else perBand.set(row.band, [Number(row.doc)]);
    }
    const hits = new Map<number, number>();
    for (const [band, docs] of perBand) countBucketHits(hits, band, docs, this.params);
    return hits;
  }

  async documents(keys: readonly number[]): Promise<IndexedDocument[]> {
    if (keys.length === 0) return [];
    const result = await this.connection.read((q) => q<DocRow>(`SELECT ${DOC_COLUMNS} FROM neardup_docs WHERE doc = ANY($1::bigint[]) ORDER BY doc`, [keys]));
    return result.rows.map(documentOf);
  }

  async idsOf(keys: readonly number[]): Promise<Map<number, string>> {
    if (keys.length === 0) return new Map();
    const result = await this.connection.read((q) => q<{ doc: string | number; id: string }>('SELECT doc, id FROM neardup_docs WHERE doc = ANY($1::bigint[])', [keys]));
    return new Map(result.rows.map((row) => [Number(row.doc), row.id]));
  }

  async text(key: number): Promise<string | undefined> {
    const result = await this.connection.read((q) => q<{ text: Buffer | null }>('SELECT text FROM neardup_docs WHERE doc = $1', [key]));
    const packed = result.rows[0]?.text;
    return packed ? unpackText(packed) : undefined;
  }

  async count(): Promise<number> {
    const result = await this.connection.read((q) => q<{ n: string }>('SELECT count(*) AS n FROM neardup_docs'));
    return Number(result.rows[0]!.n);
  }

  async byId(id: string): Promise<IndexedDocument | undefined> {
    const result = await this.connection.read((q) => q<DocRow>(`SELECT ${DOC_COLUMNS} FROM neardup_docs WHERE id = $1`, [id]));
    return result.rows[0] && documentOf(result.rows[0]);
  }

  async remove(ids: readonly string[]): Promise<number> {
    const wanted = [...new Set(ids)].sort();
    if (wanted.length === 0) return 0;
    return this.connection.write(async (q) => {
      const rows = await q<{ doc: string; signature: Buffer; stem_signature: Buffer | null }>(
        'SELECT doc, signature, stem_signature FROM neardup_docs WHERE id = ANY($1::text[]) ORDER BY id FOR UPDATE',
        [wanted],
      );
      await deleteRows(q, rows.rows, this.params);
      if (rows.rows.length > 0) {
        await q(TOUCH, [new Date().toISOString()]);
      }
      return rows.rows.length;
    });
  }

  async idsFromSource(source: string): Promise<string[]> {
    const folder = source.endsWith('/') ? source : `${source}/`;
    const result = await this.connection.read((q) => q<{ id: string }>('SELECT id FROM neardup_docs WHERE source = $1 OR left(source, length($2)) = $2', [source, folder]));
    return result.rows.map((r) => r.id).sort();
  }

  async stats(): Promise<IndexStats> {
    return this.connection.read(async (q) => {
      const meta = new Map((await q<{ name: string; value: string }>('SELECT name, value FROM neardup_meta')).rows.map((r) => [r.name, r.value]));
      const counts = (
        await q<{ documents: string; sources: string; earliest: string | null; latest: string | null }>(
          'SELECT count(*) AS documents, count(DISTINCT source) AS sources, min(date) AS earliest, max(date) AS latest FROM neardup_docs',
        )
      ).rows[0]!;
      return statsOf(this.params, { ...counts, documents: Number(counts.documents), sources: Number(counts.sources) }, meta);
    });
  }

  /** Bytes the index's tables take on the server, indexes and compressed (TOAST) values included. */
  async sizeBytes(): Promise<number> {
    const result = await this.connection.read((q) => q<{ bytes: string }>('SELECT sum(pg_total_relation_size(to_regclass(t)))::bigint AS bytes FROM unnest($1::text[]) AS t', [TABLES]));
    return Number(result.rows[0]!.bytes);
  }

  /**
   * Whether every document has its band rows and no band row lacks its document: "ok", or what is wrong. Reads both
   * tables in full.
   */
  async integrityCheck(): Promise<string[]> {
    return this.connection.read(async (q) => {
      const expected = (
        await q<{ n: string }>('SELECT (count(*) * $1::bigint + count(stem_signature) * $2::bigint)::text AS n FROM neardup_docs', [this.params.bands, this.params.rewriteBands])
      ).rows[0]!.n;
      const found = (await q<{ n: string }>('SELECT count(*)::text AS n FROM neardup_bands')).rows[0]!.n;
      const orphans = (await q<{ n: string }>('SELECT count(*)::text AS n FROM neardup_bands b WHERE NOT EXISTS (SELECT 1 FROM neardup_docs d WHERE d.doc = b.doc)')).rows[0]!.n;
      const problems = [
        ...(expected === found ? [] : [`${found} band rows where the documents need ${expected}`]),
        ...(orphans === '0' ? [] : [`${orphans} band rows of no document`]),
      ];
      return problems.length === 0 ? ['ok'] : problems;
    });
  }

  /** VACUUM (ANALYZE) of the index's tables: gives the space of removed rows back to the tables and refreshes plans. */
  async compact(): Promise<void> {
    if (this.connection.readonly) throw new IndexError(`${this.location} was opened for reading only`);
    const { warnings } = await this.connection.readWithWarnings(async (q) => {
      for (const table of TABLES) await q(`VACUUM (ANALYZE) ${table}`);
    });
    if (warnings.length > 0) {
      const more = warnings.length > 1 ? ` (and ${warnings.length - 1} more such warning${warnings.length > 2 ? 's' : ''})` : '';
      throw new IndexError(`${this.location} was not vacuumed: the server said "${warnings[0]}"${more}. Run vacuum as the owner of the tables`);
    }
  }

  async close(): Promise<void> {
    await this.connection.end();
  }
}
