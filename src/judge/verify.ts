import type { AnalyzedDocument } from '../text/analyze.js';
import type { ScanOptions } from '../options.js';
import type { SentenceFeatures } from '../text/sentences.js';
import { intersectionSize } from '../text/shingle.js';
import { alignSentences as alignReuse, type SentenceReuse } from './align.js';
import { MIN_EVIDENCE_WORDS, type Reuse, reuseOf } from './relation.js';
import { maySentencesLink } from './window.js';

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

/**
 * Whether a document of `shingles` distinct shingles is too short to judge: it has fewer than a text of
 * MIN_EVIDENCE_WORDS words. "The case was adjourned until tomorrow." says too little to tell one court report from
 * another, or a near copy from a different story: such a text is grouped only with exact copies of its words.
 */
export function tooShortToJudge(shingles: number, shingleSize: number): boolean {
  return shingles < MIN_EVIDENCE_WORDS - shingleSize + 1;
}

/** Whether the shingle measures make the pair copies under the chosen metric and threshold. */
export function isCopy(m: ShingleMeasures, sizeA: number, sizeB: number, options: Pick<ScanOptions, 'metric' | 'threshold' | 'shingleSize'>): boolean {
  if (tooShortToJudge(Math.min(sizeA, sizeB), options.shingleSize)) return m.jaccard === 1;
  if (m.jaccard >= options.threshold) return true;
  if (options.metric !== 'containment') return false;
  return (m.aInB >= options.threshold && sizeA >= MIN_CONTAINMENT_SHINGLES) || (m.bInA >= options.threshold && sizeB >= MIN_CONTAINMENT_SHINGLES);
}

/** Rewrites are only aligned when the shorter document's content stems are at least this contained in the other. */
export const REWRITE_CONTENT_CONTAINMENT = 0.5;

/**
 * Whether two texts are both long enough to be judged on their sentences (MIN_EVIDENCE_WORDS words each): asked
 * before their features are made and aligned, which for a shorter text could count for nothing (reuseOf).
 */
export function longEnoughToAlign(aWords: number, bWords: number): boolean {
  return Math.min(aWords, bWords) >= MIN_EVIDENCE_WORDS;
}

/**
 * Sentence-level reuse between two documents of `aWords` and `bWords` words, with `a` as the canonical: b's sentences
 * aligned to a's. A pair is derived when either is derived from the other (a scan's link does not depend on which is
 * the canonical); the alignment reported is always a's sentences against b's.
 */
export function sentenceReuse(
  a: SentenceFeatures,
  b: SentenceFeatures,
  aWords: number,
  bWords: number,
  /** The pair's shingle measures: how much of each is verbatim text of the other. */
  verbatim: Pick<ShingleMeasures, 'aInB' | 'bInA'>,
  options: Pick<ScanOptions, 'rewriteThreshold' | 'minAlignedSentences'>,
): { readonly reuse: SentenceReuse; readonly kind: Reuse } | undefined {
  const reuse = alignReuse(a.sketches, b.sketches);
  const kind = reuseOf(reuse, bWords, aWords, verbatim.bInA, options);
  if (kind === 'derived') return { reuse, kind };
  const reverse = reuseOf(alignReuse(b.sketches, a.sketches), aWords, bWords, verbatim.aInB, options);
  if (reverse === 'derived') return { reuse, kind: reverse };
  const partial = kind ?? reverse;
  return partial === undefined ? undefined : { reuse, kind: partial };
}

/** Why two documents are linked, with the figures that showed it. */
export interface Link {
  readonly measures: ShingleMeasures;
  /** Present when the link (also) rests on sentences derived from the canonical. */
  readonly alignment?: SentenceReuse;
  readonly basis: 'shingles' | 'sentences';
  /** Set when either text is too short to judge (tooShortToJudge): the pair is linked as exact copies only. */
  readonly tooShortToJudge?: true;
}

/** Compares a pair in full: shingles first, derived sentences for what shingles do not link. */
export function comparePair(
  a: AnalyzedDocument,
  b: AnalyzedDocument,
  features: (doc: AnalyzedDocument) => SentenceFeatures | undefined,
  options: ScanOptions,
): Link | undefined {
  const measures = shingleMeasures(a.shingleSet, b.shingleSet);
  if (isCopy(measures, a.shingleSet.length, b.shingleSet.length, options)) {
    const short = tooShortToJudge(Math.min(a.shingleSet.length, b.shingleSet.length), options.shingleSize);
    return { measures, basis: 'shingles', ...(short ? { tooShortToJudge: true } : {}) };
  }
  if (!options.rewrites || !maySentencesLink(a, b, options) || !longEnoughToAlign(a.tokens.count, b.tokens.count)) return undefined;
  const fa = features(a);
  const fb = features(b);
  if (!fa || !fb) return undefined;
  const reuse = alignReuse(fa.sketches, fb.sketches);
  if (reuseOf(reuse, b.tokens.count, a.tokens.count, measures.bInA, options) === 'derived') return { measures, alignment: reuse, basis: 'sentences' };
  // The canonical derived from the member: the same sentence pairs, told from the member's side.
  const reverse = alignReuse(fb.sketches, fa.sketches);
  if (reuseOf(reverse, a.tokens.count, b.tokens.count, measures.aInB, options) !== 'derived') return undefined;
  return { measures, alignment: flipped(reverse), basis: 'sentences' };
}

/** An alignment of b's sentences from a's told as a's from b's: each pair turned round, both shares swapped. */
function flipped(reuse: SentenceReuse): SentenceReuse {
  // One member sentence that two canonical sentences were condensed into is one entry with both sources.
  const sourcesOf = new Map<number, number[]>();
  for (const d of reuse.derived) {
    for (const c of d.canonical) {
      const sources = sourcesOf.get(c);
      if (sources === undefined) sourcesOf.set(c, [d.member]);
      else sources.push(d.member);
    }
  }
  const derived = [...sourcesOf]
    .map(([member, canonical]) => ({ member, canonical: canonical.sort((x, y) => x - y) }))
    .sort((x, y) => x.member - y.member);
  return {
    derived,
    memberSentences: reuse.canonicalSentences,
    canonicalSentences: reuse.memberSentences,
    shareOfMember: reuse.shareOfCanonical,
    shareOfCanonical: reuse.shareOfMember,
  };
}
