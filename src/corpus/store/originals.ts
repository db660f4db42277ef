/**
 * The disk side of an index: where each article was read from (file, JSONL line, byte offset of that line), and
 * reading it back from there when a check needs its exact shingles.
 */
import { readFile } from 'node:fs/promises';
import type { OriginalReader } from '../corpus-index.js';
import { nodeFileSystem } from '../../input/file-system.js';
import { articleFromFile, articleFromRecord, DEFAULT_READ_OPTIONS } from '../../input/read.js';
import type { DocumentLocation } from './store.js';

/** Reason given for a match whose original file is gone. */
export const ORIGINAL_NOT_FOUND = 'original not found on disk';

/** Reason given for a match whose original was read from standard input. */
export const ORIGINAL_FROM_STDIN = 'original was read from standard input';

/** Lines are read back as `scan` reads them: same breaks, same offsets. */
const disk = nodeFileSystem();

/** The line numbered `line` (1-based), read from the start: for articles indexed without an offset. */
async function lineNumbered(path: string, line: number): Promise<string | undefined> {
  for await (const { text } of disk.lines(path)) if (--line === 0) return text;
  return undefined;
}

function failure(error: unknown): { reason: string } {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOENT' || code === 'ENOTDIR') return { reason: ORIGINAL_NOT_FOUND };
  return { reason: `original could not be read (${error instanceof Error ? error.message : String(error)})` };
}

/** Reads indexed articles back from the real disk. */
export function nodeOriginalReader(): OriginalReader {
  return {
    async read(location: DocumentLocation) {
      if (location.source === '-') return { reason: ORIGINAL_FROM_STDIN };
      try {
        if (location.line === undefined) {
          const article = articleFromFile(location.source, new Uint8Array(await readFile(location.source)));
          return 'reason' in article ? { reason: `original is no longer an article (${article.reason})` } : { text: article.text };
        }
        const line = location.offset === undefined ? await lineNumbered(location.source, location.line) : await disk.lineAt(location.source, location.offset);
        if (line === undefined) return { reason: `original line ${location.line} is gone from ${location.source}` };
        let record: unknown;
        try {
          record = JSON.parse(line);
        } catch {
          return { reason: `original line ${location.line} of ${location.source} is no longer valid JSON` };
        }
        if (record === null || typeof record !== 'object') return { reason: `original line ${location.line} of ${location.source} is not a JSON object` };
        const article = articleFromRecord(record as Record<string, unknown>, { ...DEFAULT_READ_OPTIONS, textField: location.field ?? 'text' });
        return 'reason' in article ? { reason: `original line ${location.line} of ${location.source} has ${article.reason}` } : { text: article.text };
      } catch (error) {
        return failure(error);
      }
    },
  };
}
