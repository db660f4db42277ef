import { readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyze } from '../src/text/analyze.js';
import { memoryFileSystem, nodeFileSystem } from '../src/input/file-system.js';
import { withDefaults } from '../src/options.js';
import { scan } from '../src/scan/scan.js';
import { shingleMeasures } from '../src/judge/verify.js';
import { repoRoot, SEED, seedsDir } from './helpers/paths.js';

const seedFiles = readdirSync(seedsDir).sort();
const inRepo = { cwd: repoRoot };

async function scanFixtures(extra: Parameters<typeof withDefaults>[0] extends infer T ? Partial<T> : never = {}) {
  const previous = process.cwd();
  process.chdir(inRepo.cwd);
  try {
    return await scan(withDefaults({ paths: ['fixtures/'], ...extra }), nodeFileSystem());
  } finally {
    process.chdir(previous);
  }
}

describe('the five AFP seed copies', () => {
  it('are five files', () => {
    expect(seedFiles).toHaveLength(5);
  });

  it('plain 5-word-shingle Jaccard at 0.5 links only two of them', () => {
    const docs = seedFiles.map((f) => analyze({ id: f, text: readFileSync(resolve(seedsDir, f), 'utf8'), source: f }, 5));
    const linked: string[] = [];
    for (let i = 0; i < docs.length; i++) {
      for (let j = i + 1; j < docs.length; j++) {
        if (shingleMeasures(docs[i]!.shingleSet, docs[j]!.shingleSet).jaccard >= 0.5) linked.push(`${i}-${j}`);
      }
    }
    expect(linked).toEqual(['0-2']);
  });

  it('form one cluster of five with the default options, each labelled by how it was copied', async () => {
    const result = await scanFixtures();
    expect(result.documents).toBe(5);
    expect(result.clusters).toHaveLength(1);
    const [cluster] = result.clusters;
    expect(cluster!.canonical).toBe(SEED.teaser);
    expect(cluster!.canonicalReason.rule).toBe('source');
    const relation = Object.fromEntries(cluster!.members.map((m) => [m.id, m.relation]));
    expect(relation).toEqual({
      [SEED.teaser]: 'canonical',
      [SEED.boilerplate]: 'copy-with-additions',
      [SEED.shortened]: 'shortened',
      [SEED.updated]: 'updated',
      [SEED.spun]: 'rewritten',
    });
  });

  it('reports what each copy adds and lacks', async () => {
    const [cluster] = (await scanFixtures()).clusters;
    const member = (id: string) => cluster!.members.find((m) => m.id === id)!;
    const boilerplate = member(SEED.boilerplate).divergence;
    // The site's "Latest from" / "Don't Miss" tail is the largest addition, at the end.
    const tail = boilerplate.added.find((p) => p.at === 'end')!;
    expect(tail.opening).toMatch(/^ALSO READ-Kim Jong-un/);
    expect(tail.words).toBeGreaterThan(200);
    // It lacks the teaser the canonical's site inserted.
    expect(boilerplate.missing.some((p) => p.opening.startsWith('Russian Oil Depot on Fire'))).toBe(true);
    // The shortened copy lacks the canonical's closing paragraphs.
    const cut = member(SEED.shortened).divergence.missing.find((p) => p.at === 'end')!;
    expect(cut.opening).toMatch(/^Andrei Lankov/);
    // The spun copy is linked through sentences that follow the canonical's in order.
    const spun = member(SEED.spun);
    expect(spun.basis).toBe('sentences');
    expect(spun.alignedSentences!.count).toBeGreaterThanOrEqual(5);
    expect(spun.jaccard).toBeLessThan(0.1);
  });

  it('without the rewrite pass, the spun and updated copies stay out', async () => {
    const [cluster] = (await scanFixtures({ rewrites: false })).clusters;
    expect(cluster!.members.map((m) => m.id).sort()).toEqual([SEED.boilerplate, SEED.teaser, SEED.shortened]);
  });

  it('with plain Jaccard at 0.5 and no rewrites, only the two verbatim copies pair up', async () => {
    const result = await scanFixtures({ metric: 'jaccard', threshold: 0.5, rewrites: false });
    expect(result.clusters.map((c) => c.members.map((m) => m.id).sort())).toEqual([[SEED.boilerplate, SEED.teaser]]);
  });

  it('picks the earliest dated copy as canonical when dates exist', async () => {
    const files = Object.fromEntries(seedFiles.map((f) => [f, readFileSync(resolve(seedsDir, f), 'utf8')]));
    const lines = seedFiles.map((f, i) => JSON.stringify({ id: f, text: files[f], date: `2023-09-1${5 - i}T08:00:00Z` }));
    const result = await scan(withDefaults({ paths: ['seeds.jsonl'] }), memoryFileSystem({ 'seeds.jsonl': lines.join('\n') }));
    expect(result.clusters[0]!.canonical).toBe(seedFiles[4]);
    expect(result.clusters[0]!.canonicalReason).toEqual({
      rule: 'earliest-date',
      text: 'earliest publication date (2023-09-11T08:00:00.000Z) of the 5 copies, all dated',
    });
  });

  it('gives the same result whatever order the articles come in', async () => {
    const texts = seedFiles.map((f) => ({ id: f, text: readFileSync(resolve(seedsDir, f), 'utf8') }));
    const forward = texts.map((t) => JSON.stringify(t)).join('\n');
    const backward = [...texts].reverse().map((t) => JSON.stringify(t)).join('\n');
    const a = await scan(withDefaults({ paths: ['a.jsonl'] }), memoryFileSystem({ 'a.jsonl': forward }));
    const b = await scan(withDefaults({ paths: ['a.jsonl'] }), memoryFileSystem({ 'a.jsonl': backward }));
    const view = (r: typeof a) => r.clusters.map((c) => ({ canonical: c.canonical, members: c.members.map((m) => [m.id, m.relation, m.jaccard]).sort() }));
    expect(view(b)).toEqual(view(a));
  });
});
