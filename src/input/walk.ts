/** The walk over the inputs: files, folders (sorted, dot-files left out) and standard input, as pieces to read. */
import { extensionOf, HTML_EXTENSIONS, JSONL_EXTENSIONS, TEXT_EXTENSIONS } from './article.js';
import { type FileSystem, joinPath } from './file-system.js';
import { isDecodedLines, isGzippedText } from './formats/index.js';
import type { InputPiece } from './types.js';

function errorReason(error: unknown): string {
  const code = (error as { code?: string }).code;
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'ENOENT') return 'no such file or directory';
  if (code === 'EISDIR') return 'is a directory';
  return error instanceof Error ? error.message : String(error);
}

async function* filePieces(fs: FileSystem, path: string): AsyncGenerator<InputPiece> {
  try {
    yield { kind: 'file', path, bytes: await fs.readBytes(path) };
  } catch (error) {
    yield { kind: 'skipped', skipped: { path, reason: errorReason(error) } };
  }
}

async function* linePieces(fs: FileSystem, source: string): AsyncGenerator<InputPiece> {
  try {
    for await (const { offset, bytes } of fs.linePieces(source)) yield { kind: 'lines', source, offset, bytes };
  } catch (error) {
    yield { kind: 'lines-end', source, error: errorReason(error) };
    return;
  }
  yield { kind: 'lines-end', source };
}

async function* piecesOfFile(fs: FileSystem, path: string, explicit: boolean): AsyncGenerator<InputPiece> {
  const ext = extensionOf(path);
  if (JSONL_EXTENSIONS.includes(ext) || isDecodedLines(path)) yield* linePieces(fs, path);
  else if (TEXT_EXTENSIONS.includes(ext) || HTML_EXTENSIONS.includes(ext) || isGzippedText(path) || explicit) yield* filePieces(fs, path);
  else yield { kind: 'ignored', path };
}

/** Deeper folders are not entered: only a symbolic-link loop makes a tree this deep. */
const MAX_DEPTH = 40;

async function* walk(fs: FileSystem, dir: string, depth = 0): AsyncGenerator<InputPiece> {
  if (depth > MAX_DEPTH) {
    yield { kind: 'skipped', skipped: { path: dir, reason: `nested more than ${MAX_DEPTH} folders deep (a symbolic-link loop?)` } };
    return;
  }
  let names: string[];
  try {
    names = await fs.list(dir);
  } catch (error) {
    yield { kind: 'skipped', skipped: { path: dir, reason: errorReason(error) } };
    return;
  }
  // Code-unit order, not locale order, so every machine walks the same way.
  names.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  for (const name of names) {
    if (name.startsWith('.')) continue;
    const path = joinPath(dir, name);
    const kind = await fs.kind(path);
    if (kind === 'directory') yield* walk(fs, path, depth + 1);
    else if (kind === 'file') yield* piecesOfFile(fs, path, false);
    else yield { kind: 'ignored', path };
  }
}

/**
 * The inputs as pieces to read, in a deterministic order: files, folders (recursive, sorted, dot-files left out) and
 * "-" (JSONL on standard input). Problems with one input are `skipped` pieces and reading goes on.
 */
export async function* inputPieces(paths: readonly string[], fs: FileSystem): AsyncGenerator<InputPiece> {
  for (const given of paths) {
    const path = given === '-' ? given : given.replace(/\\/g, '/').replace(/(.)\/+$/, '$1');
    if (path === '-') {
      yield* linePieces(fs, '-');
      continue;
    }
    const kind = await fs.kind(path);
    if (kind === 'missing') yield { kind: 'skipped', skipped: { path, reason: 'no such file or directory' } };
    else if (kind === 'directory') yield* walk(fs, path);
    else if (kind === 'file') yield* piecesOfFile(fs, path, true);
    else yield { kind: 'skipped', skipped: { path, reason: 'not a regular file or directory' } };
  }
}
