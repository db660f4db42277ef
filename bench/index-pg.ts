/**
 * The index on PostgreSQL beside SQLite, through the real CLI: `index add` throughput with 1, 2 and 4 writer
 * processes at once, `check` time per article once the index holds --docs articles, and rows and bytes per article.
 *
 *   npm run build && npx tsc -p tsconfig.bench.json && node dist-bench/bench/index-pg.js --url postgres://… --docs 100000
 *
 * --url names a server where the bench may create and drop databases (default $NEARDUP_TEST_PG). Articles are made up
 * (150 words from a Zipf-skewed made-up vocabulary, fixed seed); the checked ones are one in ten an edited copy of an
 * indexed article. Options: --docs N indexed for the check (default 100000), --writer-docs N split among the writers
 * (default 20000), --checks M (default 1000), --dir D (default a temporary folder, removed at the end).
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { madeUpArticle, writeJsonl } from './made-up-articles.js';

const args = process.argv.slice(2);
const option = (name: string, fallback: string) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1]! : fallback;
};
const url = option('url', process.env.NEARDUP_TEST_PG ?? '');
if (!url) throw new Error('give --url postgres://… (or set NEARDUP_TEST_PG): a server where databases may be created');
const docs = Number(option('docs', '100000'));
const writerDocs = Number(option('writer-docs', '20000'));
const checks = Number(option('checks', '1000'));
const dir = resolve(option('dir', mkdtempSync(join(tmpdir(), 'neardup-index-pg-'))));
const bin = resolve(fileURLToPath(import.meta.url), '../../../bin/neardup.js');

/** Articles from..to-1 as JSONL; with `edited`, every tenth is an indexed article whose first 20 words were moved to 20 new ones at its end. */
function writeArticles(path: string, from: number, to: number, edited = false): string {
  return writeJsonl(path, from, to, (n) => {
    const words = edited && n % 10 === 0 ? [...madeUpArticle(n - from), ...madeUpArticle(n).slice(0, 20)].slice(20) : madeUpArticle(n);
    return JSON.stringify({ id: `a${n}`, text: words.join(' ') });
  });
}

function neardup(cliArgs: string[]): Promise<void> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [bin, ...cliArgs], { stdio: ['ignore', 'ignore', 'inherit'] });
    child.on('close', (status) => (status === 0 ? done() : fail(new Error(`neardup ${cliArgs.join(' ')} exited ${status}`))));
  });
}

async function freshDatabase(name: string): Promise<string> {
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const at = new URL(url);
  at.pathname = `/${name}`;
  return at.toString();
}

const seconds = async (work: () => Promise<unknown>) => {
  const started = performance.now();
  await work();
  return (performance.now() - started) / 1000;
};

const rows: string[] = [];
const report = (line: string) => {
  rows.push(line);
  console.log(line);
};

async function main() {
  // 1. Writers at once: --writer-docs articles, split in equal disjoint parts.
  for (const writers of [1, 2, 4]) {
    const parts = Array.from({ length: writers }, (_, w) =>
      writeArticles(join(dir, `part-${writers}-${w}.jsonl`), Math.floor((w * writerDocs) / writers), Math.floor(((w + 1) * writerDocs) / writers)),
    );
    for (const backend of ['postgres', 'sqlite'] as const) {
      const db = backend === 'postgres' ? await freshDatabase(`neardup_bench_w${writers}`) : join(dir, `writers-${writers}.db`);
      const s = await seconds(() => Promise.all(parts.map((part) => neardup(['index', 'add', part, '--db', db, '--quiet']))));
      report(`index add, ${writers} writer${writers > 1 ? 's' : ''}, ${backend}: ${writerDocs} articles in ${s.toFixed(1)} s = ${Math.round(writerDocs / s)} articles/s`);
    }
  }
  // 2. Check at --docs indexed articles.
  const indexed = writeArticles(join(dir, 'indexed.jsonl'), 0, docs);
  const incoming = writeArticles(join(dir, 'incoming.jsonl'), docs, docs + checks, true);
  const one = writeArticles(join(dir, 'one.jsonl'), docs, docs + 1, true);
  for (const backend of ['postgres', 'sqlite'] as const) {
    const db = backend === 'postgres' ? await freshDatabase('neardup_bench_check') : join(dir, 'check.db');
    const added = await seconds(() => neardup(['index', 'add', indexed, '--db', db, '--quiet']));
    report(`index add of ${docs} articles, ${backend}: ${added.toFixed(1)} s = ${Math.round(docs / added)} articles/s`);
    const fixed = await seconds(() => neardup(['check', one, '--db', db, '--format', 'json', '--quiet']));
    const all = await seconds(() => neardup(['check', incoming, '--db', db, '--format', 'json', '--quiet']));
    report(`check at ${docs} articles, ${backend}: ${(((all - fixed) / (checks - 1)) * 1000).toFixed(2)} ms an article (${checks} articles in ${all.toFixed(1)} s, start-up ${fixed.toFixed(1)} s)`);
    let bytes: number;
    if (backend === 'postgres') {
      const client = new pg.Client({ connectionString: db });
      await client.connect();
      const sizes = await client.query<{ name: string; bytes: string }>(
        "SELECT t AS name, pg_total_relation_size(t::regclass)::text AS bytes FROM unnest(array['neardup_docs', 'neardup_bands']) AS t",
      );
      const bandRows = await client.query<{ n: string }>('SELECT count(*)::text AS n FROM neardup_bands');
      await client.end();
      bytes = sizes.rows.reduce((n, r) => n + Number(r.bytes), 0);
      report(`rows per article, postgres: 1 document + ${(Number(bandRows.rows[0]!.n) / docs).toFixed(0)} band rows; ` + sizes.rows.map((r) => `${r.name} ${Math.round(Number(r.bytes) / docs)} B`).join(', '));
    } else {
      bytes = statSync(db).size + (statSync(`${db}-wal`, { throwIfNoEntry: false })?.size ?? 0);
    }
    report(`bytes per article, ${backend}: ${Math.round(bytes / docs)} (${(bytes / 1e6).toFixed(0)} MB for ${docs})${backend === 'postgres' ? ', texts included' : ', no texts'}`);
  }
  rmSync(dir, { recursive: true, force: true });
}

await main();
