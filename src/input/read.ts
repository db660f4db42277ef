/** Articles out of pieces of input: one per file or JSONL line, put back in their places, as ReadEvents. */
import { articleFromFile, articleFromRecord } from './article.js';
import { type FileSystem, lineRanges } from './file-system.js';
import {
  type ArticlePiece,
  type ArticleText,
  DEFAULT_READ_OPTIONS,
  type InputPiece,
  type PieceRead,
  type PieceRecord,
  placeOf,
  type ReadEvent,
  type ReadOptions,
  type SkippedInput,
} from './types.js';
import { inputPieces } from './walk.js';

export * from './types.js';
export { articleFromFile, articleFromHtml, articleFromRecord, decodeText, isArticleFile, parseDate } from './article.js';
export { inputPieces } from './walk.js';

const utf8 = new TextDecoder();

/** The articles of one piece: pure, so any thread can read pieces and the results be put back in order. */
export function readPiece(piece: ArticlePiece, options: ReadOptions): PieceRead {
  if (piece.kind === 'file') {
    const article = articleFromFile(piece.path, piece.bytes);
    return { records: ['reason' in article ? { kind: 'problem', reason: article.reason } : { kind: 'article', article }], lines: 0, nonBlank: 0 };
  }
  const records: PieceRecord[] = [];
  const ranges = lineRanges(piece.bytes);
  let nonBlank = 0;
  for (let l = 0; l < ranges.length; l++) {
    const [start, end] = ranges[l]!;
    const line = utf8.decode(piece.bytes.subarray(start, end)).trim();
    if (line === '') continue;
    nonBlank++;
    const record = recordOfLine(line, options);
    records.push('reason' in record ? { kind: 'problem', line: l + 1, reason: record.reason } : { kind: 'article', line: l + 1, offset: piece.offset + start, ...record });
  }
  return { records, lines: ranges.length, nonBlank };
}

function recordOfLine(line: string, options: ReadOptions): { id?: string; article: ArticleText } | { reason: string } {
  let record: unknown;
  try {
    record = JSON.parse(line);
  } catch (error) {
    return { reason: `malformed JSON (${(error as Error).message})` };
  }
  if (record === null || typeof record !== 'object' || Array.isArray(record)) return { reason: 'line is not a JSON object' };
  const fields = record as Record<string, unknown>;
  const article = articleFromRecord(fields, options);
  if ('reason' in article) return article;
  const rawId = fields[options.idField];
  const id = typeof rawId === 'string' && rawId !== '' ? rawId : typeof rawId === 'number' ? String(rawId) : undefined;
  return id === undefined ? { article } : { id, article };
}

/**
 * Puts the records of pieces, read in input order, back in their places: line numbers across a source's pieces, the
 * place messages name, the id of a line without one, and the end-of-source checks.
 */
export class PiecePlaces {
  private linesBefore = 0;
  private nonBlank = 0;

  /** Where a record of `piece` stands. Call for a piece's records before `advance(piece)`. */
  place(piece: ArticlePiece, record: PieceRecord): { source: string; line?: number; id: string } {
    if (piece.kind === 'file') return { source: piece.path, id: piece.path };
    const line = this.linesBefore + record.line!;
    const id = record.kind === 'article' && record.id !== undefined ? record.id : `${piece.source}:${line}`;
    return { source: piece.source, line, id };
  }

  /** Counts a piece read as past. */
  advance(piece: ArticlePiece, read: PieceRead): void {
    if (piece.kind === 'file') return;
    this.linesBefore += read.lines;
    this.nonBlank += read.nonBlank;
  }

  /** What to report as a JSONL source ends, and a fresh count for the next. */
  end(piece: Extract<InputPiece, { kind: 'lines-end' }>): SkippedInput | undefined {
    const { linesBefore, nonBlank } = this;
    this.linesBefore = 0;
    this.nonBlank = 0;
    if (piece.error !== undefined) return { path: piece.source, reason: `read failed after line ${linesBefore}: ${piece.error}` };
    return nonBlank === 0 ? { path: piece.source, reason: 'empty file' } : undefined;
  }
}

/**
 * Articles from files, folders (recursive, sorted, dot-files left out) and "-" (JSONL on standard input), in a
 * deterministic order. Problems with one input are reported as `skipped` events and reading goes on.
 */
export async function* readInputs(paths: readonly string[], fs: FileSystem, options: ReadOptions = DEFAULT_READ_OPTIONS): AsyncGenerator<ReadEvent> {
  const places = new PiecePlaces();
  for await (const piece of inputPieces(paths, fs)) {
    if (piece.kind === 'skipped' || piece.kind === 'ignored') yield piece;
    else if (piece.kind === 'lines-end') {
      const skipped = places.end(piece);
      if (skipped) yield { kind: 'skipped', skipped };
    } else {
      const read = readPiece(piece, options);
      for (const record of read.records) {
        const { source, line, id } = places.place(piece, record);
        if (record.kind === 'problem') yield { kind: 'skipped', skipped: { path: placeOf({ source, line }), reason: record.reason } };
        else yield { kind: 'document', document: { id, source, ...(line === undefined ? {} : { line, offset: record.offset! }), ...record.article } };
      }
      places.advance(piece, read);
    }
  }
}
