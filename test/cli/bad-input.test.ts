import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SEED, seedsDir, repoRoot } from '../helpers/paths.js';
import { hasBuild, runBinary } from '../helpers/run-binary.js';
import { runCli } from '../helpers/run-cli.js';

interface Member {
  id: string;
}
/** Every member of every cluster, sorted. */
const allMembers = (stdout: string): string[] => members(stdout).flat().sort();
const members = (stdout: string): string[][] => (JSON.parse(stdout) as { clusters: Array<{ members: Member[] }> }).clusters.map((c) => c.members.map((m) => m.id).sort());
const seedNames = ['000_57b94c88e1d251a3', '001_1689a2795c3fa6a7', '002_3afb60d8cb355dca', '003_e9f2a0a8075f9824', '004_fe1fa3bedf862f6b'];

// In-process from the sources (a spawned binary costs more than the run); the worker-thread case runs the build.
describe('bad input (issue 18)', () => {
  let dir: string;
  const at = (...parts: string[]) => join(dir, ...parts);
  const run = (args: string[], input?: string) => runCli(args, { cwd: dir, ...(input === undefined ? {} : { input }) });
  const runBuilt = (args: string[]) => runBinary(args, { cwd: dir });

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'neardup-bad-input-'));
    cpSync(seedsDir, at('in'), { recursive: true });
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('gives in, ./in and $PWD/in the same ids, so a baseline written from one works with the others', async () => {
    expect((await run(['in', '--quiet', '--write-baseline', 'baseline.json'])).status).toBe(0);
    for (const spelling of ['./in', `${dir}/in`, 'in/', `${dir}/./in/`]) {
      const gate = await run([spelling, '--baseline', 'baseline.json', '--fail-on-duplicates', '--format', 'json']);
      expect(gate.stderr, spelling).toBe('neardup: baseline: 4 known duplicates, no new ones\n');
      expect(gate.status, spelling).toBe(0);
      expect(members(gate.stdout), spelling).toEqual([seedNames.map((n) => `in/${n}.txt`)]);
    }
  });

  it('names JSONL lines without an id by their content, so adding a line above them keeps their ids', async () => {
    // The same text twice: the second copy's id gets -2.
    const text = readFileSync(join(seedsDir, `${seedNames[0]}.txt`), 'utf8');
    writeFileSync(at('feed-1.jsonl'), [JSON.stringify({ text }), JSON.stringify({ text })].join('\n'));
    writeFileSync(at('feed-2.jsonl'), [JSON.stringify({ text: 'An unrelated line added at the top of the feed.' }), JSON.stringify({ text }), JSON.stringify({ text })].join('\n'));
    const before = members((await run(['feed-1.jsonl', '--format', 'json', '--quiet'])).stdout);
    const after = members((await run(['feed-2.jsonl', '--format', 'json', '--quiet'])).stdout);
    expect(before).toHaveLength(1);
    const [first, second] = before[0]!;
    expect(first).toMatch(/^feed-1\.jsonl#[0-9a-f]{16}$/);
    expect(second).toBe(`${first}-2`);
    expect(after[0]!.map((id) => id.replace('feed-2', 'feed-1'))).toEqual(before[0]);
  });

  it('skips an article over --max-article-bytes (default 10 MB) beside good ones, and still finds their copies', async () => {
    mkdirSync(at('big'));
    cpSync(seedsDir, at('big'), { recursive: true });
    writeFileSync(at('big', 'huge.txt'), 'word '.repeat(2_100_000));
    const result = await run(['big', '--format', 'json']);
    expect(result.status).toBe(0);
    expect(result.stderr).toContain('neardup: skipped big/huge.txt: too large: 10500000 bytes, over the article size limit of 10000000 (--max-article-bytes)');
    expect(members(result.stdout)).toEqual([seedNames.map((n) => `big/${n}.txt`)]);
    const tight = await run(['in', '--max-article-bytes', '2000']);
    expect(tight.status).toBe(5);
    expect(tight.stderr.match(/over the article size limit of 2000/g)).toHaveLength(5);
    expect((await run(['in', '--max-article-bytes', '0'])).status).toBe(2);
  });

  it.skipIf(!hasBuild('test/cli/bad-input.test.ts'))('reads a 100,000-deep HTML field with --jobs 2 (on a worker thread), and reads the copies beside it', async () => {
    const deep = `<html><body>${'<div>'.repeat(100_000)}Deep.${'</div>'.repeat(100_000)}</body></html>`;
    const texts = seedNames.map((n) => readFileSync(join(seedsDir, `${n}.txt`), 'utf8'));
    writeFileSync(at('pages.jsonl'), [JSON.stringify({ id: 'deep', html: deep }), ...texts.map((text, i) => JSON.stringify({ id: `seed-${i}`, text }))].join('\n'));
    // --jobs 1 reads on this thread, in-process; only --jobs 2 needs the build's worker threads, and so a process.
    for (const jobs of ['1', '2']) {
      const args = ['pages.jsonl', '--jobs', jobs, '--format', 'json'];
      const result = jobs === '1' ? await run(args) : runBuilt(args);
      expect(result.status, `--jobs ${jobs}`).toBe(0);
      expect(result.stderr, `--jobs ${jobs}`).toContain('neardup: pages.jsonl:1: elements nested more than 256 deep');
      expect(members(result.stdout), `--jobs ${jobs}`).toEqual([texts.map((_, i) => `seed-${i}`)]);
    }
  });

  it('reads each file once through a symlink loop, where the five seeds came out as 105 articles before', async () => {
    mkdirSync(at('looped', 'sub'), { recursive: true });
    cpSync(seedsDir, at('looped'), { recursive: true });
    symlinkSync('..', at('looped', 'sub', 'loop'));
    symlinkSync('../..', at('looped', 'sub', 'loop-up'));
    const result = await run(['looped', '--format', 'json']);
    expect(result.status).toBe(0);
    expect(JSON.parse(result.stdout).summary.documents).toBe(5);
    expect(result.stderr).toContain('neardup: skipped looped/sub/loop: symbolic link loop: leads back to looped\n');
    expect(result.stderr).toContain(`neardup: skipped looped/sub/loop-up: symbolic link to ${dir}, outside the folders given`);
  });

  it('reads a file whose name is not UTF-8, with an escaped id, through both passes', async () => {
    mkdirSync(at('latin1'));
    cpSync(seedsDir, at('latin1'), { recursive: true });
    const name = Buffer.concat([Buffer.from(`${at('latin1')}/caf`), Buffer.from([0xe9]), Buffer.from('.txt')]);
    writeFileSync(name, readFileSync(join(repoRoot, SEED.updated)));
    const result = await run(['latin1', '--format', 'json']);
    expect(result.status).toBe(0);
    expect(result.stderr).not.toContain('ignored');
    expect(allMembers(result.stdout)).toEqual(['latin1/caf%E9.txt', ...seedNames.map((n) => `latin1/${n}.txt`)].sort());
  });

  it('reads JSONL on stdin after any number of blank lines, and once when "-" is given twice', async () => {
    const line = JSON.stringify({ id: 'a', text: 'The council approved the new budget on Monday after a long debate about schools and roads.' });
    const piped = await run(['-', '--format', 'json'], `${'\n'.repeat(5000)}${line}\n`);
    expect(piped.stderr).toBe('');
    expect(JSON.parse(piped.stdout).summary.documents).toBe(1);
    const twice = await run(['-', '-', '--format', 'json'], `${line}\n`);
    expect(twice.stderr).toBe('');
    expect(JSON.parse(twice.stdout).summary).toMatchObject({ documents: 1, skipped: 0 });
  });

  it('says once that plain text on stdin is not JSONL, and reads it as one article with --stdin-text', async () => {
    const story = readFileSync(join(repoRoot, SEED.updated), 'utf8');
    const refused = await run(['-'], story);
    expect(refused.status).toBe(5);
    expect(refused.stderr).toBe(
      'neardup: skipped -: standard input is not JSONL (one JSON object per line, starting with "{"): give neardup scan --stdin-text to read it as one plain-text article\n' +
        'neardup: no readable articles in - (1 skipped)\n',
    );
    const asText = await run(['-', 'in', '--stdin-text', '--format', 'json'], story);
    expect(asText.status).toBe(0);
    expect(allMembers(asText.stdout)).toEqual(['-', ...seedNames.map((n) => `in/${n}.txt`)].sort());
    expect((await run(['in', '--stdin-text'], story)).status).toBe(2);
  });
});
