import type { AnalyzedDocument } from '../text/analyze.js';
import type { CanonicalReason } from './canonical.js';
import type { ScanOptions } from '../options.js';
import type { SentenceFeatures } from '../text/sentences.js';
import { alignSentences } from './align.js';
import { reuseOf } from './relation.js';
import { shingleMeasures } from './verify.js';
import type { DerivedSentenceRanges } from './member.js';
import { maySentencesLink } from './window.js';

/** An article that took passages from a member of a cluster but is a story of its own: partial reuse, not a copy. */
export interface RelatedArticle {
  readonly id: string;
  readonly source: string;
  readonly date?: string;
  /** Id of the cluster member the passages come from. */
  readonly of: string;
  readonly words: number;
  /** How many of the article's sentences derive from that member. */
  readonly derivedSentences: number;
  /** Their share of the article's sentences. */
  readonly shareOfArticle: number;
  /** Share of the member's sentences the article uses. */
  readonly shareOfSource: number;
  /** Each derived sentence and the member sentence(s) it comes from, as UTF-16 ranges of the two texts. */
  readonly sentences: DerivedSentenceRanges[];
}

/** The reason a document with no copies, only articles that took passages from it, is reported as a cluster. */
export const SOURCE_REASON: CanonicalReason = { rule: 'source', text: 'source of passages in related articles; no copies of it were found' };

const round = (x: number) => Math.round(x * 10000) / 10000;

/** `article` judged against `source` when some of its sentences derive from it (partial reuse or more), else undefined. */
export function relatedArticle(
  sourceFeatures: SentenceFeatures,
  articleFeatures: SentenceFeatures,
  source: AnalyzedDocument,
  article: AnalyzedDocument,
  options: Pick<ScanOptions, 'rewriteThreshold' | 'minAlignedSentences' | 'withinDays'>,
): RelatedArticle | undefined {
  if (!maySentencesLink(source, article, options)) return undefined;
  const reuse = alignSentences(sourceFeatures.sketches, articleFeatures.sketches);
  if (reuseOf(reuse, article.tokens.count, source.tokens.count, shingleMeasures(source.shingleSet, article.shingleSet).bInA, options) === undefined) return undefined;
  const range = (doc: AnalyzedDocument, [first, end]: readonly [number, number]) => [doc.tokens.starts[first]!, doc.tokens.ends[end - 1]!] as const;
  return {
    id: article.id,
    source: article.source,
    ...(article.date === undefined ? {} : { date: article.date }),
    of: source.id,
    words: article.tokens.count,
    derivedSentences: reuse.derived.length,
    shareOfArticle: round(reuse.shareOfMember),
    shareOfSource: round(reuse.shareOfCanonical),
    sentences: reuse.derived.map((d) => ({
      member: range(article, articleFeatures.sketches[d.member]!.range),
      canonical: d.canonical.map((c) => range(source, sourceFeatures.sketches[c]!.range)),
    })),
  };
}
