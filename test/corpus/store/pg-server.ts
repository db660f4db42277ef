/**
 * The PostgreSQL server tests run against: NEARDUP_TEST_PG (a connection URL, e.g. from `eval "$(.ci/pg-start)"`).
 * Without it the tests that need a server skip, saying so. Each test gets a database of its own, dropped at the end.
 */
import pg from 'pg';
import { afterAll, describe } from 'vitest';

export const PG_URL = process.env.NEARDUP_TEST_PG;

/** How the restart test restarts the server (printed by .ci/pg-start); unset for a server the tests do not own. */
export const PG_RESTART = process.env.NEARDUP_TEST_PG_RESTART;

/** `describe` where a server is given; otherwise skipped, with a notice naming what is missing. */
export function describeWithPg(name: string, body: () => void): void {
  if (PG_URL === undefined) {
    console.warn(`skipping "${name}": no PostgreSQL server (set NEARDUP_TEST_PG, e.g. eval "$(.ci/pg-start)")`);
    describe.skip(name, body);
    return;
  }
  describe(name, body);
}

const created: string[] = [];
let serial = 0;

/** Runs `sql` on the server's own database (as the URL names it). */
export async function admin<T extends pg.QueryResultRow = pg.QueryResultRow>(sql: string, values?: unknown[], url = PG_URL!): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(sql, values)).rows;
  } finally {
    await client.end();
  }
}

/** A new, empty database on the server; its URL. */
export async function freshDatabase(): Promise<string> {
  const name = `neardup_test_${process.pid}_${++serial}`;
  await admin(`CREATE DATABASE ${name}`);
  created.push(name);
  const url = new URL(PG_URL!);
  url.pathname = `/${name}`;
  return url.toString();
}

afterAll(async () => {
  for (const name of created.splice(0)) await admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`).catch(() => {});
});
