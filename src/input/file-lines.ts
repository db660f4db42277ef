import { readSync } from 'node:fs';
import { open as openFile } from 'node:fs/promises';
import { LF, type LinePiece, lineBreakAt, NO_BYTES, PIECE_BYTES } from './line-pieces.js';

/**
 * A file's pieces of whole lines, cut where wholeLinePieces cuts the file's stream in chunks of `size` (unless a line is
 * longer than that: it is read on, twice as much each time), and read straight into each piece's buffer: a read
 * stream's chunks would be fresh buffers of their own, copied again into the pieces (a 70 MB scan: 50 ms). The next
 * piece is read while this one is handed on, as a stream reads ahead.
 */
export async function* fileLinePieces(path: string | Buffer, size = PIECE_BYTES, maxLineBytes = Infinity): AsyncGenerator<LinePiece> {
  const handle = await openFile(path, 'r');
  /** A buffer starting with `carry` (the bytes after the last cut, at `offset` in the file), then filled from the file. */
  const read = async (carry: Uint8Array, offset: number, want: number) => {
    // The carry is copied before the first await: the piece it ends is moved to a worker as soon as it is yielded.
    const buffer = Buffer.allocUnsafeSlow(carry.length + want);
    buffer.set(carry, 0);
    let filled = carry.length;
    while (filled < buffer.length) {
      const { bytesRead } = await handle.read(buffer, filled, buffer.length - filled, offset + filled);
      if (bytesRead === 0) break;
      filled += bytesRead;
    }
    return { buffer, filled };
  };
  // Marked handled as it starts: it may fail while this generator waits at a yield, and is awaited (and throws) after.
  const readAhead = (carry: Uint8Array, offset: number, want: number) => {
    const next = read(carry, offset, want);
    next.catch(() => undefined);
    return next;
  };
  let reading: ReturnType<typeof read> | undefined;
  try {
    let offset = 0;
    reading = readAhead(new Uint8Array(0), 0, size);
    for (;;) {
      const { buffer, filled } = await reading;
      reading = undefined;
      if (filled < buffer.length) {
        if (filled > 0) yield { offset, bytes: new Uint8Array(buffer.buffer, 0, filled) };
        return;
      }
      const cut = buffer.lastIndexOf(LF) + 1;
      if (cut === 0 && buffer.length > maxLineBytes) {
        // A line longer than a reader may hold: passed over to its break, a piece at a time, and never held whole.
        const end = await lineEnd(handle, offset + buffer.length, buffer);
        const length = (end === -1 ? (await handle.stat()).size : end) - offset;
        yield { offset, bytes: NO_BYTES, tooLong: length };
        if (end === -1) return;
        offset = end + 1;
        reading = readAhead(NO_BYTES, offset, size);
        continue;
      }
      if (cut === 0) {
        // A line longer than the piece: read on until it ends, twice as much each time (and no further than one byte
        // past the longest line allowed, where that comes first).
        reading = readAhead(buffer, offset, Math.min(buffer.length, Math.max(1, maxLineBytes + 1 - buffer.length)));
        continue;
      }
      reading = readAhead(buffer.subarray(cut), offset + cut, size);
      yield { offset, bytes: new Uint8Array(buffer.buffer, 0, cut) };
      offset += cut;
    }
  } finally {
    // A read still under way (the consumer stopped early) ends before the file closes; its failure no longer matters.
    await reading?.catch(() => undefined);
    await handle.close();
  }
}

/** Where the next \n at or after `from` stands in an open file, or -1 when none does; reads into `scratch`. */
async function lineEnd(handle: Awaited<ReturnType<typeof openFile>>, from: number, scratch: Buffer): Promise<number> {
  for (let at = from; ; ) {
    const { bytesRead } = await handle.read(scratch, 0, scratch.length, at);
    if (bytesRead === 0) return -1;
    const end = scratch.subarray(0, bytesRead).indexOf(LF);
    if (end !== -1) return at + end;
    at += bytesRead;
  }
}

/** Where readLineSync reads: one buffer reused from line to line, grown for a longer one. */
let lineScratch = Buffer.allocUnsafe(16 * 1024);

/** The bytes from `offset` up to the next line break of an open file, decoded as UTF-8. */
export function readLineSync(fd: number, offset: number): string {
  // Read into the scratch buffer until a break shows, 16 KiB first (most articles are shorter) and more each time
  // after; the line is decoded from the buffer, not copied out first.
  let held = 0;
  let want = 16 * 1024;
  for (;;) {
    if (held + want > lineScratch.length) {
      const grown = Buffer.allocUnsafe(held + want);
      lineScratch.copy(grown, 0, 0, held);
      lineScratch = grown;
    }
    const read = readSync(fd, lineScratch, held, want, offset + held);
    if (read === 0) break;
    const end = lineBreakAt(lineScratch.subarray(0, held + read), held);
    if (end !== -1) return lineScratch.toString('utf8', 0, end);
    held += read;
    want = Math.min(want * 4, 16 * 1024 * 1024);
  }
  return lineScratch.toString('utf8', 0, held);
}
