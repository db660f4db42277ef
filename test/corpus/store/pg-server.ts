/**
 * The PostgreSQL server tests run against: NEARDUP_TEST_PG (a connection URL, e.g. from `eval "$(.ci/pg-start)"`).
 * Without it the tests that need a server skip, saying so. Each test gets a database of its own, dropped at the end.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import pg from 'pg';
import { repoRoot } from '../../helpers/paths.js';
import { afterAll, describe } from 'vitest';

export const PG_URL = process.env.NEARDUP_TEST_PG;


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

/** A cluster of a test's own (.ci/pg-start on another port), for a test that restarts its server. */
export interface OwnCluster {
  readonly url: string;
  /** pg_ctl restart (fast shutdown: sessions are cut, committed work kept). */
  restart(): void;
  stop(): void;
}

const ciScript = (name: string) => resolve(repoRoot, '.ci', name);

export function startOwnCluster(port: number): OwnCluster {
  const env = { ...process.env, PG_PORT: String(port) };
  const printed = execFileSync(ciScript('pg-start'), { env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
  const url = /NEARDUP_TEST_PG=(\S+)/.exec(printed)![1]!;
  const dir = readFileSync(`/tmp/neardup-pg.${port}`, 'utf8').trim();
  const pgCtl = execFileSync('bash', ['-c', 'ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1'], { encoding: 'utf8' }).trim() + '/pg_ctl';
  const asOwner = process.getuid?.() === 0 ? ['runuser', '-u', 'postgres', '--'] : [];
  return {
    url,
    restart: () => {
      const [command, ...args] = [...asOwner, pgCtl, '-D', `${dir}/data`, '-l', `${dir}/server.log`, '-w', '-m', 'fast', 'restart'];
      execFileSync(command!, args, { stdio: 'ignore' });
    },
    stop: () => void execFileSync(ciScript('pg-stop'), { env, stdio: 'ignore' }),
  };
}
