import { closeSync, createReadStream, existsSync, openSync } from 'node:fs';
import { lstat, open as openFile, readdir, readFile, realpath, stat } from 'node:fs/promises';
import { escapedName, nameBytes } from './input-path.js';
import { decodedLines, isDecodedLines, memorySource } from './formats/index.js';
import { ensureSpill, spilledLinePieces } from './formats/spill.js';
import { fileLinePieces, readLineSync } from './file-lines.js';
import { type Line, type LinePiece, lineBreakAt, splitLines, wholeLinePieces } from './line-pieces.js';

export { type Line, type LinePiece, lineRanges, splitLines, wholeLinePieces } from './line-pieces.js';

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
  /** For `missing`: set when the path is there but may not be looked at (its folder cannot be searched). */
  readonly denied?: true;
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
      let denied = false;
      const own = await lstat(at(path)).catch((error: NodeJS.ErrnoException) => {
        denied = error.code === 'EACCES' || error.code === 'EPERM';
        return undefined;
      });
      if (own === undefined) return denied ? { kind: 'missing', isLink: false, denied: true } : { kind: 'missing', isLink: false };
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
