/**
 * Candidate pairs, from pass 1's table: LSH on shingle bands (a pair whose estimated measure falls far short of the
 * threshold is dropped before anything is read again), then for rewrites pairs that meet in sentence buckets
 * (sketch/sentence-lsh.ts), not bands on whole documents' content stems.
 */
import type { ScanOptions } from '../options.js';
import { containmentFromJaccard, ESTIMATE_MARGIN } from '../sketch/estimate.js';
import { type Banding, candidatePairsFromKeys, type PairColumn } from '../sketch/lsh.js';
import { MeetingFilter } from '../sketch/meeting-filter.js';
import type { SentenceKeyStore } from '../sketch/sentence-lsh.js';
import type { CorpusTable } from '../sketch/sketch-table.js';
import { DAY_MS, sentenceWindowDays, withinWindow } from '../judge/window.js';
import type { CandidatePairs } from './verify-candidates.js';
import { QUEUED_PER_WORKER, type ScanPool } from './worker-pool.js';

/**
 * Candidate pairs of the table's documents, each sorted: shingle pairs, and rewrite pairs that are not shingle pairs.
 * With a pool, the worker threads make the meetings of groups of sentence keys (sorted into buckets, filtered) while
 * this thread keeps and counts them.
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
  let rewritePairs: PairColumn = new Int32Array(0);
  try {
    if (sentences) {
      // The filter copies the times to shared memory, for the workers.
      const filter = MeetingFilter.of(shinglePairs, table.anyDated() ? table.times() : undefined, sentenceWindowDays(options) * DAY_MS);
      rewritePairs = await sentences.candidatePairs(filter, {}, pool && ((task) => pool.meetings(task, QUEUED_PER_WORKER)));
    }
  } finally {
    // The keys are needed no more: their memory and any spill files go now, not at exit.
    sentences?.release();
  }
  return { shingle: shinglePairs, rewrite: rewritePairs };
}
