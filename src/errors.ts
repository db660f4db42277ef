/** Known, expected failures. The CLI maps each class to one message line and an exit code (src/cli/exit-codes.ts). */
export class NeardupError extends Error {
  override readonly name: string = 'NeardupError';
}

/** A bad option, option value or combination of them. */
export class UsageError extends NeardupError {
  override readonly name = 'UsageError';
}

/** Nothing could be read from the inputs given. */
export class NoInputError extends NeardupError {
  override readonly name = 'NoInputError';
}

/** Two MinHash signatures built with different seeds or sizes cannot be compared. */
export class SignatureMismatchError extends NeardupError {
  override readonly name = 'SignatureMismatchError';
}

/** An index (--db) that cannot be used: not a neardup index, corrupt, locked, or built with other parameters. */
export class IndexError extends NeardupError {
  override readonly name = 'IndexError';
}

/** A --baseline file that cannot be used: missing, unreadable, not a neardup baseline, or made with other parameters. */
export class BaselineError extends NeardupError {
  override readonly name = 'BaselineError';
  /** The baseline file as the user named it. */
  readonly file: string;
  constructor(file: string, message: string) {
    super(message);
    this.file = file;
  }
}

/** A report or baseline that could not be written where the user asked (-o, --write-baseline). */
export class OutputError extends NeardupError {
  override readonly name = 'OutputError';
}
