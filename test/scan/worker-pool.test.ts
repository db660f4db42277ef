import { pairColumn } from '../helpers/pair-column.js';
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { lineKeys } from '../../src/text/boilerplate.js';
import { type CandidateGroup, clusterGroups } from '../../src/scan/groups.js';
import { sentenceFeatureCache } from '../../src/judge/member.js';
import { nodeFileSystem } from '../../src/input/file-system.js';
import { optimalBanding } from '../../src/sketch/lsh.js';
import { withDefaults } from '../../src/options.js';
import { type DirectoryEntry, DocumentDirectory, DocumentLoader } from '../../src/scan/loader.js';
import type { ScanPool } from '../../src/scan/worker-pool.js';
import { repoRoot } from '../helpers/paths.js';
import { seedEntries as entries } from '../helpers/seed-entries.js';
import { clusterOfPacked } from '../../src/scan/packed-members.js';

// Worker threads run the compiled script, so the pool is taken from the build (npm test builds first).
const builtPool = resolve(repoRoot, 'dist/scan/worker-pool.js');
const workersBuilt = existsSync(builtPool);
if (!workersBuilt) console.warn('[test/worker-pool.test.ts] skipping the pool tests: no build in dist/ (npm test builds first)');
const { ScanPool: BuiltScanPool } = workersBuilt ? ((await import(pathToFileURL(builtPool).href)) as { ScanPool: typeof ScanPool }) : { ScanPool: undefined };

const options = withDefaults({ paths: ['fixtures'] });
const allLinked: CandidateGroup = {
  docs: entries.map((e) => e.doc),
  links: entries.flatMap((a, x) => entries.slice(x + 1).map((b) => [a.doc, b.doc] as const)),
};

/** Every pair of the seeds as a candidate still to verify (rewrite candidates: the spun copy links only as one). */
const allCandidates: CandidateGroup = { docs: allLinked.docs, links: [], candidates: { shingle: new Int32Array(0), rewrite: pairColumn(allLinked.links) } };

function clusterHere(groups: readonly CandidateGroup[], directory: readonly DirectoryEntry[], boilerplate?: Int32Array) {
  const featuresOf = sentenceFeatureCache();
  const loader = new DocumentLoader({
    directory: new DocumentDirectory(directory),
    fs: nodeFileSystem(),
    read: options.read,
    shingleSize: options.shingleSize,
    withSentences: true,
    ...(boilerplate ? { boilerplate: new Set(boilerplate) } : {}),
  });
  return clusterGroups(groups, loader, options, featuresOf);
}

describe.skipIf(!workersBuilt)('ScanPool', () => {
  const pool = BuiltScanPool ? new BuiltScanPool({ numPerm: 128, seed: 1, shingleSize: 5, banding: optimalBanding(0.56, 128), lineKeys: true, read: options.read }, 1) : undefined;
  afterAll(() => pool?.close());

  /** A task sent once the worker has started (until then the pool takes none). */
  async function clusterOnWorker(groups: readonly CandidateGroup[], directory: readonly DirectoryEntry[], boilerplate?: Int32Array) {
    for (let tries = 0; tries < 500; tries++) {
      const holders = Int32Array.from(directory.map((e) => e.doc));
      const answer = pool!.cluster({ groups, entries: directory, options, ...(boilerplate ? { boilerplate, boilerplateHolders: holders } : {}) });
      // The worker packs each cluster's members: unpacked here, they are compared with those made on this thread.
      if (answer) return answer.then(({ clusters, failures }) => ({ clusters: clusters.map(clusterOfPacked), failures }));
      await new Promise((done) => setTimeout(done, 10));
    }
    throw new Error('the worker never started');
  }

  it('clusters groups on a worker exactly as on this thread, reading the documents itself', async () => {
    const here = await clusterHere([allLinked], entries);
    expect(here.clusters).toHaveLength(1);
    expect(here.clusters[0]!.members).toHaveLength(5);
    expect(await clusterOnWorker([allLinked], entries)).toEqual(here);
  });

  it('verifies candidates on a worker exactly as on this thread, the spun copy linked by aligned sentences', async () => {
    const here = await clusterHere([allCandidates], entries);
    expect(here.clusters).toHaveLength(1);
    expect(here.clusters[0]!.members.map((m) => m.id).sort()).toEqual(['seed-0', 'seed-1', 'seed-2', 'seed-3', 'seed-4']);
    expect(await clusterOnWorker([allCandidates], entries)).toEqual(here);
    const changed = entries.map((e, n) => (n === 1 ? { ...e, digest: e.digest ^ 1 } : e));
    const onWorker = await clusterOnWorker([allCandidates], changed);
    expect(onWorker.failures).toEqual([{ doc: 11, reason: 'changed while being scanned' }]);
    expect(onWorker).toEqual(await clusterHere([allCandidates], changed));
  });

  it('leaves learned boilerplate lines out on a worker as on this thread', async () => {
    // Six of the boilerplate-laden copy's line keys, as if learned from the corpus.
    const boilerplate = lineKeys(readFileSync(entries[0]!.meta.source, 'utf8')).slice(0, 6);
    const here = await clusterHere([allLinked], entries, boilerplate);
    expect(here).not.toEqual(await clusterHere([allLinked], entries));
    expect(await clusterOnWorker([allLinked], entries, boilerplate)).toEqual(here);
    // Verified there, candidates are read without those lines too.
    const candidatesHere = await clusterHere([allCandidates], entries, boilerplate);
    expect(await clusterOnWorker([allCandidates], entries, boilerplate)).toEqual(candidatesHere);
  });

  it('reports a document changed since the first pass, and clusters the rest', async () => {
    const changed = entries.map((e, n) => (n === 2 ? { ...e, digest: e.digest ^ 1 } : e));
    const onWorker = await clusterOnWorker([allLinked], changed);
    expect(onWorker.failures).toEqual([{ doc: 12, reason: 'changed while being scanned' }]);
    expect(onWorker.clusters[0]!.members.map((m) => m.id)).not.toContain('seed-2');
    expect(onWorker).toEqual(await clusterHere([allLinked], changed));
  });
});

describe('DocumentDirectory', () => {
  it('gives back what it was sent, and where to read each document', () => {
    const directory = new DocumentDirectory([
      { doc: 3, meta: { id: 'a', source: 'x.jsonl', line: 7, offset: 120 }, digest: 42 },
      { doc: 9, meta: { id: 'b', source: '-' }, digest: -5, retainedText: 'kept text' },
    ]);
    expect(directory.location(3)).toEqual({ source: 'x.jsonl', line: 7, offset: 120 });
    expect(directory.location(9)).toEqual({ source: '-', line: undefined, offset: 0 });
    expect(directory.meta(3)).toEqual({ id: 'a', source: 'x.jsonl', line: 7, offset: 120 });
    expect([directory.digest(9), directory.retainedText(9), directory.retainedText(3)]).toEqual([-5, 'kept text', undefined]);
    expect(() => directory.digest(4)).toThrow('document 4 is not in this directory');
  });
});
