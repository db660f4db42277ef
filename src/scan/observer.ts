/** What a scan tells its caller as it goes and what it notes about articles: the library itself never prints. */
import type { ArticleNote, SkippedInput } from '../input/read.js';

export type { ArticleNote };

/**
 * The passes of a scan, as progress reports them. `verifying` counts the pairs of candidate groups too large to be one
 * task (only where rewrite bands gather topical neighbours); `clustering` counts groups, each verified and clustered.
 */
export type ScanStage = 'reading' | 'boilerplate' | 'candidates' | 'verifying' | 'clustering';

/** What LSH proposed for the second pass: candidate pairs of each tier, and the largest group they connect. */
export interface CandidateSummary {
  readonly shinglePairs: number;
  readonly rewritePairs: number;
  /** Documents in the largest connected group of candidates: the most one task of the second pass reads. */
  readonly largestGroup: number;
}

/** Observes the scan as it goes (progress on the CLI). */
export interface ScanObserver {
  /** Told once, when the candidates are known (for benchmarks: how much the second pass has to do). */
  candidates?(summary: CandidateSummary): void;
  skipped?(skipped: SkippedInput): void;
  note?(note: ArticleNote): void;
  /** Progress: the stage under way and how far it has got (`total` where known). */
  progress?(stage: ScanStage, done: number, total?: number): void;
}

/** How often (in documents or pairs) progress is reported. */
export const PROGRESS_EVERY = 1000;
