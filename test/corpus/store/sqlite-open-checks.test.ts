import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IndexError } from '../../../src/errors.js';
import { openSqliteStore } from '../../../src/corpus/store/sqlite.js';
import { fixturesDir } from '../../helpers/paths.js';
import { runCliInProcess } from '../../helpers/in-process-cli.js';
import { syntheticJsonl } from '../../helpers/synthetic.js';

describe('every command that opens an index checks it first', () => {
  let dir: string;
  let corrupt: string;
  let damaged: Buffer;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'neardup-open-checks-'));
    writeFileSync(join(dir, 'corpus.jsonl'), syntheticJsonl(0, 3000, 'doc-', 120));
    corrupt = join(dir, 'corrupt.db');
    expect((await runCliInProcess(['index', 'add', join(dir, 'corpus.jsonl'), '--db', corrupt, '-q'])).status).toBe(0);
    // 8 KiB of noise in the middle of the file, on page boundaries: pages a small check may never read.
    const bytes = readFileSync(corrupt);
    const at = Math.floor(bytes.length / 2 / 4096) * 4096;
    for (let i = 0; i < 8192; i++) bytes[at + i] = (i * 131 + 17) & 0xff;
    writeFileSync(corrupt, bytes);
    damaged = readFileSync(corrupt);
  }, 120_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('check refuses a corrupt index (exit 4)', async () => {
    const run = await runCliInProcess(['check', fixturesDir, '--db', corrupt]);
    expect(run.status).toBe(4);
    expect(run.stderr).toMatch(new RegExp(`^neardup: ${corrupt.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')} is corrupt \\(.+\\); it was left as it is\\n$`));
  });

  it('index add and scan --db refuse it and write nothing to it', async () => {
    expect((await runCliInProcess(['index', 'add', fixturesDir, '--db', corrupt])).status).toBe(4);
    expect((await runCliInProcess(['scan', fixturesDir, '--db', corrupt])).status).toBe(4);
    expect(readFileSync(corrupt).equals(damaged)).toBe(true);
  });

  it('the library open refuses it with an IndexError, even read-only', () => {
    expect(() => openSqliteStore(corrupt, { readonly: true })).toThrow(IndexError);
  });

  it('--db in a missing folder is an index error (exit 4) naming the folder', async () => {
    const missing = join(dir, 'no-such-folder', 'index.db');
    const run = await runCliInProcess(['index', 'add', fixturesDir, '--db', missing]);
    expect(run.status).toBe(4);
    expect(run.stderr).toBe(`neardup: cannot create ${missing}: there is no folder ${join(dir, 'no-such-folder')}\n`);
    expect(existsSync(join(dir, 'no-such-folder'))).toBe(false);
    expect((await runCliInProcess(['scan', fixturesDir, '--db', missing])).status).toBe(4);
  });

  it('a sound index opens as before', async () => {
    const sound = join(dir, 'sound.db');
    expect((await runCliInProcess(['index', 'add', fixturesDir, '--db', sound, '-q'])).status).toBe(0);
    const before = statSync(sound).size;
    const run = await runCliInProcess(['check', fixturesDir, '--db', sound, '--format', 'json']);
    expect(run.status).toBe(0);
    expect((JSON.parse(run.stdout) as { summary: { checked: number } }).summary.checked).toBe(5);
    expect(statSync(sound).size).toBe(before);
  });
});
