import { FirstOfEach, type SkippedInput } from '../input/read.js';

/**
 * The warnings for skipped inputs: each named, except that past the first few records of one file skipped for the same
 * reason (a --text-field the file's columns lack skips every row) they are only counted, in one line at the end, as
 * notes are (FirstOfEach). Every skip is still in the report's `skipped`.
 */
export class SkipWarnings {
  private readonly said = new FirstOfEach<string>();

  constructor(private readonly warn: (line: string) => void) {}

  skipped(skip: SkippedInput): void {
    // A file and a reason, apart: no path holds a NUL.
    if (this.said.add(`${skip.path.replace(/:\d+$/, '')}\u0000${skip.reason}`)) this.warn(`skipped ${skip.path}: ${skip.reason}`);
  }

  /** One line for each file and reason whose skips were cut short, in the order first met. */
  finish(): void {
    for (const { key, more, count } of this.said.unsaid()) {
      const at = key.indexOf('\u0000');
      const [source, reason] = [key.slice(0, at), key.slice(at + 1)];
      this.warn(`skipped ${more} more ${more === 1 ? 'record' : 'records'} of ${source} for the same reason (${reason}): ${count} in all`);
    }
  }
}
