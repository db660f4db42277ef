import { createHash } from 'node:crypto';
import { closeSync, createReadStream, existsSync, openSync, renameSync, statSync, writeSync } from 'node:fs';
import { type FileHandle, open } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { removeOnExit } from '../temp-files.js';
import { type ByteSource, decodedLines } from './index.js';

/**
 * A decoded input (gzip, CSV, Parquet) has no byte offsets of its own to read one article again from, so its JSONL
 * is spilled to a temporary file as it is first read: pass 2 and `check` re-read lines there at the offsets pass 1
 * saw, holding no more in memory than for plain JSONL. The spill's name comes from the process and the input's path,
 * size and time, so worker threads find the same file; spills are removed when the process exits.
 */
export function spillPath(path: string): string {
  const absolute = resolve(path);
  const { size, mtimeMs } = statSync(absolute);
  const key = createHash('sha1').update(`${absolute}\u0000${size}\u0000${mtimeMs}`).digest('hex').slice(0, 16);
  return join(tmpdir(), `neardup-${process.pid}-${key}.jsonl`);
}

/**
 * Handles of files read by ranges, held until the process ends: one left to the garbage collector is closed there, with a
 * warning on stderr (seen once the scan keeps more in memory, as sentence keys do).
 */
const openHandles = new Set<FileHandle>();

/** A file's byte source on disk: a read stream, or ranges read on demand (Parquet). */
export function fileSource(path: string): ByteSource {
  return {
    stream: () => createReadStream(path, { highWaterMark: 1 << 20 }),
    async ranges() {
      const handle = await open(path, 'r');
      openHandles.add(handle);
      const { size } = await handle.stat();
      // Ranges are read while the file is decoded; the handle is closed then, never left for the garbage collector to
      // close (which warns on stderr).
      return {
        byteLength: size,
        close: () => handle.close(),
        async slice(start: number, end = size) {
          const buffer = Buffer.allocUnsafeSlow(end - start);
          let filled = 0;
          while (filled < buffer.length) {
            const { bytesRead } = await handle.read(buffer, filled, buffer.length - filled, start + filled);
            if (bytesRead === 0) break;
            filled += bytesRead;
          }
          return buffer.buffer.slice(0, filled);
        },
      };
    },
  };
}

/**
 * A decoded input's JSONL in pieces of whole lines, each written to the spill before it is handed on (a piece may be
 * moved to a worker thread once yielded). The spill takes its final name only when complete.
 */
export async function* spilledLinePieces<Piece extends { readonly offset: number; readonly bytes: Uint8Array }>(
  path: string,
  /** Cuts a byte stream into pieces of whole lines (the file system's wholeLinePieces). */
  wholeLinePieces: (chunks: AsyncIterable<Uint8Array> | Iterable<Uint8Array>) => AsyncIterable<Piece>,
): AsyncGenerator<Piece> {
  const spill = spillPath(path);
  const partial = `${spill}.partial`;
  removeOnExit(partial);
  const fd = openSync(partial, 'w');
  const finish = () => {
    closeSync(fd);
    removeOnExit(spill);
    renameSync(partial, spill);
  };
  try {
    for await (const piece of wholeLinePieces(decodedLines(path, fileSource(path)))) {
      // At the piece's own offset: a line dropped as too long leaves a gap of its length, so each line after it is
      // where pass 1 saw it.
      writeSync(fd, piece.bytes, 0, piece.bytes.length, piece.offset);
      yield piece;
    }
  } catch (error) {
    // A decoder that fails part way (a truncated gzip file) gave whole lines until then, which the reader keeps: the
    // spill keeps them too, so they can be read again.
    finish();
    throw error;
  }
  finish();
}

/**
 * The spill of a decoded input, decoding it now if this process has none yet (a `check` re-reading an indexed article).
 * An input that fails to decode part way still has its spill, of the lines before the failure.
 */
export async function ensureSpill(path: string, wholeLinePieces: (chunks: AsyncIterable<Uint8Array> | Iterable<Uint8Array>) => AsyncIterable<{ readonly offset: number; readonly bytes: Uint8Array }>): Promise<string> {
  const spill = spillPath(path);
  if (existsSync(spill)) return spill;
  try {
    for await (const piece of spilledLinePieces(path, wholeLinePieces)) void piece;
  } catch (error) {
    if (!existsSync(spill)) throw error;
  }
  return spill;
}
