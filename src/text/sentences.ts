import { words as stopWordList } from 'natural/lib/natural/util/stopwords.js';
import { canonicalSpelling } from './normalize.js';
import { toSortedSet } from './shingle.js';
import { hashString, hashWords, type Tokens } from './tokenize.js';
import { porterStem } from './porter-stem.js';
import { type SentenceSketch, sentenceSketches } from './sentence-sketch.js';

/**
 * Sentences as sets of stemmed content words: the coarse view that survives re-wording. A content-farm rewrite changes
 * most 5-word shingles but keeps, sentence by sentence, the names, numbers and most content stems.
 */
export interface SentenceFeatures {
  /** Sorted stem hashes of the whole document. */
  readonly contentSet: Int32Array;
  /** Sketches of the sentences, for sentence-level reuse (judge/align.ts). */
  readonly sketches: readonly SentenceSketch[];
}

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
  const stemmed = /^\d/.test(word) || word.length > MAX_STEMMED_LENGTH ? word : porterStem(word);
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
   * The stem learnt for the token spelled by units [start, end) of `folded`, or undefined when another token (or none)
   * holds its hash's slot: stemOf without cutting the token out of the text. Exact, as the tokens held are canonical
   * spellings, which canonicalSpelling leaves as they are.
   */
  learntStemAt(folded: string, start: number, end: number, hash: number): number | undefined {
    const slot = this.slotOf(hash);
    const known = this.tokens[slot];
    if (known === undefined || known.length !== end - start) return undefined;
    for (let i = 0; i < known.length; i++) if (known.charCodeAt(i) !== folded.charCodeAt(start + i)) return undefined;
    return this.stems[slot];
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
 * boilerplateTokens) is left out, of `sketches` and of `contentSet` alike: site furniture must not align or count as
 * content. `hashes` are the tokens' hashes (analyze's tokenHashes), where they are at hand.
 */
export function sentenceFeatures(tokens: Tokens, boilerplate?: Uint8Array, hashes?: Int32Array): SentenceFeatures {
  return new DocumentSentences(tokens, boilerplate, hashes ?? hashWords(tokens.words));
}

/**
 * The content set is made at once; the sketches of the sentences wait until an alignment first asks for them, since
 * most documents are only compared on their content set: a pair that shares too little content is never aligned.
 */
class DocumentSentences implements SentenceFeatures {
  readonly contentSet: Int32Array;
  /** Stem hash of each token: 0 for a stop word, and for every token of a boilerplate sentence. */
  private readonly stems: Int32Array;
  private sketched: readonly SentenceSketch[] | undefined;

  constructor(
    private readonly tokens: Tokens,
    boilerplate: Uint8Array | undefined,
    hashes: Int32Array,
  ) {
    const { sentenceStarts, count: tokenCount, starts, ends } = tokens;
    // Each word is read in the folded text, and cut out of it only when the table does not know it.
    const folded = tokens.foldedText();
    this.stems = new Int32Array(tokenCount);
    const content = new Int32Array(tokenCount);
    let count = 0;
    for (let s = 0; s < sentenceStarts.length; s++) {
      const first = sentenceStarts[s]!;
      const end = s + 1 < sentenceStarts.length ? sentenceStarts[s + 1]! : tokenCount;
      if (boilerplate) {
        let marked = 0;
        for (let t = first; t < end; t++) marked += boilerplate[t]!;
        if (2 * marked >= end - first) continue;
      }
      for (let t = first; t < end; t++) {
        const h = stemTable.learntStemAt(folded, starts[t]!, ends[t]!, hashes[t]!) ?? stemTable.stemOf(canonicalSpelling(folded.slice(starts[t]!, ends[t]!)), hashes[t]!);
        this.stems[t] = h;
        if (h !== 0) content[count++] = h;
      }
    }
    this.contentSet = toSortedSet(content.subarray(0, count));
  }

  get sketches(): readonly SentenceSketch[] {
    return (this.sketched ??= sentenceSketches(this.tokens, this.stems));
  }
}
