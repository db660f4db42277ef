import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoRoot, SEED } from '../helpers/paths.js';
import { runCli } from '../helpers/run-cli.js';
import { COMPARE_SCHEMA_VERSION, type CompareReport } from '../../src/report/compare-report.js';
import type { Report } from '../../src/report/scan-report.js';

const json = async (args: string[], cwd?: string): Promise<CompareReport> => {
  const run = await runCli(['compare', ...args, '--format', 'json'], cwd === undefined ? {} : { cwd });
  expect(run.stderr).toBe('');
  expect(run.status).toBe(0);
  return JSON.parse(run.stdout) as CompareReport;
};

describe('neardup compare', () => {
  it("gives, for every member of the fixtures' cluster against its canonical, the relation the scan reports", async () => {
    const scan = JSON.parse((await runCli(['fixtures/', '--format', 'json'])).stdout) as Report;
    const [cluster] = scan.clusters;
    const members = cluster!.members.filter((m) => m.relation !== 'canonical');
    expect(members.map((m) => m.relation).sort()).toEqual(['copy-with-additions', 'rewritten', 'shortened', 'updated']);
    for (const member of members) {
      const report = await json([member.id, cluster!.canonical]);
      expect(report.relation.relation).toBe(member.relation);
      expect(report.relation.basis).toBe(member.basis);
      expect(report.shingles.jaccard).toBe(member.jaccard);
      expect([report.shingles.aInB, report.shingles.bInA]).toEqual([member.containment.memberInCanonical, member.containment.canonicalInMember]);
      if (member.basis === 'sentences') expect(report.sentences.aligned.length).toBe(member.alignedSentences!.count);
    }
  });

  it('prints a table: both articles, the relation each way, the figures and the derived sentences', async () => {
    const run = await runCli(['compare', SEED.spun, SEED.teaser]);
    expect(run.status).toBe(0);
    expect(run.stderr).toBe('');
    expect(run.stdout).toMatch(/^A: fixtures\/afp-kim-putin\/004_fe1fa3bedf862f6b\.txt: 332 words, 326 shingles, 16 sentences judged\n/);
    expect(run.stdout).toContain('A with B as canonical: rewritten (by sentences)\n');
    expect(run.stdout).toContain("derived by sentences: 12 of A's 16 sentences (75%) derive from B's, at least --rewrite-threshold 0.5");
    expect(run.stdout).toContain("sentences             12 of A's 16 derived from B (75%), 32% of B's 28 used\n");
    expect(run.stdout).toMatch(/\n {5}0 {2}re-worded {3}0 {9}"Kim Jong-un to Meet Putin in Russia"\n/);
    expect(run.stdout).not.toMatch(/\u001b\[/);
  });

  it('prints one JSON document, versioned, byte-identical across runs and never coloured', async () => {
    const first = await runCli(['compare', SEED.shortened, SEED.teaser, '--format', 'json'], { env: { FORCE_COLOR: '1', NO_COLOR: undefined } });
    const second = await runCli(['compare', SEED.shortened, SEED.teaser, '--format', 'json']);
    expect(first.stdout).toBe(second.stdout);
    expect(first.stdout).not.toMatch(/\u001b\[/);
    const report = JSON.parse(first.stdout) as CompareReport;
    expect(report.schemaVersion).toBe(COMPARE_SCHEMA_VERSION);
    expect(report.kind).toBe('compare');
    expect(report.relation).toMatchObject({ member: SEED.shortened, canonical: SEED.teaser, relation: 'shortened', basis: 'shingles' });
    expect(report.reverse).toMatchObject({ member: SEED.teaser, canonical: SEED.shortened, relation: 'updated' });
  });

  it('matches schema/compare.schema.json, with a relation each way and with one', async () => {
    const validate = new Ajv2020({ allErrors: true, strict: true }).compile(JSON.parse(readFileSync(resolve(repoRoot, 'schema/compare.schema.json'), 'utf8')));
    for (const [a, b] of [[SEED.shortened, SEED.teaser], [SEED.spun, SEED.teaser]] as const) {
      const report = JSON.parse((await runCli(['compare', a, b, '--format', 'json'])).stdout);
      expect(validate(report) ? [] : validate.errors).toEqual([]);
    }
  });

  it('applies the options that change the figures', async () => {
    const defaults = await json([SEED.spun, SEED.teaser]);
    const threes = await json([SEED.spun, SEED.teaser, '--shingle-size', '3']);
    expect(threes.params.shingleSize).toBe(3);
    expect(threes.shingles.jaccard).toBeGreaterThan(defaults.shingles.jaccard);
    const noRewrites = await json([SEED.spun, SEED.teaser, '--no-rewrites']);
    expect(noRewrites.relation.relation).toBe('none');
    // 75% of its sentences derived: under 0.9, what is left is partial reuse.
    const strict = await json([SEED.spun, SEED.teaser, '--rewrite-threshold', '0.9']);
    expect(strict.relation.relation).toBe('related');
    const jaccard = await json([SEED.shortened, SEED.teaser, '--metric', 'jaccard']);
    expect(jaccard.params.threshold).toBe(0.5);
    // Jaccard 0.46 is no copy at 0.5: the link rests on its sentences instead.
    expect(jaccard.relation.basis).toBe('sentences');
    expect(jaccard.relation.reason).toContain('no copy by shingles (Jaccard 0.4615; --threshold 0.5 on jaccard)');
  });

  describe('articles in a JSONL file, and errors', () => {
    let dir: string;
    const texts = {
      one: 'The council approved the new harbour bridge on Monday after a long debate about its cost and its design, said the mayor of the town.',
      two: 'The council approved the new harbour bridge on Monday after a long debate about its cost, the mayor of the town said in a statement.',
    };
    beforeAll(() => {
      dir = mkdtempSync(join(tmpdir(), 'neardup-compare-'));
      writeFileSync(join(dir, 'news.jsonl'), `${JSON.stringify({ id: 'one', text: texts.one })}\n${JSON.stringify({ id: 'two', text: texts.two })}\n${JSON.stringify({ id: 'blank', text: '' })}\n`);
      writeFileSync(join(dir, 'one.txt'), texts.one);
      writeFileSync(join(dir, 'empty.txt'), '');
      writeFileSync(join(dir, 'marks.txt'), '!!! ??? ...\n');
    });
    afterAll(() => rmSync(dir, { recursive: true, force: true }));

    it('takes an article of a JSONL file by --id-a and --id-b', async () => {
      const report = await json(['news.jsonl', 'news.jsonl', '--id-a', 'two', '--id-b', 'one'], dir);
      expect(report.a).toMatchObject({ id: 'two', source: 'news.jsonl', line: 2 });
      expect(report.b).toMatchObject({ id: 'one', source: 'news.jsonl', line: 1 });
      expect(report.relation).toMatchObject({ relation: 'updated', basis: 'sentences' });
      expect(report.shingles.aInB).toBe(0.619);
      const text = await json(['one.txt', 'news.jsonl', '--id-b', 'one'], dir);
      expect(text.shingles.jaccard).toBe(1);
    });

    it('takes the first record of an id a file repeats, the one a scan keeps', async () => {
      writeFileSync(join(dir, 'repeats.jsonl'), [texts.one, texts.two, texts.two].map((text) => JSON.stringify({ id: '1', text })).join('\n'));
      const report = await json(['repeats.jsonl', 'one.txt', '--id-a', '1'], dir);
      expect(report.a).toMatchObject({ id: '1', line: 1 });
      expect(report.shingles.jaccard).toBe(1);
    });

    it('says on stderr what reading a side noted, the report on stdout as without it', async () => {
      writeFileSync(join(dir, 'dated.jsonl'), `${JSON.stringify({ id: 'late', text: texts.two, date: 'next Tuesday' })}\n`);
      const run = await runCli(['compare', 'dated.jsonl', 'one.txt', '--format', 'json'], { cwd: dir });
      expect(run.status).toBe(0);
      expect(run.stderr).toMatch(/^neardup: A, dated\.jsonl:1: "date" field holds "next Tuesday", not a date neardup reads .*: the article is undated\n$/);
      expect(JSON.parse(run.stdout).relation).toMatchObject({ relation: 'updated' });
      const itself = await runCli(['compare', 'dated.jsonl', 'dated.jsonl', '--format', 'json'], { cwd: dir });
      expect(itself.stderr).toMatch(/^neardup: A and B, dated\.jsonl:1: "date" field holds "next Tuesday", not a date neardup reads .*: the article is undated\n$/);
    });

    it('exits 5 naming the file: missing, empty, id not found, several articles and no id, no words', async () => {
      const cases: Array<[string[], string]> = [
        [['missing.txt', 'one.txt'], 'neardup: A, missing.txt: no readable article: no such file or directory\n'],
        [['one.txt', 'empty.txt'], 'neardup: B, empty.txt: no readable article: empty file\n'],
        [['one.txt', 'news.jsonl', '--id-b', 'three'], 'neardup: B, news.jsonl: no article of id "three"'],
        [['one.txt', 'news.jsonl', '--id-b', 'blank'], 'news.jsonl:3: empty "text" field'],
        [['news.jsonl', 'one.txt'], 'neardup: A, news.jsonl: holds 2 articles; name the one to compare with --id-a\n'],
        [['marks.txt', 'marks.txt'], 'neardup: A, marks.txt: no words to compare\n'],
        [['one.txt', 'marks.txt'], 'neardup: B, marks.txt: no words to compare\n'],
      ];
      for (const [args, message] of cases) {
        const run = await runCli(['compare', ...args], { cwd: dir });
        expect(run.status).toBe(5);
        expect(run.stdout).toBe('');
        expect(run.stderr).toContain(message);
      }
    });

    it('exits 2 for a bad option value', async () => {
      const run = await runCli(['compare', 'one.txt', 'one.txt', '--threshold', '2'], { cwd: dir });
      expect(run.status).toBe(2);
      expect(run.stderr).toContain('--threshold takes a number from 0.01 to 1, got "2"');
      const format = await runCli(['compare', 'one.txt', 'one.txt', '--format', 'html'], { cwd: dir });
      expect(format.status).toBe(2);
    });
  });
});
