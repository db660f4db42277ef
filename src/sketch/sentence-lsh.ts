/**
 * Sentence LSH: each sentence's content words are banded (SENTENCE_BANDS bands of two MinHash rows), so a sentence meets
 * its near-matches across the corpus in time linear in the corpus. Two articles are candidates when several of their
 * sentences meet. A bucket holding more than MAX_BUCKET_DOCUMENTS articles is an over-common sentence (a standard
 * quote, a wire formula, boilerplate): it is passed over, as learned boilerplate lines are, so no bucket's work grows
 * with the corpus.
 */
import { KeyRuns } from './key-runs.js';
import { words as stopWordList } from 'natural/lib/natural/util/stopwords.js';
import { MIN_SENTENCE_STEMS } from '../text/sentence-sketch.js';
import { canonicalTokenHash, hashString } from '../text/tokenize.js';

/** Bands per sentence; each band is two MinHash rows. */
export const SENTENCE_BANDS = 8;

/** A sentence key shared by more articles than this is over-common and makes no candidates. */
export const MAX_BUCKET_DOCUMENTS = 8;

/** Sentences that must meet for two articles to be candidates: one meeting is too often two common stems by chance. */
export const MIN_MEETING_SENTENCES = 2;

/**
 * Share of the sentences of the one with fewer that must meet: a re-written copy takes a good part of its sentences
 * from the source, a story on the same topic meets it here and there.
 */
export const MIN_MEETING_SHARE = 1 / 3;

/** Sentences of one article beyond this share one ordinal: candidates count meetings, they never need more. */
const MAX_ORDINAL = 2047;

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
  const mins = new Int32Array(ROWS);
  const distinct: number[] = [];
  for (let s = 0; s < sentenceStarts.length; s++) {
    const first = sentenceStarts[s]!;
    const end = s + 1 < sentenceStarts.length ? sentenceStarts[s + 1]! : tokenCount;
    distinct.length = 0;
    mins.fill(0x7fffffff);
    for (let t = first; t < end; t++) {
      const stem = tokenStems[t]!;
      if (stem === 0) continue;
      // A repeated word changes no minimum; it is counted once.
      if (distinct.length < MIN_SENTENCE_STEMS && !distinct.includes(stem)) distinct.push(stem);
      const base = mix(stem);
      for (let r = 0; r < ROWS; r++) {
        const h = (Math.imul(base, ROW_MULTIPLIERS[r]!) + ROW_OFFSETS[r]!) | 0;
        if (h < mins[r]!) mins[r] = h;
      }
    }
    if (distinct.length < MIN_SENTENCE_STEMS) continue;
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
   * counted as distinct sentences on both sides, at least `minMeeting` of them and at least `minShare` of the sentences
   * of the one with fewer. `accept` is asked of each such pair last.
   */
  candidatePairs(
    accept: (i: number, j: number) => boolean = () => true,
    {
      maxBucket = MAX_BUCKET_DOCUMENTS,
      minMeeting = MIN_MEETING_SENTENCES,
      minShare = MIN_MEETING_SHARE,
    }: { maxBucket?: number; minMeeting?: number; minShare?: number } = {},
  ): Array<[number, number]> {
    // Entries whose key another entry may share, sorted by key: the buckets of two or more, one run each.
    const order = entriesByKey(this.keys, sharedEntries(this.keys, this.used));
    const total = order.length;
    const docOfEntry = new Int32Array(this.used);
    for (let d = 0; d < this.count; d++) docOfEntry.fill(d, this.starts[d]!, this.starts[d + 1]!);
    // Meetings as i·2^32 + j·2^11 + sentence, once with i's sentence and once with j's: exact in a double.
    const meetingsOfI = new Meetings();
    const meetingsOfJ = new Meetings();
    const bucketDocs: number[] = [];
    const bucketSentences: number[] = [];
    for (let start = 0; start < total; ) {
      const key = this.keys[order[start]!]!;
      let end = start + 1;
      while (end < total && this.keys[order[end]!] === key) end++;
      if (end - start > 1) {
        bucketDocs.length = 0;
        bucketSentences.length = 0;
        let overCommon = false;
        for (let e = start; e < end; e++) {
          const entry = order[e]!;
          const doc = docOfEntry[entry]!;
          if (bucketDocs.length > 0 && bucketDocs[bucketDocs.length - 1] === doc) continue;
          if (bucketDocs.length === maxBucket) {
            overCommon = true;
            break;
          }
          bucketDocs.push(doc);
          bucketSentences.push(Math.min(MAX_ORDINAL, Math.floor((entry - this.starts[doc]!) / SENTENCE_BANDS)));
        }
        if (!overCommon) {
          for (let x = 0; x < bucketDocs.length; x++) {
            for (let y = x + 1; y < bucketDocs.length; y++) {
              const pair = bucketDocs[x]! * 2 ** 32 + bucketDocs[y]! * 2 ** 11;
              meetingsOfI.push(pair + bucketSentences[x]!);
              meetingsOfJ.push(pair + bucketSentences[y]!);
            }
          }
        }
      }
      start = end;
    }
    const ofI = meetingsOfI.sorted();
    const ofJ = meetingsOfJ.sorted();
    const pairs: Array<[number, number]> = [];
    // Both hold the same pairs as often: one walk counts the distinct sentences of each side.
    for (let p = 0; p < ofI.length; ) {
      const pair = Math.floor(ofI[p]! / 2 ** 11);
      let distinctI = 0;
      let distinctJ = 0;
      for (let q = p; q < ofI.length && Math.floor(ofI[q]! / 2 ** 11) === pair; q++, p++) {
        if (q === 0 || ofI[q] !== ofI[q - 1]) distinctI++;
        if (q === 0 || ofJ[q] !== ofJ[q - 1]) distinctJ++;
      }
      const i = Math.floor(pair / 2 ** 21);
      const j = pair % 2 ** 21;
      const fewer = Math.min(this.sentences(i), this.sentences(j));
      const needed = Math.max(minMeeting, minShare * fewer);
      if (Math.min(distinctI, distinctJ) >= needed && accept(i, j)) pairs.push([i, j]);
    }
    return pairs;
  }
}

/** A growing list of doubles. */
class Meetings {
  private values = new Float64Array(1 << 12);
  private length = 0;

  push(value: number): void {
    if (this.length === this.values.length) {
      const grown = new Float64Array(this.length * 2);
      grown.set(this.values);
      this.values = grown;
    }
    this.values[this.length++] = value;
  }

  sorted(): Float64Array {
    return this.values.subarray(0, this.length).sort();
  }
}

/**
 * The entries 0 … count-1 whose key may be another's too, ascending: most sentences are their article's alone, and a
 * count per hashed slot passes over their keys before any sort. A slot two keys share only keeps both.
 */
export function sharedEntries(keys: Int32Array, count: number): Uint32Array<ArrayBuffer> {
  let bits = 16;
  while (bits < 26 && 1 << bits < 4 * count) bits++;
  const seen = new Uint8Array(1 << bits);
  const shift = 32 - bits;
  for (let e = 0; e < count; e++) {
    const slot = Math.imul(keys[e]!, 0x9e3779b1) >>> shift;
    if (seen[slot]! < 2) seen[slot]!++;
  }
  let shared = 0;
  for (let e = 0; e < count; e++) if (seen[Math.imul(keys[e]!, 0x9e3779b1) >>> shift] === 2) shared++;
  const entries = new Uint32Array(shared);
  for (let e = 0, n = 0; e < count; e++) if (seen[Math.imul(keys[e]!, 0x9e3779b1) >>> shift] === 2) entries[n++] = e;
  return entries;
}

/** The entries ordered by keys[entry], ties in the order given: a radix sort, 16 bits at a time. */
function entriesByKey(keys: Int32Array, entries: Uint32Array<ArrayBuffer>): Uint32Array {
  const count = entries.length;
  let from = entries;
  let to = new Uint32Array(count);
  const counts = new Uint32Array(1 << 16);
  for (const shift of [0, 16]) {
    counts.fill(0);
    for (let e = 0; e < count; e++) counts[(keys[from[e]!]! >>> shift) & 0xffff]!++;
    let sum = 0;
    for (let b = 0; b < counts.length; b++) {
      const c = counts[b]!;
      counts[b] = sum;
      sum += c;
    }
    for (let e = 0; e < count; e++) {
      const entry = from[e]!;
      to[counts[(keys[entry]! >>> shift) & 0xffff]!++] = entry;
    }
    [from, to] = [to, from];
  }
  return from;
}
