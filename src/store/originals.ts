/**
 * The disk side of an index: where each article was read from (file, JSONL line, byte offset of that line), and
 * reading it back from there when a check needs its exact shingles.
 */
import { createReadStream } from 'node:fs';
import { open, readFile } from 'node:fs/promises';
import type { OriginalReader } from '../corpus-index.js';
import { type FileSystem, splitLines } from '../io.js';
import { articleFromFile, articleFromRecord, DEFAULT_READ_OPTIONS } from '../read.js';
import type { DocumentLocation } from './store.js';

/** Reason given for a match whose original file is gone. */
export const ORIGINAL_NOT_FOUND = 'original not found on disk';

/** Reason given for a match whose original was read from standard input. */
export const ORIGINAL_FROM_STDIN = 'original was read from standard input';

/**
 * A FileSystem that notes the byte offset of each JSONL line it hands out, so an index can store where an article
 * starts. `offsetOf` answers for the line most recently read from a file, which is the line of the article just read.
 */
export function locatingFileSystem(base: FileSystem): { fs: FileSystem; offsetOf(path: string, line: number): number | undefined } {
  const last = new Map<string, { line: number; offset: number }>();
  return {
    fs: {
      kind: (path) => base.kind(path),
      list: (path) => base.list(path),
      readBytes: (path) => base.readBytes(path),
      lineAt: (path, offset) => base.lineAt(path, offset),
      async *lines(path) {
        let line = 0;
        for await (const l of base.lines(path)) {
          if (path !== '-') last.set(path, { line: ++line, offset: l.offset });
          yield l;
        }
      },
    },
    offsetOf(path, line) {
      const seen = last.get(path);
      return seen?.line === line ? seen.offset : undefined;
    },
  };
}

/** The bytes of the line starting at `offset`, up to its line break. */
async function lineAt(path: string, offset: number): Promise<Buffer> {
  const handle = await open(path, 'r');
  try {
    const parts: Buffer[] = [];
    let position = offset;
    for (;;) {
      const buffer = Buffer.alloc(64 * 1024);
      const { bytesRead } = await handle.read(buffer, 0, buffer.length, position);
      if (bytesRead === 0) break;
      const chunk = buffer.subarray(0, bytesRead);
      const end = chunk.findIndex((c) => c === 0x0a || c === 0x0d);
      if (end >= 0) {
        parts.push(chunk.subarray(0, end));
        break;
      }
      parts.push(chunk);
      position += bytesRead;
    }
    return Buffer.concat(parts);
  } finally {
    await handle.close();
  }
}

/** The line numbered `line` (1-based), read from the start: for articles indexed without an offset. */
async function lineNumbered(path: string, line: number): Promise<Buffer | undefined> {
  let found: string | undefined;
  for await (const { text } of splitLines(createReadStream(path, { highWaterMark: 1 << 20 }) as AsyncIterable<Buffer>)) {
    if (--line === 0) {
      found = text;
      break;
    }
  }
  return found === undefined ? undefined : Buffer.from(found, 'utf8');
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
        const bytes = location.offset === undefined ? await lineNumbered(location.source, location.line) : await lineAt(location.source, location.offset);
        if (bytes === undefined) return { reason: `original line ${location.line} is gone from ${location.source}` };
        let record: unknown;
        try {
          record = JSON.parse(bytes.toString('utf8'));
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
