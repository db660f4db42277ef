/** One article from a file's bytes or a JSONL record: decoding, HTML extraction, and the date the input gives. */
import { datelineDate } from './extract/dateline.js';
import { extractArticle } from './extract/html.js';
import { gunzippedText, isDecodedLines, isGzippedText } from './formats/index.js';
import type { ArticleText, ReadOptions } from './types.js';
import { decodeDeclared } from './extract/charset.js';
import { monthNumber, parseDateValue } from './extract/dates.js';

export const TEXT_EXTENSIONS = ['.txt', '.md', '.text'];
export const HTML_EXTENSIONS = ['.html', '.htm'];
export const JSONL_EXTENSIONS = ['.jsonl', '.ndjson'];

export function extensionOf(path: string): string {
  const name = path.slice(path.lastIndexOf('/') + 1);
  const dot = name.lastIndexOf('.');
  return dot > 0 ? name.slice(dot).toLowerCase() : '';
}

/** Whether a folder walk would read this file as articles. */
export function isArticleFile(path: string): boolean {
  const ext = extensionOf(path);
  return TEXT_EXTENSIONS.includes(ext) || HTML_EXTENSIONS.includes(ext) || JSONL_EXTENSIONS.includes(ext) || isDecodedLines(path) || isGzippedText(path);
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
  const gzipped = isGzippedText(path);
  const unzipped = gzipped ? gunzippedText(bytes) : bytes;
  if ('reason' in unzipped) return unzipped;
  const html = HTML_EXTENSIONS.includes(extensionOf(gzipped ? path.slice(0, -3) : path));
  const decoded = decodeText(unzipped, html);
  if ('reason' in decoded) return decoded;
  if (html) return articleFromHtml(decoded.text);
  if (!dated) return decoded;
  const date = datelineDate(decoded.text);
  return date === undefined ? decoded : { text: decoded.text, date };
}

/**
 * The article in a JSONL record: the text field, or where it is missing or empty the HTML field (extracted). The date field wins over
 * a date found in the page or a dateline. With `dated` false (a record read again, whose date is known), a text field
 * is taken as it is, with no date sought.
 */
export function articleFromRecord(fields: Record<string, unknown>, options: ReadOptions, dated = true): ArticleText | { reason: string } {
  const text = fields[options.textField];
  const html = fields[options.htmlField];
  // An empty text beside a page's HTML (a CSV export has both columns in every row) falls back to the HTML.
  const htmlGiven = typeof html === 'string' && html.trim() !== '';
  if (typeof text === 'string' && (text.trim() !== '' || !htmlGiven)) {
    if (text.trim() === '') return { reason: `empty "${options.textField}" field` };
    if (!dated) return { text };
    const given = parseDate(fields[options.dateField]);
    const date = given ?? datelineDate(text);
    const note = given === undefined ? unreadDateNote(fields[options.dateField], options.dateField, date !== undefined) : undefined;
    return { text, ...(date === undefined ? {} : { date }), ...(note === undefined ? {} : { dateNote: note }) };
  }
  if (typeof html !== 'string') return { reason: `no "${options.textField}" or "${options.htmlField}" string field` };
  if (html.trim() === '') return { reason: `empty "${options.htmlField}" field` };
  const article = articleFromHtml(html);
  const given = parseDate(fields[options.dateField]);
  if ('reason' in article) return article;
  if (given !== undefined) return { ...article, date: given };
  const note = dated ? unreadDateNote(fields[options.dateField], options.dateField, article.date !== undefined) : undefined;
  return note === undefined ? article : { ...article, dateNote: note };
}

/**
 * What a record's date field that holds something no date reads as means for the article, or undefined when the field
 * is absent or empty: a date neardup cannot read must not pass unseen, as it decides canonicals and rewrite windows.
 */
function unreadDateNote(value: unknown, field: string, datedOtherwise: boolean): string | undefined {
  if (value === undefined || value === null || (typeof value === 'string' && value.trim() === '')) return undefined;
  const shown = typeof value === 'string' ? JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value) : typeof value === 'object' ? 'an object' : String(value);
  return `"${field}" field holds ${shown}, not a date neardup reads (ISO 8601, RFC 2822, "12 September 2023", seconds or milliseconds since 1970): ${datedOtherwise ? "the date in the article's text is used" : 'the article is undated'}`;
}

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

/**
 * A date value as ISO 8601 (UTC), or undefined when it does not parse. Accepts ISO forms, Reuters' "26-FEB-1987
 * 15:01:01.79", and the forms of a page's metadata (extract/dates.ts: RFC 2822, "12 September 2023", …).
 */
export function parseDate(value: unknown): string | undefined {
  if (typeof value === 'number' && Number.isFinite(value)) {
    // Seconds or milliseconds since the epoch, told apart by size, before 1970 as after.
    const time = new Date(Math.abs(value) < 1e11 ? value * 1000 : value).getTime();
    // Beyond ±8.64e15 ms (some 275,000 years) there is no date: the value is not one.
    return Number.isNaN(time) ? undefined : new Date(time).toISOString();
  }
  if (typeof value !== 'string') return undefined;
  const s = value.trim();
  // Seconds or milliseconds since 1970 written as text, as a CSV holds every number (8 digits are a day: 20230912).
  if (/^\d{9,13}(?:\.\d+)?$/.test(s)) return parseDate(Number(s));
  // Reuters-21578 follows some dates with codes or a remark ("27-MAR-1987 00:02:59.13RM", "… # date added by …"):
  // a tail without digits is not part of the date.
  const reuters = /^(\d{1,2})-([A-Za-z]{3})-(\d{4})(?:\s+(\d{1,2}):(\d{2}):(\d{2})(?:\.(\d+))?)?(?:\s*[^\d\s.:]\D*)?$/.exec(s);
  if (reuters) {
    const month = monthNumber(reuters[2]!);
    if (month === undefined) return undefined;
    const [, day, , year, hh = '00', mm = '00', ss = '00', frac = '0'] = reuters;
    const ms = Math.round(Number(`0.${frac}`) * 1000);
    const iso = `${year}-${String(month).padStart(2, '0')}-${day!.padStart(2, '0')}T${hh.padStart(2, '0')}:${mm}:${ss}.${String(ms).padStart(3, '0')}Z`;
    return calendarDate(iso, Number(year), Number(month), Number(day));
  }
  // ISO 8601 and the other forms of a page's metadata (extract/dates.ts), read by rule: Date.parse would read what they
  // refuse ("2023-09-12, 08:15") in the machine's time zone, so the same input would be dated otherwise elsewhere.
  return parseDateValue(s);
}

/** The UTF-16 encoding a byte-order mark opening `bytes` names, or undefined. */
export function utf16Mark(bytes: Uint8Array): 'utf-16le' | 'utf-16be' | undefined {
  if (bytes.length < 2) return undefined;
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return 'utf-16le';
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return 'utf-16be';
  return undefined;
}

/**
 * Decodes a file's bytes as UTF-8 text (UTF-16 where a byte-order mark says so), or says why it is not an article. An
 * HTML page that is not UTF-8 is decoded by the charset its <meta> declares (extract/charset.ts).
 */
export function decodeText(bytes: Uint8Array, html = false): { text: string } | { reason: string } {
  // A file that says it is UTF-16 (as Windows' Notepad saves "Unicode") is read so; its NUL bytes are its encoding's.
  const mark = utf16Mark(bytes);
  if (mark !== undefined) {
    const text = new TextDecoder(mark).decode(bytes);
    return text.trim() === '' ? { reason: 'empty file' } : { text };
  }
  const probe = bytes.subarray(0, 8192);
  if (probe.includes(0)) return { reason: 'binary file (contains NUL bytes)' };
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    const declared = html ? decodeDeclared(bytes) : { reason: 'not valid UTF-8 text' };
    if ('reason' in declared) return declared;
    text = declared.text;
  }
  if (text.trim() === '') return { reason: 'empty file' };
  return { text };
}
