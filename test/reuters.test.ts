import { readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { memoryFileSystem } from '../src/input/file-system.js';
import { withDefaults } from '../src/options.js';
import { type ScanResult, scan } from '../src/scan/scan.js';
import { hasReuters, reutersPath, seedsDir } from './helpers/paths.js';
import { clusterIdSets, shuffled } from './helpers/shuffled.js';

const present = hasReuters('test/reuters.test.ts');

describe.skipIf(!present)('the seeds mixed into the Reuters-21578 corpus', () => {
  let result: ScanResult;
  let lines: string[];
  const seedIds = readdirSync(seedsDir).sort();
  const scanOf = (inOrder: readonly string[]) => scan(withDefaults({ paths: ['mix.jsonl'] }), memoryFileSystem({ 'mix.jsonl': `${inOrder.join('\n')}\n` }));

  beforeAll(async () => {
    const corpus = readFileSync(reutersPath, 'utf8').split('\n').filter((line) => line !== '');
    const seeds = seedIds.map((f) => JSON.stringify({ id: f, text: readFileSync(resolve(seedsDir, f), 'utf8') }));
    lines = [...corpus, ...seeds];
    result = await scanOf(lines);
  });

  it('reads every story', () => {
    expect(result.documents).toBe(19_043 + 5);
    expect(result.skipped).toEqual([]);
  });

  it('keeps the five seeds in exactly one cluster, which no Reuters story joins', () => {
    const withSeeds = result.clusters.filter((c) => c.members.some((m) => seedIds.includes(m.id)));
    expect(withSeeds).toHaveLength(1);
    expect(withSeeds[0]!.members.map((m) => m.id).sort()).toEqual(seedIds);
  });

  it("clusters the wire's own re-sent stories with each other", () => {
    const reutersClusters = result.clusters.filter((c) => c.members.every((m) => m.id.startsWith('reuters-')));
    // The corpus README counts about 800 pairs at 5-shingle Jaccard >= 0.5; most re-sends are near-verbatim.
    expect(reutersClusters.length).toBeGreaterThan(500);
    const verbatim = reutersClusters.flatMap((c) => c.members.filter((m) => m.relation === 'copy'));
    expect(verbatim.length).toBeGreaterThan(300);
    for (const c of reutersClusters) for (const m of c.members) if (m.relation === 'copy') expect(m.jaccard).toBeGreaterThanOrEqual(0.5);
  });

  // One scan of the corpus serves the checks above and the order check: a Reuters scan is the slow part of each.
  it('gives the same 1,149 clusters with its lines shuffled (1,148 of Reuters stories, one of the seeds)', async () => {
    const inOrder = clusterIdSets(result);
    expect(inOrder).toHaveLength(1149);
    // Two dividend notices of 14 words, different payment dates: too short to judge, and not exact copies.
    expect(inOrder).not.toContain('reuters-1090 reuters-2153');
    expect(clusterIdSets(await scanOf(shuffled(lines, 1)))).toEqual(inOrder);
  });

  it('never puts a member in a cluster unless it links directly to the canonical', () => {
    for (const c of result.clusters) {
      for (const m of c.members.slice(1)) {
        const direct = m.basis === 'sentences' ? m.alignedSentences!.count >= 1 && Math.max(m.alignedSentences!.shareOfMember, m.alignedSentences!.shareOfCanonical) >= 0.333 : Math.max(m.containment.memberInCanonical, m.containment.canonicalInMember) >= 0.7;
        expect(direct, `${m.id} in cluster of ${c.canonical}`).toBe(true);
      }
    }
  });
});
