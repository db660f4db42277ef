/** Articles out of pieces of input: one per file or JSONL line, put back in their places, as ReadEvents. */
import { isUtf8 } from 'node:buffer';
import { articleFromFile, articleFromRecord } from './article.js';
import type { FileSystem } from './file-system.js';
import { lineRanges } from './line-pieces.js';
import { contentHash } from './content-hash.js';
import { isTabular } from './formats/index.js';
import {
  type ArticlePiece,
  type ArticleText,
  DEFAULT_MAX_ARTICLE_BYTES,
  DEFAULT_READ_OPTIONS,
  type InputPiece,
  NOT_UTF8_FIELD,
  NOT_UTF8_NOTE,
  type PieceRead,
  type PieceRecord,
  placeOf,
  type ReadEvent,
  type ReadOptions,
  type SkippedInput,
  tooLargeReason,
  UNREADABLE_RECORD_MARK,
} from './types.js';
import { inputPieces } from './walk.js';

export * from './types.js';
export { articleFromFile, articleFromHtml, articleFromRecord, decodeText, isArticleFile, parseDate } from './article.js';
export { inputPieces, STDIN_NOT_JSONL } from './walk.js';

const utf8 = new TextDecoder();

/** The articles of one piece: pure, so any thread can read pieces and the results be put back in order. */
export function readPiece(piece: ArticlePiece, options: ReadOptions): PieceRead {
  const maxBytes = options.maxArticleBytes ?? DEFAULT_MAX_ARTICLE_BYTES;
  if (piece.kind === 'file') {
    const article = piece.bytes.length > maxBytes ? { reason: tooLargeReason(piece.bytes.length, maxBytes) } : guarded(() => articleFromFile(piece.path, piece.bytes));
    return { records: ['reason' in article ? { kind: 'problem', reason: article.reason } : { kind: 'article', article }], lines: 0, nonBlank: 0 };
  }
  if (piece.tooLong !== undefined) return { records: [{ kind: 'problem', line: 1, reason: tooLargeReason(piece.tooLong, maxBytes) }], lines: 1, nonBlank: 1 };
  const records: PieceRecord[] = [];
  const ranges = lineRanges(piece.bytes);
  // Only the CSV decoder marks a record it could not read; a JSONL line that opens so is just not JSON.
  const tabular = isTabular(piece.source);
  let nonBlank = 0;
  for (let l = 0; l < ranges.length; l++) {
    const [start, end] = ranges[l]!;
    if (end - start > maxBytes) {
      nonBlank++;
      records.push({ kind: 'problem', line: l + 1, reason: tooLargeReason(end - start, maxBytes) });
      continue;
    }
    const bytes = piece.bytes.subarray(start, end);
    const line = utf8.decode(bytes).trim();
    if (line === '') continue;
    nonBlank++;
    // The decoder puts U+FFFD for bytes that are not UTF-8; a line that holds one is checked, and noted if so.
    const notUtf8 = line.includes('\ufffd') && !isUtf8(bytes);
    const record = guarded(() => recordOfLine(line, options, notUtf8, tabular));
    records.push('reason' in record ? { kind: 'problem', line: l + 1, reason: record.reason } : { kind: 'article', line: l + 1, offset: piece.offset + start, ...record });
  }
  return { records, lines: ranges.length, nonBlank };
}

/**
 * What reading one article gives, or the error it failed with as the reason it is skipped: no one article can end a
 * run (a page that defeats the HTML parser, say).
 */
function guarded<T extends object>(read: () => T | { reason: string }): T | { reason: string } {
  try {
    return read();
  } catch (error) {
    return { reason: `could not be read (${error instanceof Error ? error.message : String(error)})` };
  }
}

function recordOfLine(line: string, options: ReadOptions, notUtf8: boolean, tabular: boolean): { id?: string; contentKey?: string; article: ArticleText } | { reason: string } {
  if (tabular && line.startsWith(UNREADABLE_RECORD_MARK)) return { reason: line.slice(UNREADABLE_RECORD_MARK.length) };
  let record: unknown;
  try {
    record = JSON.parse(line);
  } catch (error) {
    return { reason: `malformed JSON (${(error as Error).message})` };
  }
  if (record === null || typeof record !== 'object' || Array.isArray(record)) return { reason: 'line is not a JSON object' };
  const fields = record as Record<string, unknown>;
  const read = articleFromRecord(fields, options);
  if ('reason' in read) return read;
  const article = notUtf8 || fields[NOT_UTF8_FIELD] === true ? { ...read, encodingNote: NOT_UTF8_NOTE } : read;
  const rawId = fields[options.idField];
  if (typeof rawId === 'number' && Number.isInteger(rawId) && !Number.isSafeInteger(rawId)) {
    const digits = integerAsWritten(line, options.idField);
    if (digits === undefined) {
      return { reason: `"${options.idField}" field is a number too large to read exactly (over 2^53); write it as a string` };
    }
    return { id: digits, article };
  }
  const id = typeof rawId === 'string' && rawId !== '' ? rawId : typeof rawId === 'number' ? String(rawId) : undefined;
  return id === undefined ? { contentKey: contentKeyOf(article.text), article } : { id, article };
}

/**
 * The digits of a JSON integer field as the line writes them: JSON.parse rounds an integer over 2^53 to a double, so
 * two such ids a unit apart become one (and one article is lost). Undefined unless the name appears once with an
 * integer value, so the digits cannot come from another field.
 */
function integerAsWritten(line: string, field: string): string | undefined {
  const name = JSON.stringify(field).replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const found = [...line.matchAll(new RegExp(`${name}\\s*:\\s*(-?\\d+)(?![\\d.eE])`, 'g'))];
  return found.length === 1 ? found[0]![1] : undefined;
}

/** Hex digits of the content hash that name a JSONL line without an id: 64 bits, so ids of a million lines never meet. */
const CONTENT_KEY_DIGITS = 16;

function contentKeyOf(text: string): string {
  return contentHash(text).slice(0, CONTENT_KEY_DIGITS);
}

/**
 * Puts the records of pieces, read in input order, back in their places: line numbers across a source's pieces, the
 * place messages name, the id of a line without one, and the end-of-source checks.
 */
export class PiecePlaces {
  private linesBefore = 0;
  private nonBlank = 0;
  /**
   * Lines of this source without an id, by content key: the first is `<source>#<key>`, the n-th `<source>#<key>-n`. A
   * number while a key has one line (almost always), so a million such lines cost a map entry each and no array.
   */
  private readonly linesByKey = new Map<string, number | number[]>();

  /**
   * Where a record of `piece` stands, and its id: a file's path; a JSONL line's id field, or failing that its source
   * and content key, so the id stays when lines are added or moved. Call for a piece's records before
   * `advance(piece)`; calling again for the same record gives the same answer.
   */
  place(piece: ArticlePiece, record: PieceRecord): { source: string; line?: number; id: string } {
    if (piece.kind === 'file') return { source: piece.path, id: piece.path };
    const line = this.linesBefore + record.line!;
    if (record.kind === 'article' && record.id !== undefined) return { source: piece.source, line, id: record.id };
    const key = record.kind === 'article' && record.contentKey !== undefined ? record.contentKey : `line-${line}`;
    return { source: piece.source, line, id: `${piece.source}#${key}${this.repeat(key, line)}` };
  }

  /** "" for the first line with this key, "-n" for the n-th. */
  private repeat(key: string, line: number): string {
    const known = this.linesByKey.get(key);
    if (known === undefined || known === line) {
      if (known === undefined) this.linesByKey.set(key, line);
      return '';
    }
    const lines = typeof known === 'number' ? [known] : known;
    if (lines !== known) this.linesByKey.set(key, lines);
    let n = lines.indexOf(line);
    if (n === -1) n = lines.push(line) - 1;
    return n === 0 ? '' : `-${n + 1}`;
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
    this.linesByKey.clear();
    if (piece.error !== undefined) return { path: piece.source, reason: `read failed ${linesBefore === 0 ? 'before its first line' : `after line ${linesBefore}`}: ${piece.error}` };
    return nonBlank === 0 ? { path: piece.source, reason: 'empty file' } : undefined;
  }
}

/**
 * Articles from files, folders (recursive, sorted, dot-files left out, each real file once) and "-" (JSONL on standard
 * input, or one text article with `stdinText`), in a deterministic order. Problems with one input are reported as
 * `skipped` events and reading goes on.
 */
export async function* readInputs(paths: readonly string[], fs: FileSystem, options: ReadOptions = DEFAULT_READ_OPTIONS): AsyncGenerator<ReadEvent> {
  const places = new PiecePlaces();
  for await (const piece of inputPieces(paths, fs, options)) {
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
