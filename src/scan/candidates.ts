/**
 * Candidate pairs, from pass 1's table: LSH on shingle bands (a pair whose estimated measure falls far short of the
 * threshold is dropped before anything is read again), then for rewrites pairs that meet in sentence buckets
 * (sketch/sentence-lsh.ts), not bands on whole documents' content stems.
 */
import type { ScanOptions } from '../options.js';
import { containmentFromJaccard, ESTIMATE_MARGIN } from '../sketch/estimate.js';
import { type Banding, candidatePairsFromKeys, type PairColumn } from '../sketch/lsh.js';
import type { SentenceKeyStore } from '../sketch/sentence-lsh.js';
import type { CorpusTable } from '../sketch/sketch-table.js';
import { sentenceWindowDays, withinWindow } from '../judge/window.js';
import type { CandidatePairs } from './verify-candidates.js';
import { QUEUED_PER_WORKER, type ScanPool } from './worker-pool.js';

/** A set of pairs of document numbers (i < j), for look-ups by the hundred million: open addressing on two columns. */
export class IndexPairSet {
  private readonly first: Int32Array;
  private readonly second: Int32Array;
  private readonly mask: number;
  /** One bit per document that is the first of some pair: most look-ups of a corpus with few copies end at this bit. */
  private readonly firsts: Int32Array;

  /** `pairs`: a column of pairs, i0, j0, i1, j1 … */
  constructor(pairs: PairColumn) {
    let size = 16;
    while (size < pairs.length) size *= 2;
    this.mask = size - 1;
    this.first = new Int32Array(size).fill(-1);
    this.second = new Int32Array(size);
    let documents = 0;
    for (let p = 0; p < pairs.length; p += 2) documents = Math.max(documents, pairs[p]! + 1);
    this.firsts = new Int32Array((documents + 31) >>> 5);
    for (let p = 0; p < pairs.length; p += 2) {
      const i = pairs[p]!;
      const j = pairs[p + 1]!;
      this.firsts[i >>> 5]! |= 1 << (i & 31);
      let slot = this.slotOf(i, j);
      while (this.first[slot] !== -1 && (this.first[slot] !== i || this.second[slot] !== j)) slot = (slot + 1) & this.mask;
      this.first[slot] = i;
      this.second[slot] = j;
    }
  }

  has(i: number, j: number): boolean {
    if (((this.firsts[i >>> 5] ?? 0) & (1 << (i & 31))) === 0) return false;
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
  // Nothing reads the band keys and sketches again: their memory goes before the sentence buckets and the second pass.
  table.releaseSketches();
  // Rewrite candidates: articles several of whose sentences meet in sentence buckets that are not over-common, within
  // the window and not shingle pairs already (asked of every meeting, so the meetings of near-copies take no memory).
  const rewriteWithin = withinWindow(sentenceWindowDays(options));
  let rewritePairs: PairColumn = new Int32Array(0);
  try {
    const shinglePairSet = new IndexPairSet(sentences ? shinglePairs : new Int32Array(0));
    // Undated documents are always within the window: a corpus without dates is not asked for them, meeting by meeting.
    const considered = table.anyDated()
      ? (i: number, j: number) => rewriteWithin(table.time(i), table.time(j)) && !shinglePairSet.has(i, j)
      : (i: number, j: number) => !shinglePairSet.has(i, j);
    if (sentences) rewritePairs = await sentences.candidatePairs(considered, {}, pool && ((task) => pool.buckets(task, QUEUED_PER_WORKER)));
  } finally {
    // The keys are needed no more: their memory and any spill files go now, not at exit.
    sentences?.release();
  }
  return { shingle: shinglePairs, rewrite: rewritePairs };
}
