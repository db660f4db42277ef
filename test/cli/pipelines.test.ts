import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { Ajv } from 'ajv';
import addFormats from 'ajv-formats';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Report } from '../../src/report/scan-report.js';
import { seedsDir } from '../helpers/paths.js';
import { runCli } from '../helpers/run-cli.js';
import { sarifSchema } from '../helpers/sarif-schema.js';
import { writeParquet } from '../helpers/parquet-writer.js';

/** Issue 21 through the CLI, in this process: config, ignore, input formats, CI reporters (--jobs, which needs the binary: test/e2e/pipelines.test.ts; the package: test/package/pack.test.ts). */
let dir: string;
const seedNames = readdirSync(seedsDir).sort();
const seeds = seedNames.map((name) => ({ id: name, text: readFileSync(join(seedsDir, name), 'utf8') }));
const json = (stdout: string) => JSON.parse(stdout) as Report;
/** A report's clusters as canonical and member ids, which do not depend on where the articles were read from. */
const clusterIds = (report: Report) => report.clusters.map((c) => ({ canonical: c.canonical, members: c.members.map((m) => m.id) }));

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'neardup-e2e-'));
  cpSync(seedsDir, join(dir, 'in'), { recursive: true });
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('1. config file', () => {
  it('is found above the working folder, its settings used, flags over them, and named in params.config', async () => {
    const work = join(dir, 'cfg', 'sub');
    mkdirSync(work, { recursive: true });
    writeFileSync(join(dir, 'cfg', 'package.json'), JSON.stringify({ name: 'x', neardup: { format: 'json', threshold: 0.95, rewrites: false } }));
    const configured = await runCli(['../../in'], { cwd: work });
    expect(configured.status).toBe(0);
    const report = json(configured.stdout);
    expect(report.params).toMatchObject({ threshold: 0.95, rewrites: false, config: '../package.json' });
    const flagged = json((await runCli(['../../in', '--threshold', '0.7'], { cwd: work })).stdout);
    expect(flagged.params).toMatchObject({ threshold: 0.7, rewrites: false, config: '../package.json' });
    const missing = await runCli(['../../in', '--config', join(dir, 'cfg', 'missing.json')], { cwd: work });
    expect(missing.status).toBe(2);
    expect(missing.stderr).toMatch(/^neardup: cannot read config .*missing\.json: no such file\n$/);
  });
});

describe('2. ignore patterns', () => {
  it('leaves out --ignore globs and .gitignore entries, counting them', async () => {
    mkdirSync(join(dir, 'ign', 'drafts'), { recursive: true });
    cpSync(seedsDir, join(dir, 'ign', 'wire'), { recursive: true });
    writeFileSync(join(dir, 'ign', 'drafts', 'copy.txt'), seeds[0]!.text);
    writeFileSync(join(dir, 'ign', 'wire', 'old.txt'), seeds[1]!.text);
    writeFileSync(join(dir, 'ign', '.gitignore'), 'old.txt\n');
    const all = json((await runCli(['ign', '--format', 'json'], { cwd: dir })).stdout);
    expect(all.summary).toMatchObject({ documents: 7, ignoredByPattern: 0 });
    const ignored = json((await runCli(['ign', '--format', 'json', '--ignore', 'drafts/**', '--gitignore'], { cwd: dir })).stdout);
    expect(ignored.summary).toMatchObject({ documents: 5, ignoredByPattern: 2 });
  });
});

describe('3. input formats', () => {
  it('finds the seeds\' cluster alike in a folder, gzip\'d JSONL, CSV, TSV and Parquet', async () => {
    const folder = json((await runCli(['in', '--format', 'json'], { cwd: dir })).stdout);
    const expected = clusterIds(folder).map((c) => ({ canonical: `in/${c.canonical.slice(3)}`, members: c.members }));
    const jsonl = seeds.map((s) => JSON.stringify({ id: `in/${s.id}`, text: s.text })).join('\n') + '\n';
    const cell = (s: string) => `"${s.replace(/"/g, '""')}"`;
    writeFileSync(join(dir, 'seeds.jsonl.gz'), gzipSync(jsonl));
    writeFileSync(join(dir, 'seeds.csv'), `key,body\n${seeds.map((s) => `${cell(`in/${s.id}`)},${cell(s.text)}`).join('\n')}\n`);
    writeFileSync(join(dir, 'seeds.parquet'), writeParquet(['id', 'text'], seeds.map((s) => ({ id: `in/${s.id}`, text: s.text })), 2));
    for (const [file, args] of [['seeds.jsonl.gz', []], ['seeds.csv', ['--id-field', 'key', '--text-field', 'body']], ['seeds.parquet', []]] as const) {
      const run = await runCli([file, '--format', 'json', ...args], { cwd: dir });
      expect(run.stderr, file).toBe('');
      expect(clusterIds(json(run.stdout)), file).toEqual(expected);
    }
  });
});

describe('4. CI reporters', () => {
  it('github: with a baseline only the new duplicate is annotated; sarif is valid; markdown lists it', async () => {
    const baseline = join(dir, 'base.json');
    // A baseline recorded without one of the copies: that copy is the new duplicate.
    mkdirSync(join(dir, 'four'));
    for (const name of seedNames.slice(0, 4)) cpSync(join(seedsDir, name), join(dir, 'four', name));
    expect((await runCli(['four', '--write-baseline', baseline, '--quiet'], { cwd: dir })).status).toBe(0);
    const recorded = JSON.parse(readFileSync(baseline, 'utf8')) as { clusters: Array<{ canonical: string; members: string[] }> };
    writeFileSync(baseline, JSON.stringify({ ...recorded, clusters: recorded.clusters.map((c) => ({ canonical: c.canonical.replace('four/', 'in/'), members: c.members.map((m) => m.replace('four/', 'in/')) })) }));
    const github = await runCli(['in', '--format', 'github', '--baseline', baseline, '--quiet'], { cwd: dir });
    expect(github.status).toBe(0);
    const warnings = github.stdout.split('\n').filter((l) => l.startsWith('::warning '));
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(new RegExp(`^::warning file=in/${seedNames[4]!.replace('.', '\\.')},title=near-duplicate%3A in/`));
    const sarif = JSON.parse((await runCli(['in', '--format', 'sarif', '--quiet'], { cwd: dir })).stdout) as { runs: Array<{ results: unknown[] }> };
    const ajv = new Ajv({ strict: false });
    addFormats.default(ajv);
    expect(ajv.validate(sarifSchema, sarif), JSON.stringify(ajv.errors)).toBe(true);
    expect(sarif.runs[0]!.results).toHaveLength(4);
    const markdown = (await runCli(['in', '--format', 'markdown', '--baseline', baseline, '--quiet'], { cwd: dir })).stdout;
    expect(markdown).toContain('(1 new, 3 in the baseline)');
    expect(markdown.split('\n').filter((l) => /^\| 1 \|/.test(l))).toHaveLength(1);
  });
});

describe('5. --jobs', () => {
  // That the default gives the same report as one thread and two: test/e2e/pipelines.test.ts, on the built binary.
  it('names its default in the help: the cores available, and how many there are here', async () => {
    expect((await runCli(['scan', '--help'], { cwd: dir })).stdout.replace(/\s+/g, ' ')).toMatch(new RegExp(`default: the cores available, ${availableParallelism()} here`));
  });
});
