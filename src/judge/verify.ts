import type { AnalyzedDocument } from '../text/analyze.js';
import type { ScanOptions } from '../options.js';
import { alignSentences, numberAgreement, type SentenceAlignment, type SentenceFeatures } from '../text/sentences.js';
import { intersectionSize } from '../text/shingle.js';

/** Exact measures of a pair on their shingle sets. */
export interface ShingleMeasures {
  readonly jaccard: number;
  /** Share of a's shingles found in b. */
  readonly aInB: number;
  /** Share of b's shingles found in a. */
  readonly bInA: number;
  readonly shared: number;
}

export function shingleMeasures(a: Int32Array, b: Int32Array): ShingleMeasures {
  return measuresOfShared(intersectionSize(a, b), a.length, b.length);
}

/** The measures of two sets of `sizeA` and `sizeB` shingles that share `shared`. */
export function measuresOfShared(shared: number, sizeA: number, sizeB: number): ShingleMeasures {
  const union = sizeA + sizeB - shared;
  return {
    jaccard: union === 0 ? 0 : shared / union,
    aInB: sizeA === 0 ? 0 : shared / sizeA,
    bInA: sizeB === 0 ? 0 : shared / sizeB,
    shared,
  };
}

/**
 * A document needs this many shingles before its containment in another counts: a ten-word note is "contained" in
 * many articles by chance. Smaller documents are compared by Jaccard.
 */
export const MIN_CONTAINMENT_SHINGLES = 20;

/** Whether the shingle measures make the pair copies under the chosen metric and threshold. */
export function isCopy(m: ShingleMeasures, sizeA: number, sizeB: number, options: Pick<ScanOptions, 'metric' | 'threshold'>): boolean {
  if (m.jaccard >= options.threshold) return true;
  if (options.metric !== 'containment') return false;
  return (m.aInB >= options.threshold && sizeA >= MIN_CONTAINMENT_SHINGLES) || (m.bInA >= options.threshold && sizeB >= MIN_CONTAINMENT_SHINGLES);
}

/** Rewrites are only aligned when the shorter document's content stems are at least this contained in the other. */
export const REWRITE_CONTENT_CONTAINMENT = 0.5;

/** Aligned sentences must share at least this Jaccard share of their numbers (see numberAgreement). */
export const MIN_NUMBER_AGREEMENT = 0.5;

/** Sentence alignment of a pair when it qualifies as a rewrite, else undefined. */
export function rewriteAlignment(
  a: SentenceFeatures,
  b: SentenceFeatures,
  options: Pick<ScanOptions, 'rewriteThreshold' | 'minAlignedSentences'>,
): SentenceAlignment | undefined {
  // Content sets first: the sentences' own sets are made only when asked for (see sentenceFeatures).
  const smaller = Math.min(a.contentSet.length, b.contentSet.length);
  if (smaller === 0 || intersectionSize(a.contentSet, b.contentSet) / smaller < REWRITE_CONTENT_CONTAINMENT) return undefined;
  return alignedRewrite(a, b, options);
}

/** rewriteAlignment of a pair whose content stems are known to be contained enough (a scan tests that on its own sets). */
export function alignedRewrite(
  a: SentenceFeatures,
  b: SentenceFeatures,
  options: Pick<ScanOptions, 'rewriteThreshold' | 'minAlignedSentences'>,
): SentenceAlignment | undefined {
  if (Math.min(a.sets.length, b.sets.length) < options.minAlignedSentences) return undefined;
  const alignment = alignSentences(a, b);
  if (alignment.pairs.length < options.minAlignedSentences) return undefined;
  if (Math.max(alignment.shareOfA, alignment.shareOfB) < options.rewriteThreshold) return undefined;
  return numberAgreement(a, b, alignment.pairs) >= MIN_NUMBER_AGREEMENT ? alignment : undefined;
}

/** Why two documents are linked, with the figures that showed it. */
export interface Link {
  readonly measures: ShingleMeasures;
  /** Present when the link (also) rests on aligned sentences. */
  readonly alignment?: SentenceAlignment;
  readonly basis: 'shingles' | 'sentences';
}

/** Compares a pair in full: shingles first, sentence alignment for what shingles do not link. */
export function comparePair(
  a: AnalyzedDocument,
  b: AnalyzedDocument,
  features: (doc: AnalyzedDocument) => SentenceFeatures | undefined,
  options: ScanOptions,
): Link | undefined {
  const measures = shingleMeasures(a.shingleSet, b.shingleSet);
  if (isCopy(measures, a.shingleSet.length, b.shingleSet.length, options)) return { measures, basis: 'shingles' };
  if (!options.rewrites) return undefined;
  const fa = features(a);
  const fb = features(b);
  if (!fa || !fb) return undefined;
  const alignment = rewriteAlignment(fa, fb, options);
  return alignment ? { measures, alignment, basis: 'sentences' } : undefined;
}
