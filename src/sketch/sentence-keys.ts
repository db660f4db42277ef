/**
 * Sentence keys: each sentence's content words (stop words out) banded into SENTENCE_BANDS keys of two MinHash rows, so
 * that a sentence meets its near-matches in sentence buckets (sentence-lsh.ts). What enters: a document's token hashes
 * and where its sentences start. What leaves: SENTENCE_BANDS keys per sentence with enough content words.
 */
import { createKernel, KERNEL_LANES, type SignatureKernel } from './wasm/minhash-kernel.js';
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
 * hashes that are not small integers): one bit per 16-bit prefix of a hash's product tells most content words apart,
 * and the one stop word of that prefix the rest; stop words that share a prefix are looked up in a Set.
 */
export class StopHashes {
  private readonly prefixes = new Int32Array(2048);
  private readonly byPrefix = new Int32Array(1 << 16);
  private readonly sharingPrefix = new Set<number>();

  constructor(hashes: Iterable<number>) {
    for (const h of hashes) {
      const prefix = prefixOf(h);
      if ((this.prefixes[prefix >>> 5]! & (1 << (prefix & 31))) === 0) {
        this.prefixes[prefix >>> 5]! |= 1 << (prefix & 31);
        this.byPrefix[prefix] = h;
      } else if (this.byPrefix[prefix] !== h) {
        this.sharingPrefix.add(h);
        this.sharingPrefix.add(this.byPrefix[prefix]!);
      }
    }
  }

  has(h: number): boolean {
    const prefix = prefixOf(h);
    if ((this.prefixes[prefix >>> 5]! & (1 << (prefix & 31))) === 0) return false;
    return this.byPrefix[prefix] === h || (this.sharingPrefix.size > 0 && this.sharingPrefix.has(h));
  }
}

function prefixOf(h: number): number {
  return Math.imul(h, 0x9e3779b1) >>> 16;
}

let stopHashes: StopHashes | undefined;

/**
 * The keys of a document's sentences, SENTENCE_BANDS per sentence with at least MIN_SENTENCE_STEMS distinct stems, in
 * sentence order: sentence n's keys are keys[n·SENTENCE_BANDS …]. `tokenStems` holds each token's content hash (0 for a
 * stop word: stems), or with `dropStopWords` each token's hash, stop words among them: the first pass keys unstemmed
 * words (Porter on every new word of a large vocabulary was most of its cost) and passes over stop words here, in the
 * one loop over the tokens. `sentenceStarts`: the first token of each sentence. The ROWS minima of every sentence come
 * from one call of the WebAssembly SIMD kernel (the scalar loop where it is missing: `backend`).
 */
export function sentenceKeys(
  tokenStems: Int32Array,
  tokenCount: number,
  sentenceStarts: ArrayLike<number>,
  { backend = 'auto', dropStopWords = false }: { backend?: 'auto' | 'scalar'; dropStopWords?: boolean } = {},
): Int32Array {
  if (words.length < tokenCount) words = new Int32Array(Math.max(tokenCount, 2 * words.length));
  if (runEnds.length < sentenceStarts.length) runEnds = new Int32Array(Math.max(sentenceStarts.length, 2 * runEnds.length));
  const stops = dropStopWords ? (stopHashes ??= new StopHashes(stopWordList.map((w) => canonicalTokenHash(hashString(w))))) : undefined;
  // The mixed hashes of each keyed sentence's content words, end to end, and where each sentence's end.
  let count = 0;
  let runs = 0;
  for (let s = 0; s < sentenceStarts.length; s++) {
    const first = sentenceStarts[s]!;
    const end = s + 1 < sentenceStarts.length ? sentenceStarts[s + 1]! : tokenCount;
    const runStart = count;
    // Distinct stems counted up to MIN_SENTENCE_STEMS in a typed scratch, not an array's push and includes: this loop sees
    // every token of the corpus.
    let distinct = 0;
    for (let t = first; t < end; t++) {
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
      words[count++] = mix(stem);
    }
    if (distinct < MIN_SENTENCE_STEMS) count = runStart;
    else runEnds[runs++] = count;
  }
  if (minima.length < runs * ROWS) minima = new Int32Array(Math.max(runs * ROWS, 2 * minima.length));
  const kernel = backend === 'auto' ? rowKernel() : undefined;
  if (kernel) kernel.signRuns(words.subarray(0, count), runEnds, runs, minima);
  else scalarRowMinima(words, runEnds, runs, minima);
  const keys = new Int32Array(SENTENCE_BANDS * runs);
  for (let r = 0, m = 0, k = 0; r < runs; r++, m += ROWS) {
    for (let b = 0; b < SENTENCE_BANDS; b++) keys[k++] = mix(Math.imul(minima[m + 2 * b]!, 31) ^ minima[m + 2 * b + 1]! ^ Math.imul(b + 1, 0x27d4eb2d));
  }
  return keys;
}

/** Scratch of sentenceKeys, grown as documents need: content words, sentence ends, and ROWS minima per sentence. */
let words = new Int32Array(1 << 12);
let runEnds = new Int32Array(1 << 8);
const firstStems = new Int32Array(MIN_SENTENCE_STEMS);
let minima = new Int32Array(ROWS << 8);

let rowKernelMade: SignatureKernel | null | undefined;

/** The SIMD kernel for the ROWS rows, made once per thread; undefined where WebAssembly SIMD is missing. */
function rowKernel(): SignatureKernel | undefined {
  if (rowKernelMade === undefined) rowKernelMade = (ROWS === KERNEL_LANES ? createKernel(ROW_MULTIPLIERS, ROW_OFFSETS) : undefined) ?? null;
  return rowKernelMade ?? undefined;
}

/** The kernel's arithmetic in JavaScript: per run of `values` (run r ends before values[ends[r]]), the minimum of each row. */
function scalarRowMinima(values: Int32Array, ends: Int32Array, runs: number, out: Int32Array): void {
  for (let r = 0, v = 0; r < runs; r++) {
    const at = r * ROWS;
    out.fill(0x7fffffff, at, at + ROWS);
    for (; v < ends[r]!; v++) {
      for (let row = 0; row < ROWS; row++) {
        const h = (Math.imul(values[v]!, ROW_MULTIPLIERS[row]!) + ROW_OFFSETS[row]!) | 0;
        if (h < out[at + row]!) out[at + row] = h;
      }
    }
  }
}
