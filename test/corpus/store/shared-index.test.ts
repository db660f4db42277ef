/**
 * One index for many machines, end to end through the built binary: writers at once, a writer killed, the server
 * restarted; and, through the CLI in-process, a check where the originals do not exist. Reuters parts need ../shared; PostgreSQL needs
 * NEARDUP_TEST_PG (see pg-server.ts).
 */
import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPostgresStore } from '../../../src/corpus/store/postgres.js';
import { contentHash } from '../../../src/input/content-hash.js';
import { fixturesDir, repoRoot, reutersPath } from '../../helpers/paths.js';
import { runCli } from '../../helpers/run-cli.js';
import { admin, describeWithPg, freshDatabase, startOwnCluster } from './pg-server.js';

const bin = resolve(repoRoot, 'bin/neardup.js');
let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'neardup-shared-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface Exit {
  status: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

function start(args: string[], cwd = dir, env: Record<string, string> = {}) {
  const child = spawn(process.execPath, [bin, ...args], { cwd, env: { PATH: process.env.PATH, NO_COLOR: '1', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d));
  child.stderr.on('data', (d: Buffer) => (stderr += d));
  const exited = new Promise<Exit>((done) => child.on('close', (status, signal) => done({ status, signal, stdout, stderr })));
  return { child, exited };
}

const run = (args: string[], cwd = dir, env: Record<string, string> = {}) => start(args, cwd, env).exited;
const json = (stdout: string) => JSON.parse(stdout) as Record<string, any>;

/** Lines `from` to `to` (1-based, inclusive) of Reuters, every `step`-th, as a JSONL file; its path. */
function reutersPart(name: string, from: number, to: number, step = 1): string {
  const lines = readFileSync(reutersPath, 'utf8').split('\n').slice(from - 1, to);
  const path = join(dir, `${name}.jsonl`);
  writeFileSync(path, `${lines.filter((_, i) => i % step === 0).join('\n')}\n`);
  return path;
}

const haveReuters = existsSync(reutersPath);
if (!haveReuters) console.warn(`skipping the Reuters writer tests: ${reutersPath} is missing`);

const countDocs = async (url: string) => (await admin<{ n: number }>('SELECT count(*)::int AS n FROM neardup_docs', [], url))[0]!.n;

/** Resolves once `condition` holds (polled every 50 ms). */
async function until(condition: () => Promise<boolean>, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((done) => setTimeout(done, 50));
  }
}

/** Every stored article has its band rows and its text, and the text is the one whose hash was stored. */
async function everyOneCheckable(url: string): Promise<number> {
  const store = await openPostgresStore(url, { readonly: true });
  try {
    expect(await store.integrityCheck()).toEqual(['ok']);
    const ids = (await admin<{ id: string }>('SELECT id FROM neardup_docs ORDER BY id', [], url)).map((r) => r.id);
    let checkable = 0;
    for (const id of ids) {
      const doc = (await store.byId(id))!;
      const text = await store.text(doc.key);
      if (text !== undefined && contentHash(text) === doc.contentHash) checkable++;
    }
    return checkable;
  } finally {
    await store.close();
  }
}


describeWithPg('many writers on one PostgreSQL index', () => {
  it.runIf(haveReuters)('four writer processes adding disjoint and overlapping parts at once end with exactly the distinct articles, every one checkable', async () => {
    const url = await freshDatabase();
    const parts = [reutersPart('w1', 1, 900), reutersPart('w2', 700, 1600), reutersPart('w3', 1500, 2400), reutersPart('w4', 1, 2400, 3)];
    const exits = await Promise.all(parts.map((part) => run(['index', 'add', part, '--db', url, '--batch-size', '100', '--format', 'json', '--quiet'])));
    for (const exit of exits) expect(exit.status, exit.stderr).toBe(0);
    const added = exits.reduce((n, e) => n + json(e.stdout).added, 0);
    // The whole range once more: nothing is missing (no article added) and nothing was stored twice.
    const all = json((await run(['index', 'add', reutersPart('all', 1, 2400), '--db', url, '--format', 'json', '--quiet'])).stdout);
    expect(all).toMatchObject({ added: 0, replaced: 0 });
    const distinct = all.unchanged as number;
    expect(distinct).toBeGreaterThan(2300);
    expect(added).toBe(distinct);
    expect(await countDocs(url)).toBe(distinct);
    expect(await everyOneCheckable(url)).toBe(distinct);
  }, 240_000);

  it.runIf(haveReuters)('a writer killed with -9 mid-add loses no committed batch, and re-running it adds the rest', async () => {
    const url = await freshDatabase();
    const part = reutersPart('killed', 1, 2000);
    const writer = start(['index', 'add', part, '--db', url, '--batch-size', '50', '--quiet']);
    await until(async () => (await countDocs(url).catch(() => 0)) >= 300);
    const committed = await countDocs(url);
    writer.child.kill('SIGKILL');
    expect((await writer.exited).signal).toBe('SIGKILL');
    const kept = await countDocs(url);
    expect(kept).toBeGreaterThanOrEqual(committed);
    expect(await everyOneCheckable(url)).toBe(kept);
    const again = await run(['index', 'add', part, '--db', url, '--batch-size', '50', '--format', 'json', '--quiet']);
    expect(again.status, again.stderr).toBe(0);
    const summary = json(again.stdout);
    expect(summary.unchanged).toBe(kept);
    expect(summary.added).toBeGreaterThan(0);
    expect(await countDocs(url)).toBe(kept + summary.added);
    expect(await everyOneCheckable(url)).toBe(kept + summary.added);
  }, 240_000);

  it.runIf(haveReuters)('a server restarted mid-add: the batch in flight is retried on a new connection and every article arrives', async () => {
    // A cluster of this test's own: restarting the shared one would cut the other tests' connections.
    const cluster = startOwnCluster(55400 + (process.pid % 90));
    try {
      const url = cluster.url;
      const part = reutersPart('restarted', 1, 3000);
      const writer = start(['index', 'add', part, '--db', url, '--batch-size', '25', '--format', 'json', '--quiet']);
      await until(async () => (await countDocs(url).catch(() => 0)) >= 100);
      cluster.restart();
      const midway = await countDocs(url);
      const exit = await writer.exited;
      expect(exit.status, exit.stderr).toBe(0);
      const summary = json(exit.stdout);
      expect(midway).toBeLessThan(summary.added);
      expect(await countDocs(url)).toBe(summary.added);
      expect(await everyOneCheckable(url)).toBe(summary.added);
    } finally {
      cluster.stop();
    }
  }, 240_000);
});

/**
 * Indexes the fixtures from a folder that is then deleted, and checks the seeds from another folder: every match is
 * verified on the text the index keeps, with the passages a copy adds. In-process (runCli): this is about where the
 * originals are, not about processes.
 */
async function checkWithoutOriginals(db: string, createArgs: string[], env: Record<string, string> = {}) {
  const origin = join(dir, `origin-${Math.random().toString(36).slice(2)}`);
  mkdirSync(origin);
  cpSync(join(fixturesDir, 'afp-kim-putin'), join(origin, 'afp-kim-putin'), { recursive: true });
  const add = await runCli(['index', 'add', 'afp-kim-putin', ...createArgs, '--format', 'json'], { cwd: origin, env });
  expect(add.status, add.stderr).toBe(0);
  expect(json(add.stdout)).toMatchObject({ added: 5 });
  rmSync(origin, { recursive: true });
  const elsewhere = join(dir, `elsewhere-${Math.random().toString(36).slice(2)}`);
  mkdirSync(elsewhere);
  const check = await runCli(['check', join(fixturesDir, 'afp-kim-putin'), '--format', 'json', ...(env.NEARDUP_DB ? [] : ['--db', db])], { cwd: elsewhere, env });
  expect(check.status, check.stderr).toBe(0);
  const report = json(check.stdout);
  expect(report.summary).toMatchObject({ checked: 5, withCopies: 5, unverified: 0 });
  const teaser = report.documents.find((d: any) => d.id.endsWith('000_57b94c88e1d251a3.txt'));
  const match = teaser.matches.find((m: any) => m.original.id === 'afp-kim-putin/002_3afb60d8cb355dca.txt');
  expect(match).toMatchObject({ verified: true, relation: 'copy-with-additions', jaccard: 0.639, original: { source: join(origin, 'afp-kim-putin/002_3afb60d8cb355dca.txt') } });
  expect(match.added).toContainEqual(expect.objectContaining({ at: 'end', words: 281 }));
  for (const doc of report.documents) for (const m of doc.matches) expect(m.verified).toBe(true);
}

describe('check where no original exists', () => {
  it('verifies the seeds and reports their passages from an SQLite index made with --store-text', async () => {
    const db = join(dir, 'kept-texts.neardup.db');
    await checkWithoutOriginals(db, ['--db', db, '--store-text']);
  }, 60_000);

  it('without --store-text, the same check can only estimate', async () => {
    const db = join(dir, 'no-texts.neardup.db');
    const origin = join(dir, 'origin-plain');
    mkdirSync(origin);
    cpSync(join(fixturesDir, 'afp-kim-putin'), join(origin, 'afp-kim-putin'), { recursive: true });
    expect((await runCli(['index', 'add', 'afp-kim-putin', '--db', db], { cwd: origin })).status).toBe(0);
    rmSync(origin, { recursive: true });
    const report = json((await runCli(['check', join(fixturesDir, 'afp-kim-putin'), '--db', db, '--format', 'json'], { cwd: dir })).stdout);
    expect(report.summary.unverified).toBeGreaterThan(0);
  }, 60_000);
});

describeWithPg('check where no original exists, on PostgreSQL', () => {
  it('verifies the seeds and reports their passages, the server named by NEARDUP_DB', async () => {
    const url = await freshDatabase();
    await checkWithoutOriginals(url, [], { NEARDUP_DB: url });
  }, 60_000);
});

describeWithPg('the other index commands on PostgreSQL', () => {
  it('scan --db stores fingerprints there; stats, remove and vacuum work on the server as on a file', async () => {
    const url = await freshDatabase();
    const scan = await run(['fixtures/afp-kim-putin', '--db', url, '--format', 'json'], repoRoot);
    expect(scan.status, scan.stderr).toBe(0);
    expect(scan.stderr).toMatch(/fingerprints of 0 articles reused from postgres:\/\/postgres:\*\*\*@.*, 5 computed and stored/);
    const again = await run(['fixtures/afp-kim-putin', '--db', url, '--format', 'json'], repoRoot);
    expect(again.stderr).toMatch(/fingerprints of 5 articles reused/);
    expect(json(again.stdout)).toEqual(json(scan.stdout));

    const stats = await run(['index', 'stats', '--db', url, '--format', 'json', '--integrity']);
    expect(stats.status, stats.stderr).toBe(0);
    const s = json(stats.stdout);
    expect(s).toMatchObject({ kind: 'stats', path: url.replace(':neardup@', ':***@'), format: 1, documents: 5, sources: 5, params: { storedText: true }, integrity: ['ok'] });
    expect(s.bytes.database).toBeGreaterThan(0);
    const table = await run(['index', 'stats', '--db', url]);
    expect(table.stdout).toContain('texts: kept in the index (check needs no original file)');
    expect(table.stdout).not.toContain(':neardup@');

    const removed = await run(['index', 'remove', '--db', url, '--source', 'fixtures/afp-kim-putin/000_57b94c88e1d251a3.txt', '--format', 'json'], repoRoot);
    expect(json(removed.stdout)).toMatchObject({ removed: 1, documents: 4 });
    const vacuum = await run(['index', 'vacuum', '--db', url]);
    expect(vacuum.status, vacuum.stderr).toBe(0);
    expect(vacuum.stdout).toMatch(/^postgres:\/\/postgres:\*\*\*@.*: [\d.]+ (?:bytes|kB|MB|GB) before, [\d.]+ (?:bytes|kB|MB|GB) after\.\n$/);
  }, 60_000);
});
