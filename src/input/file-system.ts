import { closeSync, createReadStream, existsSync, openSync, readSync } from 'node:fs';
import { lstat, open as openFile, readdir, readFile, realpath, stat } from 'node:fs/promises';
import { escapedName, nameBytes } from './input-path.js';
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
  /** A file's bytes; with `maxBytes`, a larger file is not read but fails with a {@link FileTooLarge}. */
  readBytes(path: string, maxBytes?: number): Promise<Uint8Array>;
  /**
   * Lines of a text file (or of standard input for "-"), streamed, each with the byte offset it starts at. Breaks are
   * \n, \r\n or a lone \r, as readline has them; no line after a final break.
   */
  lines(path: string): AsyncIterable<Line>;
  /**
   * A file's bytes (standard input's for "-") in pieces of whole lines, as {@link wholeLinePieces} cuts them: a file
   * system of other storage can hand its byte stream to wholeLinePieces. A line longer than `maxLineBytes` is not held:
   * it comes as a piece of its own with no bytes and its length in `tooLong`.
   */
  linePieces(path: string, maxLineBytes?: number): AsyncIterable<LinePiece>;
  /** The line starting at byte `offset` of a file, as `lines` gave it: so a scan can re-read one JSONL article. */
  lineAt(path: string, offset: number): Promise<string>;
  /**
   * What a path names, links followed, for a walk that must read each real file once and see symbolic-link loops;
   * absent from file systems without links (the in-memory one).
   */
  identify?(path: string): Promise<PathIdentity>;
  /** Whether worker threads can read the same paths through a nodeFileSystem() of their own: the real file system. */
  readonly sharedWithWorkers?: boolean;
}

/** What a path names: its kind, and for one that exists, its device and inode and its real path (links resolved). */
export interface PathIdentity {
  readonly kind: PathKind;
  /** Device and inode, "dev:ino": the same for every path to one file or folder. */
  readonly key?: string;
  /** Whether the path itself is a symbolic link (for `missing`: a link that leads nowhere, or round in a loop). */
  readonly isLink: boolean;
  /** The path with every link resolved, absolute. */
  readonly realPath?: string;
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
  /**
   * Set for a line longer than the reader was allowed to hold: its length in bytes (without its break). The piece is
   * that one line, not held (`bytes` is empty); the next piece starts after its break.
   */
  readonly tooLong?: number;
}

/** A file larger than a reader was allowed to read: how a FileSystem's readBytes refuses it. */
export class FileTooLarge extends Error {
  override readonly name = 'FileTooLarge';
  constructor(
    readonly bytes: number,
    readonly maxBytes: number,
  ) {
    super(`${bytes} bytes, over the limit of ${maxBytes}`);
  }
}

const NO_BYTES = new Uint8Array(0);

function asBuffer(bytes: Uint8Array): Buffer {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

/** Bytes a piece of whole lines holds, about (it is cut after the last \n within): a task for one thread. */
const PIECE_BYTES = 1 << 20;

/**
 * Regroups chunks into pieces of about `size` bytes cut just after a \n, so each holds whole lines (a \r\n is never
 * split) and can be read on its own, by another thread if need be. Each piece is a buffer of its own, written once:
 * structured cloning a view would copy all of the buffer under it, and every fresh MiB costs its page faults again
 * (copying chunks together and then slicing the cut would take three fresh buffers a piece). A line
 * that grows past `maxLineBytes` before it ends is dropped as it streams by, never held whole: it comes as a piece of
 * its own with `tooLong` set (a shorter line that is still too long is for the reader of the piece to refuse).
 */
export async function* wholeLinePieces(chunks: AsyncIterable<Uint8Array> | Iterable<Uint8Array>, size = PIECE_BYTES, maxLineBytes = Infinity): AsyncGenerator<LinePiece> {
  // Bytes after the last cut, as views of the chunks they came in: copied once, into the piece they end up in.
  let parts: Uint8Array[] = [];
  let held = 0;
  let offset = 0;
  // Bytes held of the line under way (after the last \n seen), tracked only where lines are bounded.
  let tail = 0;
  // Bytes of an over-long line dropped so far, or -1.
  let dropped = -1;
  for await (let chunk of chunks) {
    if (chunk.length === 0) continue;
    if (dropped >= 0) {
      const end = asBuffer(chunk).indexOf(LF);
      if (end === -1) {
        dropped += chunk.length;
        continue;
      }
      yield { offset, bytes: NO_BYTES, tooLong: dropped + end };
      offset += dropped + end + 1;
      dropped = -1;
      chunk = chunk.subarray(end + 1);
      if (chunk.length === 0) continue;
    }
    if (maxLineBytes !== Infinity) {
      const last = asBuffer(chunk).lastIndexOf(LF);
      tail = last === -1 ? tail + chunk.length : chunk.length - last - 1;
      if (tail > maxLineBytes) {
        // The whole lines before the one under way go as a piece; that line is dropped from here on.
        const before = held + chunk.length - tail;
        if (before > 0) {
          const fromChunk = before - held;
          const bytes = fromChunk >= 0 ? concatBytes([...parts, chunk.subarray(0, fromChunk)], before) : concatBytes(parts, held).subarray(0, before);
          yield { offset, bytes };
          offset += before;
        }
        dropped = tail;
        parts = [];
        held = 0;
        tail = 0;
        continue;
      }
    }
    // Buffer's lastIndexOf is memrchr; a typed array's walks byte by byte.
    const lastBreak = held + chunk.length < size ? -1 : asBuffer(chunk).lastIndexOf(LF);
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
  if (dropped >= 0) yield { offset, bytes: NO_BYTES, tooLong: dropped };
  else if (held > 0) yield { offset, bytes: concatBytes(parts, held) };
}

/**
 * A file's pieces of whole lines, cut where wholeLinePieces cuts the file's stream in chunks of `size` (unless a line is
 * longer than that: it is read on, twice as much each time), and read straight into each piece's buffer: a read
 * stream's chunks would be fresh buffers of their own, copied again into the pieces (a 70 MB scan: 50 ms). The next
 * piece is read while this one is handed on, as a stream reads ahead.
 */
async function* fileLinePieces(path: string | Buffer, size = PIECE_BYTES, maxLineBytes = Infinity): AsyncGenerator<LinePiece> {
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

/** A stream's bytes (standard input's), read to its end; past `maxBytes`, a FileTooLarge once the stream has ended. */
async function bytesOfStream(stream: NodeJS.ReadableStream, maxBytes = Infinity): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  let length = 0;
  for await (const chunk of stream as AsyncIterable<Buffer | string>) {
    const bytes = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk;
    length += bytes.length;
    // Past the limit the rest is only counted, so the message can say how large it was.
    if (length <= maxBytes) chunks.push(bytes);
  }
  if (length > maxBytes) throw new FileTooLarge(length, maxBytes);
  return new Uint8Array(Buffer.concat(chunks));
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
  const descriptorOf = (path: string, bytesPath: string | Buffer): number => {
    if (open?.path === path) return open.fd;
    closeOpen();
    const fd = openSync(bytesPath, 'r');
    open = { path, fd };
    setImmediate(closeOpen);
    return fd;
  };
  // Paths whose names are not UTF-8, as listed (escaped, see escapedName) to their bytes.
  const escaped = new Map<string, Buffer>();
  const at = (path: string): string | Buffer => {
    const bytes = escaped.get(path);
    if (bytes !== undefined) return bytes;
    // A path escaped by another thread's listing (a worker reading a document again): its bytes, unless the name is
    // spelled that way on disk.
    if (/%[0-9A-F]{2}/.test(path) && !existsSync(path)) return nameBytes(path);
    return path;
  };
  const kindOf = (s: { isFile(): boolean; isDirectory(): boolean }): PathKind => (s.isFile() ? 'file' : s.isDirectory() ? 'directory' : 'other');
  return {
    sharedWithWorkers: true,
    async kind(path) {
      try {
        return kindOf(await stat(at(path)));
      } catch {
        return 'missing';
      }
    },
    async list(path) {
      const folder = at(path);
      const names = await readdir(folder, { encoding: 'buffer' });
      return names.map((bytes) => {
        const name = escapedName(bytes);
        const plain = typeof folder === 'string' && name === bytes.toString('utf8') && !/%[0-9A-F]{2}/.test(name);
        if (!plain) escaped.set(joinPath(path, name), Buffer.concat([typeof folder === 'string' ? Buffer.from(folder, 'utf8') : folder, Buffer.from('/'), bytes]));
        return name;
      });
    },
    async identify(path) {
      const own = await lstat(at(path)).catch(() => undefined);
      if (own === undefined) return { kind: 'missing', isLink: false };
      const isLink = own.isSymbolicLink();
      const target = isLink ? await stat(at(path)).catch(() => undefined) : own;
      if (target === undefined) return { kind: 'missing', isLink };
      const real = await realpath(at(path), { encoding: 'buffer' });
      return { kind: kindOf(target), key: `${target.dev}:${target.ino}`, isLink, realPath: escapedName(real) };
    },
    async readBytes(path, maxBytes) {
      if (path === '-') return bytesOfStream(stdin, maxBytes);
      if (maxBytes === undefined) return new Uint8Array(await readFile(at(path)));
      // The size is taken from the open file, so a file is never read whole past the limit.
      const handle = await openFile(at(path), 'r');
      try {
        const { size } = await handle.stat();
        if (size > maxBytes) throw new FileTooLarge(size, maxBytes);
        return new Uint8Array(await handle.readFile());
      } finally {
        await handle.close();
      }
    },
    lines(path) {
      const input = path === '-' ? stdin : createReadStream(at(path), { highWaterMark: 1 << 20 });
      return splitLines(input as AsyncIterable<Buffer>);
    },
    linePieces(path, maxLineBytes) {
      if (path === '-') return wholeLinePieces(stdin as AsyncIterable<Uint8Array>, undefined, maxLineBytes);
      if (isDecodedLines(path)) return spilledLinePieces(path, (chunks) => wholeLinePieces(chunks, undefined, maxLineBytes));
      return fileLinePieces(at(path), undefined, maxLineBytes);
    },
    async lineAt(path, offset) {
      // Synchronous reads: a scan re-reads thousands of single lines, and a promise per read costs more than the read.
      if (isDecodedLines(path)) {
        const spill = await ensureSpill(path, wholeLinePieces);
        return readLineSync(descriptorOf(spill, spill), offset);
      }
      return readLineSync(descriptorOf(path, at(path)), offset);
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
    async readBytes(path, maxBytes) {
      const all = bytes(path);
      if (maxBytes !== undefined && all.length > maxBytes) throw new FileTooLarge(all.length, maxBytes);
      return all;
    },
    lines: (path) => splitLines([Buffer.from(bytes(path))]),
    linePieces(path, maxLineBytes) {
      if (isDecodedLines(path)) return wholeLinePieces(decodedLines(path, memorySource(bytes(path))), undefined, maxLineBytes);
      const all = bytes(path);
      const size = chunkSize ?? Math.max(1, all.length);
      const chunks = function* () {
        for (let at = 0; at < all.length; at += size) yield all.slice(at, at + size);
      };
      return wholeLinePieces(chunks(), undefined, maxLineBytes);
    },
    async lineAt(path, offset) {
      const held = isDecodedLines(path) ? await decodedOnce(path) : bytes(path);
      const all = Buffer.from(held.buffer, held.byteOffset, held.byteLength);
      const end = lineBreakAt(all, offset);
      return all.toString('utf8', offset, end === -1 ? all.length : end);
    },
  };
}
