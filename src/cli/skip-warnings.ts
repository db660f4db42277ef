import type { SkippedInput } from '../input/read.js';

/** Records of one file skipped for one reason that are named one by one; the rest are counted. */
export const SKIPS_NAMED_PER_REASON = 3;

/**
 * The warnings for skipped inputs: each named, except that past SKIPS_NAMED_PER_REASON records of one file skipped for
 * the same reason (a --text-field the file's columns lack skips every row) are only counted, in one line at the end.
 * Every skip is still in the report's `skipped`.
 */
export class SkipWarnings {
  private readonly counts = new Map<string, { source: string; reason: string; count: number }>();

  constructor(private readonly warn: (line: string) => void) {}

  skipped(skip: SkippedInput): void {
    const source = skip.path.replace(/:\d+$/, '');
    const key = `${source}\u0000${skip.reason}`;
    const seen = this.counts.get(key) ?? { source, reason: skip.reason, count: 0 };
    seen.count++;
    this.counts.set(key, seen);
    if (seen.count <= SKIPS_NAMED_PER_REASON) this.warn(`skipped ${skip.path}: ${skip.reason}`);
  }

  /** One line for each file and reason whose skips were cut short, in the order first met. */
  finish(): void {
    for (const { source, reason, count } of this.counts.values()) {
      const more = count - SKIPS_NAMED_PER_REASON;
      if (more > 0) this.warn(`skipped ${more} more ${more === 1 ? 'record' : 'records'} of ${source} for the same reason (${reason}): ${count} in all`);
    }
  }
}
