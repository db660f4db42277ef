import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixturesDir, SEED } from '../helpers/paths.js';
import { runCli } from '../helpers/run-cli.js';
import { SCHEMA_VERSION } from '../../src/report/scan-report.js';

describe('neardup on the fixtures', () => {
  it('prints one table: a cluster of five with each relation, exit 0', async () => {
    const run = await runCli(['fixtures/']);
    expect(run.status).toBe(0);
    expect(run.stderr).toBe('');
    expect(run.stdout).toMatch(/^5 articles compared: 1 cluster of near-duplicates, 4 duplicates\n/);
    expect(run.stdout).toContain('Cluster 1: 5 articles');
    for (const label of ['canonical', 'copy with additions', 'shortened', 'updated', 'rewritten']) expect(run.stdout).toContain(`  ${label} `);
    expect(run.stdout).toContain('+ 281 words at the end: "ALSO READ-Kim Jong-un');
    expect(run.stdout).not.toMatch(/\u001b\[/);
  });

  it('"scan" is the default command', async () => {
    expect((await runCli(['scan', 'fixtures/'])).stdout).toBe((await runCli(['fixtures/'])).stdout);
  });

  it('prints one JSON document, byte-identical across runs', async () => {
    const first = await runCli(['fixtures/', '--format', 'json']);
    const second = await runCli(['fixtures/', '--format', 'json']);
    expect(first.status).toBe(0);
    expect(second.stdout).toBe(first.stdout);
    const report = JSON.parse(first.stdout);
    expect(report.schemaVersion).toBe(SCHEMA_VERSION);
    expect(report.summary).toEqual({ documents: 5, clusters: 1, duplicates: 4, skipped: 0, ignoredFiles: 0, ignoredByPattern: 0 });
    expect(report.clusters[0].canonical).toBe(SEED.teaser);
    expect(report.clusters[0].members.map((m: { id: string }) => m.id)).toHaveLength(5);
  });

  it('gives the same JSON whatever order its inputs are named in, ids clashing across files and bad lines included', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'neardup-order-'));
    try {
      const story = (n: number) => `Story ${n}: the council met on Monday to approve the new harbour bridge, after a debate on its cost and design that lasted ${n} hours.`;
      writeFileSync(join(dir, 'A.jsonl'), `${[0, 1, 2].map((n) => JSON.stringify({ id: `x${n}`, text: story(n) })).join('\n')}\n{bad\n`);
      writeFileSync(join(dir, 'B.jsonl'), `${[0, 1, 2].map((n) => JSON.stringify({ id: `x${n}`, text: story(n + 10) })).join('\n')}\n${[0, 1, 2].flatMap((n) => [JSON.stringify({ id: `c${n}`, text: story(n) }), JSON.stringify({ id: `d${n}`, text: story(n + 10) })]).join('\n')}\n{worse\n`);
      const ab = await runCli(['A.jsonl', 'B.jsonl', '--format', 'json', '-q'], { cwd: dir });
      const ba = await runCli(['B.jsonl', 'A.jsonl', '--format', 'json', '-q'], { cwd: dir });
      expect(ab.status).toBe(0);
      expect(ba.stdout).toBe(ab.stdout);
      expect(JSON.parse(ab.stdout).skipped.map((s: { path: string }) => s.path)).toEqual(['A.jsonl:4', 'B.jsonl:1', 'B.jsonl:2', 'B.jsonl:3', 'B.jsonl:10']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('colours the table only when asked (FORCE_COLOR), never with --no-color', async () => {
    expect((await runCli(['fixtures/'], { env: { NO_COLOR: undefined, FORCE_COLOR: '1' } })).stdout).toMatch(/\u001b\[/);
    expect((await runCli(['fixtures/', '--no-color'], { env: { NO_COLOR: undefined, FORCE_COLOR: '1' } })).stdout).not.toMatch(/\u001b\[/);
  });
});

describe('exit codes', () => {
  it('1 when duplicates are found with --fail-on-duplicates, the report still printed', async () => {
    const run = await runCli(['fixtures/', '--fail-on-duplicates', '--format', 'json']);
    expect(run.status).toBe(1);
    expect(JSON.parse(run.stdout).summary.duplicates).toBe(4);
  });

  it('0 with --fail-on-duplicates when nothing is duplicated', async () => {
    const run = await runCli([SEED.teaser, SEED.spun, '--no-rewrites', '--fail-on-duplicates']);
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('No near-duplicates found.');
  });

  it.each([
    [['fixtures/', '--threshold', '2'], '--threshold takes a number from 0.01 to 1, got "2"'],
    [['fixtures/', '--threshold', '0x1'], '--threshold takes a number from 0.01 to 1, got "0x1"'],
    [['fixtures/', '--format', 'xml'], "option '--format <format>' argument 'xml' is invalid"],
    [['fixtures/', '--bands', '8'], '--bands and --rows go together'],
    [['fixtures/', '--shingle-size', 'five'], '--shingle-size takes a whole number from 1 to 20, got "five"'],
    [['fixtures/', '--no-such-option'], "unknown option '--no-such-option'"],
    [['fixtures/', '--thresold', '0.5'], "unknown option '--thresold'\n(Did you mean --threshold?)"],
    [[], 'Usage: neardup [options] [command]'],
    [['scan'], "missing required argument 'paths'"],
  ])('2 for a usage error: %j', async (args, message) => {
    const run = await runCli(args);
    expect(run.status).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain(message);
  });

  it('5 for an input error: no readable article in the inputs', async () => {
    const run = await runCli(['does-not-exist/']);
    expect(run.status).toBe(5);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain('neardup: no readable articles in does-not-exist (1 skipped)\n');
  });
});

describe('bad input', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'neardup-bad-'));
    cpSync(fixturesDir, join(dir, 'in'), { recursive: true });
    writeFileSync(join(dir, 'in', 'empty.txt'), '  \n');
    writeFileSync(join(dir, 'in', 'binary.txt'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x01]));
    writeFileSync(join(dir, 'in', 'latin1.txt'), Buffer.from([0x63, 0x61, 0x66, 0xe9, 0x20]));
    writeFileSync(join(dir, 'in', 'notes.xls'), 'a,b\n');
    writeFileSync(join(dir, 'in', 'feed.jsonl'), '{"id":"ok","text":"A short article of its own."}\n{"id": broken\n{"id":"no-text"}\n');
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('names each bad file and why on stderr, lists it under skipped, and goes on with the rest', async () => {
    const run = await runCli(['in', '--format', 'json'], { cwd: dir });
    expect(run.status).toBe(0);
    const report = JSON.parse(run.stdout);
    expect(report.summary.clusters).toBe(1);
    expect(report.summary.documents).toBe(6);
    expect(report.summary.ignoredFiles).toBe(1);
    expect(report.skipped).toEqual([
      { path: 'in/binary.txt', reason: 'binary file (contains NUL bytes)' },
      { path: 'in/empty.txt', reason: 'empty file' },
      { path: 'in/feed.jsonl:2', reason: expect.stringMatching(/^malformed JSON/) },
      { path: 'in/feed.jsonl:3', reason: 'no "text" or "html" string field' },
      { path: 'in/latin1.txt', reason: 'not valid UTF-8 text' },
    ]);
    expect(run.stderr).toContain('neardup: skipped in/binary.txt: binary file (contains NUL bytes)');
    expect(run.stderr).toContain('neardup: skipped in/feed.jsonl:2: malformed JSON');
  });

  it('--quiet keeps stderr empty', async () => {
    expect((await runCli(['in', '--quiet'], { cwd: dir })).stderr).toBe('');
  });

  it('writes -o atomically and refuses to overwrite an input', async () => {
    const ok = await runCli(['in', '--format', 'json', '-o', 'report.json'], { cwd: dir });
    expect(ok.status).toBe(0);
    expect(ok.stdout).toBe('');
    expect(JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8')).summary.clusters).toBe(1);
    const before = readFileSync(join(dir, 'in', 'feed.jsonl'), 'utf8');
    const clash = await runCli(['in', '-o', 'in/feed.jsonl'], { cwd: dir });
    expect(clash.status).toBe(2);
    expect(clash.stderr).toContain('is one of the inputs; refusing to overwrite it');
    expect(readFileSync(join(dir, 'in', 'feed.jsonl'), 'utf8')).toBe(before);
    expect(existsSync(join(dir, 'in', 'feed.jsonl'))).toBe(true);
  });

  it('reads JSONL from standard input with "-"', async () => {
    const lines = ['{"id":"a","text":"The cat sat on the mat and looked out of the window at the rain."}', '{"id":"b","text":"The cat sat on the mat and looked out of the window at the rain."}'];
    const run = await runCli(['-', '--format', 'json'], { input: `${lines.join('\n')}\n` });
    expect(run.status).toBe(0);
    const report = JSON.parse(run.stdout);
    expect(report.clusters[0].members.map((m: { id: string; relation: string }) => [m.id, m.relation])).toEqual([
      ['a', 'canonical'],
      ['b', 'copy'],
    ]);
  });
});

describe('--jobs', () => {
  it('takes a whole number from 1', async () => {
    const run = await runCli(['fixtures/', '--jobs', '0']);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('--jobs takes a whole number from 1 to 256, got "0"');
  });
});

describe('help', () => {
  it('documents every option with its default and the exit codes', async () => {
    const run = await runCli(['scan', '--help']);
    expect(run.status).toBe(0);
    const help = run.stdout.replace(/\s+/g, ' ');
    for (const text of ['--threshold', 'default 0.7 for containment', 'default: "containment"', '--fail-on-duplicates', '--shingle-size <n> words per shingle (default: "5")', '--baseline <file>', '--write-baseline <file>', 'Exit codes: 0 ran fine', '5 input error']) {
      expect(help).toContain(text);
    }
  });
});

describe('HTML pages, sources and dates', () => {
  const relations = (report: { clusters: Array<{ members: Array<{ id: string; relation: string }> }> }, key: (id: string) => string) =>
    report.clusters.map((c) => c.members.map((m) => [key(m.id), m.relation]));

  it('groups the five seed pages of the HTML sites exactly as the plain-text seeds, and no pages by their template', async () => {
    const html = await runCli(['test/fixtures/html-sites', '--format', 'json']);
    expect(html.status).toBe(0);
    expect(html.stderr).toBe('');
    const report = JSON.parse(html.stdout);
    expect(report.summary).toMatchObject({ documents: 17, clusters: 1, duplicates: 4, skipped: 0 });
    expect(report.notes).toEqual([]);
    const text = JSON.parse((await runCli(['fixtures/', '--format', 'json'])).stdout);
    // The HTML pages are the seeds in site templates; the site each seed went to is fixed by the fixture.
    const seedOfPage: Record<string, string> = {
      'test/fixtures/html-sites/harbour-times/north-koreas-kim-in-russia-for-putin-talks.html': SEED.teaser,
      'test/fixtures/html-sites/asianlite-news/us-warns-kim-putin-on-arms-deal.html': SEED.boilerplate,
      'test/fixtures/html-sites/pacific-ledger/kim-jong-un-in-russia-for-talks-with-putin.html': SEED.shortened,
      'test/fixtures/html-sites/wire-mirror/north-koreas-kim-in-russia-for-putin-talks.html': SEED.updated,
      'test/fixtures/html-sites/trendline-daily/kim-jong-un-to-meet-putin-in-russia.html': SEED.spun,
    };
    expect(relations(report, (id) => seedOfPage[id] ?? id)).toEqual(relations(text, (id) => id));
  });

  it('--prefer makes a matching source the canonical, and says so', async () => {
    const report = JSON.parse((await runCli(['fixtures/', '--format', 'json', '--prefer', '*/003_*'])).stdout);
    expect(report.params.prefer).toEqual(['*/003_*']);
    expect(report.clusters[0].canonical).toBe(SEED.shortened);
    expect(report.clusters[0].canonicalReason).toEqual({ rule: 'preferred-source', text: 'preferred source: matches --prefer "*/003_*"' });
  });

  it('--within keeps copies published further apart out of one cluster', async () => {
    const story = 'The council approved the new budget on Tuesday after a long debate about school funding and road repairs in the district.';
    const lines = [
      { id: 'a', text: story, date: '2024-03-01' },
      { id: 'b', text: story, date: '2024-03-02' },
      { id: 'c', text: story, date: '2024-06-01' },
    ].map((r) => JSON.stringify(r));
    const input = `${lines.join('\n')}\n`;
    const members = async (args: string[]) => JSON.parse((await runCli(['-', '--format', 'json', ...args], { input })).stdout).clusters.map((c: { members: Array<{ id: string }> }) => c.members.map((m) => m.id));
    expect(await members([])).toEqual([['a', 'b', 'c']]);
    expect(await members(['--within', '7'])).toEqual([['a', 'b']]);
    expect((await runCli(['-', '--within', 'soon'], { input })).status).toBe(2);
  });
});
