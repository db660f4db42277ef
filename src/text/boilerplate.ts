/**
 * Site furniture learned from the corpus: lines ("Don't Miss", "To suggest a correction or clarification, write to us
 * here", newsletter prompts) that many documents repeat although they are not copies of each other. Such lines are
 * left out of similarity (analyze's shingleSet) and still reported, marked, as passages a copy adds.
 *
 * A line is a run of text between two newlines: in scraped pages a paragraph, in hard-wrapped wire copy a wrapped line.
 * Lines are compared by a 32-bit key of their folded text (see lineKeys).
 */
import { foldText, normalizeText } from './normalize.js';
import { MembershipTable, sortDistinct } from './shingle.js';
import { isWordUnit } from './tokenize.js';

/** Lines of fewer words ("Reuter", "Go to Top", a lone date) are never keyed: too short to tell furniture from text. */
export const MIN_LINE_WORDS = 3;

/**
 * A line must occur in at least this many documents to be learned. Furniture stands on every page of its site, so a
 * site with five pages in the corpus already shows it; a fixed count rather than a share of the corpus, because a
 * small site's furniture in a million-document corpus is still furniture. Below five, a story's three or four
 * successive versions, whose shingle sets can drift apart while they keep some paragraphs, come too close to passing
 * the not-related test by chance. Story text repeated in five unrelated articles says nothing about any of them.
 */
export const DEFAULT_BOILERPLATE_MIN_DOCUMENTS = 5;

/** Documents holding a line that are checked pairwise for relatedness (evenly spread over them in an order of their content). */
export const DEFAULT_BOILERPLATE_SAMPLE = 12;

/** Learned lines' text is cut to about this many UTF-16 units for reports. */
const TEXT_LENGTH = 80;

/** A range [start, end) of UTF-16 units. */
export interface Span {
  readonly start: number;
  readonly end: number;
}

/** White space a line's key ignores (after NFKC, which maps no-break and other Unicode spaces to U+0020). */
export function isLineSpace(c: number): boolean {
  return c <= 32 || c === 0x85 || c === 0xa0 || c === 0x1680 || c === 0x2028 || c === 0x2029 || c === 0xfeff;
}

const FNV_OFFSET = 0x811c9dc5 | 0;
const FNV_PRIME = 0x01000193;

/**
 * The state of one line's key as its folded units go by: hashString (32-bit FNV-1a) of the line with white space
 * trimmed and every run of it collapsed to one space, where it starts and ends, and its words (counted by the caller,
 * which knows its words). The one line-key state machine: forEachLine here and the Fingerprinter's pass both keep it
 * (the WebAssembly kernel keeps its own, held equal by its parity test).
 */
export class LineKeyState {
  hash = FNV_OFFSET;
  /** First non-space unit of the line, -1 while there is none. */
  start = -1;
  /** One past the last non-space unit. */
  end = 0;
  words = 0;
  private spaceOwed = false;

  /** Takes the folded unit `f`, not a line break, at position `i`. */
  unit(f: number, i: number): void {
    if (isLineSpace(f)) {
      if (this.start >= 0) this.spaceOwed = true;
      return;
    }
    if (this.start < 0) this.start = i;
    else if (this.spaceOwed) this.hash = Math.imul(this.hash ^ 32, FNV_PRIME);
    this.spaceOwed = false;
    this.hash = Math.imul(this.hash ^ f, FNV_PRIME);
    this.end = i + 1;
  }

  /** Whether the line is keyed at all: it has MIN_LINE_WORDS words. */
  keyed(): boolean {
    return this.words >= MIN_LINE_WORDS;
  }

  /** Starts the next line. */
  reset(): void {
    this.hash = FNV_OFFSET;
    this.start = -1;
    this.end = 0;
    this.words = 0;
    this.spaceOwed = false;
  }
}

/**
 * Calls `visit(key, start, end)` for each line of `folded` with at least MIN_LINE_WORDS words; [start, end) is the line
 * without its leading and trailing white space.
 */
function forEachLine(folded: string, visit: (key: number, start: number, end: number) => void): void {
  const n = folded.length;
  const line = new LineKeyState();
  let inWord = false;
  for (let i = 0; i <= n; i++) {
    const c = i < n ? folded.charCodeAt(i) : 10;
    if (c === 10) {
      if (line.keyed()) visit(line.hash | 0, line.start, line.end);
      line.reset();
      inWord = false;
      continue;
    }
    line.unit(c, i);
    const word = isWordUnit(c);
    if (word && !inWord) line.words++;
    inWord = word;
  }
}

/**
 * Sorted distinct keys of the text's lines of at least MIN_LINE_WORDS words, insensitive to case, quote and dash
 * style, diacritics and white space. Takes raw or NFKC text (it normalises). One pass, no string per line: it runs on
 * every document of the corpus.
 */
export function lineKeys(text: string): Int32Array {
  const keys: number[] = [];
  forEachLine(foldText(normalizeText(text)), (key) => keys.push(key));
  const sorted = Int32Array.from(keys);
  return sorted.slice(0, sortDistinct(sorted));
}

/**
 * UTF-16 ranges of the lines whose key is in `keys`, ascending, white space at either end excluded. `text` must be
 * NFKC-normalised (AnalyzedDocument.text, i.e. normalizeText(source text)): the spans are offsets into it.
 */
export function lineSpans(text: string, keys: ReadonlySet<number>): Span[] {
  return keys.size === 0 ? [] : foldedLineSpans(foldText(text), keys);
}

/** lineSpans on text already folded (foldText of the NFKC text: the same offsets), for callers that hold it. */
export function foldedLineSpans(folded: string, keys: ReadonlySet<number>): Span[] {
  const spans: Span[] = [];
  if (keys.size > 0) forEachLine(folded, (key, start, end) => (keys.has(key) ? spans.push({ start, end }) : undefined));
  return spans;
}

/** The first line of `text` (raw or NFKC) whose key is `key`, white space collapsed; undefined if none. */
export function lineWithKey(text: string, key: number): string | undefined {
  const nfkc = normalizeText(text);
  const found: Span[] = [];
  forEachLine(foldText(nfkc), (k, start, end) => (found.length === 0 && k === key ? found.push({ start, end }) : undefined));
  const line = found[0];
  return line && nfkc.slice(line.start, line.end).replace(/\s+/g, ' ');
}

/** A line learned as boilerplate. */
export interface LearnedLine {
  readonly key: number;
  /** Documents that hold the line. */
  readonly documents: number;
  /** The line as the first document holding it has it, cut to about 80 characters. */
  readonly text: string;
}

export interface LearnedBoilerplate {
  /** Keys of the learned lines, as lineKeys computes them. */
  readonly keys: ReadonlySet<number>;
  /** The learned lines, most widespread first, then by text. */
  readonly lines: LearnedLine[];
}

/**
 * Each document's line keys by index: an array, or a store that hands out views (a million small arrays would cost
 * a hundred megabytes of object headers alone).
 */
export interface DocumentLineKeys {
  readonly length: number;
  at(index: number): Int32Array | undefined;
}

export interface BoilerplateInput {
  /** lineKeys of each document, by document index. */
  readonly lineKeys: DocumentLineKeys;
  /** Whether two documents (by index, a < b) are near-duplicates of each other. */
  related(a: number, b: number): boolean;
  /** The text of the line with this key in this document (for reports). */
  lineText(doc: number, key: number): string;
}

export interface BoilerplateOptions {
  /** A line must be in at least this many documents (default DEFAULT_BOILERPLATE_MIN_DOCUMENTS, at least 2). */
  readonly minDocuments: number;
  /** Documents holding a line that are checked pairwise (default DEFAULT_BOILERPLATE_SAMPLE, at least 2). */
  readonly sample?: number;
}

/** A line cut to about 80 characters at a word break, for reports. */
export function abridge(text: string): string {
  if (text.length <= TEXT_LENGTH) return text;
  const cut = text.lastIndexOf(' ', TEXT_LENGTH - 2);
  return `${text.slice(0, cut > TEXT_LENGTH / 2 ? cut : TEXT_LENGTH - 2)} …`;
}

/** Up to `size` of the documents, evenly spread over their order, first and last included. */
function spread(docs: readonly number[], size: number): number[] {
  if (docs.length <= size) return [...docs];
  const out: number[] = [];
  for (let i = 0; i < size; i++) out.push(docs[Math.floor((i * (docs.length - 1)) / (size - 1))]!);
  return out;
}

/**
 * Lines that at least `minDocuments` documents hold and that are not there because the documents are copies: among a
 * sample of the documents holding the line, fewer than half of the pairs are related. A story syndicated to fifty sites
 * repeats each of its paragraphs fifty times, but in copies that are related to each other; a site's "Don't Miss" box
 * stands on pages about anything. Deterministic, and the same for any order of the documents.
 */
export function learnBoilerplate(input: BoilerplateInput, options: BoilerplateOptions): LearnedBoilerplate {
  const { minDocuments, sample = DEFAULT_BOILERPLATE_SAMPLE } = options;
  if (!Number.isInteger(minDocuments) || minDocuments < 2) throw new RangeError(`minDocuments must be an integer of at least 2, got ${minDocuments}`);
  if (!Number.isInteger(sample) || sample < 2) throw new RangeError(`sample must be an integer of at least 2, got ${sample}`);
  const perDoc = input.lineKeys;

  // Document frequency by sorting every key once: an Int32Array of all keys is far smaller than a Map over them.
  let total = 0;
  const count = perDoc.length;
  for (let d = 0; d < count; d++) total += perDoc.at(d)!.length;
  const all = new Int32Array(total);
  let at = 0;
  for (let d = 0; d < count; d++) {
    const keys = perDoc.at(d)!;
    all.set(keys, at);
    at += keys.length;
  }
  all.sort();
  // The keys held often enough, in order, and the documents holding each as a range of one column, in document order:
  // every line of every document is looked up, which through a Map of arrays cost more than the rest of learning.
  const frequent: number[] = [];
  const starts: number[] = [0];
  for (let i = 0; i < total; ) {
    let j = i + 1;
    while (j < total && all[j] === all[i]) j++;
    if (j - i >= minDocuments) {
      frequent.push(all[i]!);
      starts.push(starts.at(-1)! + j - i);
    }
    i = j;
  }
  if (frequent.length === 0) return { keys: new Set(), lines: [] };
  const held = new MembershipTable();
  held.load(Int32Array.from(frequent));
  // Where the next holder of each key goes, by the key's place in the table.
  const filled = new Int32Array(held.slots);
  frequent.forEach((key, k) => (filled[held.placeOf(key)] = starts[k]!));
  const holders = new Int32Array(starts.at(-1)!);
  for (let d = 0; d < count; d++) {
    for (const key of perDoc.at(d)!) {
      const place = held.placeOf(key);
      if (place >= 0) holders[filled[place]!++] = d;
    }
  }

  // The sample is spread over the holders in an order of their content (a hash of their line keys), not of their
  // place in the input: the same corpus in another order learns the same lines.
  // Ranks by document number, made as first asked (-1 until then): a sort of a line's holders asks some hundreds.
  const ranks = new Float64Array(count).fill(-1);
  const rankOf = (d: number) => {
    let rank = ranks[d]!;
    if (rank < 0) {
      let h = 0x811c9dc5 | 0;
      for (const key of perDoc.at(d)!) h = Math.imul(h ^ key, 0x01000193);
      rank = ranks[d] = h >>> 0;
    }
    return rank;
  };
  const lines: LearnedLine[] = [];
  for (let k = 0; k < frequent.length; k++) {
    const key = frequent[k]!;
    const docs = holders.subarray(starts[k]!, starts[k + 1]!);
    const picked = docs.length <= sample ? docs : spread(Array.from(docs).sort((a, b) => rankOf(a) - rankOf(b) || a - b), sample).sort((a, b) => a - b);
    if (mostlyUnrelated(picked, input.related)) lines.push({ key, documents: docs.length, text: abridge(input.lineText(docs[0]!, key)) });
  }
  lines.sort((a, b) => b.documents - a.documents || (a.text < b.text ? -1 : a.text > b.text ? 1 : a.key - b.key));
  return { keys: new Set(lines.map((l) => l.key)), lines };
}

/**
 * Whether fewer than half the pairs of `docs` are related. Pairs are asked in order until the answer is known: the
 * lines of a story copied fifty times are held by its copies alone, and a corpus of such stories asks this of every
 * line it has.
 */
function mostlyUnrelated(docs: ArrayLike<number>, related: (a: number, b: number) => boolean): boolean {
  const pairs = (docs.length * (docs.length - 1)) / 2;
  let asked = 0;
  let yes = 0;
  for (let i = 0; i < docs.length; i++) {
    for (let j = i + 1; j < docs.length; j++) {
      asked++;
      if (related(docs[i]!, docs[j]!)) yes++;
      if (2 * yes >= pairs) return false;
      if (2 * (yes + pairs - asked) < pairs) return true;
    }
  }
  return 2 * yes < pairs;
}

/** What a scan learned and set aside, for the report. */
export interface BoilerplateSummary {
  /** The minDocuments in force. */
  readonly minDocuments: number;
  /** The learned lines, most widespread first. */
  readonly lines: ReadonlyArray<{ readonly text: string; readonly documents: number }>;
  /** Line occurrences left out of comparison, over all documents. */
  readonly removedLines: number;
}
