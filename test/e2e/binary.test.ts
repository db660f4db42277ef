import { closeSync, cpSync, existsSync, mkdtempSync, openSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixturesDir, repoRoot, SEED } from '../helpers/paths.js';
import { hasBuild, runBinary, startBinary } from '../helpers/run-binary.js';
import { runCli } from '../helpers/run-cli.js';
import { syntheticText } from '../helpers/synthetic.js';
import { writeParquet } from '../helpers/parquet-writer.js';

/** Packages only some inputs or indexes need, loaded on first use so that every other run starts without them. */
const OPTIONAL_PACKAGES = ['pg', 'better-sqlite3', 'hyparquet', 'csv-parse', '@mozilla/readability', 'linkedom'];

// What only the built binary shows: bin/neardup.js and main.ts (process.exitCode, the real stdin and stdout, a reader
// that goes away), the process's own environment, and worker threads (they run the compiled scripts). The rest of the
// CLI is tested in-process from the sources, in test/cli/.
describe.skipIf(!hasBuild('test/e2e/binary.test.ts'))('the built binary', () => {
  it('prints the fixtures as a table, exit 0, nothing on stderr', () => {
    const run = runBinary(['fixtures/']);
    expect(run.status).toBe(0);
    expect(run.stderr).toBe('');
    expect(run.stdout).toMatch(/^5 articles compared: 1 cluster of near-duplicates, 4 duplicates\n/);
    expect(run.stdout).toContain('Cluster 1: 5 articles');
    expect(run.stdout).not.toMatch(/\u001b\[/);
  });

  it('prints one JSON document', () => {
    const run = runBinary(['fixtures/', '--format', 'json']);
    expect(run.status).toBe(0);
    const report = JSON.parse(run.stdout);
    expect(report.summary).toEqual({ documents: 5, clusters: 1, duplicates: 4, skipped: 0, ignoredFiles: 0, ignoredByPattern: 0 });
    expect(report.clusters[0].canonical).toBe(SEED.teaser);
  });

  it('exits 1 for duplicates with --fail-on-duplicates, 2 for a usage error, 5 for no readable article', () => {
    const found = runBinary(['fixtures/', '--fail-on-duplicates', '--format', 'json']);
    expect(found.status).toBe(1);
    expect(JSON.parse(found.stdout).summary.duplicates).toBe(4);
    const usage = runBinary(['fixtures/', '--threshold', '2']);
    expect(usage.status).toBe(2);
    expect(usage.stdout).toBe('');
    expect(usage.stderr).toContain('--threshold takes a number from 0.01 to 1, got "2"');
    const none = runBinary(['does-not-exist/']);
    expect(none.status).toBe(5);
    expect(none.stderr).toContain('neardup: no readable articles in does-not-exist (1 skipped)\n');
  });

  it('reads JSONL from standard input with "-"', () => {
    const text = 'The cat sat on the mat and looked out of the window at the rain.';
    const run = runBinary(['-', '--format', 'json'], { input: `${JSON.stringify({ id: 'a', text })}\n${JSON.stringify({ id: 'b', text })}\n` });
    expect(run.status).toBe(0);
    expect(JSON.parse(run.stdout).clusters[0].members.map((m: { id: string; relation: string }) => [m.id, m.relation])).toEqual([
      ['a', 'canonical'],
      ['b', 'copy'],
    ]);
  });

  describe('with a reader that stops early, and from a folder of its own', () => {
    let dir: string;
    beforeAll(() => {
      dir = mkdtempSync(join(tmpdir(), 'neardup-e2e-'));
      // 150 stories, each twice: a JSON report of about 200 KB, more than a pipe holds.
      const lines = Array.from({ length: 300 }, (_, n) => JSON.stringify({ id: `doc-${n}`, text: syntheticText(n >> 1, 120) }));
      writeFileSync(join(dir, 'pairs.jsonl'), `${lines.join('\n')}\n`);
      cpSync(fixturesDir, join(dir, 'fixtures'), { recursive: true });
      writeFileSync(join(dir, '.env'), 'NEARDUP_PROBE=1\nDEBUG=*\n');
    });
    afterAll(() => rmSync(dir, { recursive: true, force: true }));

    it('stops quietly with exit 0 when the reader goes away (neardup … | head)', async () => {
      const { child, exited } = startBinary(['pairs.jsonl', '--format', 'json'], { cwd: dir });
      child.stdout.once('data', () => child.stdout.destroy());
      const end = await exited;
      expect(end.signal).toBeNull();
      expect(end.stderr).toBe('');
      expect(end.status).toBe(0);
    });

    it.skipIf(!existsSync('/dev/full'))('says the report could not be written and exits 3 when stdout fails (a full disk)', () => {
      const full = openSync('/dev/full', 'w');
      try {
        for (const args of [['fixtures', '--format', 'json'], ['compare', 'fixtures/afp-kim-putin/000_57b94c88e1d251a3.txt', 'fixtures/afp-kim-putin/001_1689a2795c3fa6a7.txt'], ['--help']]) {
          const run = runBinary(args, { cwd: dir, stdoutFd: full });
          expect(run.status).toBe(3);
          expect(run.stderr).toBe('neardup: cannot write standard output: no space left on the device\n');
        }
      } finally {
        closeSync(full);
      }
    });

    it('prints nothing but the JSON report on stdout, whatever the environment and a .env file say', () => {
      const run = runBinary(['fixtures', '--format', 'json'], { cwd: dir, env: { DEBUG: '*', FORCE_COLOR: '1' } });
      expect(run.status).toBe(0);
      expect(JSON.parse(run.stdout).summary.clusters).toBe(1);
      expect(run.stdout).not.toMatch(/\u001b\[/);
    });

    it('loads each optional package only for the input or index that needs it', () => {
      const probe = pathToFileURL(resolve(repoRoot, 'test/helpers/package-probe.mjs')).href;
      const loaded = (args: string[]) => {
        const run = runBinary(args, { cwd: dir, env: { NODE_OPTIONS: `--import ${probe}`, PROBED_PACKAGES: OPTIONAL_PACKAGES.join(',') } });
        return { status: run.status, packages: [...new Set(run.stderr.match(/^loaded \S+$/gm) ?? [])].map((l) => l.slice(7)).sort() };
      };
      writeFileSync(join(dir, 'notes.csv'), 'id,text\na,"The cat sat on the mat."\n');
      writeFileSync(join(dir, 'notes.parquet'), writeParquet(['id', 'text'], [{ id: 'a', text: 'The cat sat on the mat.' }]));
      writeFileSync(join(dir, 'page.html'), '<html><body><article><p>The cat sat on the mat and looked at the rain.</p></article></body></html>');
      expect(loaded(['fixtures', '--format', 'json'])).toEqual({ status: 0, packages: [] });
      // One run for the three formats (each process started costs the suite a few tenths of a second under the hook).
      expect(loaded(['notes.csv', 'notes.parquet', 'page.html', '--format', 'json'])).toEqual({ status: 0, packages: ['@mozilla/readability', 'csv-parse', 'hyparquet', 'linkedom'] });
      expect(loaded(['index', 'add', 'fixtures', '--db', join(dir, 'probe.db'), '-q'])).toEqual({ status: 0, packages: ['better-sqlite3'] });
      // Nothing listens on port 1: the driver is loaded, and the connection refused (exit 4).
      expect(loaded(['index', 'stats', '--db', 'postgres://neardup@127.0.0.1:1/none'])).toEqual({ status: 4, packages: ['pg'] });
    });
  });

  describe('--jobs', () => {
    let dir: string;
    beforeAll(() => {
      dir = mkdtempSync(join(tmpdir(), 'neardup-jobs-'));
      // About 3 MB, over the 1 MiB below which one thread reads it all (it was 4 MiB, and this 6 MB), in two files; every
      // 50th article an edited copy of the one before; bad lines late in the input, past b.jsonl's first 1 MiB piece,
      // where worker threads read them.
      const WORDS = 150;
      const line = (n: number) => {
        if (n % 50 === 49) {
          const words = syntheticText(n - 1, WORDS).split(' ');
          words[n % WORDS] = 'edited';
          return JSON.stringify({ id: `doc-${n}`, text: words.join(' ') });
        }
        return JSON.stringify({ id: `doc-${n}`, text: syntheticText(n, WORDS) });
      };
      const lines = Array.from({ length: 3000 }, (_, n) => line(n));
      lines.splice(2500, 0, '{"id": broken', '{"id": "doc-7", "text": "a second doc-7"}', '{"id": "punctuation", "text": "— !!! —"}', '{"html": "<p>x</p>"}');
      writeFileSync(join(dir, 'a.jsonl'), `${lines.slice(0, 1000).join('\n')}\n`);
      writeFileSync(join(dir, 'b.jsonl'), `${lines.slice(1000).join('\r\n')}\r\n`);
    });
    afterAll(() => rmSync(dir, { recursive: true, force: true }));

    // One thread needs no process of its own: it runs in this one, from the sources; only the threads need the build.
    it('gives byte-identical output and warnings with one thread and with several', async () => {
      const one = await runCli(['.', '--format', 'json', '--jobs', '1'], { cwd: dir });
      const three = runBinary(['.', '--format', 'json', '--jobs', '3'], { cwd: dir });
      expect(one.status).toBe(0);
      const report = JSON.parse(one.stdout);
      expect(report.summary.documents).toBe(3001);
      expect(report.summary.clusters).toBe(60);
      expect(report.skipped.map((s: { path: string }) => s.path)).toEqual(['b.jsonl:1501', 'b.jsonl:1502', 'b.jsonl:1503']);
      expect(three.status).toBe(0);
      expect(three.stdout).toBe(one.stdout);
      expect(three.stderr).toBe(one.stderr);
    });
  });
});
