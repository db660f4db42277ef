/** What a scan tells its caller as it goes and what it notes about articles: the library itself never prints. */
import type { SkippedInput } from '../input/read.js';

/** A caveat about how an article was read. */
export interface ArticleNote {
  readonly path: string;
  readonly note: string;
}

/**
 * The passes of a scan, as progress reports them. `verifying` counts the pairs of candidate groups too large to be one
 * task (only where rewrite bands gather topical neighbours); `clustering` counts groups, each verified and clustered.
 */
export type ScanStage = 'reading' | 'boilerplate' | 'candidates' | 'verifying' | 'clustering';

/** Observes the scan as it goes (progress on the CLI). */
export interface ScanObserver {
  skipped?(skipped: SkippedInput): void;
  note?(note: ArticleNote): void;
  /** Progress: the stage under way and how far it has got (`total` where known). */
  progress?(stage: ScanStage, done: number, total?: number): void;
}

/** How often (in documents or pairs) progress is reported. */
export const PROGRESS_EVERY = 1000;
