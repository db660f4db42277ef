/**
 * Sentence LSH: each sentence's content words are banded (SENTENCE_BANDS bands of two MinHash rows), so a sentence meets
 * its near-matches across the corpus in time linear in the corpus. Two articles are candidates when several of the
 * sentences of one meet the other. A bucket holding more than MAX_BUCKET_DOCUMENTS articles is an over-common sentence
 * (a standard quote, a wire formula, boilerplate): it is passed over, as learned boilerplate lines are, so no bucket's
 * work grows with the corpus.
 */
import { KeyRuns } from './key-runs.js';
import { words as stopWordList } from 'natural/lib/natural/util/stopwords.js';
import { MIN_SENTENCE_STEMS } from '../text/sentence-sketch.js';
import { canonicalTokenHash, hashString } from '../text/tokenize.js';

/** Bands per sentence; each band is two MinHash rows. */
export const SENTENCE_BANDS = 8;

/** A sentence key shared by more articles than this is over-common and makes no candidates. */
export const MAX_BUCKET_DOCUMENTS = 8;

/** Sentences of one article that must meet the other for the two to be candidates: one meeting is too often two common stems by chance. */
export const MIN_MEETING_SENTENCES = 2;

/**
 * Share of one article's sentences that must meet the other, the least share of derived sentences sentence alignment
 * asks of a member (judge/relation.ts): a re-written copy takes a good part of its sentences from the source, a story
 * on the same topic meets it here and there.
 */
export const MIN_MEETING_SHARE = 1 / 3;

/** Sentences of one article beyond this share one ordinal: candidates count meetings, they never need more. */
const MAX_ORDINAL = 2047;

/** MinHash rows: two per band. Each row hashes a word's mixed hash with its own odd multiplier and offset. */
const ROWS = 2 * SENTENCE_BANDS;
const ROW_MULTIPLIERS = Int32Array.from({ length: ROWS }, (_, r) => mix(r + 0x51ed27) | 1);
const ROW_OFFSETS = Int32Array.from({ length: ROWS }, (_, r) => mix(r + 0x2545f491));

/** The ROWS multipliers and offsets as constants, for sentenceKeys' loop. */
type RowConstants = readonly [number, number, number, number, number, number, number, number, number, number, number, number, number, number, number, number];
const [M0, M1, M2, M3, M4, M5, M6, M7, M8, M9, M10, M11, M12, M13, M14, M15] = Array.from(ROW_MULTIPLIERS) as unknown as RowConstants;
const [O0, O1, O2, O3, O4, O5, O6, O7, O8, O9, O10, O11, O12, O13, O14, O15] = Array.from(ROW_OFFSETS) as unknown as RowConstants;

function mix(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return h ^ (h >>> 16);
}

/**
 * Hashes of the stop words, in an open-addressing table: looked up for every token of the corpus, where a Set of
 * numbers boxes the half of all int32 hashes that are not small integers.
 */
class StopHashes {
  private readonly slots = new Int32Array(1024);
  private readonly filled = new Uint8Array(1024);

  constructor(hashes: Iterable<number>) {
    for (const h of hashes) {
      const slot = this.slotOf(h);
      this.slots[slot] = h;
      this.filled[slot] = 1;
    }
  }

  has(h: number): boolean {
    return this.filled[this.slotOf(h)] === 1;
  }

  /** The slot holding `h`, or the empty slot where it would go. */
  private slotOf(h: number): number {
    let slot = Math.imul(h, 0x9e3779b1) >>> 22;
    while (this.filled[slot] === 1 && this.slots[slot] !== h) slot = (slot + 1) & 1023;
    return slot;
  }
}

let stopHashes: StopHashes | undefined;

/**
 * Token hashes with stop words as 0: the content words sentence keys are made of. Unstemmed, so the first pass never
 * stems (Porter on every new word of a large vocabulary was most of its cost); verification compares stems.
 */
export function contentTokenHashes(tokenHashes: Int32Array, into: Int32Array): Int32Array {
  stopHashes ??= new StopHashes(stopWordList.map((w) => canonicalTokenHash(hashString(w))));
  const out = into.subarray(0, tokenHashes.length);
  for (let t = 0; t < tokenHashes.length; t++) out[t] = stopHashes.has(tokenHashes[t]!) ? 0 : tokenHashes[t]! || 1;
  return out;
}

/**
 * The keys of a document's sentences, SENTENCE_BANDS per sentence with at least MIN_SENTENCE_STEMS distinct stems, in
 * sentence order: sentence n's keys are keys[n·SENTENCE_BANDS …]. `tokenStems` holds each token's content hash (0 for a
 * stop word: contentTokenHashes, or stems), `sentenceStarts` the first token of each sentence.
 */
export function sentenceKeys(tokenStems: Int32Array, tokenCount: number, sentenceStarts: ArrayLike<number>): Int32Array {
  const keys = new Int32Array(SENTENCE_BANDS * sentenceStarts.length);
  let used = 0;
  const distinct: number[] = [];
  for (let s = 0; s < sentenceStarts.length; s++) {
    const first = sentenceStarts[s]!;
    const end = s + 1 < sentenceStarts.length ? sentenceStarts[s + 1]! : tokenCount;
    distinct.length = 0;
    // The minimums of the ROWS rows in locals, not an array: this runs for every content word of the corpus.
    let m0 = 0x7fffffff;
    let m1 = 0x7fffffff;
    let m2 = 0x7fffffff;
    let m3 = 0x7fffffff;
    let m4 = 0x7fffffff;
    let m5 = 0x7fffffff;
    let m6 = 0x7fffffff;
    let m7 = 0x7fffffff;
    let m8 = 0x7fffffff;
    let m9 = 0x7fffffff;
    let m10 = 0x7fffffff;
    let m11 = 0x7fffffff;
    let m12 = 0x7fffffff;
    let m13 = 0x7fffffff;
    let m14 = 0x7fffffff;
    let m15 = 0x7fffffff;
    for (let t = first; t < end; t++) {
      const stem = tokenStems[t]!;
      if (stem === 0) continue;
      // A repeated word changes no minimum; it is counted once.
      if (distinct.length < MIN_SENTENCE_STEMS && !distinct.includes(stem)) distinct.push(stem);
      const base = mix(stem);
      let h: number;
      h = (Math.imul(base, M0) + O0) | 0;
      if (h < m0) m0 = h;
      h = (Math.imul(base, M1) + O1) | 0;
      if (h < m1) m1 = h;
      h = (Math.imul(base, M2) + O2) | 0;
      if (h < m2) m2 = h;
      h = (Math.imul(base, M3) + O3) | 0;
      if (h < m3) m3 = h;
      h = (Math.imul(base, M4) + O4) | 0;
      if (h < m4) m4 = h;
      h = (Math.imul(base, M5) + O5) | 0;
      if (h < m5) m5 = h;
      h = (Math.imul(base, M6) + O6) | 0;
      if (h < m6) m6 = h;
      h = (Math.imul(base, M7) + O7) | 0;
      if (h < m7) m7 = h;
      h = (Math.imul(base, M8) + O8) | 0;
      if (h < m8) m8 = h;
      h = (Math.imul(base, M9) + O9) | 0;
      if (h < m9) m9 = h;
      h = (Math.imul(base, M10) + O10) | 0;
      if (h < m10) m10 = h;
      h = (Math.imul(base, M11) + O11) | 0;
      if (h < m11) m11 = h;
      h = (Math.imul(base, M12) + O12) | 0;
      if (h < m12) m12 = h;
      h = (Math.imul(base, M13) + O13) | 0;
      if (h < m13) m13 = h;
      h = (Math.imul(base, M14) + O14) | 0;
      if (h < m14) m14 = h;
      h = (Math.imul(base, M15) + O15) | 0;
      if (h < m15) m15 = h;
    }
    if (distinct.length < MIN_SENTENCE_STEMS) continue;
    const mins = [m0, m1, m2, m3, m4, m5, m6, m7, m8, m9, m10, m11, m12, m13, m14, m15];
    for (let b = 0; b < SENTENCE_BANDS; b++) keys[used++] = mix(Math.imul(mins[2 * b]!, 31) ^ mins[2 * b + 1]! ^ Math.imul(b + 1, 0x27d4eb2d));
  }
  return keys.subarray(0, used);
}

/** Every document's sentence keys end to end, with where each document's start. */
export class SentenceKeyStore extends KeyRuns {
  /** How many sentences of document i have keys. */
  sentences(i: number): number {
    return (this.starts[i + 1]! - this.starts[i]!) / SENTENCE_BANDS;
  }

  /**
   * Candidate pairs [i, j] (i < j), sorted: documents whose sentences meet in buckets of at most `maxBucket` documents,
   * where the distinct sentences of one of the two that meet the other are at least `minMeeting` and at least
   * `minShare` of its own sentences. Each side is weighed on its own sentences, as alignment weighs a member's derived
   * sentences against the member's own: a story a third of whose sentences meet a long wire file is a candidate, even
   * where fewer of the wire's sentences meet it (two of them written from one of the wire's). `accept` is asked of each
   * such pair last.
   */
  candidatePairs(
    accept: (i: number, j: number) => boolean = () => true,
    {
      maxBucket = MAX_BUCKET_DOCUMENTS,
      minMeeting = MIN_MEETING_SENTENCES,
      minShare = MIN_MEETING_SHARE,
    }: { maxBucket?: number; minMeeting?: number; minShare?: number } = {},
  ): Array<[number, number]> {
    // One band at a time (a key meets only keys of its own band), each entry as its key and doc·2^11 + sentence, sorted
    // by key (ties in entry order): the buckets, one run each. A band's columns are an eighth of all keys.
    const meetingsOfI = new Meetings();
    const meetingsOfJ = new Meetings();
    const bucketDocs: number[] = [];
    const bucketSentences: number[] = [];
    const perBand = this.used / SENTENCE_BANDS;
    const keyColumn = new Uint32Array(perBand);
    const sentenceColumn = new Uint32Array(perBand);
    const scratch: [Uint32Array, Uint32Array] = [new Uint32Array(perBand), new Uint32Array(perBand)];
    for (let band = 0; band < SENTENCE_BANDS; band++) {
      let total = 0;
      for (let d = 0; d < this.count; d++) {
        const first = this.starts[d]!;
        for (let e = first + band, sentence = 0; e < this.starts[d + 1]!; e += SENTENCE_BANDS, sentence++) {
          keyColumn[total] = this.keys[e]! >>> 0;
          sentenceColumn[total++] = d * 2 ** 11 + Math.min(MAX_ORDINAL, sentence);
        }
      }
      const [keys, sentences] = radixSorted(keyColumn, sentenceColumn, total, KEY_DIGITS, scratch);
      for (let start = 0; start < total; ) {
        const key = keys[start]!;
        let end = start + 1;
        while (end < total && keys[end] === key) end++;
        if (end - start > 1) {
          bucketDocs.length = 0;
          bucketSentences.length = 0;
          let overCommon = false;
          for (let e = start; e < end; e++) {
            const doc = sentences[e]! >>> 11;
            if (bucketDocs.length > 0 && bucketDocs[bucketDocs.length - 1] === doc) continue;
            if (bucketDocs.length === maxBucket) {
              overCommon = true;
              break;
            }
            bucketDocs.push(doc);
            bucketSentences.push(sentences[e]! & MAX_ORDINAL);
          }
          if (!overCommon) {
            for (let x = 0; x < bucketDocs.length; x++) {
              for (let y = x + 1; y < bucketDocs.length; y++) {
                const j = bucketDocs[y]! * 2 ** 11;
                meetingsOfI.push(bucketDocs[x]!, j + bucketSentences[x]!);
                meetingsOfJ.push(bucketDocs[x]!, j + bucketSentences[y]!);
              }
            }
          }
        }
        start = end;
      }
    }
    const [iOfI, ofI] = meetingsOfI.sorted();
    const ofJ = meetingsOfJ.sorted()[1];
    const pairs: Array<[number, number]> = [];
    const enough = (met: number, sentences: number) => met >= Math.max(minMeeting, minShare * sentences);
    // Both hold the same pairs as often: one walk counts the distinct sentences of each side.
    for (let p = 0; p < ofI.length; ) {
      const i = iOfI[p]!;
      const j = ofI[p]! >>> 11;
      let distinctI = 0;
      let distinctJ = 0;
      for (let q = p; q < ofI.length && iOfI[q] === i && ofI[q]! >>> 11 === j; q++, p++) {
        if (q === 0 || ofI[q] !== ofI[q - 1] || iOfI[q] !== iOfI[q - 1]) distinctI++;
        if (q === 0 || ofJ[q] !== ofJ[q - 1] || iOfI[q] !== iOfI[q - 1]) distinctJ++;
      }
      if ((enough(distinctI, this.sentences(i)) || enough(distinctJ, this.sentences(j))) && accept(i, j)) pairs.push([i, j]);
    }
    return pairs;
  }
}

/** Radix digits of a sort by the first column (11 bits at a time, from the lowest). */
const KEY_DIGITS: ReadonlyArray<readonly [0 | 1, number]> = [
  [0, 0],
  [0, 11],
  [0, 22],
];

/** Digits of a sort by both columns: the second's 32 bits, then the first's 21 (a document's number). */
const PAIR_DIGITS: ReadonlyArray<readonly [0 | 1, number]> = [[1, 0], [1, 11], [1, 22], [0, 0], [0, 11]];

/**
 * The first `count` rows of two columns, sorted stably by `digits` (column, shift), the least significant first: a
 * radix sort that carries both columns, so every pass reads in order (no look-up by index into a large array). The
 * result is in the given columns or in `scratch`.
 */
function radixSorted(
  first: Uint32Array,
  second: Uint32Array,
  count: number,
  digits: ReadonlyArray<readonly [0 | 1, number]>,
  scratch: readonly [Uint32Array, Uint32Array] = [new Uint32Array(count), new Uint32Array(count)],
): [Uint32Array, Uint32Array] {
  let a: Uint32Array = first.subarray(0, count);
  let b: Uint32Array = second.subarray(0, count);
  let toA: Uint32Array = scratch[0].subarray(0, count);
  let toB: Uint32Array = scratch[1].subarray(0, count);
  const counts = new Uint32Array(1 << 11);
  for (const [column, shift] of digits) {
    const by = column === 0 ? a : b;
    counts.fill(0);
    for (let e = 0; e < count; e++) counts[(by[e]! >>> shift) & 0x7ff]!++;
    // A digit every row has alike orders nothing.
    if (count === 0 || counts[(by[0]! >>> shift) & 0x7ff] === count) continue;
    let sum = 0;
    for (let d = 0; d < counts.length; d++) {
      const c = counts[d]!;
      counts[d] = sum;
      sum += c;
    }
    for (let e = 0; e < count; e++) {
      const at = counts[(by[e]! >>> shift) & 0x7ff]!++;
      toA[at] = a[e]!;
      toB[at] = b[e]!;
    }
    [a, toA] = [toA, a];
    [b, toB] = [toB, b];
  }
  return [a, b];
}

/** A growing list of meetings, as two columns: the first document's number, and the second's ·2^11 + a sentence. */
class Meetings {
  private first = new Uint32Array(1 << 12);
  private second = new Uint32Array(1 << 12);
  private length = 0;

  push(i: number, jAndSentence: number): void {
    if (this.length === this.first.length) {
      this.first = grownColumn(this.first);
      this.second = grownColumn(this.second);
    }
    this.first[this.length] = i;
    this.second[this.length++] = jAndSentence;
  }

  /** The meetings sorted by both columns. */
  sorted(): [Uint32Array, Uint32Array] {
    return radixSorted(this.first, this.second, this.length, PAIR_DIGITS);
  }
}

function grownColumn(column: Uint32Array): Uint32Array<ArrayBuffer> {
  const grown = new Uint32Array(column.length * 2);
  grown.set(column);
  return grown;
}
