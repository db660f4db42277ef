import { foldedLineSpans, lineSpans, type Span } from './boilerplate.js';
import type { Fingerprinter } from './token-hashes.js';
import { foldText, normalizeText } from './normalize.js';
import type { SourceDocument } from '../input/read.js';
import { shingleHashes, toSortedSet } from './shingle.js';
import { type Tokens, tokenizeAndHash } from './tokenize.js';

/** A document after normalising, tokenising and shingling: what every later stage works from. */
export interface AnalyzedDocument {
  readonly id: string;
  readonly source: string;
  readonly date?: string;
  /** NFKC text: what offsets refer to and what reports quote. */
  readonly text: string;
  readonly tokens: Tokens;
  readonly tokenHashes: Int32Array;
  /** Shingle hash at each token position (position i covers tokens i … i+k-1), boilerplate included. */
  readonly shingles: Int32Array;
  /**
   * Distinct shingle hashes, sorted, without any shingle that touches a token of a boilerplate line: the set similarity
   * (Jaccard, containment, MinHash) is measured on.
   */
  readonly shingleSet: Int32Array;
  /** UTF-16 ranges of `text` that are learned boilerplate lines, ascending; [] when none. */
  readonly boilerplateSpans: readonly Span[];
}

/**
 * Normalise, tokenise and shingle one document. Lines whose key (boilerplate.ts lineKeys) is in `boilerplate` are left
 * out of `shingleSet` and kept everywhere else.
 */
export function analyze(document: SourceDocument, shingleSize: number, boilerplate?: ReadonlySet<number>): AnalyzedDocument {
  const text = normalizeText(document.text);
  const folded = foldText(text);
  const { tokens, hashes: tokenHashes } = tokenizeAndHash(folded);
  const shingles = shingleHashes(tokenHashes, shingleSize);
  return analyzedDocument(document, text, tokens, tokenHashes, shingles, boilerplate === undefined ? [] : foldedLineSpans(folded, boilerplate));
}

/**
 * analyze() through a fingerprinter's tokeniser (the first pass's), for documents a scan reads again: the same document
 * (test/analyze.test.ts checks) in about half the time, as the words are cut from the text only if they are asked for.
 * The fingerprinter's textDigest() is then the digest of `document.text`.
 */
export function analyzeFingerprinted(fingerprinter: Fingerprinter, document: SourceDocument, shingleSize: number, boilerplate?: ReadonlySet<number>): AnalyzedDocument {
  fingerprinter.tokenize(document.text);
  const { text, tokens, hashes: tokenHashes } = fingerprinter.analyzedTokens();
  const shingles = fingerprinter.shingles(shingleSize).slice();
  return analyzedDocument(document, text, tokens, tokenHashes, shingles, boilerplate === undefined || boilerplate.size === 0 ? [] : foldedLineSpans(foldText(text), boilerplate));
}

/** The analysed document from its tokens and shingles, with `spans` (its learned boilerplate lines) left out of its set. */
function analyzedDocument(document: SourceDocument, text: string, tokens: Tokens, tokenHashes: Int32Array, shingles: Int32Array, spans: readonly Span[]): AnalyzedDocument {
  const { shingleSet, boilerplateSpans } = withoutBoilerplate(tokens, shingles, spans);
  return {
    id: document.id,
    source: document.source,
    ...(document.date === undefined ? {} : { date: document.date }),
    text,
    tokens,
    tokenHashes,
    shingles,
    shingleSet,
    boilerplateSpans,
  };
}

/** Least share of a document's shingles its boilerplate may leave; below it, the document is compared whole. */
export const MIN_KEPT_SHARE = 0.5;

/**
 * The similarity set without the shingles of the boilerplate spans, and the spans in force. Furniture frames an
 * article; a text that is mostly "furniture" is a template (a dividend notice: "Qtly div five cts vs five cts prior /
 * Pay March 31 / Record March 16"), whose remainder would make unrelated notices equal: it is compared whole.
 */
function withoutBoilerplate(tokens: Tokens, shingles: Int32Array, spans: readonly Span[]): { shingleSet: Int32Array; boilerplateSpans: readonly Span[] } {
  const all = toSortedSet(shingles);
  if (spans.length === 0) return { shingleSet: all, boilerplateSpans: [] };
  const kept = similarityShingles(tokens, shingles, spans);
  return kept.length < all.length * MIN_KEPT_SHARE ? { shingleSet: all, boilerplateSpans: [] } : { shingleSet: kept, boilerplateSpans: spans };
}

/**
 * The same document with `boilerplate` as its learned lines, without tokenising again: for documents analysed before
 * the corpus's boilerplate was learned. Returns `doc` itself when nothing changes.
 */
export function withBoilerplate(doc: AnalyzedDocument, boilerplate: ReadonlySet<number>): AnalyzedDocument {
  const spans = lineSpans(doc.text, boilerplate);
  if (spans.length === 0 && doc.boilerplateSpans.length === 0) return doc;
  return { ...doc, ...withoutBoilerplate(doc.tokens, doc.shingles, spans) };
}

/** 1 for each token inside one of `spans` (ascending), else 0; undefined when there are no spans. */
export function boilerplateTokens(tokens: Tokens, spans: readonly Span[]): Uint8Array | undefined {
  if (spans.length === 0) return undefined;
  const { starts } = tokens;
  const mask = new Uint8Array(starts.length);
  // Both ascend; a token never crosses a newline, so it lies wholly inside a line's span or outside all of them.
  let s = 0;
  for (let t = 0; t < starts.length; t++) {
    const at = starts[t]!;
    while (s < spans.length && spans[s]!.end <= at) s++;
    if (s === spans.length) break;
    if (at >= spans[s]!.start) mask[t] = 1;
  }
  return mask;
}

/** Distinct shingles, sorted, leaving out every shingle whose window holds a boilerplate token. */
function similarityShingles(tokens: Tokens, shingles: Int32Array, spans: readonly Span[]): Int32Array {
  const mask = boilerplateTokens(tokens, spans);
  if (mask === undefined) return toSortedSet(shingles);
  const n = mask.length;
  const width = shingles.length === 0 ? 0 : n - shingles.length + 1;
  // before[t]: boilerplate tokens among the first t.
  const before = new Int32Array(n + 1);
  for (let t = 0; t < n; t++) before[t + 1] = before[t]! + mask[t]!;
  const kept: number[] = [];
  for (let p = 0; p < shingles.length; p++) if (before[p + width] === before[p]) kept.push(shingles[p]!);
  return toSortedSet(Int32Array.from(kept));
}
