import type { ReportBaseline } from './baseline.js';
import type { Passage } from '../judge/divergence.js';
import type { MemberResult } from '../judge/member.js';
import type { ArticleNote, ClusterResult, ScanResult } from '../scan/scan.js';
import { memberCount, withMembersOnRead } from '../scan/packed-members.js';
import type { SkippedInput } from '../input/read.js';
import type { Relation } from '../judge/relation.js';
import type { RelatedArticle } from '../judge/related.js';

/** Version of the JSON report's shape (schema/report.schema.json); bumped on any incompatible change. */
export const SCHEMA_VERSION = 4;

/**
 * A passage as reports show it: the divergence's own, held by the report as it is, not copied (a million articles'
 * report would hold every passage twice).
 */
export type ReportPassage = Passage;

export interface ReportMember {
  readonly id: string;
  /** File the article was read from ("-" for standard input): where a CI annotation places an id that names no file. */
  readonly source: string;
  readonly relation: Relation;
  readonly basis: MemberResult['basis'];
  /** 'too-short-to-judge': the texts are under 25 words, so the member is an exact copy of the canonical's words. */
  readonly reason?: NonNullable<MemberResult['reason']>;
  readonly words: number;
  readonly date?: string;
  readonly jaccard: number;
  readonly containment: MemberResult['containment'];
  readonly alignedSentences?: NonNullable<MemberResult['alignedSentences']>;
  /** Each derived sentence: its range in the member's text and the range(s) of the canonical sentence(s) it comes from. */
  readonly derivedSentences?: NonNullable<MemberResult['derivedSentences']>;
  readonly changedWords: number;
  readonly added: readonly ReportPassage[];
  readonly missing: readonly ReportPassage[];
}

export interface ReportCluster {
  /** 1-based, in report order: larger clusters first, then by canonical id. */
  readonly id: number;
  readonly canonical: string;
  readonly canonicalReason: ClusterResult['canonicalReason'];
  readonly members: ReportMember[];
  /** Articles that took passages from a member (partial reuse): stories of their own, not duplicates. */
  readonly related?: RelatedArticle[];
}

/** The options that decide whether two articles link, as the reports of scan, check and compare record them. */
export interface LinkParams {
  readonly metric: string;
  readonly threshold: number;
  readonly rewrites: boolean;
  readonly rewriteThreshold: number;
  readonly minAlignedSentences: number;
}

/** The options that make an article's fingerprint. */
export interface SketchParams {
  readonly shingleSize: number;
  readonly numPerm: number;
  readonly seed: number;
}

/** The JSONL fields (CSV, Parquet columns) articles were read from. */
export interface RecordFieldParams {
  readonly idField: string;
  readonly textField: string;
  readonly dateField: string;
}

export interface Report {
  readonly schemaVersion: typeof SCHEMA_VERSION;
  readonly params: LinkParams & SketchParams & RecordFieldParams & {
    readonly bands: number;
    readonly rows: number;
    readonly htmlField: string;
    readonly prefer: readonly string[];
    /** Days apart beyond which dated copies are not linked; null for no limit. */
    readonly withinDays: number | null;
    /** The config file whose settings the run used (relative to the working folder), or null. */
    readonly config: string | null;
  };
  readonly summary: {
    /** Articles compared. */
    readonly documents: number;
    readonly clusters: number;
    /** Members that are not their cluster's canonical. */
    readonly duplicates: number;
    readonly skipped: number;
    /** Files in folders that were not articles (other extensions). */
    readonly ignoredFiles: number;
    /** Files and folders left out by --ignore patterns or .gitignore rules (a folder counts once). */
    readonly ignoredByPattern: number;
  };
  /** Lines learned from the corpus as site boilerplate; present when the scan learned boilerplate. */
  readonly boilerplate?: {
    readonly minDocuments: number;
    readonly learned: Array<{ readonly text: string; readonly documents: number }>;
    /** Line occurrences left out of comparison, over all documents. */
    readonly removedLines: number;
  };
  readonly clusters: ReportCluster[];
  readonly skipped: SkippedInput[];
  /** Articles read with a caveat, such as HTML pages whose article was not found (all visible text used). */
  readonly notes: ArticleNote[];
  /** With --baseline: how the clusters stand against the accepted ones (set by the CLI after buildReport). */
  readonly baseline?: ReportBaseline;
}

/** A member as reports show it: scan's members, and (without id, words, date) check's verified matches. */
export function reportMember(m: MemberResult): ReportMember {
  return {
    id: m.id,
    source: m.source,
    relation: m.relation,
    basis: m.basis,
    ...(m.reason === undefined ? {} : { reason: m.reason }),
    words: m.words,
    ...(m.date === undefined ? {} : { date: m.date }),
    jaccard: m.jaccard,
    containment: m.containment,
    ...(m.alignedSentences ? { alignedSentences: m.alignedSentences } : {}),
    ...(m.derivedSentences ? { derivedSentences: m.derivedSentences } : {}),
    changedWords: m.divergence.changedWords,
    added: m.divergence.added,
    missing: m.divergence.missing,
  };
}

/**
 * A cluster as reports show it, its members made from the scan's each time they are read (as the scan's are unpacked
 * each time): a reporter goes through the clusters one at a time, and a report that held every member again would
 * hold what the scan took pains to pack.
 */
function reportCluster(c: ClusterResult, index: number): ReportCluster {
  return withMembersOnRead({ id: index + 1, canonical: c.canonical, canonicalReason: c.canonicalReason }, () => c.members.map(reportMember), c.related, memberCount(c));
}

/** What the report says about the run that the scan itself does not know: set by the CLI. */
export interface RunFacts {
  /** The config file used, as the report names it; default null. */
  readonly config?: string | null;
  /** Files and folders left out by ignore rules; default 0. */
  readonly ignoredByPattern?: number;
}

/** The typed, versioned report every reporter renders. */
export function buildReport(result: ScanResult, run: RunFacts = {}): Report {
  const p = result.params;
  return {
    schemaVersion: SCHEMA_VERSION,
    params: {
      metric: p.metric,
      threshold: p.threshold,
      shingleSize: p.shingleSize,
      numPerm: p.numPerm,
      seed: p.seed,
      bands: p.banding.bands,
      rows: p.banding.rows,
      rewrites: p.rewrites,
      rewriteThreshold: p.rewriteThreshold,
      minAlignedSentences: p.minAlignedSentences,
      idField: p.read.idField,
      textField: p.read.textField,
      dateField: p.read.dateField,
      htmlField: p.read.htmlField,
      prefer: p.prefer,
      withinDays: p.withinDays ?? null,
      config: run.config ?? null,
    },
    summary: {
      documents: result.documents,
      clusters: result.clusters.length,
      duplicates: result.clusters.reduce((n, c) => n + memberCount(c) - 1, 0),
      skipped: result.skipped.length,
      ignoredFiles: result.ignoredFiles,
      ignoredByPattern: run.ignoredByPattern ?? 0,
    },
    ...(result.boilerplate === undefined
      ? {}
      : {
          boilerplate: {
            minDocuments: result.boilerplate.minDocuments,
            learned: result.boilerplate.lines.map((l) => ({ text: l.text, documents: l.documents })),
            removedLines: result.boilerplate.removedLines,
          },
        }),
    clusters: result.clusters.map(reportCluster),
    skipped: result.skipped.map((s) => ({ path: s.path, reason: s.reason })),
    notes: result.notes.map((n) => ({ path: n.path, note: n.note })),
  };
}
