import pg from 'pg';
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

/** Version of the tables below, recorded in `neardup_schema`. An index of any other version is refused untouched. */
export const PG_SCHEMA_VERSION = 1;

/** Whether --db names a PostgreSQL server (postgres:// or postgresql://) rather than an SQLite file. */
export function isPostgresUrl(location: string): boolean {
  return /^postgres(ql)?:\/\//i.test(location);
}

/** The URL without its password, for messages. */
export function redactedUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return url.replace(/:[^:@/]*@/, ':***@');
  }
}

/**
 * Tables live in the connection's current schema (search_path), all named neardup_*. Design for many writers and
 * billions of band rows:
 * - `neardup_bands` has the primary key (band, key, doc): a look-up is one B-tree descent per band, and the table
 *   can be hash-partitioned on band, or distributed on band by Citus, without changing a query (every query on it
 *   names the band).
 * - Batches are loaded by one multi-row INSERT … SELECT FROM unnest(arrays) per table: one round trip, one plan,
 *   and it can say ON CONFLICT, which COPY cannot (and COPY would need a client package neardup does not carry).
 * - `neardup_docs.id` is UNIQUE: two writers adding the same article meet there; the second skips it (ON CONFLICT
 *   DO NOTHING) and finds it stored with its own text, or replaces it if the text differs, under a row lock.
 */
const SCHEMA = `
  CREATE TABLE neardup_schema (version integer PRIMARY KEY, applied timestamptz NOT NULL DEFAULT now());
  CREATE TABLE neardup_meta (name text PRIMARY KEY, value text NOT NULL);
  CREATE TABLE neardup_docs (
    doc bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    id text NOT NULL UNIQUE,
    source text NOT NULL,
    line integer,
    "offset" bigint,
    field text,
    hash text NOT NULL,
    date text,
    words integer NOT NULL,
    shingles integer NOT NULL,
    signature bytea NOT NULL,
    stems integer,
    stem_signature bytea,
    text bytea
  );
  CREATE INDEX neardup_docs_source ON neardup_docs (source text_pattern_ops);
  CREATE TABLE neardup_bands (band smallint NOT NULL, key integer NOT NULL, doc bigint NOT NULL, PRIMARY KEY (band, key, doc));
`;

const TABLES = ['neardup_schema', 'neardup_meta', 'neardup_docs', 'neardup_bands'] as const;

/** Taken while the tables are created, so two writers creating the index at once make it once ("NDUP"). */
const CREATE_LOCK = 0x4e445550;

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





const CONNECTION_CODES = new Set(['57P01', '57P02', '57P03', 'ECONNRESET', 'ECONNREFUSED', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH']);

/** Whether a failure means the connection is gone (server restarted, network cut), not that the query was wrong. */
export function isConnectionLoss(error: unknown): boolean {
  const code: unknown = (error as { code?: unknown } | null)?.code;
  if (typeof code === 'string' && (code.startsWith('08') || CONNECTION_CODES.has(code))) return true;
  return error instanceof Error && /Connection terminated|connection timeout|Client has encountered a connection error|not queryable/i.test(error.message);
}

/** Deadlock or serialisation failure: the transaction did nothing and may simply run again. */
function isTransient(error: unknown): boolean {
  const code: unknown = (error as { code?: unknown } | null)?.code;
  return code === '40P01' || code === '40001';
}

/** A failure to connect, as an IndexError saying what to fix. */
function connectFailure(url: string, error: unknown, timeoutMs: number): IndexError {
  const where = redactedUrl(url);
  const code: unknown = (error as { code?: unknown } | null)?.code;
  const message = error instanceof Error ? error.message : String(error);
  if (code === '28P01' || code === '28000') return new IndexError(`cannot log in to ${where}: ${message}`);
  if (code === '3D000') return new IndexError(`${where}: ${message}`);
  if (/timeout/i.test(message)) return new IndexError(`cannot reach ${where}: no answer within ${Math.round(timeoutMs / 1000)} s`);
  return new IndexError(`cannot reach ${where} (${message})`);
}

/** What the running process already committed, for the message that ends an add. */
const RERUN = 'batches committed before are kept: run the same command again to add the rest';

type Query = <R extends pg.QueryResultRow = pg.QueryResultRow>(text: string, values?: unknown[]) => Promise<pg.QueryResult<R>>;

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
    if (error instanceof IndexError || !isConnectionLoss(error)) throw error;
    throw connectFailure(url, error, timeoutMs);
  }
}

async function connect(url: string, timeoutMs: number): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: timeoutMs, application_name: 'neardup' });
  // A connection that dies while idle is noticed by the next query; without a listener the error would end the process.
  client.on('error', () => {});
  try {
    await client.connect();
  } catch (error) {
    await client.end().catch(() => {});
    throw connectFailure(url, error, timeoutMs);
  }
  return client;
}

async function readParams(client: pg.Client, url: string): Promise<IndexParams> {
  const where = redactedUrl(url);
  const versions = await client.query<{ version: number }>('SELECT version FROM neardup_schema ORDER BY version');
  const version = versions.rows.at(-1)?.version;
  if (version !== PG_SCHEMA_VERSION) {
    throw new IndexError(`${where} holds a neardup index of schema version ${version ?? 'none'}; this neardup uses version ${PG_SCHEMA_VERSION}. It was left as it is`);
  }
  const row = await client.query<{ value: string }>("SELECT value FROM neardup_meta WHERE name = 'params'");
  if (row.rows.length === 0) throw new IndexError(`${where} is a neardup index without its parameters (damaged); it was left as it is`);
  return JSON.parse(row.rows[0]!.value) as IndexParams;
}

/** Tables of the current schema that are not neardup's: a database in another program's use. */
async function foreignTables(client: pg.Client): Promise<string[]> {
  const result = await client.query<{ name: string }>(
    "SELECT tablename AS name FROM pg_tables WHERE schemaname = current_schema() AND NOT tablename = ANY($1::text[]) ORDER BY tablename LIMIT 3",
    [TABLES],
  );
  return result.rows.map((r) => r.name);
}

/**
 * Whether the current schema holds neardup's tables. Asked of pg_tables, which each statement reads afresh, not with
 * to_regclass, whose cached "no such table" outlives another writer creating it while this one waited for the lock.
 */
async function hasIndex(client: pg.Client): Promise<boolean> {
  const found = await client.query("SELECT 1 FROM pg_tables WHERE schemaname = current_schema() AND tablename = 'neardup_schema'");
  return found.rows.length > 0;
}

async function existingParams(client: pg.Client, url: string, create: IndexParams | undefined): Promise<IndexParams> {
  const where = redactedUrl(url);
  if (await hasIndex(client)) return readParams(client, url);
  if (!create) throw new IndexError(`no neardup index in ${where}: create one with "neardup index add <paths...> --db ${where}"`);
  await client.query('BEGIN');
  try {
    await client.query('SELECT pg_advisory_xact_lock($1)', [CREATE_LOCK]);
    if (await hasIndex(client)) {
      await client.query('ROLLBACK');
      return readParams(client, url);
    }
    const foreign = await foreignTables(client);
    if (foreign.length > 0) {
      throw new IndexError(`${where} holds tables of another program (${foreign.join(', ')}) and no neardup index; it was left as it is. Give neardup a database or schema of its own`);
    }
    await client.query(SCHEMA);
    await client.query('INSERT INTO neardup_schema (version) VALUES ($1)', [PG_SCHEMA_VERSION]);
    await client.query("INSERT INTO neardup_meta (name, value) VALUES ('params', $1), ('created', $2)", [JSON.stringify(create), new Date().toISOString()]);
    await client.query('COMMIT');
    return create;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {});
    throw error;
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
  private client: pg.Client;
  private readonly readonly: boolean;
  private readonly timeoutMs: number;
  private readonly reconnectMs: number;

  constructor(url: string, client: pg.Client, params: IndexParams, options: { readonly: boolean; timeoutMs: number; reconnectMs: number }) {
    this.url = url;
    this.client = client;
    this.params = params;
    this.readonly = options.readonly;
    this.timeoutMs = options.timeoutMs;
    this.reconnectMs = options.reconnectMs;
  }

  /** The URL without its password, as messages and reports name the index. */
  get location(): string {
    return redactedUrl(this.url);
  }

  /** The server's process id of this store's connection (to test a dropped connection). */
  async backendPid(): Promise<number> {
    return (await this.client.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows[0]!.pid;
  }

  /** A new connection, tried until the server answers or `reconnectMs` has passed. */
  private async reconnect(cause: unknown): Promise<void> {
    await this.client.end().catch(() => {});
    const deadline = Date.now() + this.reconnectMs;
    for (;;) {
      try {
        this.client = await connect(this.url, this.timeoutMs);
        return;
      } catch (error) {
        if (Date.now() >= deadline) {
          const why = cause instanceof Error ? cause.message : String(cause);
          throw new IndexError(`lost the connection to ${this.location} (${why}) and could not connect again within ${Math.round(this.reconnectMs / 1000)} s (${(error as Error).message})`);
        }
        await new Promise((done) => setTimeout(done, 500));
      }
    }
  }

  /**
   * Runs `work` (its queries through the given function), inside one transaction when `transaction` is set. A lost
   * connection is taken up again and `work` runs once more; a deadlock runs it again (up to five times).
   */
  private async run<T>(work: (query: Query) => Promise<T>, transaction: boolean, lostMessage: string): Promise<T> {
    let reconnected = false;
    for (let attempt = 0; ; attempt++) {
      const client = this.client;
      const query: Query = (text, values) => client.query(text, values);
      try {
        if (!transaction) return await work(query);
        await query('BEGIN');
        try {
          const result = await work(query);
          await query('COMMIT');
          return result;
        } catch (error) {
          await query('ROLLBACK').catch(() => {});
          throw error;
        }
      } catch (error) {
        if (isTransient(error) && attempt < 5) continue;
        if (!isConnectionLoss(error)) throw error;
        if (reconnected) throw new IndexError(`lost the connection to ${this.location} twice in a row (${(error as Error).message}); ${lostMessage}`);
        await this.reconnect(error);
        reconnected = true;
      }
    }
  }

  private read<T>(work: (query: Query) => Promise<T>): Promise<T> {
    return this.run(work, false, 'nothing was written: run the same command again');
  }

  private write<T>(work: (query: Query) => Promise<T>): Promise<T> {
    if (this.readonly) throw new IndexError(`${this.location} was opened for reading only`);
    return this.run(work, true, RERUN);
  }

  async contentHashes(ids: readonly string[]): Promise<Map<string, string>> {
    if (ids.length === 0) return new Map();
    const rows = await this.read((q) => q<{ id: string; hash: string }>('SELECT id, hash FROM neardup_docs WHERE id = ANY($1::text[])', [ids]));
    return new Map(rows.rows.map((r) => [r.id, r.hash]));
  }

  async putBatch(documents: readonly StoredDocument[]): Promise<PutResult> {
    for (const doc of documents) {
      const invalid = invalidDocument(doc, this.params);
      if (invalid) throw new RangeError(invalid);
    }
    if (documents.length === 0) return { added: 0, replaced: 0, unchanged: 0 };
    // Rows locked in id order by every writer: two batches sharing articles wait for each other, never deadlock.
    const sorted = [...documents].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    const packed = new Map(sorted.map((d) => [d.id, this.params.storedText && d.text !== undefined ? packText(d.text) : null]));
    return this.write(async (q) => {
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
        await this.deleteRows(q, gone);
        const inserted = await this.insertDocs(q, fresh, packed);
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
        await q("INSERT INTO neardup_meta (name, value) VALUES ('lastWrite', $1) ON CONFLICT (name) DO UPDATE SET value = excluded.value", [new Date().toISOString()]);
      }
      return { added, replaced, unchanged };
    });
  }

  /** Inserts documents whose id is not stored; returns the store key of each one inserted (others lost a race). */
  private async insertDocs(q: Query, docs: readonly StoredDocument[], packed: Map<string, Buffer | null>): Promise<Array<{ doc: string; id: string }>> {
    if (docs.length === 0) return [];
    const stems = this.params.rewriteBands > 0;
    const result = await q<{ doc: string; id: string }>(
      `INSERT INTO neardup_docs (id, source, line, "offset", field, hash, date, words, shingles, signature, stems, stem_signature, text)
       SELECT * FROM unnest($1::text[], $2::text[], $3::integer[], $4::bigint[], $5::text[], $6::text[], $7::text[], $8::integer[], $9::integer[],
                            $10::bytea[], $11::integer[], $12::bytea[], $13::bytea[])
       ON CONFLICT (id) DO NOTHING RETURNING doc, id`,
      [
        docs.map((d) => d.id),
        docs.map((d) => d.source),
        docs.map((d) => d.line ?? null),
        docs.map((d) => d.offset ?? null),
        docs.map((d) => d.field ?? null),
        docs.map((d) => d.contentHash),
        docs.map((d) => d.date ?? null),
        docs.map((d) => d.words),
        docs.map((d) => d.shingles),
        docs.map((d) => signatureBytes(d.signature)),
        docs.map((d) => (stems && d.stemSignature ? d.stems! : null)),
        docs.map((d) => (stems && d.stemSignature ? signatureBytes(d.stemSignature) : null)),
        docs.map((d) => packed.get(d.id) ?? null),
      ],
    );
    return result.rows;
  }

  /** Deletes documents and their band rows (found again from their signatures), inside the caller's transaction. */
  private async deleteRows(q: Query, rows: ReadonlyArray<{ doc: string; signature: Buffer; stem_signature: Buffer | null }>): Promise<void> {
    if (rows.length === 0) return;
    const band: number[] = [];
    const key: number[] = [];
    const doc: string[] = [];
    for (const row of rows) {
      const keys = bandKeysOf(signatureOf(row.signature), this.params, row.stem_signature === null ? undefined : signatureOf(row.stem_signature));
      for (let b = 0; b < keys.length; b++) {
        band.push(b);
        key.push(keys[b]!);
        doc.push(row.doc);
      }
    }
    await q(
      'DELETE FROM neardup_bands b USING unnest($1::smallint[], $2::integer[], $3::bigint[]) AS gone(band, key, doc) WHERE b.band = gone.band AND b.key = gone.key AND b.doc = gone.doc',
      [band, key, doc],
    );
    await q('DELETE FROM neardup_docs WHERE doc = ANY($1::bigint[])', [rows.map((r) => r.doc)]);
  }

  /** Band rows go straight into their table: nothing is held aside. */
  async flush(): Promise<void> {}

  async candidates(bandKeys: Int32Array): Promise<number[]> {
    return [...(await this.bandHits(bandKeys, 0)).keys()].sort((a, b) => a - b);
  }

  async bandHits(bandKeys: Int32Array, first: number): Promise<Map<number, number>> {
    const bands = Array.from(bandKeys, (_, i) => first + i);
    // A rewrite band's bucket is read up to one past the cap: enough to know it is passed over.
    const limits = bands.map((band) => (band < this.params.bands ? null : MAX_REWRITE_BUCKET + 1));
    const result = await this.read((q) =>
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
    for (const [band, docs] of perBand) {
      if (band >= this.params.bands && docs.length > MAX_REWRITE_BUCKET) continue;
      for (const doc of docs) hits.set(doc, (hits.get(doc) ?? 0) + 1);
    }
    return hits;
  }

  async documents(keys: readonly number[]): Promise<IndexedDocument[]> {
    if (keys.length === 0) return [];
    const result = await this.read((q) => q<DocRow>(`SELECT ${DOC_COLUMNS} FROM neardup_docs WHERE doc = ANY($1::bigint[]) ORDER BY doc`, [keys]));
    return result.rows.map(documentOf);
  }

  async text(key: number): Promise<string | undefined> {
    const result = await this.read((q) => q<{ text: Buffer | null }>('SELECT text FROM neardup_docs WHERE doc = $1', [key]));
    const packed = result.rows[0]?.text;
    return packed ? unpackText(packed) : undefined;
  }

  async count(): Promise<number> {
    const result = await this.read((q) => q<{ n: string }>('SELECT count(*) AS n FROM neardup_docs'));
    return Number(result.rows[0]!.n);
  }

  async byId(id: string): Promise<IndexedDocument | undefined> {
    const result = await this.read((q) => q<DocRow>(`SELECT ${DOC_COLUMNS} FROM neardup_docs WHERE id = $1`, [id]));
    return result.rows[0] && documentOf(result.rows[0]);
  }

  async remove(ids: readonly string[]): Promise<number> {
    const wanted = [...new Set(ids)].sort();
    if (wanted.length === 0) return 0;
    return this.write(async (q) => {
      const rows = await q<{ doc: string; signature: Buffer; stem_signature: Buffer | null }>(
        'SELECT doc, signature, stem_signature FROM neardup_docs WHERE id = ANY($1::text[]) ORDER BY id FOR UPDATE',
        [wanted],
      );
      await this.deleteRows(q, rows.rows);
      if (rows.rows.length > 0) {
        await q("INSERT INTO neardup_meta (name, value) VALUES ('lastWrite', $1) ON CONFLICT (name) DO UPDATE SET value = excluded.value", [new Date().toISOString()]);
      }
      return rows.rows.length;
    });
  }

  async idsFromSource(source: string): Promise<string[]> {
    const folder = source.endsWith('/') ? source : `${source}/`;
    const result = await this.read((q) => q<{ id: string }>('SELECT id FROM neardup_docs WHERE source = $1 OR left(source, length($2)) = $2', [source, folder]));
    return result.rows.map((r) => r.id).sort();
  }

  async stats(): Promise<IndexStats> {
    return this.read(async (q) => {
      const meta = new Map((await q<{ name: string; value: string }>('SELECT name, value FROM neardup_meta')).rows.map((r) => [r.name, r.value]));
      const counts = (
        await q<{ documents: string; sources: string; earliest: string | null; latest: string | null }>(
          'SELECT count(*) AS documents, count(DISTINCT source) AS sources, min(date) AS earliest, max(date) AS latest FROM neardup_docs',
        )
      ).rows[0]!;
      const documents = Number(counts.documents);
      const lastWrite = meta.get('lastWrite');
      return {
        params: this.params,
        documents,
        bandRows: documents * (this.params.bands + this.params.rewriteBands),
        sources: Number(counts.sources),
        ...(counts.earliest !== null && counts.latest !== null ? { dates: { earliest: counts.earliest, latest: counts.latest } } : {}),
        created: meta.get('created') ?? '',
        ...(lastWrite === undefined ? {} : { lastWrite }),
      };
    });
  }

  /** Bytes the index's tables take on the server, indexes and compressed (TOAST) values included. */
  async sizeBytes(): Promise<number> {
    const result = await this.read((q) => q<{ bytes: string }>('SELECT sum(pg_total_relation_size(to_regclass(t)))::bigint AS bytes FROM unnest($1::text[]) AS t', [TABLES]));
    return Number(result.rows[0]!.bytes);
  }

  /**
   * Whether every document has its band rows and no band row lacks its document: "ok", or what is wrong. Reads both
   * tables in full.
   */
  async integrityCheck(): Promise<string[]> {
    return this.read(async (q) => {
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
    if (this.readonly) throw new IndexError(`${this.location} was opened for reading only`);
    await this.read(async (q) => {
      for (const table of TABLES) await q(`VACUUM (ANALYZE) ${table}`);
    });
  }

  async close(): Promise<void> {
    await this.client.end().catch(() => {});
  }
}
