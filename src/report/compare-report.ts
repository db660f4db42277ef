import type { LinkParams, SketchParams } from './scan-report.js';
import type { SourceDocument } from '../input/read.js';
import type { ScanOptions } from '../options.js';
import { type AlignedSentence, type PairRelation, pairFigures } from '../judge/pair-figures.js';
import { analyze } from '../text/analyze.js';

/** Version of the compare report's shape (schema/compare.schema.json); bumped on any incompatible change. */
export const COMPARE_SCHEMA_VERSION = 1;

export interface CompareReportArticle {
  readonly id: string;
  /** File it was read from. */
  readonly source: string;
  /** JSONL line it was read from. */
  readonly line?: number;
  readonly date?: string;
  readonly words: number;
  /** Distinct shingles. */
  readonly shingles: number;
  /** Sentences judged (at least 4 content words). */
  readonly sentences: number;
}

/** An aligned sentence as the report gives it: indexes and ranges, with each sentence's text. */
export interface CompareReportSentence {
  readonly a: AlignedSentence['a'] & { readonly text: string };
  readonly b: Array<AlignedSentence['b'][number] & { readonly text: string }>;
  readonly kind: AlignedSentence['kind'];
}

export interface CompareReport {
  readonly schemaVersion: typeof COMPARE_SCHEMA_VERSION;
  readonly kind: 'compare';
  /** The options that change the figures. */
  readonly params: LinkParams & SketchParams & {
    /** Days apart beyond which dated articles are not linked; null for no limit. */
    readonly withinDays: number | null;
  };
  readonly a: CompareReportArticle;
  readonly b: CompareReportArticle;
  readonly shingles: {
    /** Exact: shared / all distinct shingles of the pair. */
    readonly jaccard: number;
    /** The MinHash estimate of the same, from --num-perm permutations of --seed. */
    readonly estimatedJaccard: number;
    readonly shared: number;
    /** Share of A's shingles found in B. */
    readonly aInB: number;
    /** Share of B's shingles found in A. */
    readonly bInA: number;
  };
  readonly sentences: {
    /** A's sentences derived from B, in A's order. */
    readonly aligned: CompareReportSentence[];
    /** Share of A's sentences derived from B. */
    readonly shareOfA: number;
    /** Share of B's sentences used by A. */
    readonly shareOfB: number;
  };
  /** What a scan makes of A with B as its canonical. */
  readonly relation: PairRelation;
  /** What it makes of B with A as canonical, where that is another relation. */
  readonly reverse?: PairRelation;
}

/** Compares two articles as a scan with these options would judge them: A as the member, B as its canonical. */
export function compareArticles(a: SourceDocument, b: SourceDocument, options: ScanOptions): CompareReport {
  const docA = analyze(a, options.shingleSize);
  const docB = analyze(b, options.shingleSize);
  const figures = pairFigures(docA, docB, options);
  const article = (source: SourceDocument, doc: typeof docA, sentences: number): CompareReportArticle => ({
    id: source.id,
    source: source.source,
    ...(source.line === undefined ? {} : { line: source.line }),
    ...(source.date === undefined ? {} : { date: source.date }),
    words: doc.tokens.count,
    shingles: doc.shingleSet.length,
    sentences,
  });
  return {
    schemaVersion: COMPARE_SCHEMA_VERSION,
    kind: 'compare',
    params: {
      metric: options.metric,
      threshold: options.threshold,
      shingleSize: options.shingleSize,
      numPerm: options.numPerm,
      seed: options.seed,
      rewrites: options.rewrites,
      rewriteThreshold: options.rewriteThreshold,
      minAlignedSentences: options.minAlignedSentences,
      withinDays: options.withinDays ?? null,
    },
    a: article(a, docA, figures.sentences.a),
    b: article(b, docB, figures.sentences.b),
    shingles: {
      jaccard: figures.jaccard,
      estimatedJaccard: figures.estimatedJaccard,
      shared: figures.shingles.shared,
      aInB: figures.containment.aInB,
      bInA: figures.containment.bInA,
    },
    sentences: {
      aligned: figures.sentences.aligned.map((s) => ({
        a: { ...s.a, text: docA.text.slice(s.a.start, s.a.end) },
        b: s.b.map((ref) => ({ ...ref, text: docB.text.slice(ref.start, ref.end) })),
        kind: s.kind,
      })),
      shareOfA: figures.sentences.shareOfA,
      shareOfB: figures.sentences.shareOfB,
    },
    relation: figures.relation,
    ...(figures.reverse.relation === figures.relation.relation ? {} : { reverse: figures.reverse }),
  };
}
