import { describe, expect, it } from 'vitest';
import { IndexPairSet, sentencePairsOnPool } from '../../src/scan/candidates.js';
import type { BucketTask, ScanPool } from '../../src/scan/worker-pool.js';
import { bucketsOfGroup, sentenceKeys, SentenceKeyStore } from '../../src/sketch/sentence-lsh.js';
import { Fingerprinter } from '../../src/text/token-hashes.js';

describe('IndexPairSet', () => {
  it('holds exactly the pairs it was given, in their order (i, j), past collisions', () => {
    const pairs: Array<[number, number]> = [];
    for (let i = 0; i < 300; i++) pairs.push([i, i + 1], [i, 2 * i + 7], [7 * i, 1_999_999 - i]);
    const set = new IndexPairSet(pairs);
    for (const [i, j] of pairs) expect(set.has(i, j)).toBe(true);
    const given = new Set(pairs.map(([i, j]) => `${i},${j}`));
    let absent = 0;
    for (let i = 0; i < 300; i++) {
      for (const [x, y] of [[i + 1, i], [i, i + 2], [7 * i + 1, 1_999_999 - i]] as const) {
        if (given.has(`${x},${y}`)) continue;
        expect(set.has(x, y)).toBe(false);
        absent++;
      }
    }
    expect(absent).toBeGreaterThan(800);
    expect(new IndexPairSet([]).has(0, 1)).toBe(false);
  });
});

describe('sentencePairsOnPool', () => {
  it('gives the pairs SentenceKeyStore.candidatePairs gives, whichever groups the threads take and in whatever order they answer', async () => {
    const sentences = [
      'Kim Jong Un arrived in Vladivostok by armoured train on Tuesday morning.',
      'The North Korean leader will meet President Vladimir Putin at the Eastern Economic Forum.',
      'Washington warned Pyongyang against supplying artillery shells to Moscow for the war.',
      'Wheat prices rose sharply in Chicago after dry weather hit the plains.',
      'Traders said export demand from Egypt and Algeria stayed firm this week.',
      'Corn and soybeans ended the session slightly lower on profit taking.',
    ];
    // Twelve articles, each three of the six sentences: pairs meet in one to three sentences.
    const texts = Array.from({ length: 12 }, (_, d) => [d % 6, (d * 5 + 1) % 6, (d * 7 + 2) % 6].map((s) => sentences[s]).join(' '));
    const store = new SentenceKeyStore();
    for (const text of texts) {
      const fp = new Fingerprinter();
      fp.tokenize(text, false);
      const stems = fp.tokenStems();
      store.add(sentenceKeys(stems.slice(), stems.length, fp.sentenceStarts()));
    }
    const considered = (i: number, j: number) => (i + j) % 5 !== 0;
    const expected = store.candidatePairs(considered);
    expect(expected.length).toBeGreaterThan(5);
    // A pool that declines every third group (this thread makes it) and answers the others after varying delays.
    let asked = 0;
    const pool = {
      buckets(task: BucketTask) {
        if (asked++ % 3 === 0) return undefined;
        const buckets = bucketsOfGroup(task.keys, task.values, task.total, task.maxBucket, [new Uint32Array(task.total), new Uint32Array(task.total)]);
        return new Promise((resolve) => setTimeout(() => resolve(buckets), (asked * 7) % 5));
      },
    } as unknown as ScanPool;
    expect(await sentencePairsOnPool(store, considered, pool)).toEqual(expected);
    expect(asked).toBeGreaterThanOrEqual(store.groups);
    store.release();
  });
});
