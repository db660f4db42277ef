import { canonicalSpelling, spellingVariants } from './normalize.js';

/**
 * Word tokens of folded text, with their offsets and the sentences they form.
 *
 * A word is a maximal run of [a-z0-9_] or Cyrillic letters: the same split as natural's WordTokenizer
 * (/[^A-Za-zА-Яа-я0-9_]+/) on folded text, which test/tokenize.test.ts checks on the fixtures and the Reuters corpus.
 */
export interface Tokens {
  /** Folded tokens, spelling variants mapped to one form. */
  readonly words: string[];
  /** UTF-16 offset of each token's first unit in the text. */
  readonly starts: Uint32Array;
  /** UTF-16 offset one past each token's last unit. */
  readonly ends: Uint32Array;
  /** Index of the first token of each sentence, ascending; sentence i ends where sentence i + 1 starts. */
  readonly sentenceStarts: Uint32Array;
}

/** Whether a UTF-16 unit of folded text belongs to a word (natural's WordTokenizer class). */
export function isWordUnit(c: number): boolean {
  return (
    (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || c === 95 || (c >= 65 && c <= 90) || (c >= 0x410 && c <= 0x44f)
  );
}

/** A gap between two words ends a sentence if it holds . ! ? followed by white space, or a blank line. */
function gapEndsSentence(text: string, from: number, to: number): boolean {
  let newlines = 0;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c === 46 || c === 33 || c === 63) {
      // "5.93" never reaches here (no gap inside a number), so any of . ! ? in a gap with white space after ends it.
      for (let j = i + 1; j < to; j++) {
        const d = text.charCodeAt(j);
        if (d === 32 || d === 10 || d === 13 || d === 9) return true;
      }
    } else if (c === 10) {
      if (++newlines >= 2) return true;
    } else if (c !== 13 && c !== 32 && c !== 9) {
      // Only white space between two newlines makes a blank line.
      newlines = 0;
    }
  }
  return false;
}

export function tokenize(folded: string): Tokens {
  return tokenizeAndHash(folded).tokens;
}

/** FNV-1a hashes of every spelling variant, mapped to the hash of its canonical spelling, with a bitset in front. */
const variantHashes = new Map<number, number>();
const variantBits = new Uint8Array(8192);
for (const [variant, canonical] of spellingVariants()) {
  const h = hashString(variant);
  variantHashes.set(h, hashString(canonical));
  variantBits[(h >>> 3) & 0x1fff]! |= 1 << (h & 7);
}

/** Whether a token's hash may be a spelling variant's: most tokens' bits are clear, which spares them any look-up. */
export function mayBeSpellingVariant(h: number): boolean {
  return (variantBits[(h >>> 3) & 0x1fff]! & (1 << (h & 7))) !== 0;
}

/** The map canonicalTokenHash applies: spelling variant's hash → its canonical spelling's hash. */
export function spellingVariantHashes(): ReadonlyMap<number, number> {
  return variantHashes;
}

/** The hash of a token's canonical spelling, from the hash of the token ("armoured" → "armored"). */
export function canonicalTokenHash(h: number): number {
  return mayBeSpellingVariant(h) ? (variantHashes.get(h) ?? h) : h;
}

/** Token offsets and hashes, reused from text to text and grown on demand: n units hold at most n / 2 + 1 tokens. */
let startBuffer = new Uint32Array(4096);
let endBuffer = new Uint32Array(4096);
let hashBuffer = new Int32Array(4096);

/**
 * tokenize() and hashWords() of its words in one pass: each word is hashed while it is scanned, and only a word whose
 * hash may be a spelling variant's is looked up (and hashed again when it is one).
 */
export function tokenizeAndHash(folded: string): { tokens: Tokens; hashes: Int32Array } {
  const n = folded.length;
  if (startBuffer.length < (n >> 1) + 1) {
    startBuffer = new Uint32Array((n >> 1) + 1);
    endBuffer = new Uint32Array((n >> 1) + 1);
    hashBuffer = new Int32Array((n >> 1) + 1);
  }
  const words: string[] = [];
  const sentenceStarts: number[] = [];
  let i = 0;
  let previousEnd = -1;
  while (i < n) {
    while (i < n && !isWordUnit(folded.charCodeAt(i))) i++;
    if (i >= n) break;
    const start = i;
    let h = 0x811c9dc5 | 0;
    while (i < n) {
      const c = folded.charCodeAt(i);
      if (!isWordUnit(c)) break;
      h = Math.imul(h ^ c, 0x01000193);
      i++;
    }
    if (previousEnd < 0 || gapEndsSentence(folded, previousEnd, start)) sentenceStarts.push(words.length);
    let word = folded.slice(start, i);
    if (mayBeSpellingVariant(h)) {
      const canonical = canonicalSpelling(word);
      if (canonical !== word) {
        word = canonical;
        h = hashString(canonical);
      }
    }
    startBuffer[words.length] = start;
    endBuffer[words.length] = i;
    hashBuffer[words.length] = h;
    words.push(word);
    previousEnd = i;
  }
  const count = words.length;
  return {
    tokens: {
      words,
      starts: startBuffer.slice(0, count),
      ends: endBuffer.slice(0, count),
      sentenceStarts: Uint32Array.from(sentenceStarts),
    },
    hashes: hashBuffer.slice(0, count),
  };
}

/** 32-bit FNV-1a hash of a string's UTF-16 units, as int32. */
export function hashString(s: string): number {
  let h = 0x811c9dc5 | 0;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return h | 0;
}

/** Token hashes, one int32 per word. */
export function hashWords(words: readonly string[]): Int32Array {
  const out = new Int32Array(words.length);
  for (let i = 0; i < words.length; i++) out[i] = hashString(words[i]!);
  return out;
}
