import { canonicalSpelling, spellingVariants } from './normalize.js';

/**
 * Word tokens of folded text, with their offsets and the sentences they form.
 *
 * A word is a maximal run of word units (see UNIT_CLASS), or one letter of a script written without spaces.
 */
export interface Tokens {
  /** How many tokens. */
  readonly count: number;
  /** Folded tokens, spelling variants mapped to one form. */
  readonly words: string[];
  /** UTF-16 offset of each token's first unit in the text. */
  readonly starts: Uint32Array;
  /** UTF-16 offset one past each token's last unit. */
  readonly ends: Uint32Array;
  /** Index of the first token of each sentence, ascending; sentence i ends where sentence i + 1 starts. */
  readonly sentenceStarts: Uint32Array;
  /**
   * The folded text the offsets point into: token t is canonicalSpelling of its units [starts[t], ends[t]), readable
   * there without cutting every word.
   */
  foldedText(): string;
}

/**
 * Scripts written without spaces between words: Han, Hiragana, Katakana, Thai, Lao, Khmer, Myanmar. Each of their
 * letters is a word of its own, so a text's shingles are runs of letters. Per letter rather than by a dictionary
 * (Intl.Segmenter): its segments change with Node's ICU data, and an index's stored fingerprints must not.
 */
function isUnspacedScript(c: number): boolean {
  return (
    (c >= 0x0e00 && c <= 0x0eff) || (c >= 0x1000 && c <= 0x109f) || (c >= 0x1780 && c <= 0x17ff) || (c >= 0x3040 && c <= 0x30ff) ||
    (c >= 0x31f0 && c <= 0x31ff) || (c >= 0x3400 && c <= 0x4dbf) || (c >= 0x4e00 && c <= 0x9fff) || (c >= 0xf900 && c <= 0xfaff)
  );
}

/** A unit that is no part of a word. */
export const NOT_WORD = 0;
/** A unit of a word: a word is a maximal run of them. */
export const WORD = 1;
/** A letter that is a word by itself (see isUnspacedScript). */
export const LETTER_WORD = 2;

const LETTER_OR_DIGIT = /[\p{L}\p{M}\p{Nd}]/u;

/**
 * The class of each UTF-16 unit of folded text. Below U+0370, and for Cyrillic, natural's WordTokenizer class
 * (/[A-Za-zА-Яа-я0-9_]/), which test/tokenize.test.ts checks on the fixtures and the Reuters corpus; above it, the
 * letters, marks and digits of every other script (Greek, Arabic, Hebrew, Devanagari, Hangul …), with the scripts
 * written without spaces a word per letter.
 */
const UNIT_CLASS = (() => {
  const table = new Uint8Array(65536);
  for (let c = 0; c < 65536; c++) {
    if ((c >= 97 && c <= 122) || (c >= 48 && c <= 57) || c === 95 || (c >= 65 && c <= 90) || (c >= 0x410 && c <= 0x44f)) table[c] = WORD;
    else if (c < 0x370 || (c >= 0x400 && c <= 0x4ff) || (c >= 0xd800 && c <= 0xdfff)) table[c] = NOT_WORD;
    else if (isUnspacedScript(c)) table[c] = LETTER_OR_DIGIT.test(String.fromCharCode(c)) ? LETTER_WORD : NOT_WORD;
    else table[c] = LETTER_OR_DIGIT.test(String.fromCharCode(c)) ? WORD : NOT_WORD;
  }
  return table;
})();

/** NOT_WORD, WORD or LETTER_WORD: how a unit of folded text takes part in words. */
export function unitClass(c: number): number {
  return UNIT_CLASS[c]!;
}

/** Whether a UTF-16 unit of folded text belongs to a word. */
export function isWordUnit(c: number): boolean {
  return UNIT_CLASS[c] !== NOT_WORD;
}

/** Whether a text holds a unit that folds or normalises into a script written without spaces (a superset, cheaply). */
export function mayHoldLetterWords(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0x0e00 && ((c <= 0x17ff && (c <= 0x109f || c >= 0x1780)) || (c >= 0x2e80 && c <= 0x9fff) || (c >= 0xf900 && c <= 0xfaff) || c >= 0xfe30)) return true;
  }
  return false;
}

/**
 * A gap between two words ends a sentence if it holds . ! ? followed by white space, or a blank line. Folding maps no
 * other unit to any of the units this looks at (test/tokenize.test.ts), so it may be asked of NFKC text or folded text.
 */
function gapEndsSentence(text: string, from: number, to: number): boolean {
  // Most gaps are one space; a gap that ends a sentence takes two units at least (". ", a blank line).
  if (to - from < 2) return false;
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

/** Index of the first token of each sentence: where a gap between two tokens ends a sentence, and token 0. */
export function sentenceStartsOf(text: string, starts: Uint32Array, ends: Uint32Array): Uint32Array {
  const sentenceStarts: number[] = [];
  for (let t = 0; t < starts.length; t++) if (t === 0 || gapEndsSentence(text, ends[t - 1]!, starts[t]!)) sentenceStarts.push(t);
  return Uint32Array.from(sentenceStarts);
}

/** How many sentences sentenceStartsOf finds among the first `count` tokens, without making the list. */
export function sentenceCountOf(text: string, starts: Int32Array | Uint32Array, ends: Int32Array | Uint32Array, count: number): number {
  let sentences = count > 0 ? 1 : 0;
  for (let t = 1; t < count; t++) if (gapEndsSentence(text, ends[t - 1]!, starts[t]!)) sentences++;
  return sentences;
}

/**
 * Tokens whose words are cut from the folded text only when first asked for: only the rewrite pass's sentence
 * features read them, and cutting 600 strings a document was half of analysing it.
 */
export class TokensOfText implements Tokens {
  private cut: string[] | undefined;

  constructor(
    /** The folded text the offsets point into, made when the words are first asked for. */
    private readonly folded: () => string,
    readonly starts: Uint32Array,
    readonly ends: Uint32Array,
    readonly sentenceStarts: Uint32Array,
  ) {}

  get count(): number {
    return this.starts.length;
  }

  foldedText(): string {
    return this.folded();
  }

  get words(): string[] {
    if (this.cut === undefined) {
      const folded = this.folded();
      this.cut = Array.from(this.starts, (start, t) => canonicalSpelling(folded.slice(start, this.ends[t])));
    }
    return this.cut;
  }
}

/** Tokens whose words were cut as the text was tokenised (the reference path). */
class CutTokens implements Tokens {
  constructor(
    readonly words: string[],
    readonly starts: Uint32Array,
    readonly ends: Uint32Array,
    readonly sentenceStarts: Uint32Array,
    private readonly folded: string,
  ) {}

  get count(): number {
    return this.words.length;
  }

  foldedText(): string {
    return this.folded;
  }
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
  let i = 0;
  while (i < n) {
    while (i < n && !isWordUnit(folded.charCodeAt(i))) i++;
    if (i >= n) break;
    const start = i;
    let h = 0x811c9dc5 | 0;
    if (UNIT_CLASS[folded.charCodeAt(i)] === LETTER_WORD) h = Math.imul(h ^ folded.charCodeAt(i++), 0x01000193);
    else {
      while (i < n) {
        const c = folded.charCodeAt(i);
        if (UNIT_CLASS[c] !== WORD) break;
        h = Math.imul(h ^ c, 0x01000193);
        i++;
      }
    }
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
  }
  const count = words.length;
  const starts = startBuffer.slice(0, count);
  const ends = endBuffer.slice(0, count);
  return {
    tokens: new CutTokens(words, starts, ends, sentenceStartsOf(folded, starts, ends), folded),
    hashes: hashBuffer.slice(0, count),
  };
}

/** 32-bit FNV-1a hash of a string's UTF-16 units, as int32. */
export function hashString(s: string): number {
  return hashSpan(s, 0, s.length);
}

/** hashString of units [start, end) of `s`, without cutting them out. */
export function hashSpan(s: string, start: number, end: number): number {
  let h = 0x811c9dc5 | 0;
  for (let i = start; i < end; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return h | 0;
}

/** Token hashes, one int32 per word. */
export function hashWords(words: readonly string[]): Int32Array {
  const out = new Int32Array(words.length);
  for (let i = 0; i < words.length; i++) out[i] = hashString(words[i]!);
  return out;
}
