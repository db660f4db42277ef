import { gunzipSync } from 'node:zlib';
import type { AsyncBuffer } from 'hyparquet';
import { gunzipped } from './gzip.js';

/**
 * Inputs read as JSONL after decoding: gzip'd JSONL, CSV and TSV (plain or gzip'd), Parquet. Each decodes to one JSON
 * object per line, so reading, line numbers (a CSV row, a Parquet row) and problem reports are JSONL's.
 */
export const DECODED_EXTENSIONS = ['.jsonl.gz', '.ndjson.gz', '.csv', '.csv.gz', '.tsv', '.tsv.gz', '.parquet'] as const;

/** Text files read as one article each once gunzipped. */
export const GZIPPED_TEXT_EXTENSIONS = ['.txt.gz', '.md.gz', '.text.gz', '.html.gz', '.htm.gz'] as const;

const endsWithAny = (path: string, extensions: readonly string[]) => {
  const lower = path.toLowerCase();
  return extensions.some((ext) => lower.endsWith(ext));
};

/** Whether a path is read through a decoder (gzip'd JSONL, CSV, TSV, Parquet). */
export const isDecodedLines = (path: string): boolean => endsWithAny(path, DECODED_EXTENSIONS);

/** Whether a path is read as CSV or TSV (plain or gzip'd): its decoder alone writes UNREADABLE_RECORD_MARK lines. */
export const isTabular = (path: string): boolean => endsWithAny(path, ['.csv', '.csv.gz', '.tsv', '.tsv.gz']);

/** Whether a path is a gzip'd text or HTML file, one article. */
export const isGzippedText = (path: string): boolean => endsWithAny(path, GZIPPED_TEXT_EXTENSIONS);

/** How a decoder reaches a file: as a byte stream, or (Parquet) by ranges. */
export interface ByteSource {
  stream(): AsyncIterable<Uint8Array> | Iterable<Uint8Array>;
  /** Ranges read on demand; `close`, where there is one, lets go of the file once the decoder is done with it. */
  ranges(): Promise<AsyncBuffer & { close?(): Promise<void> }>;
}

/** A decoded input's bytes as JSONL, streamed. */
export function decodedLines(path: string, source: ByteSource): AsyncIterable<Uint8Array> | Iterable<Uint8Array> {
  const lower = path.toLowerCase();
  if (lower.endsWith('.parquet')) return (async function* () {
    // Each decoder is loaded when a file needs it, not by every run whatever it reads.
    const { parquetAsJsonl } = await import('./parquet.js');
    const file = await source.ranges();
    try {
      yield* parquetAsJsonl(file);
    } finally {
      await file.close?.();
    }
  })();
  const gzip = lower.endsWith('.gz');
  const bytes = gzip ? gunzipped(source.stream()) : source.stream();
  const name = gzip ? lower.slice(0, -3) : lower;
  const delimiter = name.endsWith('.csv') ? ',' : name.endsWith('.tsv') ? '\t' : undefined;
  if (delimiter !== undefined) {
    return (async function* () {
      const { csvAsJsonl } = await import('./csv.js');
      yield* csvAsJsonl(bytes, delimiter);
    })();
  }
  return bytes;
}

/** A byte source over bytes in memory. */
export function memorySource(bytes: Uint8Array): ByteSource {
  return {
    stream: () => [bytes],
    ranges: async () => ({ byteLength: bytes.length, slice: (start, end) => bytes.slice(start, end).buffer }),
  };
}

/** A gzip'd file's bytes, decompressed whole (one article), or why they cannot be. */
export function gunzippedText(bytes: Uint8Array): Uint8Array | { reason: string } {
  try {
    return gunzipSync(bytes);
  } catch (error) {
    return { reason: `not a readable gzip file (${(error as Error).message})` };
  }
}
