import { type AnalyzedDocument, boilerplateTokens } from '../text/analyze.js';
import { type Divergence, divergence } from './divergence.js';
import type { ScanOptions } from '../options.js';
import { type Relation, relationOf } from './relation.js';
import { type SentenceFeatures, sentenceFeatures } from '../text/sentences.js';
import { comparePair, type Link } from './verify.js';

export interface MemberResult {
  readonly id: string;
  readonly source: string;
  readonly date?: string;
  readonly relation: Relation;
  readonly words: number;
  /** Jaccard similarity of the 5-word shingle sets (1 for the canonical). */
  readonly jaccard: number;
  readonly containment: {
    /** Share of the member's shingles found in the canonical. */
    readonly memberInCanonical: number;
    /** Share of the canonical's shingles found in the member. */
    readonly canonicalInMember: number;
  };
  /** Sentences aligned in order with the canonical's, where the link rests on them. */
  readonly alignedSentences?: { readonly count: number; readonly shareOfMember: number; readonly shareOfCanonical: number };
  /** What the link rests on: shingles (copied text) or sentences (re-worded text). */
  readonly basis: 'canonical' | Link['basis'];
  readonly divergence: Divergence;
}

/** Sentence features computed once per document and kept while the document is; boilerplate sentences left out. */
export function sentenceFeatureCache(): (doc: AnalyzedDocument) => SentenceFeatures {
  const cache = new WeakMap<AnalyzedDocument, SentenceFeatures>();
  return (doc) => {
    let f = cache.get(doc);
    if (!f) cache.set(doc, (f = sentenceFeatures(doc.tokens, boilerplateTokens(doc.tokens, doc.boilerplateSpans), doc.tokenHashes)));
    return f;
  };
}

const round = (x: number) => Math.round(x * 10000) / 10000;

/**
 * The member entry of a document judged against a canonical: figures, relation and divergence; undefined when the two
 * are not copies under the options. What scan reports for each member, and what an index check reports per match.
 */
export function compareWithCanonical(
  canonical: AnalyzedDocument,
  doc: AnalyzedDocument,
  options: ScanOptions,
  featuresOf: (doc: AnalyzedDocument) => SentenceFeatures = sentenceFeatureCache(),
): MemberResult | undefined {
  const link = comparePair(canonical, doc, featuresOf, options);
  return link === undefined ? undefined : memberResult(doc, canonical, link, featuresOf);
}

export function canonicalMember(doc: AnalyzedDocument): MemberResult {
  return {
    id: doc.id,
    source: doc.source,
    ...(doc.date === undefined ? {} : { date: doc.date }),
    relation: 'canonical',
    words: doc.tokens.count,
    jaccard: 1,
    containment: { memberInCanonical: 1, canonicalInMember: 1 },
    basis: 'canonical',
    divergence: { added: [], missing: [], changedWords: 0 },
  };
}

/** The link was computed canonical-first, so "a" is the canonical and "b" the member. */
export function memberResult(
  doc: AnalyzedDocument,
  canonical: AnalyzedDocument,
  link: Link,
  featuresOf: (doc: AnalyzedDocument) => SentenceFeatures,
): MemberResult {
  const shares = { memberInCanonical: round(link.measures.bInA), canonicalInMember: round(link.measures.aInB) };
  let memberAligned: Array<readonly [number, number]> = [];
  let canonicalAligned: Array<readonly [number, number]> = [];
  if (link.alignment) {
    const cf = featuresOf(canonical);
    const mf = featuresOf(doc);
    canonicalAligned = link.alignment.pairs.map(([c]) => cf.ranges[c]!);
    memberAligned = link.alignment.pairs.map(([, m]) => mf.ranges[m]!);
  }
  return {
    id: doc.id,
    source: doc.source,
    ...(doc.date === undefined ? {} : { date: doc.date }),
    relation: relationOf(shares),
    words: doc.tokens.count,
    jaccard: round(link.measures.jaccard),
    containment: shares,
    ...(link.alignment
      ? {
          alignedSentences: {
            count: link.alignment.pairs.length,
            shareOfMember: round(link.alignment.shareOfB),
            shareOfCanonical: round(link.alignment.shareOfA),
          },
        }
      : {}),
    basis: link.basis,
    divergence: divergence(doc, canonical, memberAligned, canonicalAligned),
  };
}
