import type pg from 'pg';
import { IndexError } from '../../errors.js';
import { redactedUrl } from './postgres-connection.js';
import { type IndexParams, storedParams } from './store.js';

/** Version of the tables below, recorded in `neardup_schema`. An index of any other version is refused untouched. */
export const PG_SCHEMA_VERSION = 1;

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

export const TABLES = ['neardup_schema', 'neardup_meta', 'neardup_docs', 'neardup_bands'] as const;

/** Taken while the tables are created, so two writers creating the index at once make it once ("NDUP"). */
const CREATE_LOCK = 0x4e445550;

async function readParams(client: pg.Client, url: string): Promise<IndexParams> {
  const where = redactedUrl(url);
  const versions = await client.query<{ version: number }>('SELECT version FROM neardup_schema ORDER BY version');
  const version = versions.rows.at(-1)?.version;
  if (version !== PG_SCHEMA_VERSION) {
    throw new IndexError(`${where} holds a neardup index of schema version ${version ?? 'none'}; this neardup uses version ${PG_SCHEMA_VERSION}. It was left as it is`);
  }
  const row = await client.query<{ value: string }>("SELECT value FROM neardup_meta WHERE name = 'params'");
  return storedParams(row.rows[0]?.value, where);
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

/** The params of the index in the connection's current schema, creating it with `create` where there is none. */
export async function existingParams(client: pg.Client, url: string, create: IndexParams | undefined): Promise<IndexParams> {
  const where = redactedUrl(url);
  if (await hasIndex(client)) return readParams(client, url);
  if (!create) {
    // A masked password is not one to copy: the command then names the URL given.
    const command = where === url ? `"neardup index add <paths...> --db ${where}"` : '"neardup index add <paths...> --db" and the same URL';
    throw new IndexError(`no neardup index in ${where}: create one with ${command}`);
  }
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

