import { type AnalyzedDocument, boilerplateTokens } from '../text/analyze.js';
import { type Divergence, divergence, NO_PASSAGES } from './divergence.js';
import type { ScanOptions } from '../options.js';
import { type Relation, relationOf, relationWithPassages } from './relation.js';
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
  /**
   * Where the link rests on sentences: how many of the member's sentences derive from the canonical, their share of the
   * member's sentences, and the share of the canonical's sentences used.
   */
  readonly alignedSentences?: { readonly count: number; readonly shareOfMember: number; readonly shareOfCanonical: number };
  /** Each derived sentence of the member and the canonical sentence(s) it comes from, as UTF-16 ranges of their texts. */
  readonly derivedSentences?: DerivedSentenceRanges[];
  /** What the link rests on: shingles (copied text) or sentences (re-worded text). */
  readonly basis: 'canonical' | Link['basis'];
  /** Why a member is held to a stricter rule: too short to judge (under 25 words), it is an exact copy of its words. */
  readonly reason?: 'too-short-to-judge';
  readonly divergence: Divergence;
}

/** A member sentence derived from the canonical: [start, end) in the member's text, and in the canonical's. */
export interface DerivedSentenceRanges {
  readonly member: readonly [number, number];
  /**
   * One canonical sentence, or two neighbouring ones the member sentence condenses; where the canonical was found to
   * derive from the member (verify.ts flipped), every canonical sentence written from this one.
   */
  readonly canonical: ReadonlyArray<readonly [number, number]>;
}

/** Token range [first, end) as a UTF-16 range of the document's text. */
function textRange(doc: AnalyzedDocument, [first, end]: readonly [number, number]): readonly [number, number] {
  return [doc.tokens.starts[first]!, doc.tokens.ends[end - 1]!];
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
    divergence: { added: NO_PASSAGES, missing: NO_PASSAGES, changedWords: 0 },
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
  let derivedSentences: DerivedSentenceRanges[] = [];
  if (link.alignment) {
    const cs = featuresOf(canonical).sketches;
    const ms = featuresOf(doc).sketches;
    memberAligned = link.alignment.derived.map((d) => ms[d.member]!.range);
    canonicalAligned = link.alignment.derived.flatMap((d) => d.canonical.map((c) => cs[c]!.range));
    derivedSentences = link.alignment.derived.map((d) => ({ member: textRange(doc, ms[d.member]!.range), canonical: d.canonical.map((c) => textRange(canonical, cs[c]!.range)) }));
  }
  const divergent = divergence(doc, canonical, memberAligned, canonicalAligned);
  return {
    id: doc.id,
    source: doc.source,
    ...(doc.date === undefined ? {} : { date: doc.date }),
    relation: relationWithPassages(relationOf(shares), { added: divergent.added.length, missing: divergent.missing.length }),
    words: doc.tokens.count,
    jaccard: round(link.measures.jaccard),
    containment: shares,
    ...(link.alignment
      ? {
          alignedSentences: {
            count: link.alignment.derived.length,
            shareOfMember: round(link.alignment.shareOfMember),
            shareOfCanonical: round(link.alignment.shareOfCanonical),
          },
          derivedSentences,
        }
      : {}),
    basis: link.basis,
    ...(link.tooShortToJudge ? { reason: 'too-short-to-judge' as const } : {}),
    divergence: divergent,
  };
}
