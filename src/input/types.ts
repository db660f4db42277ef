/** What reading inputs deals in: articles, pieces of input, what was skipped, and the options of reading. */
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

/** A caveat about how an article was read, and where. */
export interface ArticleNote {
  readonly path: string;
  readonly note: string;
}

/** Notes (or warnings) of one kind said for one file before the rest are only counted. */
export const SAID_PER_FILE = 3;

/**
 * How many of each kind there were, for notes and warnings said for the first SAID_PER_FILE of a kind (a file and what
 * it says) and then only counted: a feed that writes its dates one way would say so on every line.
 */
export class FirstOfEach<Key> {
  private readonly counts = new Map<Key, number>();

  /** Counts one more of `key`: true while it is among the first SAID_PER_FILE, to be said. */
  add(key: Key): boolean {
    const count = (this.counts.get(key) ?? 0) + 1;
    this.counts.set(key, count);
    return count <= SAID_PER_FILE;
  }

  /** Each key of which more than SAID_PER_FILE came, with how many went unsaid and how many in all, in the order first met. */
  *unsaid(): Generator<{ key: Key; more: number; count: number }> {
    for (const [key, count] of this.counts) if (count > SAID_PER_FILE) yield { key, more: count - SAID_PER_FILE, count };
  }
}

/**
 * The notes of articles as they are read, in order: how each page's text was found, a date field it could not read,
 * and text that was not UTF-8; the last two for the first few articles of a file only (FirstOfEach); finish() then
 * says how many more each file had.
 */
export class ArticleNotes {
  private readonly dateNotes = new FirstOfEach<string>();
  private readonly encodingNotes = new FirstOfEach<string>();

  /** The notes to say for an article read at `place`. */
  of(article: Pick<ArticleText, 'extractionNote' | 'dateNote' | 'encodingNote'>, place: { readonly source: string; readonly line?: number }): ArticleNote[] {
    const notes: ArticleNote[] = [];
    if (article.extractionNote !== undefined) notes.push({ path: placeOf(place), note: article.extractionNote });
    if (article.encodingNote !== undefined && this.encodingNotes.add(place.source)) notes.push({ path: placeOf(place), note: article.encodingNote });
    if (article.dateNote !== undefined && this.dateNotes.add(place.source)) notes.push({ path: placeOf(place), note: article.dateNote });
    return notes;
  }

  /** One note for each file whose notes were cut short, in the order the files were read. */
  finish(): ArticleNote[] {
    const notes: ArticleNote[] = [];
    for (const { key, more } of this.encodingNotes.unsaid()) {
      notes.push({ path: key, note: `${more} more ${more === 1 ? 'article holds' : 'articles hold'} bytes that are not UTF-8, as noted above` });
    }
    for (const { key, more } of this.dateNotes.unsaid()) {
      notes.push({ path: key, note: `${more} more ${more === 1 ? 'article has' : 'articles have'} a date field neardup does not read, as noted above: each is dated by its text, or undated` });
    }
    return notes;
  }
}

/**
 * Why an article's text holds U+FFFD in place of bytes that are not UTF-8: JSONL and CSV are read as UTF-8, and a
 * file in another encoding is read on, with the characters it cannot decode replaced.
 */
export const NOT_UTF8_NOTE = 'holds bytes that are not UTF-8, each read as U+FFFD (the replacement character): JSONL and CSV are read as UTF-8; convert the file first, e.g. iconv -f windows-1252 -t UTF-8';

/**
 * A field the CSV reader adds to a record whose row held bytes that are not UTF-8 (a CSV column name cannot start with
 * NUL), so the record's article gets NOT_UTF8_NOTE as a JSONL line's does.
 */
export const NOT_UTF8_FIELD = '\u0000not-utf-8';

/**
 * Why an article whose id an earlier one has is skipped. Where the two are in different files, the likely cause is
 * files that number their own articles, and the message says what to do.
 */
export function duplicateIdReason(id: string, first: { readonly source: string; readonly line?: number }, source: string): string {
  const reason = `duplicate id "${id}" (first seen at ${placeOf(first)})`;
  if (first.source === source) return reason;
  return `${reason}: ids must be unique across the inputs; where each file numbers its own, give --id-field a field that is unique, or one the records lack to name each by its file and text`;
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

/**
 * Opens a line a decoder (CSV) writes in place of a record it could not read, the reason after it: no JSON line starts
 * so, and the line keeps the record's place, so the records after it keep their line numbers.
 */
export const UNREADABLE_RECORD_MARK = '\u0000';

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

/** An article's text with what was learned about it on the way: the date and, for HTML, how its text was found. */
export interface ArticleText {
  readonly text: string;
  readonly date?: string;
  readonly extractionNote?: string;
  /** For a JSONL record: set when its date field holds something that is not a date neardup reads, saying so. */
  readonly dateNote?: string;
  /** For a JSONL or CSV record: set when its bytes were not UTF-8 (NOT_UTF8_NOTE). */
  readonly encodingNote?: string;
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
