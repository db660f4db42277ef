import { IndexError, NeardupError, NoInputError, UsageError } from '../errors.js';

/** Exit codes: stable and documented in the README. */
export const ExitCode = {
  /** The run finished (whether or not it found duplicates, unless --fail-on-duplicates). */
  ok: 0,
  /** Duplicates found and --fail-on-duplicates given. */
  duplicatesFound: 1,
  /** Bad option or value, or no readable input. */
  usage: 2,
  /** Anything unexpected: a bug, or the report could not be written. */
  internal: 3,
  /** The index given as --db cannot be used: not a neardup index, corrupt, locked, or built with other parameters. */
  index: 4,
} as const;

export type ExitCodeValue = (typeof ExitCode)[keyof typeof ExitCode];

/** The exit code an error ends the run with. */
export function exitCodeFor(error: unknown): ExitCodeValue {
  if (error instanceof UsageError || error instanceof NoInputError) return ExitCode.usage;
  if (error instanceof IndexError) return ExitCode.index;
  if (error instanceof NeardupError) return ExitCode.internal;
  return ExitCode.internal;
}
