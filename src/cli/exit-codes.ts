import { BaselineError, IndexError, NeardupError, NoInputError, UsageError } from '../errors.js';

/** Exit codes: stable and documented in the README. */
export const ExitCode = {
  /** The run finished (whether or not it found duplicates, unless --fail-on-duplicates). */
  ok: 0,
  /** Duplicates found and --fail-on-duplicates given (with --baseline: duplicates the baseline does not accept). */
  duplicatesFound: 1,
  /** Bad option, option value or combination of them. */
  usage: 2,
  /** Anything unexpected: a bug, or the report could not be written. */
  internal: 3,
  /** The index given as --db cannot be used: not a neardup index, corrupt, locked, built with other parameters, or its server unreachable. */
  index: 4,
  /** The inputs cannot be used: no readable article in them, or a --baseline file that is missing, not a baseline, or made with other parameters. */
  input: 5,
} as const;

export type ExitCodeValue = (typeof ExitCode)[keyof typeof ExitCode];

/** The exit code an error ends the run with. */
export function exitCodeFor(error: unknown): ExitCodeValue {
  if (error instanceof UsageError) return ExitCode.usage;
  if (error instanceof NoInputError || error instanceof BaselineError) return ExitCode.input;
  if (error instanceof IndexError) return ExitCode.index;
  if (error instanceof NeardupError) return ExitCode.internal;
  return ExitCode.internal;
}

/** What each exit code means, as the help footers say it. */
const MEANING: Readonly<Record<ExitCodeValue, string>> = {
  0: 'ran fine',
  1: 'copies found with --fail-on-duplicates',
  2: 'usage error',
  3: 'unexpected error',
  4: 'the --db index is not usable (missing, foreign, corrupt, locked, in a missing folder, built with other parameters, or its server cannot be reached or was lost twice in a row)',
  5: 'no readable article in the inputs',
};

/** A help footer listing the exit codes a command can end with, and only those. */
export function exitCodesHelp(codes: readonly ExitCodeValue[]): string {
  return `\nExit codes: ${codes.map((code) => `${code} ${MEANING[code]}`).join(', ')}.`;
}
