import { DEFAULT_BOILERPLATE_MIN_DOCUMENTS } from './text/boilerplate.js';
import type { Banding } from './sketch/lsh.js';
import { DEFAULT_READ_OPTIONS, type ReadOptions } from './input/read.js';

/** How pairs are compared on their shingle sets. */
export type Metric = 'containment' | 'jaccard';

/** Everything a scan needs, fully resolved: defaults applied and ranges checked (see src/cli/options.ts). */
export interface ScanOptions {
  /** Files, folders or "-" (JSONL on standard input). */
  readonly paths: readonly string[];
  readonly read: ReadOptions;
  /** Words per shingle; default 5. */
  readonly shingleSize: number;
  /** MinHash permutations; default 128. */
  readonly numPerm: number;
  /** MinHash seed; default 1. */
  readonly seed: number;
  /** containment (default): the larger share of either document found in the other; jaccard: |A∩B| / |A∪B|. */
  readonly metric: Metric;
  /** Two documents are copies when the metric reaches this; default 0.7 for containment, 0.5 for jaccard. */
  readonly threshold: number;
  /** LSH bands × rows; derived from the threshold when absent. */
  readonly banding?: Banding;
  /** Also link re-worded copies by aligning their sentences; default true. */
  readonly rewrites: boolean;
  /** Share of a member's sentences that must derive from the canonical's for a rewrite; default 0.5. */
  readonly rewriteThreshold: number;
  /** Fewest derived sentences for a rewrite (all of a member with fewer); default 2. */
  readonly minAlignedSentences: number;
  /** Sources that win as canonical (`--prefer`): globs or substrings of ids and source paths; default none. */
  readonly prefer: readonly string[];
  /** Dated copies published more than this many days apart are never linked (`--within`); default no limit. */
  readonly withinDays?: number;
  /**
   * Lines in at least this many documents that are not otherwise near-duplicates are learned as boilerplate and left
   * out of similarity (`--boilerplate-min-docs`); 0 learns none (`--no-boilerplate`); default 5.
   */
  readonly boilerplateMinDocuments: number;
  /** Threads that fingerprint the input and cluster linked groups (`--jobs`); default 1. Any number gives the same result. */
  readonly jobs?: number;
}

export const DEFAULT_THRESHOLD: Readonly<Record<Metric, number>> = { containment: 0.7, jaccard: 0.5 };

export const DEFAULT_OPTIONS: Omit<ScanOptions, 'paths' | 'threshold'> = {
  read: DEFAULT_READ_OPTIONS,
  shingleSize: 5,
  numPerm: 128,
  seed: 1,
  metric: 'containment',
  rewrites: true,
  rewriteThreshold: 0.5,
  minAlignedSentences: 2,
  prefer: [],
  boilerplateMinDocuments: DEFAULT_BOILERPLATE_MIN_DOCUMENTS,
};

/** Options with defaults filled in for whatever the caller left out. */
export function withDefaults(options: Partial<ScanOptions> & { paths: readonly string[] }): ScanOptions {
  const metric = options.metric ?? DEFAULT_OPTIONS.metric;
  return { ...DEFAULT_OPTIONS, threshold: DEFAULT_THRESHOLD[metric], ...options, metric };
}
