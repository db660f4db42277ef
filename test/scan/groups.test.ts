import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { type CandidateGroup, candidateGroups, clusterGroups, linkedGroups } from '../../src/scan/groups.js';
import { failureLog, verifyCandidates } from '../../src/scan/verify-candidates.js';
import { sentenceFeatureCache } from '../../src/judge/member.js';
import { nodeFileSystem } from '../../src/input/file-system.js';
import { withDefaults } from '../../src/options.js';
import { type DirectoryEntry, DocumentDirectory, DocumentLoader, type LoaderCapacity } from '../../src/scan/loader.js';
import { pairColumn } from '../helpers/pair-column.js';
import { seedEntries as entries } from '../helpers/seed-entries.js';
import { articleFromFile } from '../../src/input/read.js';
import { textDigest } from '../../src/text/token-hashes.js';

/** The text of seed n as a scan reads it. */
function readSeedText(n: number): string {
  const source = entries[n]!.meta.source;
  return (articleFromFile(source, readFileSync(source), false) as { text: string }).text;
}

const options = withDefaults({ paths: ['fixtures'] });
const docs = entries.map((e) => e.doc);
const allPairs = pairColumn(docs.flatMap((a, x) => docs.slice(x + 1).map((b) => [a, b] as const)));
const NONE = new Int32Array(0);

function loaderOf(directory: readonly DirectoryEntry[], capacity?: LoaderCapacity) {
  const featuresOf = sentenceFeatureCache();
  const loader = new DocumentLoader({
    directory: new DocumentDirectory(directory),
    fs: nodeFileSystem(),
    read: options.read,
    shingleSize: options.shingleSize,
    withSentences: true,
    ...(capacity ? { capacity } : {}),
  });
  return { loader, featuresOf };
}

describe('candidateGroups', () => {
  it('splits candidate pairs into the connected groups they make, each with its own pairs in the order given', () => {
    const groups = candidateGroups(10, {
      shingle: pairColumn([
        [0, 4],
        [1, 2],
        [4, 7],
      ]),
      rewrite: pairColumn([
        [2, 3],
        [0, 9],
      ]),
    });
    expect(groups).toEqual([
      {
        docs: [0, 4, 7, 9],
        links: [],
        candidates: {
          shingle: pairColumn([
            [0, 4],
            [4, 7],
          ]),
          rewrite: pairColumn([[0, 9]]),
        },
      },
      { docs: [1, 2, 3], links: [], candidates: { shingle: pairColumn([[1, 2]]), rewrite: pairColumn([[2, 3]]) } },
    ]);
  });

  it('makes no group of no pairs', () => {
    expect(candidateGroups(5, { shingle: NONE, rewrite: NONE })).toEqual([]);
  });
});

describe('linkedGroups', () => {
  it('gives the groups that links make of some documents, leaving the unlinked out, links in their order', () => {
    expect(
      linkedGroups(
        [3, 5, 8, 20, 21],
        [
          [20, 21],
          [3, 8],
          [8, 20],
        ],
      ),
    ).toEqual([
      {
        docs: [3, 8, 20, 21],
        links: [
          [20, 21],
          [3, 8],
          [8, 20],
        ],
      },
    ]);
    expect(linkedGroups([1, 2, 3, 4], [[1, 2], [3, 4]]).map((g) => g.docs)).toEqual([
      [1, 2],
      [3, 4],
    ]);
  });
});

describe('verifyCandidates', () => {
  it('links the five AFP copies, the spun one by aligned sentences', async () => {
    const { loader, featuresOf } = loaderOf(entries);
    const failures: Array<{ doc: number; reason: string }> = [];
    let settled = 0;
    const links = await verifyCandidates({ shingle: NONE, rewrite: allPairs }, loader, options, featuresOf, failureLog(failures), () => settled++);
    expect(settled).toBe(10);
    expect(failures).toEqual([]);
    expect(linkedGroups(docs, links).map((g) => g.docs)).toEqual([docs]);
    // The spun copy (14) shares too few shingles with any other to link as a copy: only its sentences link it, whichever
    // bands proposed the pair.
    const asShinglePairs = await verifyCandidates({ shingle: allPairs, rewrite: NONE }, loaderOf(entries).loader, options, featuresOf, () => {});
    expect(asShinglePairs).toEqual(links);
    const copiesOnly = await verifyCandidates({ shingle: allPairs, rewrite: NONE }, loaderOf(entries).loader, { ...options, rewrites: false }, featuresOf, () => {});
    expect(copiesOnly.some((pair) => pair.includes(14))).toBe(false);
    expect(links.filter((pair) => pair.includes(14)).length).toBeGreaterThan(0);
  });

  it('reads in full only candidates that may be rewrites', async () => {
    // With the defaults, the spun copy links by derived sentences, so both of such a pair were read in full.
    const aligning = loaderOf(entries);
    await verifyCandidates({ shingle: NONE, rewrite: allPairs }, aligning.loader, options, aligning.featuresOf, () => {});
    expect(aligning.loader.holdsDocument(14)).toBe(true);
    // Without rewrites no pair is read in full (where the loader has no room to keep analyses, as on a large corpus):
    // copies link on their shingle sets alone.
    const copies = loaderOf(entries, { documentBytes: 0, sets: 64 });
    const copiesOnly = { ...options, rewrites: false };
    const links = await verifyCandidates({ shingle: NONE, rewrite: allPairs }, copies.loader, copiesOnly, copies.featuresOf, () => {});
    expect(docs.filter((doc) => copies.loader.holdsDocument(doc))).toEqual([]);
    expect(links).toEqual(await verifyCandidates({ shingle: allPairs, rewrite: NONE }, loaderOf(entries).loader, copiesOnly, aligning.featuresOf, () => {}));
    expect(links.length).toBeGreaterThan(0);
  });

  it('reports a document that changed since the first pass once, and verifies the other pairs', async () => {
    const changed = entries.map((e) => (e.doc === 12 ? { ...e, digest: e.digest ^ 1 } : e));
    const { loader, featuresOf } = loaderOf(changed);
    const failures: Array<{ doc: number; reason: string }> = [];
    const links = await verifyCandidates({ shingle: NONE, rewrite: allPairs }, loader, options, featuresOf, failureLog(failures));
    expect(failures).toEqual([{ doc: 12, reason: 'changed while being scanned' }]);
    expect(links.some((pair) => pair.includes(12))).toBe(false);
    // Without the teaser copy (12) the other four still link, the updated one (11) by its derived sentences.
    expect(linkedGroups(docs, links).map((g) => g.docs)).toEqual([[10, 11, 13, 14]]);
  });

  it('makes no sentence features of a pair with a text too short to judge on its sentences', async () => {
    // A story, the same story re-worded, and its first 20 words alone.
    const story = readSeedText(2);
    const short = story.split(/\s+/).slice(0, 20).join(' ');
    const texts = [story, readSeedText(4), short];
    const inMemory = texts.map((text, n) => ({ doc: n, meta: { id: `t${n}`, source: `t${n}` }, digest: textDigest(text), retainedText: text }));
    const { loader, featuresOf } = loaderOf(inMemory);
    const madeOf: string[] = [];
    const spy = (doc: Parameters<typeof featuresOf>[0]) => {
      madeOf.push(doc.id);
      return featuresOf(doc);
    };
    await verifyCandidates({ shingle: NONE, rewrite: pairColumn([[0, 2], [1, 2]]) }, loader, options, spy, () => {});
    expect(madeOf).toEqual([]);
    const links = await verifyCandidates({ shingle: NONE, rewrite: pairColumn([[0, 1]]) }, loader, options, spy, () => {});
    expect(new Set(madeOf)).toEqual(new Set(['t0', 't1']));
    expect(links.length).toBe(1);
  });
});

describe('clusterGroups', () => {
  it('clusters a group of candidates as it clusters the linked group their verified pairs make', async () => {
    const { loader, featuresOf } = loaderOf(entries);
    const links = await verifyCandidates({ shingle: NONE, rewrite: allPairs }, loader, options, featuresOf, () => {});
    const fromLinks = await clusterGroups(linkedGroups(docs, links), loaderOf(entries).loader, options);
    const candidates: CandidateGroup = { docs, links: [], candidates: { shingle: NONE, rewrite: allPairs } };
    const fromCandidates = await clusterGroups([candidates], loaderOf(entries).loader, options);
    expect(fromCandidates.clusters).toHaveLength(1);
    expect(fromCandidates.clusters[0]!.members.map((m) => m.id).sort()).toEqual(['seed-0', 'seed-1', 'seed-2', 'seed-3', 'seed-4']);
    expect(fromCandidates).toEqual(fromLinks);
  });

  it('makes clusters of each linked group a group of candidates falls apart into', async () => {
    // Boilerplate-laden with teaser; shortened with spun and with the updated copy (11), an update of its sentences.
    const candidates: CandidateGroup = {
      docs,
      links: [],
      candidates: {
        shingle: pairColumn([
          [10, 12],
          [11, 13],
        ]),
        rewrite: pairColumn([[13, 14]]),
      },
    };
    const result = await clusterGroups([candidates], loaderOf(entries).loader, options);
    expect(result.failures).toEqual([]);
    expect(result.clusters.map((c) => c.members.map((m) => m.id).sort())).toEqual([
      ['seed-0', 'seed-2'],
      ['seed-1', 'seed-3', 'seed-4'],
    ]);
  });
});
