/**
 * Verification of candidate pairs: each pair's exact shingle measures, and for a pair that is no copy its aligned
 * sentences, read through the loader. What links (and what shows partial reuse) goes on to clustering (groups.ts).
 */
import type { AnalyzedDocument } from '../text/analyze.js';
import type { ScanOptions } from '../options.js';
import { type DocumentLoader, isFailure, type RereadFailure } from './loader.js';
import type { SentenceFeatures } from '../text/sentences.js';
import { MembershipTable } from '../text/shingle.js';
import { isCopy, longEnoughToAlign, measuresOfShared, REWRITE_CONTENT_CONTAINMENT, sentenceReuse } from '../judge/verify.js';
import { maySentencesLink } from '../judge/window.js';
import type { PairColumn } from '../sketch/lsh.js';

/** Candidate pairs still to verify, each column sorted (by first document, then second), as LSH gives them. */
export interface CandidatePairs {
  /** From shingle bands: a pair links when its exact measure passes. */
  readonly shingle: PairColumn;
  /** From sentence buckets (rewrites), none of them a shingle pair: a pair may link by aligned sentences too. */
  readonly rewrite: PairColumn;
}

/** A document that could not be read again the same (changed since the first pass), and why. */
export interface ReadFailure {
  readonly doc: number;
  readonly reason: string;
}

/** Told of a document that cannot be read again, maybe more than once of one: the first reason is the one to keep. */
export type NoteFailure = (doc: number, reason: string) => void;

/** A NoteFailure that keeps each document's first failure in `failures`, in the order met. */
export function failureLog(failures: ReadFailure[]): NoteFailure {
  const failed = new Set(failures.map((f) => f.doc));
  return (doc, reason) => {
    if (failed.has(doc)) return;
    failed.add(doc);
    failures.push({ doc, reason });
  };
}

/**
 * Verifies candidate pairs on the documents' exact sets (and, for rewrite candidates, aligned sentences) and returns
 * those that link, in the order given: shingle pairs, then rewrite pairs. A document that cannot be read again is told
 * to `noteFailure` and its pairs are dropped. `settled` is told of every pair done, for progress.
 */
export async function verifyCandidates(
  candidates: CandidatePairs,
  loader: DocumentLoader,
  options: ScanOptions,
  featuresOf: (doc: AnalyzedDocument) => SentenceFeatures,
  noteFailure: NoteFailure,
  settled?: () => void,
  /** Where pairs with partial reuse (some sentences derived, not enough for a link) are put, when given. */
  partial?: Array<[number, number]>,
  /** Where the links that are copies by shingles (not sentence links) are put as well, when given. */
  copies?: Array<readonly [number, number]>,
): Promise<Array<[number, number]>> {
  const analysed = (i: number, doc: AnalyzedDocument | RereadFailure): AnalyzedDocument | undefined => {
    if (!isFailure(doc)) return doc;
    noteFailure(i, doc.reason);
    return undefined;
  };
  const linked: Array<[number, number]> = [];
  const shinglesOfI = new MembershipTable();
  const stemsOfI = new MembershipTable();
  // A shingle candidate that is no copy may still be a rewrite: sentence LSH leaves out the pairs shingle bands found.
  for (const pairs of [candidates.shingle, candidates.rewrite]) {
    const rewrites = options.rewrites;
    // Pairs come sorted by i: i's sets are looked up once and held in tables that each partner's sets are probed in.
    for (let p = 0; p < pairs.length; ) {
      const i = pairs[p]!;
      const a = loader.heldSets(i) ?? (await loader.setsOf(i));
      if (!isFailure(a)) shinglesOfI.load(a.shingleSet);
      let stemsLoaded = false;
      for (; p < pairs.length && pairs[p] === i; p += 2) {
        const j = pairs[p + 1]!;
        settled?.();
        const b = loader.heldSets(j) ?? (await loader.setsOf(j));
        if (isFailure(a) || isFailure(b)) {
          if (isFailure(a)) noteFailure(i, a.reason);
          if (isFailure(b)) noteFailure(j, b.reason);
          continue;
        }
        const sizeA = a.shingleSet.length;
        const sizeB = b.shingleSet.length;
        const measures = measuresOfShared(shinglesOfI.countIn(b.shingleSet), sizeA, sizeB);
        if (isCopy(measures, sizeA, sizeB, options)) {
          const link: [number, number] = [i, j];
          linked.push(link);
          copies?.push(link);
          continue;
        }
        // Only a pair whose content stems are contained enough can be a rewrite: a cheap exact test before aligning
        // (sentenceReuse then weighs derived sentences, partial reuse included). The stems come with the sentences
        // aligning needs, so the documents are analysed for them (sentence buckets propose pairs that mostly pass).
        if (!rewrites) continue;
        const docA = analysed(i, loader.heldDocument(i) ?? (await loader.load(i)));
        const docB = docA && analysed(j, loader.heldDocument(j) ?? (await loader.load(j)));
        if (!docA || !docB || !maySentencesLink(docA, docB, options) || !longEnoughToAlign(docA.tokens.count, docB.tokens.count)) continue;
        const contentA = featuresOf(docA).contentSet;
        const contentB = featuresOf(docB).contentSet;
        const smaller = Math.min(contentA.length, contentB.length);
        if (smaller === 0) continue;
        if (!stemsLoaded) {
          stemsOfI.load(contentA);
          stemsLoaded = true;
        }
        if (stemsOfI.countIn(contentB) / smaller < REWRITE_CONTENT_CONTAINMENT) continue;
        // Aligning is not symmetric: the pair is aligned in an order of the texts, not of where they were read (the
        // shorter first), with its measures turned round to match.
        const swap = contentOrder(docA.text, docB.text) > 0;
        const [first, second] = swap ? [docB, docA] : [docA, docB];
        const verbatim = swap ? { aInB: measures.bInA, bInA: measures.aInB } : measures;
        const reuse = sentenceReuse(featuresOf(first), featuresOf(second), first.tokens.count, second.tokens.count, verbatim, options);
        if (reuse && reuse.kind === 'derived') linked.push([i, j]);
        else if (reuse) partial?.push([i, j]);
      }
    }
  }
  return linked;
}

/** An order of two texts that depends on them alone: the shorter first, then by their units. */
export function contentOrder(a: string, b: string): number {
  return a.length - b.length || (a < b ? -1 : a > b ? 1 : 0);
}
