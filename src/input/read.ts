import { datelineDate } from './extract/dateline.js';
import { extractArticle } from './extract/html.js';
import { FileTooLarge, type FileSystem, lineRanges } from './file-system.js';
import { InputWalk } from './folder-walk.js';
import { contentHash } from '../sketch/content-hash.js';

/** One article as read from the inputs, before any processing. */
export interface SourceDocument {
  /**
   * Path as reached from the argument (POSIX separators), or the JSONL id; a line without one is `<file>#<key>`, the key
   * the first 16 hex digits of its text's SHA-256 (`-2`, `-3` … after it for the same text again in that file).
   */
  readonly id: string;
  readonly text: string;
  /** Publication time in ISO 8601, where the input gave one that parses. */
  readonly date?: string;
  /** File the article came from ("-" for standard input). */
  readonly source: string;
  /** 1-based line of a JSONL article. */
  readonly line?: number;
  /** Byte offset of a JSONL article's line, for reading it again. */
  readonly offset?: number;
  /** For an article taken from HTML: set when no article was found and all the page's visible text was used, saying why. */
  readonly extractionNote?: string;
}

/** Where an article stands, as messages name it: its file, or `<file>:<line>` for a JSONL line. */
export function placeOf(doc: { readonly source: string; readonly line?: number }): string {
  return doc.line === undefined ? doc.source : `${doc.source}:${doc.line}`;
}

/** An input that could not be used, and why. */
export interface SkippedInput {
  readonly path: string;
  readonly reason: string;
}

export interface ReadOptions {
  /** JSONL field holding the id; default "id". */
  readonly idField: string;
  /** JSONL field holding the text; default "text". */
  readonly textField: string;
  /** JSONL field holding the publication date; default "date". */
  readonly dateField: string;
  /** JSONL field holding the page's HTML, read where the text field is absent; default "html". */
  readonly htmlField: string;
  /**
   * Largest article read, in bytes: a larger file, or JSONL line, is skipped unread (a line is passed over as it
   * streams by); default {@link DEFAULT_MAX_ARTICLE_BYTES}.
   */
  readonly maxArticleBytes?: number;
  /** Read standard input ("-") as one plain-text article, not as JSONL; default false. */
  readonly stdinText?: boolean;
}

/** Largest article read by default, in bytes: 10 MB, some two hundred times a long news story. */
export const DEFAULT_MAX_ARTICLE_BYTES = 10_000_000;

/** Why an article over the size limit is skipped. */
export function tooLargeReason(bytes: number, maxBytes: number): string {
  return `too large: ${bytes} bytes, over the article size limit of ${maxBytes} (--max-article-bytes)`;
}

export const DEFAULT_READ_OPTIONS: ReadOptions = { idField: 'id', textField: 'text', dateField: 'date', htmlField: 'html' };

export type ReadEvent =
  | { readonly kind: 'document'; readonly document: SourceDocument }
  | { readonly kind: 'skipped'; readonly skipped: SkippedInput }
  | { readonly kind: 'ignored'; readonly path: string };

const TEXT_EXTENSIONS = ['.txt', '.md', '.text'];
const HTML_EXTENSIONS = ['.html', '.htm'];
const JSONL_EXTENSIONS = ['.jsonl', '.ndjson'];

function extensionOf(path: string): string {
  const name = path.slice(path.lastIndexOf('/') + 1);
  const dot = name.lastIndexOf('.');
  return dot > 0 ? name.slice(dot).toLowerCase() : '';
}

/** Whether a folder walk would read this file as articles. */
export function isArticleFile(path: string): boolean {
  const ext = extensionOf(path);
  return TEXT_EXTENSIONS.includes(ext) || HTML_EXTENSIONS.includes(ext) || JSONL_EXTENSIONS.includes(ext);
}

/** An article's text with what was learned about it on the way: the date and, for HTML, how its text was found. */
export interface ArticleText {
  readonly text: string;
  readonly date?: string;
  readonly extractionNote?: string;
}

/** The article in an HTML page: Readability's article, or all visible text with a note; the page's date, else a dateline. */
export function articleFromHtml(html: string): ArticleText | { reason: string } {
  const article = extractArticle(html);
  if (article.text.trim() === '') return { reason: 'no visible text in the HTML page' };
  const date = article.date ?? datelineDate(article.text);
  return {
    text: article.text,
    ...(date === undefined ? {} : { date }),
    ...(article.note === undefined ? {} : { extractionNote: article.note }),
  };
}

/**
 * The article in a file's bytes: HTML pages by extension, anything else as plain text dated by its dateline. With
 * `dated` false (a text read again, whose date is known), plain text is not searched for a dateline.
 */
export function articleFromFile(path: string, bytes: Uint8Array, dated = true): ArticleText | { reason: string } {
  const decoded = decodeText(bytes);
  if ('reason' in decoded) return decoded;
  if (HTML_EXTENSIONS.includes(extensionOf(path))) return articleFromHtml(decoded.text);
  if (!dated) return decoded;
  const date = datelineDate(decoded.text);
  return date === undefined ? decoded : { text: decoded.text, date };
}

/**
 * The article in a JSONL record: the text field, or failing that the HTML field (extracted). The date field wins over
 * a date found in the page or a dateline. With `dated` false (a record read again, whose date is known), a text field
 * is taken as it is, with no date sought.
 */
export function articleFromRecord(fields: Record<string, unknown>, options: ReadOptions, dated = true): ArticleText | { reason: string } {
  const text = fields[options.textField];
  const html = fields[options.htmlField];
  if (typeof text === 'string') {
    if (text.trim() === '') return { reason: `empty "${options.textField}" field` };
    const date = dated ? (parseDate(fields[options.dateField]) ?? datelineDate(text)) : undefined;
    return date === undefined ? { text } : { text, date };
  }
  if (typeof html !== 'string') return { reason: `no "${options.textField}" or "${options.htmlField}" string field` };
  if (html.trim() === '') return { reason: `empty "${options.htmlField}" field` };
  const article = articleFromHtml(html);
  const given = parseDate(fields[options.dateField]);
  if ('reason' in article || given === undefined) return article;
  return { ...article, date: given };
}

const MONTHS: Readonly<Record<string, string>> = {
  jan: '01', feb: '02', mar: '03', apr: '04', may: '05', jun: '06', jul: '07', aug: '08', sep: '09', oct: '10', nov: '11', dec: '12',
};

/** ISO form of a parsed date-time, or undefined when it does not parse or names a day the calendar lacks (31 February). */
function calendarDate(text: string, year: number, month: number, day: number): string | undefined {
  const time = Date.parse(text);
  if (Number.isNaN(time)) return undefined;
  const date = new Date(time);
  // A zone offset may move the UTC day by one, so compare against the local-to-the-text day of the naive parse.
  const naive = new Date(Date.UTC(year, month - 1, day));
  if (naive.getUTCFullYear() !== year || naive.getUTCMonth() !== month - 1 || naive.getUTCDate() !== day) return undefined;
  return date.toISOString();
}

/** A date value as ISO 8601 (UTC), or undefined when it does not parse. Accepts ISO forms and Reuters' "26-FEB-1987 15:01:01.79". */
export function parseDate(value: unknown): string | undefined {
  if (typeof value === 'number' && Number.isFinite(value)) {
    // Seconds or milliseconds since the epoch, told apart by size.
    const ms = value < 1e11 ? value * 1000 : value;
    return new Date(ms).toISOString();
  }
  if (typeof value !== 'string') return undefined;
  const s = value.trim();
  const reuters = /^(\d{1,2})-([A-Za-z]{3})-(\d{4})(?:\s+(\d{1,2}):(\d{2}):(\d{2})(?:\.(\d+))?)?$/.exec(s);
  if (reuters) {
    const month = MONTHS[reuters[2]!.toLowerCase()];
    if (!month) return undefined;
    const [, day, , year, hh = '00', mm = '00', ss = '00', frac = '0'] = reuters;
    const ms = Math.round(Number(`0.${frac}`) * 1000);
    const iso = `${year}-${month}-${day!.padStart(2, '0')}T${hh.padStart(2, '0')}:${mm}:${ss}.${String(ms).padStart(3, '0')}Z`;
    return calendarDate(iso, Number(year), Number(month), Number(day));
  }
  const ymd = /^(\d{4})-(\d{2})-(\d{2})/.exec(s);
  if (!ymd) return undefined;
  // A time without a zone is read as UTC, so the result never depends on the machine's time zone.
  const withZone = /^\d{4}-\d{2}-\d{2}$/.test(s) ? `${s}T00:00:00Z` : /T[\d:.]+$/.test(s) ? `${s}Z` : s;
  return calendarDate(withZone, Number(ymd[1]), Number(ymd[2]), Number(ymd[3]));
}

/** Decodes a file's bytes as UTF-8 text, or says why it is not an article. */
export function decodeText(bytes: Uint8Array): { text: string } | { reason: string } {
  const probe = bytes.subarray(0, 8192);
  if (probe.includes(0)) return { reason: 'binary file (contains NUL bytes)' };
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    return { reason: 'not valid UTF-8 text' };
  }
  if (text.trim() === '') return { reason: 'empty file' };
  return { text };
}

function errorReason(error: unknown): string {
  const code = (error as { code?: string }).code;
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'ENOENT') return 'no such file or directory';
  if (code === 'EISDIR') return 'is a directory';
  return error instanceof Error ? error.message : String(error);
}

/** Pass 1's unit of reading: whole JSONL lines of one source, or one file; in input order, with news about inputs. */
export type InputPiece =
  /** `tooLong`: the piece is one line over the size limit, not held (see LinePiece). */
  | { readonly kind: 'lines'; readonly source: string; readonly offset: number; readonly bytes: Uint8Array; readonly tooLong?: number }
  | { readonly kind: 'file'; readonly path: string; readonly bytes: Uint8Array }
  /** A JSONL source is over (`error`: reading it failed part-way). */
  | { readonly kind: 'lines-end'; readonly source: string; readonly error?: string }
  | { readonly kind: 'skipped'; readonly skipped: SkippedInput }
  | { readonly kind: 'ignored'; readonly path: string };

/** A piece that holds articles: what readPiece reads, on any thread. */
export type ArticlePiece = Extract<InputPiece, { kind: 'lines' | 'file' }>;

/** Whether a piece came from standard input, which cannot be read again: its texts are kept. */
export function isFromStdin(piece: ArticlePiece): boolean {
  return (piece.kind === 'lines' ? piece.source : piece.path) === '-';
}

/** An article found in a piece, or the reason a line or file holds none. Lines count from the piece's first (1). */
export type PieceRecord =
  | {
      readonly kind: 'article';
      readonly line?: number;
      readonly offset?: number;
      /** The JSONL id field, when it has one. */
      readonly id?: string;
      /** For a JSONL line without an id: the start of its text's content hash, which its id is made from. */
      readonly contentKey?: string;
      readonly article: ArticleText;
    }
  | { readonly kind: 'problem'; readonly line?: number; readonly reason: string };

export interface PieceRead {
  readonly records: PieceRecord[];
  /** Lines in the piece, blank ones included (0 for a file). */
  readonly lines: number;
  readonly nonBlank: number;
}

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
  let nonBlank = 0;
  for (let l = 0; l < ranges.length; l++) {
    const [start, end] = ranges[l]!;
    if (end - start > maxBytes) {
      nonBlank++;
      records.push({ kind: 'problem', line: l + 1, reason: tooLargeReason(end - start, maxBytes) });
      continue;
    }
    const line = utf8.decode(piece.bytes.subarray(start, end)).trim();
    if (line === '') continue;
    nonBlank++;
    const record = guarded(() => recordOfLine(line, options));
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

function recordOfLine(line: string, options: ReadOptions): { id?: string; contentKey?: string; article: ArticleText } | { reason: string } {
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
  return id === undefined ? { contentKey: contentKeyOf(article.text), article } : { id, article };
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
    if (piece.error !== undefined) return { path: piece.source, reason: `read failed after line ${linesBefore}: ${piece.error}` };
    return nonBlank === 0 ? { path: piece.source, reason: 'empty file' } : undefined;
  }
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

async function* linePieces(fs: FileSystem, source: string, maxBytes: number): AsyncGenerator<InputPiece> {
  try {
    for await (const { offset, bytes, tooLong } of fs.linePieces(source, maxBytes)) {
      yield tooLong === undefined ? { kind: 'lines', source, offset, bytes } : { kind: 'lines', source, offset, bytes, tooLong };
    }
  } catch (error) {
    yield { kind: 'lines-end', source, error: errorReason(error) };
    return;
  }
  yield { kind: 'lines-end', source };
}

/** Why standard input is not read when it does not start as JSONL does. */
export const STDIN_NOT_JSONL = 'standard input is not JSONL (one JSON object per line, starting with "{"): give --stdin-text to read it as one plain-text article';

/**
 * JSONL on standard input, refused as a whole with one message (not one per line) when its first character that is not
 * white space is not "{": plain text piped in by mistake.
 */
async function* stdinPieces(fs: FileSystem, maxBytes: number): AsyncGenerator<InputPiece> {
  let checked = false;
  for await (const piece of linePieces(fs, '-', maxBytes)) {
    if (!checked && piece.kind === 'lines' && piece.tooLong === undefined) {
      const first = new TextDecoder().decode(piece.bytes.subarray(0, 4096)).trimStart();
      checked = first !== '';
      if (!first.startsWith('{')) {
        yield { kind: 'skipped', skipped: { path: '-', reason: STDIN_NOT_JSONL } };
        return;
      }
    }
    yield piece;
  }
}

async function* piecesOfFile(fs: FileSystem, path: string, explicit: boolean, maxBytes: number): AsyncGenerator<InputPiece> {
  const ext = extensionOf(path);
  if (JSONL_EXTENSIONS.includes(ext)) yield* linePieces(fs, path, maxBytes);
  else if (TEXT_EXTENSIONS.includes(ext) || HTML_EXTENSIONS.includes(ext) || explicit) yield* filePieces(fs, path, maxBytes);
  else yield { kind: 'ignored', path };
}

/**
 * The inputs as pieces to read, in a deterministic order: files, folders (recursive, sorted, dot-files left out, each
 * real file once: see InputWalk) and "-" (JSONL on standard input). Problems with one input are `skipped` pieces and
 * reading goes on. Paths are read, and ids made, as given: the CLI spells them with inputPathName first.
 */
export async function* inputPieces(paths: readonly string[], fs: FileSystem, options: Pick<ReadOptions, 'maxArticleBytes' | 'stdinText'> = {}): AsyncGenerator<InputPiece> {
  const maxBytes = options.maxArticleBytes ?? DEFAULT_MAX_ARTICLE_BYTES;
  const given = paths.map((path) => (path === '-' ? path : path.replace(/\\/g, '/').replace(/(.)\/+$/, '$1')));
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

/**
 * Articles from files, folders (recursive, sorted, dot-files left out) and "-" (JSONL on standard input), in a
 * deterministic order. Problems with one input are reported as `skipped` events and reading goes on.
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
