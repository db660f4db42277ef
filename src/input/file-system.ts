import { closeSync, createReadStream, openSync, readSync } from 'node:fs';
import { open as openFile, readdir, readFile, stat } from 'node:fs/promises';
import { decodedLines, isDecodedLines, memorySource } from './formats/index.js';
import { ensureSpill, spilledLinePieces } from './formats/spill.js';

/** What a path is, as far as reading articles goes. */
export type PathKind = 'file' | 'directory' | 'other' | 'missing';

/**
 * The only way the pipeline reaches the file system, so the same core runs on an in-memory tree in tests.
 * Paths use POSIX separators as given by the caller.
 */
export interface FileSystem {
  kind(path: string): Promise<PathKind>;
  /** Entry names of a directory, unsorted. */
  list(path: string): Promise<string[]>;
  readBytes(path: string): Promise<Uint8Array>;
  /**
   * Lines of a text file (or of standard input for "-"), streamed, each with the byte offset it starts at. Breaks are
   * \n, \r\n or a lone \r, as readline has them; no line after a final break.
   */
  lines(path: string): AsyncIterable<Line>;
  /**
   * A file's bytes (standard input's for "-") in pieces of whole lines, as {@link wholeLinePieces} cuts them: a file
   * system of other storage can hand its byte stream to wholeLinePieces.
   */
  linePieces(path: string): AsyncIterable<LinePiece>;
  /** The line starting at byte `offset` of a file, as `lines` gave it: so a scan can re-read one JSONL article. */
  lineAt(path: string, offset: number): Promise<string>;
  /** Whether worker threads can read the same paths through a nodeFileSystem() of their own: the real file system. */
  readonly sharedWithWorkers?: boolean;
}

export interface Line {
  readonly text: string;
  /** Byte offset of the line's first byte in its file. */
  readonly offset: number;
}

const LF = 0x0a;
const CR = 0x0d;

/**
 * Splits a byte stream into lines with their offsets: the stream cut into pieces of whole lines (wholeLinePieces),
 * each split by lineRanges, so streaming reads and pass 1's pieces break lines the same way.
 */
export async function* splitLines(chunks: AsyncIterable<Buffer | Uint8Array | string> | Iterable<Buffer | Uint8Array | string>): AsyncGenerator<Line> {
  const utf8 = new TextDecoder();
  for await (const { offset, bytes } of wholeLinePieces(asBytes(chunks))) {
    for (const [start, end] of lineRanges(bytes)) yield { text: utf8.decode(bytes.subarray(start, end)), offset: offset + start };
  }
}

async function* asBytes(chunks: AsyncIterable<Buffer | Uint8Array | string> | Iterable<Buffer | Uint8Array | string>): AsyncGenerator<Uint8Array> {
  for await (const chunk of chunks) yield typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk;
}

/** Bytes of a stream regrouped into pieces of whole lines, with the byte offset each piece starts at. */
export interface LinePiece {
  readonly offset: number;
  /**
   * Ends just after a \n, except the last piece of a stream. Starts its buffer, which holds at most a line more and
   * which nothing else uses: a scan moves it to a worker thread (a transfer, which leaves it empty here).
   */
  readonly bytes: Uint8Array;
}

/** Bytes a piece of whole lines holds, about (it is cut after the last \n within): a task for one thread. */
const PIECE_BYTES = 1 << 20;

/**
 * Regroups chunks into pieces of about `size` bytes cut just after a \n, so each holds whole lines (a \r\n is never
 * split) and can be read on its own, by another thread if need be. Each piece is a buffer of its own, written once:
 * structured cloning a view would copy all of the buffer under it, and every fresh MiB costs its page faults again
 * (copying chunks together and then slicing the cut would take three fresh buffers a piece).
 */
export async function* wholeLinePieces(chunks: AsyncIterable<Uint8Array> | Iterable<Uint8Array>, size = PIECE_BYTES): AsyncGenerator<LinePiece> {
  // Bytes after the last cut, as views of the chunks they came in: copied once, into the piece they end up in.
  let parts: Uint8Array[] = [];
  let held = 0;
  let offset = 0;
  for await (const chunk of chunks) {
    if (chunk.length === 0) continue;
    // Buffer's lastIndexOf is memrchr; a typed array's walks byte by byte.
    const lastBreak = held + chunk.length < size ? -1 : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength).lastIndexOf(LF);
    if (lastBreak === -1) {
      // Short of a piece, or no line ends in this chunk: the piece grows until one does.
      parts.push(chunk);
      held += chunk.length;
      continue;
    }
    const cut = lastBreak + 1;
    const bytes = concatBytes([...parts, chunk.subarray(0, cut)], held + cut);
    // Counted before the yield: the consumer may move the piece to a worker thread, which leaves `bytes` empty here.
    offset += bytes.length;
    yield { offset: offset - bytes.length, bytes };
    parts = cut === chunk.length ? [] : [chunk.subarray(cut)];
    held = chunk.length - cut;
  }
  if (held > 0) yield { offset, bytes: concatBytes(parts, held) };
}

/**
 * A file's pieces of whole lines, cut where wholeLinePieces cuts the file's stream in chunks of `size` (unless a line is
 * longer than that: it is read on, twice as much each time), and read straight into each piece's buffer: a read
 * stream's chunks would be fresh buffers of their own, copied again into the pieces (a 70 MB scan: 50 ms). The next
 * piece is read while this one is handed on, as a stream reads ahead.
 */
async function* fileLinePieces(path: string, size = PIECE_BYTES): AsyncGenerator<LinePiece> {
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
      if (cut === 0) {
        // A line longer than the piece: read on until it ends, twice as much each time.
        reading = readAhead(buffer, offset, buffer.length);
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

function concatBytes(parts: readonly Uint8Array[], length: number): Uint8Array {
  // Unzeroed: every byte is written just below.
  const all = Buffer.allocUnsafeSlow(length);
  let at = 0;
  for (const part of parts) {
    all.set(part, at);
    at += part.length;
  }
  return new Uint8Array(all.buffer, 0, length);
}

/**
 * Lines of a piece of whole lines, as [start, end) byte ranges: breaks are \n, \r\n or a lone \r, as splitLines and
 * readline have them; no line after a final break.
 */
export function lineRanges(piece: Uint8Array): Array<[number, number]> {
  const ranges: Array<[number, number]> = [];
  // A Buffer over the same bytes: its indexOf is memchr, about twenty times a typed array's (70 MB: 59 ms -> 3 ms).
  const bytes = Buffer.from(piece.buffer, piece.byteOffset, piece.byteLength);
  const n = bytes.length;
  let start = 0;
  let nextCR = bytes.indexOf(CR);
  while (start < n) {
    let end = bytes.indexOf(LF, start);
    if (nextCR !== -1 && nextCR < start) nextCR = bytes.indexOf(CR, start);
    if (nextCR !== -1 && (end === -1 || nextCR < end)) end = nextCR;
    if (end === -1) {
      ranges.push([start, n]);
      break;
    }
    ranges.push([start, end]);
    start = end + 1;
    if (bytes[end] === CR && bytes[start] === LF) start++;
  }
  return ranges;
}

/** Where a line from `from` ends: at its first \n or \r, or -1 when `bytes` hold no break from `from` on. */
function lineBreakAt(bytes: Uint8Array, from: number): number {
  const lf = bytes.indexOf(LF, from);
  const cr = bytes.subarray(from, lf === -1 ? bytes.length : lf).indexOf(CR);
  return cr === -1 ? lf : from + cr;
}

/** Where readLineSync reads: one buffer reused from line to line, grown for a longer one. */
let lineScratch = Buffer.allocUnsafe(16 * 1024);

/** The bytes from `offset` up to the next line break of an open file, decoded as UTF-8. */
function readLineSync(fd: number, offset: number): string {
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

export function joinPath(dir: string, name: string): string {
  return dir === '.' ? name : dir.endsWith('/') ? dir + name : `${dir}/${name}`;
}

/** The real file system; "-" as a path means standard input. */
export function nodeFileSystem(stdin: NodeJS.ReadableStream = process.stdin): FileSystem {
  // The file last re-read from stays open until the event loop next turns: a scan's second pass re-reads thousands of
  // lines of one JSONL file without yielding to it, and an open and a close per line cost more than the read.
  let open: { path: string; fd: number } | undefined;
  const closeOpen = () => {
    if (open) closeSync(open.fd);
    open = undefined;
  };
  const descriptorOf = (path: string): number => {
    if (open?.path === path) return open.fd;
    closeOpen();
    const fd = openSync(path, 'r');
    open = { path, fd };
    setImmediate(closeOpen);
    return fd;
  };
  return {
    sharedWithWorkers: true,
    async kind(path) {
      try {
        const s = await stat(path);
        return s.isFile() ? 'file' : s.isDirectory() ? 'directory' : 'other';
      } catch {
        return 'missing';
      }
    },
    list: (path) => readdir(path),
    readBytes: async (path) => new Uint8Array(await readFile(path)),
    lines(path) {
      const input = path === '-' ? stdin : createReadStream(path, { highWaterMark: 1 << 20 });
      return splitLines(input as AsyncIterable<Buffer>);
    },
    linePieces(path) {
      if (path === '-') return wholeLinePieces(stdin as AsyncIterable<Uint8Array>);
      return isDecodedLines(path) ? spilledLinePieces(path, wholeLinePieces) : fileLinePieces(path);
    },
    async lineAt(path, offset) {
      // Synchronous reads: a scan re-reads thousands of single lines, and a promise per read costs more than the read.
      return readLineSync(descriptorOf(isDecodedLines(path) ? await ensureSpill(path, wholeLinePieces) : path), offset);
    },
  };
}

/**
 * An in-memory tree for tests: keys are file paths, values their contents. Folders are implied by the paths.
 * `chunkSize` sets the size of the chunks files stream in (default: one chunk), to test what reads them.
 */
export function memoryFileSystem(files: Record<string, string | Uint8Array>, chunkSize?: number): FileSystem {
  const encoder = new TextEncoder();
  // Encoded once per content: a scan re-reads single lines of what may be a whole corpus in one string.
  const encoded = new Map<string, { content: string; bytes: Uint8Array }>();
  const bytes = (path: string): Uint8Array => {
    const content = Object.hasOwn(files, path) ? files[path] : undefined;
    if (content === undefined) throw Object.assign(new Error(`ENOENT: no such file '${path}'`), { code: 'ENOENT' });
    if (typeof content !== 'string') return content;
    const known = encoded.get(path);
    if (known?.content === content) return known.bytes;
    const fresh = encoder.encode(content);
    encoded.set(path, { content, bytes: fresh });
    return fresh;
  };
  // A decoded input's JSONL, kept whole once a line of it is read again: small test inputs only.
  const decoded = new Map<string, Promise<Uint8Array>>();
  const decodedOnce = (path: string): Promise<Uint8Array> => {
    let known = decoded.get(path);
    if (known === undefined) {
      known = (async () => {
        const parts: Uint8Array[] = [];
        for await (const part of decodedLines(path, memorySource(bytes(path)))) parts.push(part);
        return Buffer.concat(parts);
      })();
      decoded.set(path, known);
    }
    return known;
  };
  const isDir = (path: string) => Object.keys(files).some((f) => f.startsWith(path.endsWith('/') ? path : `${path}/`));
  // Not sharedWithWorkers: a worker thread has no way into these files, so what it would read again is read here.
  return {
    async kind(path) {
      if (Object.hasOwn(files, path)) return 'file';
      return path === '.' || isDir(path) ? 'directory' : 'missing';
    },
    async list(path) {
      if (path === '.') return [...new Set(Object.keys(files).map((f) => f.split('/')[0]!))];
      const prefix = path.endsWith('/') ? path : `${path}/`;
      const names = new Set<string>();
      for (const f of Object.keys(files)) if (f.startsWith(prefix)) names.add(f.slice(prefix.length).split('/')[0]!);
      return [...names];
    },
    readBytes: async (path) => bytes(path),
    lines: (path) => splitLines([Buffer.from(bytes(path))]),
    linePieces(path) {
      if (isDecodedLines(path)) return wholeLinePieces(decodedLines(path, memorySource(bytes(path))));
      const all = bytes(path);
      const size = chunkSize ?? Math.max(1, all.length);
      const chunks = function* () {
        for (let at = 0; at < all.length; at += size) yield all.slice(at, at + size);
      };
      return wholeLinePieces(chunks());
    },
    async lineAt(path, offset) {
      const held = isDecodedLines(path) ? await decodedOnce(path) : bytes(path);
      const all = Buffer.from(held.buffer, held.byteOffset, held.byteLength);
      const end = lineBreakAt(all, offset);
      return all.toString('utf8', offset, end === -1 ? all.length : end);
    },
  };
}
