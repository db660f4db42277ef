/**
 * Sentence keys: each sentence's content words (stop words out) banded into SENTENCE_BANDS keys of two MinHash rows, so
 * that a sentence meets its near-matches in sentence buckets (sentence-lsh.ts). What enters: a document's token hashes
 * and where its sentences start. What leaves: SENTENCE_BANDS keys per sentence with enough content words.
 */
import { createKernel, KERNEL_LANES, type SignatureKernel, type StopTable } from './wasm/minhash-kernel.js';
import { words as stopWordList } from 'natural/lib/natural/util/stopwords.js';
import { MIN_SENTENCE_STEMS } from '../text/sentence-sketch.js';
import { canonicalTokenHash, hashString } from '../text/tokenize.js';

/** Bands per sentence; each band is two MinHash rows. */
export const SENTENCE_BANDS = 8;

/** MinHash rows: two per band. Each row hashes a word's mixed hash with its own odd multiplier and offset. */
const ROWS = 2 * SENTENCE_BANDS;
const ROW_MULTIPLIERS = Int32Array.from({ length: ROWS }, (_, r) => mix(r + 0x51ed27) | 1);
const ROW_OFFSETS = Int32Array.from({ length: ROWS }, (_, r) => mix(r + 0x2545f491));

function mix(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return h ^ (h >>> 16);
}

/**
 * Hashes of the stop words, looked up for every token of the corpus (a Set of numbers boxes the half of all int32
 * hashes that are not small integers): open addressing in a table a quarter full, as the kernel reads it (0 marks an
 * empty slot, so 0 is never a stop word: sentenceKeys keys a hash 0 as 1).
 */
export class StopHashes implements StopTable {
  readonly slots: Int32Array;
  readonly shift: number;

  constructor(hashes: Iterable<number>) {
    const distinct = new Set(hashes);
    distinct.delete(0);
    let bits = 4;
    while (1 << bits < 4 * distinct.size) bits++;
    this.slots = new Int32Array(1 << bits);
    this.shift = 32 - bits;
    for (const h of distinct) this.slots[this.slotOf(h)] = h;
  }

  has(h: number): boolean {
    return h !== 0 && this.slots[this.slotOf(h)] === h;
  }

  /** The slot holding h, or the empty slot where it would go. */
  private slotOf(h: number): number {
    const { slots } = this;
    let slot = Math.imul(h, 0x9e3779b1) >>> this.shift;
    while (slots[slot] !== 0 && slots[slot] !== h) slot = (slot + 1) & (slots.length - 1);
    return slot;
  }
}

let stopHashes: StopHashes | undefined;

/**
 * The keys of a document's sentences, SENTENCE_BANDS per sentence with at least MIN_SENTENCE_STEMS distinct stems, in
 * sentence order: sentence n's keys are keys[n·SENTENCE_BANDS …]. `tokenStems` holds each token's content hash (0 for a
 * stop word: stems), or with `dropStopWords` each token's hash, stop words among them: the first pass keys unstemmed
 * words (Porter on every new word of a large vocabulary was most of its cost) and passes over stop words here, in the
 * one loop over the tokens. `sentenceStarts`: the first token of each sentence. One call of the WebAssembly SIMD kernel
 * passes over every token of the document and gives the keys of each keyed sentence (the scalar loop where it is
 * missing: `backend`): this loop sees every token of the corpus.
 */
export function sentenceKeys(
  tokenStems: Int32Array,
  tokenCount: number,
  sentenceStarts: ArrayLike<number>,
  options: SentenceKeyOptions = {},
): Int32Array {
  const keys = new Int32Array(SENTENCE_BANDS * sentenceStarts.length);
  return keys.slice(0, writeSentenceKeys(keys, 0, tokenStems, tokenCount, sentenceStarts, options));
}

/** How sentence keys are made: `backend` 'scalar' runs the JavaScript loop even where the kernel is at hand (tests compare the two); `dropStopWords`: the tokens are hashes of words, stop words among them. */
export interface SentenceKeyOptions {
  readonly backend?: 'auto' | 'scalar';
  readonly dropStopWords?: boolean;
}

/**
 * sentenceKeys written into `out` from `at` (room for SENTENCE_BANDS keys per sentence); returns how many: for a caller
 * that gathers many documents' keys, where a new array per document cost more than making its keys.
 */
export function writeSentenceKeys(
  out: Int32Array,
  at: number,
  tokenStems: Int32Array,
  tokenCount: number,
  sentenceStarts: ArrayLike<number>,
  { backend = 'auto', dropStopWords = false }: SentenceKeyOptions = {},
): number {
  const stops = dropStopWords ? (stopHashes ??= new StopHashes(stopWordList.map((w) => canonicalTokenHash(hashString(w))))) : undefined;
  const kernel = backend === 'auto' ? rowKernel() : undefined;
  const keyed = kernel
    ? kernel.keySentences(tokenStems, tokenCount, sentenceStarts, stops, MIN_SENTENCE_STEMS, out, at)
    : scalarSentenceKeys(tokenStems, tokenCount, sentenceStarts, stops, out, at);
  return SENTENCE_BANDS * keyed;
}

/** Scratch of the scalar loop: the ROWS minima of a sentence, and its first distinct stems. */
const minima = new Int32Array(ROWS);
const firstStems = new Int32Array(MIN_SENTENCE_STEMS);

let rowKernelMade: SignatureKernel | null | undefined;

/** The SIMD kernel for the ROWS rows, made once per thread; undefined where WebAssembly SIMD is missing. */
function rowKernel(): SignatureKernel | undefined {
  if (rowKernelMade === undefined) rowKernelMade = (ROWS === KERNEL_LANES && SENTENCE_BANDS === KERNEL_LANES / 2 ? createKernel(ROW_MULTIPLIERS, ROW_OFFSETS) : undefined) ?? null;
  return rowKernelMade ?? undefined;
}

/**
 * The kernel's loop in JavaScript (keySentences): the keys of each sentence with at least MIN_SENTENCE_STEMS distinct
 * content words, SENTENCE_BANDS to out[at…] per such sentence; returns how many. A sentence's keys are its minima of
 * each row over its words' mixed hashes, two rows a band.
 */
function scalarSentenceKeys(tokenStems: Int32Array, tokenCount: number, sentenceStarts: ArrayLike<number>, stops: StopHashes | undefined, out: Int32Array, at: number): number {
  let keyed = 0;
  for (let s = 0; s < sentenceStarts.length; s++) {
    const end = s + 1 < sentenceStarts.length ? sentenceStarts[s + 1]! : tokenCount;
    minima.fill(0x7fffffff);
    let distinct = 0;
    for (let t = sentenceStarts[s]!; t < end; t++) {
      let stem = tokenStems[t]!;
      if (stops) {
        if (stops.has(stem)) continue;
        // 0 stands for a stop word: a content word whose hash is 0 is keyed as 1.
        stem ||= 1;
      } else if (stem === 0) continue;
      if (distinct < MIN_SENTENCE_STEMS) {
        let seen = false;
        for (let d = 0; d < distinct; d++) if (firstStems[d] === stem) seen = true;
        if (!seen) firstStems[distinct++] = stem;
      }
      const word = mix(stem);
      for (let row = 0; row < ROWS; row++) {
        const h = (Math.imul(word, ROW_MULTIPLIERS[row]!) + ROW_OFFSETS[row]!) | 0;
        if (h < minima[row]!) minima[row] = h;
      }
    }
    if (distinct < MIN_SENTENCE_STEMS) continue;
    const k = at + SENTENCE_BANDS * keyed++;
    for (let b = 0; b < SENTENCE_BANDS; b++) out[k + b] = mix(Math.imul(minima[2 * b]!, 31) ^ minima[2 * b + 1]! ^ Math.imul(b + 1, 0x27d4eb2d));
  }
  return keyed;
}
