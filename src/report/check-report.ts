import type { CheckMatch, CheckResult, Estimate } from '../corpus/check.js';
import { bindingParams, type ReportedBindingParams } from './index-report.js';
import type { ArticleNote, SkippedInput } from '../input/read.js';
import { type LinkParams, type RecordFieldParams, type ReportMember, reportMember } from './scan-report.js';

/** Version of the check report's shape (README, "Index: check new articles against a corpus"); bumped on any incompatible change. */
export const CHECK_SCHEMA_VERSION = 1;

/** The indexed article a new one copies. */
export interface CheckReportOriginal {
  readonly id: string;
  /** File it was indexed from (absolute path), "-" for standard input. */
  readonly source: string;
  /** JSONL line it was indexed from. */
  readonly line?: number;
  readonly date?: string;
  readonly words: number;
}

/**
 * A match verified on the exact shingle sets: the figures, derived sentences and divergence scan reports for a member
 * (reportMember), the new article as the member and the original as canonical; `reason` as scan gives it, when either
 * text is too short to judge and the match is an exact copy of its words.
 */
export type CheckReportVerified = { readonly original: CheckReportOriginal; readonly verified: true } & Omit<ReportMember, 'id' | 'source' | 'words' | 'date'>;

/** A match the original of which could not be read again: estimated from the stored signature only. */
export interface CheckReportUnverified {
  readonly original: CheckReportOriginal;
  readonly verified: false;
  /** Why it could not be verified, e.g. "original not found on disk". */
  readonly reason: string;
  /** MinHash estimates: Jaccard, and the shares of each article estimated to be in the other. */
  readonly estimate: Estimate;
}

export type CheckReportMatch = CheckReportVerified | CheckReportUnverified;

export interface CheckReportDocument {
  /** The new article's id, as scan would give it. */
  readonly id: string;
  readonly words: number;
  /** The index already holds this article with this very text (it is not reported as its own copy). */
  readonly alreadyIndexed: boolean;
  readonly matches: CheckReportMatch[];
}

export interface CheckReport {
  readonly schemaVersion: typeof CHECK_SCHEMA_VERSION;
  readonly kind: 'check';
  /** What the index holds and the binding params it was built with (rewriteBands 0: no content-stem bands). */
  readonly index: { readonly documents: number } & ReportedBindingParams;
  readonly params: LinkParams & RecordFieldParams & { readonly htmlField: string };
  readonly summary: {
    /** New articles checked. */
    readonly checked: number;
    /** Of those, articles that copy at least one indexed article. */
    readonly withCopies: number;
    /** Matches reported, verified or not. */
    readonly matches: number;
    /** Matches that could not be verified because the original could not be read again. */
    readonly unverified: number;
    readonly skipped: number;
    readonly ignoredFiles: number;
  };
  /** New articles with at least one match, in input order. */
  readonly documents: CheckReportDocument[];
  readonly skipped: SkippedInput[];
  /** Caveats about how articles were read, as the scan report's `notes`. */
  readonly notes: ArticleNote[];
}


function match(m: CheckMatch): CheckReportMatch {
  const original: CheckReportOriginal = {
    id: m.original.id,
    source: m.original.source,
    ...(m.original.line === undefined ? {} : { line: m.original.line }),
    ...(m.original.date === undefined ? {} : { date: m.original.date }),
    words: m.original.words,
  };
  if (!m.verified) return { original, verified: false, reason: m.reason, estimate: m.estimate };
  // The new article's id, file and words are its document's.
  const { id: _id, source: _source, words: _words, date: _date, ...judged } = reportMember(m.member);
  return { original, verified: true, ...judged };
}

/** The typed, versioned check report every check reporter renders. */
export function buildCheckReport(result: CheckResult): CheckReport {
  const o = result.options;
  const p = result.index.params;
  const documents = result.documents.map((d) => ({ id: d.id, words: d.words, alreadyIndexed: d.alreadyIndexed, matches: d.matches.map(match) }));
  const matches = documents.flatMap((d) => d.matches);
  return {
    schemaVersion: CHECK_SCHEMA_VERSION,
    kind: 'check',
    index: { documents: result.index.documents, ...bindingParams(p) },
    params: {
      metric: o.metric,
      threshold: o.threshold,
      rewrites: o.rewrites,
      rewriteThreshold: o.rewriteThreshold,
      minAlignedSentences: o.minAlignedSentences,
      idField: o.read.idField,
      textField: o.read.textField,
      dateField: o.read.dateField,
      htmlField: o.read.htmlField,
    },
    summary: {
      checked: result.checked,
      withCopies: documents.length,
      matches: matches.length,
      unverified: matches.filter((m) => !m.verified).length,
      skipped: result.skipped.length,
      ignoredFiles: result.ignoredFiles,
    },
    documents,
    skipped: result.skipped.map((s) => ({ path: s.path, reason: s.reason })),
    notes: result.notes.map((n) => ({ path: n.path, note: n.note })),
  };
}
