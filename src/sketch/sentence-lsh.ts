/**
 * Sentence LSH: each sentence's content stems are banded (SENTENCE_BANDS bands of two MinHash rows), so a sentence meets
 * its near-matches across the corpus in time linear in the corpus. Two articles are candidates when several of their
 * sentences meet. A bucket holding more than MAX_BUCKET_DOCUMENTS articles is an over-common sentence (a standard
 * quote, a wire formula, boilerplate): it is passed over, as learned boilerplate lines are, so no bucket's work grows
 * with the corpus.
 */
import { MIN_SENTENCE_STEMS } from '../text/sentence-sketch.js';

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

function mix(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return h ^ (h >>> 16);
}

/**
 * The keys of a document's sentences, SENTENCE_BANDS per sentence with at least MIN_SENTENCE_STEMS distinct stems, in
 * sentence order: sentence n's keys are keys[n·SENTENCE_BANDS …]. `tokenStems` holds each token's stem hash (0 for a
 * stop word), `sentenceStarts` the first token of each sentence.
 */
export function sentenceKeys(tokenStems: Int32Array, tokenCount: number, sentenceStarts: ArrayLike<number>): Int32Array {
  const keys: number[] = [];
  const mins = new Int32Array(2 * SENTENCE_BANDS);
  const seen = new Set<number>();
  for (let s = 0; s < sentenceStarts.length; s++) {
    const first = sentenceStarts[s]!;
    const end = s + 1 < sentenceStarts.length ? sentenceStarts[s + 1]! : tokenCount;
    seen.clear();
    mins.fill(0x7fffffff);
    for (let t = first; t < end; t++) {
      const stem = tokenStems[t]!;
      if (stem === 0 || seen.has(stem)) continue;
      seen.add(stem);
      for (let r = 0; r < mins.length; r++) {
        const h = mix(stem ^ Math.imul(r + 1, 0x9e3779b1));
        if (h < mins[r]!) mins[r] = h;
      }
    }
    if (seen.size < MIN_SENTENCE_STEMS) continue;
    for (let b = 0; b < SENTENCE_BANDS; b++) keys.push(mix(Math.imul(mins[2 * b]!, 31) ^ mins[2 * b + 1]! ^ Math.imul(b + 1, 0x27d4eb2d)));
  }
  return Int32Array.from(keys);
}

/** Every document's sentence keys end to end, with where each document's start. */
export class SentenceKeyStore {
  private keys = new Int32Array(1 << 16);
  private starts = new Float64Array(1024);
  private used = 0;
  count = 0;

  add(keys: Int32Array): void {
    if (this.used + keys.length > this.keys.length) {
      const grown = new Int32Array(Math.max(this.keys.length * 2, this.used + keys.length));
      grown.set(this.keys.subarray(0, this.used));
      this.keys = grown;
    }
    if (this.count + 2 > this.starts.length) {
      const grown = new Float64Array(this.starts.length * 2);
      grown.set(this.starts);
      this.starts = grown;
    }
    this.starts[this.count] = this.used;
    this.keys.set(keys, this.used);
    this.used += keys.length;
    this.count++;
    this.starts[this.count] = this.used;
  }

  /** Document i's keys: a view. */
  of(i: number): Int32Array {
    return this.keys.subarray(this.starts[i]!, this.starts[i + 1]!);
  }

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
    const total = this.used;
    // (key, entry) sorted by key: the buckets, one run each.
    const order = new BigUint64Array(total);
    for (let e = 0; e < total; e++) order[e] = (BigInt(this.keys[e]! >>> 0) << 32n) | BigInt(e);
    order.sort();
    const docOfEntry = new Int32Array(total);
    for (let d = 0; d < this.count; d++) docOfEntry.fill(d, this.starts[d]!, this.starts[d + 1]!);
    // Meetings as (i, j, sentence of i, sentence of j) in one number: 21 + 21 + 11 + 11 bits.
    let meetings = new BigUint64Array(1 << 12);
    let met = 0;
    const bucketDocs: number[] = [];
    const bucketSentences: number[] = [];
    for (let start = 0; start < total; ) {
      const key = order[start]! >> 32n;
      let end = start + 1;
      while (end < total && order[end]! >> 32n === key) end++;
      if (end - start > 1) {
        bucketDocs.length = 0;
        bucketSentences.length = 0;
        let overCommon = false;
        for (let e = start; e < end; e++) {
          const entry = Number(order[e]! & 0xffffffffn);
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
              if (met === meetings.length) {
                const grown = new BigUint64Array(meetings.length * 2);
                grown.set(meetings);
                meetings = grown;
              }
              meetings[met++] =
                (BigInt(bucketDocs[x]!) << 43n) | (BigInt(bucketDocs[y]!) << 22n) | (BigInt(bucketSentences[x]!) << 11n) | BigInt(bucketSentences[y]!);
            }
          }
        }
      }
      start = end;
    }
    const sorted = meetings.subarray(0, met).sort();
    const pairs: Array<[number, number]> = [];
    const sentencesOfJ = new Set<number>();
    for (let p = 0; p < met; ) {
      const pair = sorted[p]! >> 22n;
      let distinctI = 0;
      let lastI = -1;
      sentencesOfJ.clear();
      for (; p < met && sorted[p]! >> 22n === pair; p++) {
        const si = Number((sorted[p]! >> 11n) & 0x7ffn);
        if (si !== lastI) distinctI++;
        lastI = si;
        sentencesOfJ.add(Number(sorted[p]! & 0x7ffn));
      }
      const i = Number(pair >> 21n);
      const j = Number(pair & 0x1fffffn);
      const fewer = Math.min(this.sentences(i), this.sentences(j));
      const needed = Math.max(minMeeting, minShare * fewer);
      if (Math.min(distinctI, sentencesOfJ.size) >= needed && accept(i, j)) pairs.push([i, j]);
    }
    return pairs;
  }
}
