/**
 * The disk side of an index: reading an indexed article back from where it was read (file, JSONL line, byte offset of
 * that line) when a check needs its exact shingles, through input's one way back from a stored location.
 */
import { ORIGINAL_CHANGED, type OriginalReader } from '../check.js';
import { type FileSystem, nodeFileSystem } from '../../input/file-system.js';
import { DEFAULT_READ_OPTIONS } from '../../input/read.js';
import { articleAt, type ArticleAtFailure, messageOf, type StoredArticleProblem } from '../../input/stored-article.js';
import type { DocumentLocation } from './store.js';

/** Reason given for a match whose original file is gone. */
export const ORIGINAL_NOT_FOUND = 'original not found on disk';

/** Reason given for a match whose original was read from standard input. */
export const ORIGINAL_FROM_STDIN = 'original was read from standard input';

/** Why an original could not be read back, as `check` reports it. */
function originalReason(location: DocumentLocation, problem: StoredArticleProblem): string {
  const line = `original line ${location.line} of ${location.source}`;
  switch (problem.kind) {
    case 'unreadable': {
      const code = (problem.error as NodeJS.ErrnoException).code;
      if (code === 'ENOENT' || code === 'ENOTDIR') return ORIGINAL_NOT_FOUND;
      return `original could not be read (${messageOf(problem.error)})`;
    }
    case 'line-gone':
      return `original line ${location.line} is gone from ${location.source}`;
    case 'not-json':
    case 'not-object':
      // Read at the byte offset it was indexed at: a line added or cut above it moves it, and what is there now is not it.
      if (location.offset !== undefined) return `${ORIGINAL_CHANGED}: no JSON record starts where ${line.slice('original '.length)} was; run index add on the file again`;
      return problem.kind === 'not-json' ? `${line} is no longer valid JSON` : `${line} is not a JSON object`;
    case 'not-article':
      return location.line === undefined ? `original is no longer an article (${problem.reason})` : `${line} has ${problem.reason}`;
  }
}

/**
 * Reads indexed articles back from a file system (lines are read back as `scan` reads them: same breaks, same
 * offsets). A JSONL line is read by the text field the index stored, else by `htmlField` (the command's --html-field).
 */
export function nodeOriginalReader(fs: FileSystem = nodeFileSystem(), htmlField: string = DEFAULT_READ_OPTIONS.htmlField): OriginalReader {
  return {
    async read(location: DocumentLocation): Promise<{ readonly text: string } | ArticleAtFailure> {
      if (location.source === '-') return { reason: ORIGINAL_FROM_STDIN };
      const article = await articleAt(fs, location, { ...DEFAULT_READ_OPTIONS, textField: location.field ?? DEFAULT_READ_OPTIONS.textField, htmlField });
      return 'problem' in article ? { reason: originalReason(location, article.problem) } : article;
    },
  };
}
