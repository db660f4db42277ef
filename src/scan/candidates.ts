/**
 * Candidate pairs, from pass 1's table: LSH on shingle bands (a pair whose estimated measure falls far short of the
 * threshold is dropped before anything is read again), then for rewrites pairs that meet in sentence buckets
 * (sketch/sentence-lsh.ts), not bands on whole documents' content stems.
 */
import type { ScanOptions } from '../options.js';
import { containmentFromJaccard, ESTIMATE_MARGIN } from '../sketch/estimate.js';
import { type Banding, candidatePairsFromKeys } from '../sketch/lsh.js';
import { bucketsOfGroup, MAX_BUCKET_DOCUMENTS, type SentenceBuckets, type SentenceKeyStore, type SortScratch } from '../sketch/sentence-lsh.js';
import type { CorpusTable } from '../sketch/sketch-table.js';
import { sentenceWindowDays, withinWindow } from '../judge/window.js';
import type { CandidatePairs } from './verify-candidates.js';
import { QUEUED_PER_WORKER, type ScanPool } from './worker-pool.js';

/** A set of pairs of document numbers (i < j), for look-ups by the hundred million: open addressing on two columns. */
export class IndexPairSet {
  private readonly first: Int32Array;
  private readonly second: Int32Array;
  private readonly mask: number;

  constructor(pairs: ReadonlyArray<readonly [number, number]>) {
    let size = 16;
    while (size < 2 * pairs.length) size *= 2;
    this.mask = size - 1;
    this.first = new Int32Array(size).fill(-1);
    this.second = new Int32Array(size);
    for (const [i, j] of pairs) {
      let slot = this.slotOf(i, j);
      while (this.first[slot] !== -1 && (this.first[slot] !== i || this.second[slot] !== j)) slot = (slot + 1) & this.mask;
      this.first[slot] = i;
      this.second[slot] = j;
    }
  }

  has(i: number, j: number): boolean {
    for (let slot = this.slotOf(i, j); this.first[slot] !== -1; slot = (slot + 1) & this.mask) {
      if (this.first[slot] === i && this.second[slot] === j) return true;
    }
    return false;
  }

  private slotOf(i: number, j: number): number {
    return (Math.imul(i, 0x9e3779b1) ^ Math.imul(j + 0x7f4a7c15, 0x85ebca6b)) & this.mask;
  }
}

/**
 * Candidate pairs of the table's documents, each sorted: shingle pairs, and rewrite pairs that are not shingle pairs.
 * With a pool, the worker threads sort the groups of sentence keys into buckets while this thread counts meetings.
 */
export async function candidatePairs(
  table: CorpusTable,
  options: ScanOptions,
  banding: Banding,
  sentences: SentenceKeyStore | undefined,
  pool?: ScanPool,
): Promise<CandidatePairs> {
  const count = table.count;
  const within = withinWindow(options.withinDays);
  const withinTimes = (i: number, j: number) => within(table.time(i), table.time(j));

  const shinglePairs = candidatePairsFromKeys(table.allBandKeys(), count, banding.bands, (i, j) => {
    if (!withinTimes(i, j)) return false;
    const jaccard = table.estimatedJaccard(i, j);
    const estimate = options.metric === 'jaccard' ? jaccard : Math.max(jaccard, containmentFromJaccard(jaccard, table.distinctShingles(i), table.distinctShingles(j)));
    return estimate >= options.threshold - ESTIMATE_MARGIN;
  });
  // Rewrite candidates: articles several of whose sentences meet in sentence buckets that are not over-common, within
  // the window and not shingle pairs already (asked of every meeting, so the meetings of near-copies take no memory).
  const rewriteWithin = withinWindow(sentenceWindowDays(options));
  let rewritePairs: Array<[number, number]> = [];
  try {
    const shinglePairSet = new IndexPairSet(sentences ? shinglePairs : []);
    const considered = (i: number, j: number) => rewriteWithin(table.time(i), table.time(j)) && !shinglePairSet.has(i, j);
    if (sentences) rewritePairs = pool ? await sentencePairsOnPool(sentences, considered, pool) : sentences.candidatePairs(considered);
  } finally {
    // The keys are needed no more: their memory and any spill files go now, not at exit.
    sentences?.release();
  }
  return { shingle: shinglePairs, rewrite: rewritePairs };
}

/**
 * SentenceKeyStore.candidatePairs with the groups' buckets made on the pool's threads. This thread counts the
 * meetings of every group, so it takes back a worker's buckets before it makes a group's itself: it sorts a group only
 * when no worker can take it and no buckets are waiting.
 */
export async function sentencePairsOnPool(sentences: SentenceKeyStore, considered: (i: number, j: number) => boolean, pool: ScanPool): Promise<Array<[number, number]>> {
  const counter = sentences.meetingCounter(considered);
  const onWorkers: Array<Promise<SentenceBuckets>> = [];
  try {
    let scratch: SortScratch | undefined;
    for (let g = 0; g < sentences.groups; g++) {
      // Columns of the group's own size: they move to the worker.
      const total = sentences.groupSize(g);
      const keys = new Uint32Array(total);
      const values = new Uint32Array(total);
      sentences.readGroup(g, keys, values);
      const task = { keys, values, total, maxBucket: MAX_BUCKET_DOCUMENTS };
      let onWorker = pool.buckets(task, QUEUED_PER_WORKER);
      while (onWorker === undefined && onWorkers.length > 0) {
        counter.add(await onWorkers.shift()!);
        onWorker = pool.buckets(task, QUEUED_PER_WORKER);
      }
      if (onWorker) {
        // Handled here so that a failure waits, unreported, until its buckets are taken.
        onWorker.catch(() => undefined);
        onWorkers.push(onWorker);
      } else {
        scratch = scratch && scratch[0].length >= total ? scratch : [new Uint32Array(total), new Uint32Array(total)];
        counter.add(bucketsOfGroup(keys, values, total, MAX_BUCKET_DOCUMENTS, scratch));
      }
    }
    while (onWorkers.length > 0) counter.add(await onWorkers.shift()!);
    return counter.pairs();
  } finally {
    // A failure leaves the other workers' buckets unread: wait for them before the counter's files go.
    await Promise.allSettled(onWorkers);
    counter.release();
  }
}
