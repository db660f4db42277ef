/**
 * The walk over the inputs: files, folders (sorted, dot-files left out, each real file once: see InputWalk) and
 * standard input, as pieces to read.
 */
import { extensionOf, HTML_EXTENSIONS, JSONL_EXTENSIONS, TEXT_EXTENSIONS, utf16Mark } from './article.js';
import { type FileSystem, FileTooLarge } from './file-system.js';
import { byCodeUnits, InputWalk } from './folder-walk.js';
import { isDecodedLines, isGzippedText } from './formats/index.js';
import { DEFAULT_MAX_ARTICLE_BYTES, type InputPiece, type ReadOptions, tooLargeReason } from './types.js';

function errorReason(error: unknown): string {
  const code = (error as { code?: string }).code;
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'ENOENT') return 'no such file or directory';
  if (code === 'EISDIR') return 'is a directory';
  return error instanceof Error ? error.message : String(error);
}

async function* filePieces(fs: FileSystem, path: string, maxBytes: number): AsyncGenerator<InputPiece> {
  let bytes: Uint8Array;
  try {
    bytes = await fs.readBytes(path, maxBytes);
  } catch (error) {
    const reason = error instanceof FileTooLarge ? tooLargeReason(error.bytes, error.maxBytes) : errorReason(error);
    yield { kind: 'skipped', skipped: { path, reason } };
    return;
  }
  yield { kind: 'file', path, bytes };
}

/** Why JSONL in UTF-16 is refused as a whole, with one message rather than one per line. */
export const UTF16_JSONL = 'UTF-16 text (it opens with a UTF-16 byte-order mark): JSONL is read as UTF-8; convert it first, e.g. iconv -f UTF-16 -t UTF-8';

async function* linePieces(fs: FileSystem, source: string, maxBytes: number): AsyncGenerator<InputPiece> {
  try {
    for await (const { offset, bytes, tooLong } of fs.linePieces(source, maxBytes)) {
      if (offset === 0 && utf16Mark(bytes) !== undefined) {
        yield { kind: 'skipped', skipped: { path: source, reason: UTF16_JSONL } };
        return;
      }
      yield tooLong === undefined ? { kind: 'lines', source, offset, bytes } : { kind: 'lines', source, offset, bytes, tooLong };
    }
  } catch (error) {
    yield { kind: 'lines-end', source, error: errorReason(error) };
    return;
  }
  yield { kind: 'lines-end', source };
}

/** Why standard input is not read when it does not start as JSONL does. */
export const STDIN_NOT_JSONL = 'standard input is not JSONL (one JSON object per line, starting with "{"): give neardup scan --stdin-text to read it as one plain-text article';

/**
 * JSONL on standard input, refused as a whole with one message (not one per line) when its first character that is not
 * white space is not "{": plain text piped in by mistake.
 */
async function* stdinPieces(fs: FileSystem, maxBytes: number): AsyncGenerator<InputPiece> {
  let checked = false;
  for await (const piece of linePieces(fs, '-', maxBytes)) {
    // Judged on the first piece that holds more than white space (and a byte-order mark), however many blank lines come first.
    const bytes = !checked && piece.kind === 'lines' && piece.tooLong === undefined ? piece.bytes : undefined;
    const at = bytes === undefined ? -1 : firstNonBlank(bytes);
    if (at >= 0) {
      checked = true;
      if (bytes![at] !== 0x7b) {
        yield { kind: 'skipped', skipped: { path: '-', reason: STDIN_NOT_JSONL } };
        return;
      }
    }
    yield piece;
  }
}

/** Index of the first byte that is not white space or part of a UTF-8 byte-order mark; -1 for none. */
function firstNonBlank(bytes: Uint8Array): number {
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i]!;
    if (b === 0x20 || b === 0x09 || b === 0x0a || b === 0x0d) continue;
    if (b === 0xef && bytes[i + 1] === 0xbb && bytes[i + 2] === 0xbf) {
      i += 2;
      continue;
    }
    return i;
  }
  return -1;
}

/**
 * The pieces of one file: JSONL (and what decodes to it: gzip'd JSONL, CSV, TSV, Parquet) as pieces of whole lines;
 * text and HTML (gzip'd too), or any file named as an input, whole; anything else ignored.
 */
async function* piecesOfFile(fs: FileSystem, path: string, explicit: boolean, maxBytes: number = DEFAULT_MAX_ARTICLE_BYTES): AsyncGenerator<InputPiece> {
  const ext = extensionOf(path);
  if (JSONL_EXTENSIONS.includes(ext) || isDecodedLines(path)) yield* linePieces(fs, path, maxBytes);
  else if (TEXT_EXTENSIONS.includes(ext) || HTML_EXTENSIONS.includes(ext) || isGzippedText(path) || explicit) yield* filePieces(fs, path, maxBytes);
  else yield { kind: 'ignored', path };
}

/**
 * The inputs as pieces to read, in a deterministic order: files, folders (recursive, sorted, dot-files left out, each
 * real file once: see InputWalk) and "-" (JSONL on standard input, or one text article with `stdinText`). Problems with
 * one input are `skipped` pieces and reading goes on. Paths are read, and ids made, as given: the CLI spells them with
 * inputPathName first. The inputs are read in code-unit order of their names, as a folder's entries are, whatever order
 * they were given in: which of two articles with one id is kept, and the order problems are reported in, do not
 * depend on it.
 */
export async function* inputPieces(paths: readonly string[], fs: FileSystem, options: Pick<ReadOptions, 'maxArticleBytes' | 'stdinText'> = {}): AsyncGenerator<InputPiece> {
  const maxBytes = options.maxArticleBytes ?? DEFAULT_MAX_ARTICLE_BYTES;
  const spelled = paths.map((path) => (path === '-' ? path : path.replace(/\\/g, '/').replace(/(.)\/+$/, '$1'))).sort(byCodeUnits);
  // Standard input given twice is read once, as a file named twice is: a second read would find it empty.
  const given = spelled.filter((path, at) => path !== '-' || spelled.indexOf('-') === at);
  const walk = await InputWalk.of(fs, given);
  for (const path of given) {
    if (path === '-') {
      yield* options.stdinText ? filePieces(fs, '-', maxBytes) : stdinPieces(fs, maxBytes);
      continue;
    }
    for await (const entry of walk.entries(path)) {
      if (entry.kind === 'file') yield* piecesOfFile(fs, entry.path, entry.explicit, maxBytes);
      else yield entry;
    }
  }
}
