/**
 * Every figure of one pair of articles, A and B, as a scan weighs them: exact and estimated shingle similarity, the
 * sentences of A derived from B, and the relation a scan gives A with B as its canonical (and B with A), with why.
 * Judged through the functions a scan's clustering uses (comparePair, memberResult, relatedArticle), so `compare` and
 * `scan` cannot disagree on a pair.
 */
import type { AnalyzedDocument } from '../text/analyze.js';
import type { ScanOptions } from '../options.js';
import { estimateJaccard, MinHasher } from '../sketch/minhash.js';
import { alignSentences, type SentenceReuse } from './align.js';
import { memberResult, sentenceFeatureCache } from './member.js';
import { relatedArticle } from './related.js';
import { MIN_EVIDENCE_WORDS, MIN_PARTIAL_SHARE, type Relation, relationOf, reuseOf, UPDATED_VERBATIM_SHARE } from './relation.js';
import { comparePair, MIN_CONTAINMENT_SHINGLES, type ShingleMeasures, shingleMeasures, tooShortToJudge } from './verify.js';
import { DAY_MS, maySentencesLink, sentenceWindowDays } from './window.js';

/** A sentence neardup judges (one with enough content words): its place among them, and its UTF-16 range in the NFKC text. */
export interface SentenceRef {
  readonly index: number;
  readonly start: number;
  readonly end: number;
}

/**
 * verbatim: the same words as its source sentence (case and punctuation aside); re-worded: derived from one sentence
 * with words changed; condensed: one sentence made of two neighbouring ones.
 */
export type AlignmentKind = 'verbatim' | 're-worded' | 'condensed';

/** A sentence of A derived from B: where it stands in A, the sentence(s) of B it comes from, and how. */
export interface AlignedSentence {
  readonly a: SentenceRef;
  readonly b: readonly SentenceRef[];
  readonly kind: AlignmentKind;
}

/** What a scan makes of a member judged against a canonical: a relation, partial reuse (related), or nothing. */
export type PairVerdict = Exclude<Relation, 'canonical'> | 'related' | 'none';

export interface PairRelation {
  /** Id of the article judged as the member. */
  readonly member: string;
  /** Id of the article taken as its canonical. */
  readonly canonical: string;
  readonly relation: PairVerdict;
  /** What the link rests on; absent when there is no link. */
  readonly basis?: 'shingles' | 'sentences';
  /** Why, with the figures and the rules that decided. */
  readonly reason: string;
}

export interface PairFigures {
  /** Distinct shingles of each. */
  readonly shingles: { readonly a: number; readonly b: number; readonly shared: number };
  /** Exact Jaccard similarity of the shingle sets. */
  readonly jaccard: number;
  /** MinHash estimate of the Jaccard similarity, as the first pass of a scan sees the pair. */
  readonly estimatedJaccard: number;
  /** Share of A's shingles found in B, and of B's found in A. */
  readonly containment: { readonly aInB: number; readonly bInA: number };
  readonly sentences: {
    /** Sentences of each that are judged (at least 4 content words; boilerplate left out). */
    readonly a: number;
    readonly b: number;
    /** A's sentences derived from B, in A's order. */
    readonly aligned: AlignedSentence[];
    /** Share of A's sentences derived from B. */
    readonly shareOfA: number;
    /** Share of B's sentences A uses. */
    readonly shareOfB: number;
  };
  /** A as the member, B as its canonical. */
  readonly relation: PairRelation;
  /** B as the member, A as its canonical. */
  readonly reverse: PairRelation;
}

/** The options that change a pair's figures. */
export type PairOptions = ScanOptions;
const round = (x: number) => Math.round(x * 10000) / 10000;
const percent = (x: number) => `${Math.round(x * 100)}%`;

/** Days between two articles' dates; undefined when either is undated. */
function daysApart(a: AnalyzedDocument, b: AnalyzedDocument): number | undefined {
  if (a.date === undefined || b.date === undefined) return undefined;
  return Math.abs(Date.parse(a.date) - Date.parse(b.date)) / DAY_MS;
}

/** All the figures of A against B. */
export function pairFigures(a: AnalyzedDocument, b: AnalyzedDocument, options: PairOptions): PairFigures {
  const featuresOf = sentenceFeatureCache();
  const measures = shingleMeasures(a.shingleSet, b.shingleSet);
  const hasher = new MinHasher({ numPerm: options.numPerm, seed: options.seed });
  const aSketches = featuresOf(a).sketches;
  const bSketches = featuresOf(b).sketches;
  const reuse = alignSentences(bSketches, aSketches);
  const ref = (doc: AnalyzedDocument, index: number, [first, end]: readonly [number, number]): SentenceRef => ({
    index,
    start: doc.tokens.starts[first]!,
    end: doc.tokens.ends[end - 1]!,
  });
  const aligned = reuse.derived.map((d): AlignedSentence => {
    const aRange = aSketches[d.member]!.range;
    const kind: AlignmentKind = d.canonical.length > 1 ? 'condensed' : sameWords(a, aRange, b, bSketches[d.canonical[0]!]!.range) ? 'verbatim' : 're-worded';
    return { a: ref(a, d.member, aRange), b: d.canonical.map((c) => ref(b, c, bSketches[c]!.range)), kind };
  });
  const names = { a: 'A', b: 'B' };
  return {
    shingles: { a: a.shingleSet.length, b: b.shingleSet.length, shared: measures.shared },
    jaccard: round(measures.jaccard),
    estimatedJaccard: round(estimateJaccard(hasher.signature(a.shingleSet), hasher.signature(b.shingleSet))),
    containment: { aInB: round(measures.aInB), bInA: round(measures.bInA) },
    sentences: { a: aSketches.length, b: bSketches.length, aligned, shareOfA: round(reuse.shareOfMember), shareOfB: round(reuse.shareOfCanonical) },
    relation: judgePair(a, b, options, featuresOf, { member: names.a, canonical: names.b }),
    reverse: judgePair(b, a, options, featuresOf, { member: names.b, canonical: names.a }),
  };
}

/** Whether two token ranges hold the same words, case and punctuation aside. */
function sameWords(a: AnalyzedDocument, [aFirst, aEnd]: readonly [number, number], b: AnalyzedDocument, [bFirst, bEnd]: readonly [number, number]): boolean {
  if (aEnd - aFirst !== bEnd - bFirst) return false;
  for (let t = 0; t < aEnd - aFirst; t++) if (a.tokenHashes[aFirst + t] !== b.tokenHashes[bFirst + t]) return false;
  return true;
}

interface Names {
  readonly member: string;
  readonly canonical: string;
}

/** The relation a scan gives `member` with `canonical` as its canonical, and why. */
function judgePair(
  member: AnalyzedDocument,
  canonical: AnalyzedDocument,
  options: PairOptions,
  featuresOf: ReturnType<typeof sentenceFeatureCache>,
  names: Names,
): PairRelation {
  const ids = { member: member.id, canonical: canonical.id };
  const days = daysApart(member, canonical);
  if (options.withinDays !== undefined && days !== undefined && days > options.withinDays) {
    return { ...ids, relation: 'none', reason: `dated ${formatDays(days)} apart, more than --within ${options.withinDays}` };
  }
  // As comparePair measures it: the canonical first, so aInB is the canonical's share in the member.
  const measures = shingleMeasures(canonical.shingleSet, member.shingleSet);
  const link = comparePair(canonical, member, featuresOf, options);
  if (link) {
    const result = memberResult(member, canonical, link, featuresOf);
    const why =
      link.basis === 'shingles'
        ? copyReason(measures, member, canonical, options, names)
        : `${notCopyReason(measures, member, canonical, options, names)}; ${derivedReason(member, canonical, measures, featuresOf, options, names)}`;
    return { ...ids, relation: result.relation as PairVerdict, basis: link.basis, reason: `${why}; ${labelReason(result.relation as PairVerdict, relationOf(result.containment), result.divergence, result.containment, names)}` };
  }
  const noCopy = notCopyReason(measures, member, canonical, options, names);
  if (!options.rewrites) return { ...ids, relation: 'none', reason: `${noCopy}; sentences not compared (--no-rewrites)` };
  if (!maySentencesLink(member, canonical, options)) {
    const window = sentenceWindowDays(options);
    return { ...ids, relation: 'none', reason: `${noCopy}; sentences not compared: dated ${formatDays(days!)} apart, more than ${window} days${options.withinDays === undefined ? ' (the rewrite window; --within sets it)' : ' (--within)'}` };
  }
  const shortest = Math.min(member.tokens.count, canonical.tokens.count);
  if (shortest < MIN_EVIDENCE_WORDS) {
    const short = member.tokens.count <= canonical.tokens.count ? { name: names.member, doc: member } : { name: names.canonical, doc: canonical };
    return { ...ids, relation: 'none', reason: `${noCopy}; too short to judge by sentences: ${short.name} has ${short.doc.tokens.count} words, under ${MIN_EVIDENCE_WORDS}` };
  }
  const reuse = alignSentences(featuresOf(canonical).sketches, featuresOf(member).sketches);
  const taken = sentencesTaken(reuse, names);
  if (relatedArticle(featuresOf(canonical), featuresOf(member), canonical, member, options)) {
    return {
      ...ids,
      relation: 'related',
      reason: `${noCopy}; partial reuse: ${taken}, too few for a rewrite (${percent(options.rewriteThreshold)} of its sentences): ${names.member} is a story of its own, listed as related to ${names.canonical}`,
    };
  }
  return { ...ids, relation: 'none', reason: `${noCopy}; ${taken}: no rewrite (at least ${options.minAlignedSentences} and ${percent(options.rewriteThreshold)} of its sentences) and no partial reuse` };
}

function formatDays(days: number): string {
  const rounded = Math.round(days * 10) / 10;
  return `${rounded} ${rounded === 1 ? 'day' : 'days'}`;
}

function sentencesTaken(reuse: SentenceReuse, names: Names): string {
  return `${reuse.derived.length} of ${names.member}'s ${reuse.memberSentences} sentences (${percent(reuse.shareOfMember)}) derive from ${names.canonical}'s`;
}

/** Why the shingle tier links the pair (isCopy's tests, in its order). */
function copyReason(m: ShingleMeasures, member: AnalyzedDocument, canonical: AnalyzedDocument, options: PairOptions, names: Names): string {
  const short = shortSide(member, canonical, options, names);
  if (short !== undefined) return `copy by shingles: the same words (Jaccard 1), the one link ${short}`;
  if (m.jaccard >= options.threshold) return `copy by shingles: Jaccard ${round(m.jaccard)} reaches --threshold ${options.threshold}`;
  if (m.bInA >= options.threshold && member.shingleSet.length >= MIN_CONTAINMENT_SHINGLES) {
    return `copy by shingles: ${percent(m.bInA)} of ${names.member}'s shingles are in ${names.canonical} (containment, --threshold ${options.threshold})`;
  }
  return `copy by shingles: ${percent(m.aInB)} of ${names.canonical}'s shingles are in ${names.member} (containment, --threshold ${options.threshold})`;
}

/**
 * Where one of the pair is too short to judge (tooShortToJudge), what the reasons say of it: "too short to judge, A has
 * 22 words (under 25) …"; undefined otherwise.
 */
function shortSide(member: AnalyzedDocument, canonical: AnalyzedDocument, options: PairOptions, names: Names): string | undefined {
  const [name, doc] = member.shingleSet.length <= canonical.shingleSet.length ? [names.member, member] : [names.canonical, canonical];
  if (!tooShortToJudge(doc.shingleSet.length, options.shingleSize)) return undefined;
  return `a text too short to judge may have: ${name} has ${doc.tokens.count} words (under ${MIN_EVIDENCE_WORDS}), grouped only with exact copies of its words`;
}

function notCopyReason(m: ShingleMeasures, member: AnalyzedDocument, canonical: AnalyzedDocument, options: PairOptions, names: Names): string {
  const short = shortSide(member, canonical, options, names);
  if (short !== undefined) return `no copy by shingles (Jaccard ${round(m.jaccard)}, not 1, the one link ${short})`;
  const figures =
    options.metric === 'jaccard'
      ? `Jaccard ${round(m.jaccard)}`
      : `Jaccard ${round(m.jaccard)}, ${percent(m.bInA)} of ${names.member} in ${names.canonical}, ${percent(m.aInB)} of ${names.canonical} in ${names.member}`;
  return `no copy by shingles (${figures}; --threshold ${options.threshold} on ${options.metric})`;
}

/** Why the sentence tier links the pair (reuseOf's rules, in its order; the canonical derived from the member last). */
function derivedReason(
  member: AnalyzedDocument,
  canonical: AnalyzedDocument,
  m: ShingleMeasures,
  featuresOf: ReturnType<typeof sentenceFeatureCache>,
  options: PairOptions,
  names: Names,
): string {
  const forward = alignSentences(featuresOf(canonical).sketches, featuresOf(member).sketches);
  if (reuseOf(forward, member.tokens.count, canonical.tokens.count, m.bInA, options) === 'derived') {
    if (forward.shareOfMember >= options.rewriteThreshold) return `derived by sentences: ${sentencesTaken(forward, names)}, at least --rewrite-threshold ${options.rewriteThreshold}`;
    return (
      `derived by sentences: ${sentencesTaken(forward, names)}, at least ${percent(MIN_PARTIAL_SHARE)}, and ${percent(m.bInA)} of ${names.member}'s shingles ` +
      `are ${names.canonical}'s verbatim (at least ${percent(UPDATED_VERBATIM_SHARE)}): an update`
    );
  }
  const reverse = alignSentences(featuresOf(member).sketches, featuresOf(canonical).sketches);
  return `derived by sentences, the other way round: ${sentencesTaken(reverse, { member: names.canonical, canonical: names.member })}`;
}

/** Which of relationOf's rules gave the label, and where the passages changed it (relationWithPassages). */
function labelReason(
  relation: PairVerdict,
  byShares: Relation,
  passages: { readonly added: readonly unknown[]; readonly missing: readonly unknown[] },
  shares: { readonly memberInCanonical: number; readonly canonicalInMember: number },
  names: Names,
): string {
  const kept = `${names.member} keeps ${percent(shares.canonicalInMember)} of ${names.canonical}`;
  const from = `${percent(shares.memberInCanonical)} of ${names.member} is in ${names.canonical}`;
  const rule: Record<Relation, string> = {
    canonical: 'the same text',
    copy: `copy: ${from} and ${names.member} keeps ${percent(shares.canonicalInMember)} of ${names.canonical} (both at least 90%)`,
    'copy-with-additions': `copy-with-additions: ${kept} (at least 80%) and adds text of its own`,
    shortened: `shortened: ${from} (at least 70%), but ${names.member} keeps only ${percent(shares.canonicalInMember)} of ${names.canonical}`,
    updated: `updated: ${from} verbatim (at least 20%), the rest new or changed`,
    rewritten: `rewritten: only ${from} verbatim (under 20%)`,
  };
  if (relation === byShares) return rule[byShares];
  const added = passages.added.length === 0 ? 'adds no passage' : `adds ${passages.added.length} passage(s)`;
  const missing = passages.missing.length === 0 ? 'lacks none' : `lacks ${passages.missing.length}`;
  return `${rule[byShares]}; but ${names.member} ${added} and ${missing} (words changed in place): ${relation}`;
}
