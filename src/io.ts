import { createReadStream } from 'node:fs';
import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

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
  /** Lines of a text file (or of standard input for "-"), streamed. */
  lines(path: string): AsyncIterable<string>;
}

export function joinPath(dir: string, name: string): string {
  return dir === '.' ? name : dir.endsWith('/') ? dir + name : `${dir}/${name}`;
}

/** The real file system; "-" as a path means standard input. */
export function nodeFileSystem(stdin: NodeJS.ReadableStream = process.stdin): FileSystem {
  return {
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
      const input = path === '-' ? stdin : createReadStream(join(path));
      return createInterface({ input, crlfDelay: Infinity });
    },
  };
}

/** An in-memory tree for tests: keys are file paths, values their contents. Folders are implied by the paths. */
export function memoryFileSystem(files: Record<string, string | Uint8Array>): FileSystem {
  const encoder = new TextEncoder();
  const bytes = (path: string): Uint8Array => {
    const content = Object.hasOwn(files, path) ? files[path] : undefined;
    if (content === undefined) throw Object.assign(new Error(`ENOENT: no such file '${path}'`), { code: 'ENOENT' });
    return typeof content === 'string' ? encoder.encode(content) : content;
  };
  const isDir = (path: string) => Object.keys(files).some((f) => f.startsWith(path.endsWith('/') ? path : `${path}/`));
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
    async *lines(path) {
      const text = new TextDecoder().decode(bytes(path));
      // Like readline: no line for an empty file, none after a final newline.
      if (text !== '') yield* text.replace(/\r?\n$/, '').split(/\r?\n/);
    },
  };
}
