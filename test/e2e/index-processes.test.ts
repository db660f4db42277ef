import { existsSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countRows, integrity } from '../helpers/index-file.js';
import { hasBuild, startBinary } from '../helpers/run-binary.js';
import { runCli } from '../helpers/run-cli.js';
import { syntheticJsonl } from '../helpers/synthetic.js';

// A process killed mid-write and two processes writing at once: only separate processes of the built binary show these.

describe.skipIf(!hasBuild('test/e2e/index-processes.test.ts'))('crashes and concurrent writers', () => {
  let dir: string;
  let n = 0;
  const freshDb = () => join(dir, `corpus-${++n}.neardup.db`);
  const json = (stdout: string) => JSON.parse(stdout) as Record<string, any>;
  const start = (args: string[]) => startBinary(args, { cwd: dir });
  // Enough that the add is still running when two batches are in (the kill must land mid-run), and no more: the
  // resumed add reads them all again in-process.
  const ARTICLES = 10_000;
  const BATCH = 500;
  let big: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'neardup-index-e2e-'));
    big = join(dir, 'big.jsonl');
    writeFileSync(big, syntheticJsonl(0, ARTICLES));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('a kill -9 in the middle of index add leaves an index that opens and holds every committed batch', async () => {
    const db = freshDb();
    const { child, exited } = start(['index', 'add', big, '--db', db, '--batch-size', String(BATCH)]);
    let seen = 0;
    const deadline = Date.now() + 60_000;
    while (Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 20));
      try {
        if (existsSync(db) && statSync(db).size > 0) seen = countRows(db);
      } catch {
        // The schema is being written: try again.
      }
      if (seen >= 2 * BATCH) break;
    }
    child.kill('SIGKILL');
    const end = await exited;
    expect(end.signal, 'the add should still have been running when killed').toBe('SIGKILL');

    const after = countRows(db);
    expect(after).toBeGreaterThanOrEqual(seen);
    expect(after).toBeLessThan(ARTICLES);
    expect(after % BATCH).toBe(0);
    expect(integrity(db)).toBe('ok');
    const stats = await runCli(['index', 'stats', '--db', db, '--format', 'json', '--integrity']);
    expect(stats.status).toBe(0);
    expect(json(stats.stdout)).toMatchObject({ documents: after, integrity: ['ok'] });

    // Adding again finishes the job: what was committed is unchanged, the rest is added.
    const resumed = await runCli(['index', 'add', big, '--db', db, '--format', 'json']);
    expect(json(resumed.stdout)).toMatchObject({ read: ARTICLES, added: ARTICLES - after, unchanged: after, documents: ARTICLES });
  });

  it('Ctrl-C in the middle of index add exits 130 saying what was kept, and the index holds exactly that', async () => {
    const db = freshDb();
    const { child, exited } = start(['index', 'add', big, '--db', db, '--batch-size', String(BATCH), '--quiet']);
    const deadline = Date.now() + 60_000;
    for (let seen = 0; seen < 2 * BATCH && Date.now() < deadline; ) {
      await new Promise((r) => setTimeout(r, 20));
      try {
        if (existsSync(db) && statSync(db).size > 0) seen = countRows(db);
      } catch {
        // The schema is being written: try again.
      }
    }
    child.kill('SIGINT');
    const end = await exited;
    expect(end.status, 'the add should still have been running when interrupted').toBe(130);
    const said = /^neardup: interrupted: the batches committed before are kept in .*corpus-\d+\.neardup\.db \((\d+) articles added or replaced\); run the same command again to add the rest\n$/.exec(end.stderr);
    expect(said, end.stderr).not.toBeNull();
    const kept = Number(said![1]);
    expect(kept).toBeGreaterThanOrEqual(2 * BATCH);
    expect(kept % BATCH).toBe(0);
    expect(countRows(db)).toBe(kept);
    expect(integrity(db)).toBe('ok');
  });

  it('two processes adding to one new index at once both succeed and lose nothing', async () => {
    const a = join(dir, 'a.jsonl');
    const b = join(dir, 'b.jsonl');
    writeFileSync(a, syntheticJsonl(0, 4000, 'a-'));
    writeFileSync(b, syntheticJsonl(4000, 8000, 'b-'));
    // Whether the two writers' batches take turns is up to the machine's scheduler: on a loaded machine one may commit
    // all of its batches before the other starts. Each attempt must lose nothing; up to three are made for one where
    // they did take turns, so that the test shows the writers running at the same time.
    let turns = 0;
    for (let attempt = 0; attempt < 3 && turns <= 2; attempt++) {
      const db = freshDb();
      const runs = await Promise.all([start(['index', 'add', a, '--db', db, '--batch-size', '200']).exited, start(['index', 'add', b, '--db', db, '--batch-size', '200']).exited]);
      for (const run of runs) {
        expect(run.stderr).toBe('');
        expect(run.status).toBe(0);
        expect(run.stdout).toMatch(/^4000 articles read: 4000 added/);
      }
      expect(countRows(db)).toBe(8000);
      expect(integrity(db)).toBe('ok');
      const raw = new Database(db, { readonly: true });
      const order = (raw.prepare('SELECT substr(id, 1, 1) FROM docs ORDER BY doc').pluck().all() as string[]).join('');
      raw.close();
      turns = order.replace(/(.)\1+/g, '$1').length;
    }
    expect(turns).toBeGreaterThan(2);
  });
});
