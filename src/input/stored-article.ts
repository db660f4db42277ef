/**
 * The one way from a stored location (a file, or a JSONL line by its byte offset or number) back to an article's text:
 * scan's second pass reads candidates again through it, and `check` reads indexed originals.
 */
import type { FileSystem } from './file-system.js';
import { articleFromFile, articleFromRecord } from './article.js';
import type { ReadOptions } from './types.js';

/** Where an article was read: its file and, for a JSONL line, the line's number and byte offset and the text field. */
export interface StoredLocation {
  readonly source: string;
  readonly line?: number | undefined;
  readonly offset?: number | undefined;
  /** The JSONL field that held the text, when it differs from the read options'. */
  readonly field?: string;
}

/** Why the article at a location could not be had; each reader words it for its own report. */
export type StoredArticleProblem =
  | { readonly kind: 'unreadable'; readonly error: unknown }
  | { readonly kind: 'line-gone' }
  | { readonly kind: 'not-json'; readonly error: unknown }
  | { readonly kind: 'not-object' }
  | { readonly kind: 'not-article'; readonly reason: string };

/** A failure worded for a report. */
export interface ArticleAtFailure {
  readonly reason: string;
}

/** The line numbered `line` (1-based), read from the start: for a location recorded without an offset. */
async function lineNumbered(fs: FileSystem, path: string, line: number): Promise<string | undefined> {
  for await (const { text } of fs.lines(path)) if (--line === 0) return text;
  return undefined;
}

/** The text of the article at `location`, read as the first reading read it (no date sought), or what went wrong. */
export async function articleAt(fs: FileSystem, location: StoredLocation, options: ReadOptions): Promise<{ readonly text: string } | { readonly problem: StoredArticleProblem }> {
  try {
    if (location.line === undefined) {
      const article = articleFromFile(location.source, await fs.readBytes(location.source), false);
      return 'reason' in article ? { problem: { kind: 'not-article', reason: article.reason } } : { text: article.text };
    }
    const line = location.offset === undefined ? await lineNumbered(fs, location.source, location.line) : await fs.lineAt(location.source, location.offset);
    if (line === undefined) return { problem: { kind: 'line-gone' } };
    let record: unknown;
    try {
      // Trimmed as the first reading trims each line: a byte-order mark opening the file, a CR before the line break.
      record = JSON.parse(line.trim());
    } catch (error) {
      return { problem: { kind: 'not-json', error } };
    }
    if (record === null || typeof record !== 'object' || Array.isArray(record)) return { problem: { kind: 'not-object' } };
    const textOptions = location.field === undefined ? options : { ...options, textField: location.field };
    const article = articleFromRecord(record as Record<string, unknown>, textOptions, false);
    return 'reason' in article ? { problem: { kind: 'not-article', reason: article.reason } } : { text: article.text };
  } catch (error) {
    return { problem: { kind: 'unreadable', error } };
  }
}

/** An error's message, as a reason shows it. */
export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
