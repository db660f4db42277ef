import PorterStemmer from 'natural/lib/natural/stemmers/porter_stemmer.js';
import { words as stopWordList } from 'natural/lib/natural/util/stopwords.js';
import { distinctOfSorted, intersectionSize, toSortedSet } from './shingle.js';
import { hashString, hashWords, type Tokens } from './tokenize.js';
import { type SentenceSketch, sentenceSketches } from './sentence-sketch.js';

/**
 * Sentences as sets of stemmed content words: the coarse view that survives re-wording. A content-farm rewrite changes
 * most 5-word shingles but keeps, sentence by sentence and in order, the names, numbers and most content stems.
 */
export interface SentenceFeatures {
  /** Sorted stem hashes of each sentence with at least MIN_CONTENT_WORDS content words. */
  readonly sets: Int32Array[];
  /** Token range [first, end) of each of those sentences. */
  readonly ranges: Array<readonly [number, number]>;
  /** Sorted hashes of the number tokens of each of those sentences. */
  readonly numbers: Int32Array[];
  /** Sorted stem hashes of the whole document. */
  readonly contentSet: Int32Array;
  /** Sketches of the sentences, for sentence-level reuse (judge/align.ts). */
  readonly sketches: readonly SentenceSketch[];
}

/** Sentences with fewer content words (datelines, bylines, "Previous Story") say too little to align. */
export const MIN_CONTENT_WORDS = 4;

const stopWords = new Set(stopWordList);

/**
 * Longer tokens are hashed as they are, not stemmed: no English word is this long, and the Porter stemmer's time
 * grows with the square of a token's length (a 300,000-letter run of junk in a scraped page took minutes).
 */
export const MAX_STEMMED_LENGTH = 40;

/**
 * Hash of a folded, canonically spelled token's Porter stem (numbers and over-long tokens as they are), or 0 for a
 * stop word. Uncached: the reports' path and the scan's fingerprinter cache it their own way.
 */
export function stemHashOf(word: string): number {
  if (stopWords.has(word)) return 0;
  const stemmed = /^\d/.test(word) || word.length > MAX_STEMMED_LENGTH ? word : PorterStemmer.stem(word);
  return hashString(stemmed) || 1;
}

/**
 * stemHashOf, learnt once per token: an open-addressing table keyed by the token's hash, which holds the token too, so
 * a token whose hash another token took first is stemmed afresh rather than given that token's stem. A Map keyed by
 * the token strings costs far more a look-up, and a scan with rewrites makes millions: each analysis makes new
 * strings, which are hashed again, and half of all int32 hashes are not small integers a Map keys cheaply.
 */
export class StemTable {
  private hashes = new Int32Array(1 << 16);
  private stems = new Int32Array(1 << 16);
  /** The token in each slot; undefined marks an empty slot. */
  private tokens: Array<string | undefined> = new Array<string | undefined>(1 << 16).fill(undefined);
  private size = 0;
  /** 32 − log2(slots): a hash's slot is the top bits of its Fibonacci product. */
  private shift = 16;

  constructor(private readonly maxSize: number) {}

  /** stemHashOf(word), where `hash` is the token's hash. */
  stemOf(word: string, hash: number): number {
    const slot = this.slotOf(hash);
    const known = this.tokens[slot];
    if (known === word) return this.stems[slot]!;
    const stem = stemHashOf(word);
    if (known === undefined) this.put(slot, hash, word, stem);
    return stem;
  }

  /**
   * The stem learnt under a token hash, whichever token it was learnt from, or undefined: for the fingerprinter, which
   * has the hash of each token and spells out only the tokens it has not met.
   */
  learntStem(hash: number): number | undefined {
    const slot = this.slotOf(hash);
    return this.tokens[slot] === undefined ? undefined : this.stems[slot];
  }

  /** The slot holding `hash`, or the empty slot where it would go. */
  private slotOf(hash: number): number {
    const { hashes, tokens } = this;
    const mask = hashes.length - 1;
    let slot = Math.imul(hash, 0x9e3779b1) >>> this.shift;
    while (tokens[slot] !== undefined && hashes[slot] !== hash) slot = (slot + 1) & mask;
    return slot;
  }

  private put(slot: number, hash: number, word: string, stem: number): void {
    if (this.size >= this.maxSize) {
      // A corpus of endless distinct tokens (ids, junk) must not hold them all: start again.
      this.tokens.fill(undefined);
      this.size = 0;
      this.stemOf(word, hash);
      return;
    }
    this.hashes[slot] = hash;
    this.stems[slot] = stem;
    this.tokens[slot] = word;
    if (++this.size * 2 > this.hashes.length) this.grow();
  }

  private grow(): void {
    const { hashes, stems, tokens } = this;
    const slots = hashes.length * 2;
    this.hashes = new Int32Array(slots);
    this.stems = new Int32Array(slots);
    this.tokens = new Array<string | undefined>(slots).fill(undefined);
    this.shift--;
    const mask = slots - 1;
    for (let old = 0; old < tokens.length; old++) {
      if (tokens[old] === undefined) continue;
      let slot = Math.imul(hashes[old]!, 0x9e3779b1) >>> this.shift;
      while (this.tokens[slot] !== undefined) slot = (slot + 1) & mask;
      this.hashes[slot] = hashes[old]!;
      this.stems[slot] = stems[old]!;
      this.tokens[slot] = tokens[old];
    }
  }
}

const stemTable = new StemTable(500_000);

/**
 * Features of each sentence. A sentence at least half of whose tokens `boilerplate` marks (1 per token: see analyze's
 * boilerplateTokens) is left out, of `sets` and of `contentSet` alike: site furniture must not align or count as content.
 * `hashes` are the tokens' hashes (analyze's tokenHashes), where they are at hand.
 */
export function sentenceFeatures(tokens: Tokens, boilerplate?: Uint8Array, hashes?: Int32Array): SentenceFeatures {
  return new DocumentSentences(tokens, boilerplate, hashes ?? hashWords(tokens.words));
}

/**
 * The content set is made at once; the sets of the sentences wait until an alignment first asks for them, since most
 * documents are only compared on their content set: a pair that shares too little content is never aligned.
 */
class DocumentSentences implements SentenceFeatures {
  readonly contentSet: Int32Array;
  /** Stem hash of each token: 0 for a stop word, and for every token of a boilerplate sentence. */
  private readonly stems: Int32Array;
  private bySentence: Pick<SentenceFeatures, 'sets' | 'ranges' | 'numbers'> | undefined;
  private sketched: readonly SentenceSketch[] | undefined;

  constructor(
    private readonly tokens: Tokens,
    boilerplate: Uint8Array | undefined,
    hashes: Int32Array,
  ) {
    const { sentenceStarts, words } = tokens;
    this.stems = new Int32Array(words.length);
    const content = new Int32Array(words.length);
    let count = 0;
    for (let s = 0; s < sentenceStarts.length; s++) {
      const first = sentenceStarts[s]!;
      const end = s + 1 < sentenceStarts.length ? sentenceStarts[s + 1]! : words.length;
      if (boilerplate) {
        let marked = 0;
        for (let t = first; t < end; t++) marked += boilerplate[t]!;
        if (2 * marked >= end - first) continue;
      }
      for (let t = first; t < end; t++) {
        const h = stemTable.stemOf(words[t]!, hashes[t]!);
        this.stems[t] = h;
        if (h !== 0) content[count++] = h;
      }
    }
    this.contentSet = toSortedSet(content.subarray(0, count));
  }

  get sets(): Int32Array[] {
    return this.sentences().sets;
  }

  get ranges(): Array<readonly [number, number]> {
    return this.sentences().ranges;
  }

  get numbers(): Int32Array[] {
    return this.sentences().numbers;
  }

  get sketches(): readonly SentenceSketch[] {
    return (this.sketched ??= sentenceSketches(this.tokens, this.stems));
  }

  private sentences(): Pick<SentenceFeatures, 'sets' | 'ranges' | 'numbers'> {
    if (this.bySentence) return this.bySentence;
    const sets: Int32Array[] = [];
    const ranges: Array<readonly [number, number]> = [];
    const numbers: Int32Array[] = [];
    const { sentenceStarts, words } = this.tokens;
    const stems = new Int32Array(words.length);
    const digits = new Int32Array(words.length);
    for (let s = 0; s < sentenceStarts.length; s++) {
      const first = sentenceStarts[s]!;
      const end = s + 1 < sentenceStarts.length ? sentenceStarts[s + 1]! : words.length;
      let stemCount = 0;
      for (let t = first; t < end; t++) if (this.stems[t] !== 0) stems[stemCount++] = this.stems[t]!;
      // A boilerplate sentence has no stems left, so no set large enough to keep.
      const set = distinctOfSorted(stems.subarray(0, stemCount).sort());
      if (set.length < MIN_CONTENT_WORDS) continue;
      let digitCount = 0;
      for (let t = first; t < end; t++) {
        const word = words[t]!;
        const c = word.charCodeAt(0);
        // Hash the number itself: single digits are stop words, whose stem hash is 0.
        if (c >= 48 && c <= 57) digits[digitCount++] = hashString(word);
      }
      sets.push(set);
      ranges.push([first, end]);
      numbers.push(distinctOfSorted(digits.subarray(0, digitCount).sort()));
    }
    this.bySentence = { sets, ranges, numbers };
    return this.bySentence;
  }
}

/** Sentences of one document matched, in order, to sentences of another. */
export interface SentenceAlignment {
  /** Pairs [sentence of a, sentence of b] (indices into each side's `sets`), both ascending. */
  readonly pairs: Array<readonly [number, number]>;
  /** Share of a's sentences that are aligned. */
  readonly shareOfA: number;
  /** Share of b's sentences that are aligned. */
  readonly shareOfB: number;
}

/**
 * Jaccard similarity of the numbers in the aligned sentences of both sides (1 when they hold none). A rewrite keeps
 * the story's figures; a templated item (a central bank's daily bill sale, a crop estimate) keeps the sentences'
 * frame and changes the figures.
 */
export function numberAgreement(a: SentenceFeatures, b: SentenceFeatures, pairs: ReadonlyArray<readonly [number, number]>): number {
  const fromA = new Set<number>();
  const fromB = new Set<number>();
  for (const [i, j] of pairs) {
    for (const h of a.numbers[i]!) fromA.add(h);
    for (const h of b.numbers[j]!) fromB.add(h);
  }
  let shared = 0;
  for (const h of fromA) if (fromB.has(h)) shared++;
  const union = fromA.size + fromB.size - shared;
  return union === 0 ? 1 : shared / union;
}

/** Two sentences match when the Jaccard similarity of their content stems reaches this. */
export const SENTENCE_MATCH = 0.4;

function jaccardOfSorted(a: Int32Array, b: Int32Array): number {
  const n = intersectionSize(a, b);
  return n / (a.length + b.length - n);
}

/**
 * Best match in b for each sentence of a, then the longest chain of matches in which both sides ascend: a rewrite
 * keeps the story's order, a different story on the same topic matches sentences here and there.
 */
export function alignSentences(a: SentenceFeatures, b: SentenceFeatures): SentenceAlignment {
  const pairs = longestAscendingChain(bestMatches(a.sets, b.sets));
  return {
    pairs,
    shareOfA: a.sets.length === 0 ? 0 : pairs.length / a.sets.length,
    shareOfB: b.sets.length === 0 ? 0 : pairs.length / b.sets.length,
  };
}

/**
 * For each set of `as` in turn, the first set of `bs` of highest Jaccard, where that reaches SENTENCE_MATCH. Trying
 * every pair takes |as|·|bs| set comparisons: minutes for two texts of 20,000 sentences. Prefix and positional
 * filtering (AllPairs, PPJoin) find the same. With each set's stems ordered rarest first, two sets x, y of Jaccard
 * ≥ t share at least α = t·(|x| + |y|) / (1 + t) stems, so they share one among the first |x| − ⌈t·|x|⌉ + 1 stems
 * of x (a long prefix) and, where |x| ≥ |y|, among the first |y| − ⌈2t/(1+t)·|y|⌉ + 1 of y (a short one). Pairs with
 * |y| ≤ |x| are found by looking x's long prefix up in an index of the short prefixes of `bs`, pairs with |y| > |x|
 * the other way round; a set's most common stems are in neither prefix. And where two sets first meet, at places p
 * and q, they share nothing before: a pair whose 1 + min(|x| − p − 1, |y| − q − 1) falls short of α is dropped there.
 */
export function bestMatches(
  as: readonly Int32Array[],
  bs: readonly Int32Array[],
  /** Counts the pairs compared exactly, for tests of how much work the filters spare. */
  work?: { compared: number },
): Array<readonly [number, number]> {
  const frequency = new Map<number, number>();
  for (const sets of [as, bs]) for (const set of sets) for (const h of set) frequency.set(h, (frequency.get(h) ?? 0) + 1);
  const rarestFirst = (set: Int32Array): Int32Array => set.slice().sort((x, y) => frequency.get(x)! - frequency.get(y)! || x - y);
  const t = SENTENCE_MATCH;
  // Margins below the exact bounds, so that rounding can only lengthen a prefix or lower α.
  const prefixOf = (share: number) => (size: number) => Math.min(size, size - Math.ceil(share * size - 1e-9) + 1);
  const longPrefix = prefixOf(t);
  const shortPrefix = prefixOf((2 * t) / (1 + t));
  const overlapNeeded = (x: number, y: number) => Math.ceil((t / (1 + t)) * (x + y) - 1e-9);
  const orderedBs = bs.map(rarestFirst);
  // Per stem: the sets of bs whose prefix holds it, and where, as (j, place) pairs.
  const indexOf = (prefix: (size: number) => number) => {
    const index = new Map<number, number[]>();
    orderedBs.forEach((ordered, j) => {
      for (let q = 0; q < prefix(ordered.length); q++) {
        const list = index.get(ordered[q]!);
        if (list) list.push(j, q);
        else index.set(ordered[q]!, [j, q]);
      }
    });
    return index;
  };
  const shortIndex = indexOf(shortPrefix);
  const longIndex = indexOf(longPrefix);
  const matches: Array<readonly [number, number]> = [];
  const lastSeenBy = new Int32Array(bs.length).fill(-1);
  for (let i = 0; i < as.length; i++) {
    const ordered = rarestFirst(as[i]!);
    const x = ordered.length;
    const candidates: number[] = [];
    const probe = (index: Map<number, number[]>, probeLength: number, smallerY: boolean) => {
      for (let p = 0; p < probeLength; p++) {
        const list = index.get(ordered[p]!);
        if (!list) continue;
        for (let e = 0; e < list.length; e += 2) {
          const j = list[e]!;
          const y = orderedBs[j]!.length;
          if ((y <= x) !== smallerY || lastSeenBy[j] === i) continue;
          lastSeenBy[j] = i;
          if (1 + Math.min(x - p - 1, y - list[e + 1]! - 1) >= overlapNeeded(x, y)) candidates.push(j);
        }
      }
    };
    probe(shortIndex, longPrefix(x), true);
    probe(longIndex, shortPrefix(x), false);
    // In b's order, as the loop over every pair went: the first of equal best matches wins.
    candidates.sort((x, y) => x - y);
    let best = SENTENCE_MATCH;
    let bestJ = -1;
    if (work) work.compared += candidates.length;
    for (const j of candidates) {
      const s = jaccardOfSorted(as[i]!, bs[j]!);
      if (s >= best && (bestJ < 0 || s > best)) {
        best = s;
        bestJ = j;
      }
    }
    if (bestJ >= 0) matches.push([i, bestJ]);
  }
  return matches;
}

/** Longest subsequence of matches (already ascending in a) whose b indices strictly ascend. */
function longestAscendingChain(matches: Array<readonly [number, number]>): Array<readonly [number, number]> {
  const tailIndex: number[] = [];
  const previous = new Int32Array(matches.length).fill(-1);
  for (let m = 0; m < matches.length; m++) {
    const value = matches[m]![1];
    let lo = 0;
    let hi = tailIndex.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (matches[tailIndex[mid]!]![1] < value) lo = mid + 1;
      else hi = mid;
    }
    if (lo > 0) previous[m] = tailIndex[lo - 1]!;
    tailIndex[lo] = m;
  }
  const chain: Array<readonly [number, number]> = [];
  for (let m = tailIndex.length ? tailIndex[tailIndex.length - 1]! : -1; m >= 0; m = previous[m]!) chain.push(matches[m]!);
  return chain.reverse();
}
