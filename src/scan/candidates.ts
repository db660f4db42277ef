/**
 * Candidate pairs, from pass 1's table: LSH on shingle bands (a pair whose estimated measure falls far short of the
 * threshold is dropped before anything is read again), then for rewrites pairs that meet in sentence buckets
 * (sketch/sentence-lsh.ts), not bands on whole documents' content stems.
 */
import type { ScanOptions } from '../options.js';
import { containmentFromJaccard, ESTIMATE_MARGIN } from '../sketch/estimate.js';
import { type Banding, candidatePairsFromKeys } from '../sketch/lsh.js';
import type { SentenceKeyStore } from '../sketch/sentence-lsh.js';
import type { CorpusTable } from '../sketch/sketch-table.js';
import { sentenceWindowDays, withinWindow } from '../judge/window.js';
import type { CandidatePairs } from './verify-candidates.js';

/** Order of a pair (i, j) against the pair (x, y): negative when it comes first. */
function compareIndexPairs([i, j]: readonly [number, number], x: number, y: number): number {
  return i - x || j - y;
}

/** Candidate pairs of the table's documents, each sorted: shingle pairs, and rewrite pairs that are not shingle pairs. */
export function candidatePairs(table: CorpusTable, options: ScanOptions, banding: Banding, sentences: SentenceKeyStore | undefined): CandidatePairs {
  const count = table.count;
  const within = withinWindow(options.withinDays);
  const withinTimes = (i: number, j: number) => within(table.time(i), table.time(j));

  const shinglePairs = candidatePairsFromKeys(table.allBandKeys(), count, banding.bands, (i, j) => {
    if (!withinTimes(i, j)) return false;
    const jaccard = table.estimatedJaccard(i, j);
    const estimate = options.metric === 'jaccard' ? jaccard : Math.max(jaccard, containmentFromJaccard(jaccard, table.distinctShingles(i), table.distinctShingles(j)));
    return estimate >= options.threshold - ESTIMATE_MARGIN;
  });
  // Rewrite candidates are offered in ascending order, as shinglePairs are sorted: one cursor walks both.
  let shingleCursor = 0;
  const isShinglePair = (i: number, j: number) => {
    while (shingleCursor < shinglePairs.length && compareIndexPairs(shinglePairs[shingleCursor]!, i, j) < 0) shingleCursor++;
    return shingleCursor < shinglePairs.length && compareIndexPairs(shinglePairs[shingleCursor]!, i, j) === 0;
  };
  // Rewrite candidates: articles several of whose sentences meet in sentence buckets that are not over-common.
  const rewriteWithin = withinWindow(sentenceWindowDays(options));
  let rewritePairs: Array<[number, number]> = [];
  try {
    if (sentences) rewritePairs = sentences.candidatePairs((i, j) => !isShinglePair(i, j) && rewriteWithin(table.time(i), table.time(j)));
  } finally {
    // The keys are needed no more: their memory and any spill files go now, not at exit.
    sentences?.release();
  }
  return { shingle: shinglePairs, rewrite: rewritePairs };
}
