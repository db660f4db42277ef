import { canonicalSpelling, foldText, foldUnit, normalizeText } from './normalize.js';
import { isLineSpace, LineKeyState, lineKeys as referenceLineKeys, MIN_LINE_WORDS } from './boilerplate.js';
import { StemTable } from './sentences.js';
import { MembershipTable, shingleHashesInto, sortDistinct } from './shingle.js';
import { canonicalTokenHash, LETTER_WORD, mayHoldLetterWords, NOT_WORD, sentenceCountOf, sentenceStartsOf, spellingVariantHashes, TokensOfText, unitClass, WORD } from './tokenize.js';
import { type KernelTokens, LINE_SPACE, TokenizerKernel, tokenizerModule, WORD_UNIT } from './wasm/tokenizer.js';

/**
 * The hot path of a scan: token hashes straight from the text's char codes, with no string per token or shingle.
 * It yields exactly what analyze() yields (tokenize → canonicalSpelling → hashWords, then shingleHashes), which
 * test/fingerprint.test.ts checks on the fixtures and the Reuters corpus; analyze() stays the readable reference and
 * serves the reports.
 */

/** Folded units of the whole UTF-16 range, filled on first use (0: not computed yet). */
const foldTable = new Uint16Array(65536);
for (let c = 0; c < 128; c++) foldTable[c] = c >= 65 && c <= 90 ? c + 32 : c;
const wordTable = new Uint8Array(65536);
for (let c = 0; c < 65536; c++) wordTable[c] = unitClass(c);

function folded(c: number): number {
  let f = foldTable[c]!;
  if (f === 0 && c !== 0) {
    f = foldUnit(c);
    foldTable[c] = f;
  }
  return f;
}

const asciiFold = foldTable.slice(0, 128);

/**
 * A WebAssembly tokeniser over the tables above. One per Fingerprinter, not one per thread: a Fingerprinter's views are
 * into its kernel's memory, and another's tokenize() must not overwrite them.
 */
function tokenizerKernel(module: WebAssembly.Module): TokenizerKernel {
  const classOf = (f: number) => (wordTable[f] === WORD ? WORD_UNIT : 0) | (isLineSpace(f) ? LINE_SPACE : 0);
  return new TokenizerKernel(module, foldTable, classOf, folded, MIN_LINE_WORDS, spellingVariantHashes());
}

/** Which loop tokenises: the WebAssembly kernel, or the JavaScript loop it is tested against. */
export type TokenizerBackend = 'wasm' | 'js';

/** Reusable buffers, grown on demand: one fingerprinter per thread. */
export class Fingerprinter {
  private tokens = new Int32Array(4096);
  private tokenStarts = new Int32Array(4096);
  private tokenEnds = new Int32Array(4096);
  private shingleBuffer = new Int32Array(4096);
  private stems = new Int32Array(4096);
  private lines = new Int32Array(256);
  /** Line keys the last tokenize() left in `lines`, or -1 when it was not asked for them. */
  private lineKeyCount = -1;
  /** Line-key state of the JavaScript pass, reused. */
  private readonly lineKey = new LineKeyState();
  /** Text the offsets of the last tokenize() refer to. */
  private text = '';
  /** Text given to the last tokenize(), and its textDigest when the tokeniser took it on the way. */
  private raw = '';
  private rawDigest: number | undefined;
  /** Made on first tokenize(): a fingerprinter that never tokenises (clustering's document loaders) holds none. */
  private kernel: TokenizerKernel | undefined;
  /** What the kernel's last run left in its memory (token hashes, offsets), when the kernel tokenises. */
  private kernelTokens: KernelTokens | undefined;
  /** Whether the last shingles() are in the kernel's memory; else they are `jsShingles`. */
  private kernelShingles = false;
  private jsShingles = new Int32Array(0);
  private counter: DistinctCounter | undefined;
  readonly backend: TokenizerBackend;
  tokenCount = 0;

  /** `backend` 'js' forces the JavaScript loop (for tests); by default the WebAssembly kernel runs where it can. */
  constructor(backend?: TokenizerBackend) {
    this.backend = backend !== 'js' && tokenizerModule() ? 'wasm' : 'js';
  }

  /**
   * Tokenises `text` (any form: NFKC is applied here) into token hashes; returns the count. With `withLineKeys`, the
   * same pass also keys its lines (see lineKeys()), which costs a fraction of a second pass over the text.
   */
  tokenize(raw: string, withLineKeys = false): number {
    this.raw = raw;
    // The kernel knows runs of word units only: a text with letters that are words by themselves takes the loop below.
    this.kernelTokens = undefined;
    if (this.backend === 'wasm' && !mayHoldLetterWords(raw)) {
      this.kernel ??= tokenizerKernel(tokenizerModule()!);
      return this.tokenizeWithKernel(this.kernel, raw, withLineKeys);
    }
    this.rawDigest = undefined;
    const text = isAscii(raw) ? raw : normalizeText(raw);
    this.text = text;
    const n = text.length;
    let count = 0;
    let inWord = false;
    let afterWordUnit = false;
    let start = 0;
    let h = 0;
    const line = this.lineKey;
    line.reset();
    let lineCount = 0;
    // One pass, one state bit: inside a word, extend its FNV-1a hash over folded units; at its end, emit it. A line
    // break at the end closes the last word and the last line.
    for (let i = 0; i <= n; i++) {
      const c = i < n ? text.charCodeAt(i) : 10;
      const f = c < 128 ? asciiFold[c]! : folded(c);
      const unit = wordTable[f]!;
      if (inWord && unit !== WORD) {
        inWord = false;
        if (count === this.tokens.length) this.grow();
        this.tokens[count] = canonicalTokenHash(h);
        this.tokenStarts[count] = start;
        this.tokenEnds[count] = i;
        count++;
      }
      // A line's words are runs of word units, as boilerplate.ts counts them, whichever way they split into tokens.
      if (unit !== NOT_WORD && !afterWordUnit) line.words++;
      afterWordUnit = unit !== NOT_WORD;
      if (unit === WORD) {
        if (!inWord) {
          inWord = true;
          start = i;
          h = 0x811c9dc5 | 0;
        }
        h = Math.imul(h ^ f, 0x01000193);
      } else if (unit === LETTER_WORD) {
        if (count === this.tokens.length) this.grow();
        this.tokens[count] = Math.imul((0x811c9dc5 | 0) ^ f, 0x01000193);
        this.tokenStarts[count] = i;
        this.tokenEnds[count] = i + 1;
        count++;
      }
      if (!withLineKeys) continue;
      if (c === 10) {
        if (line.keyed()) {
          if (lineCount === this.lines.length) this.lines = grownCopy(this.lines);
          this.lines[lineCount++] = line.hash | 0;
        }
        line.reset();
      } else line.unit(f, i);
    }
    this.tokenCount = count;
    this.lineKeyCount = withLineKeys ? sortDistinct(this.lines, lineCount) : -1;
    return count;
  }

  private tokenizeWithKernel(kernel: TokenizerKernel, raw: string, withLineKeys: boolean): number {
    // Token hashes (canonical already) and offsets stay in the kernel's memory: the methods below read them there.
    const out = kernel.tokenize(raw, normalizeText, withLineKeys);
    const count = out.count;
    this.kernelTokens = out;
    this.text = out.text;
    this.rawDigest = out.digest;
    this.tokenCount = count;
    if (withLineKeys) {
      while (this.lines.length < out.lines.length) this.lines = grownCopy(this.lines);
      this.lines.set(out.lines);
      this.lineKeyCount = sortDistinct(this.lines, out.lines.length);
    } else {
      this.lineKeyCount = -1;
    }
    return count;
  }

  /** textDigest of the text given to the last tokenize(), taken on the way where the tokeniser could. */
  textDigest(): number {
    return this.rawDigest ?? textDigest(this.raw);
  }

  /** Token hashes of the last tokenize(), a view valid until the next call. */
  tokenHashes(): Int32Array {
    return this.kernelTokens ? this.kernelTokens.tokens : this.tokens.subarray(0, this.tokenCount);
  }

  /**
   * The last tokenize()'s tokens as analyze() has them, copied out of buffers the next tokenize() overwrites: the NFKC
   * text their offsets point into, offsets, sentences and canonical token hashes (test/analyze.test.ts checks).
   */
  analyzedTokens(): { text: string; tokens: TokensOfText; hashes: Int32Array } {
    const n = this.tokenCount;
    const { tokens, starts, ends } = this.lastTokens();
    const offsets = (a: Int32Array) => new Uint32Array(a.buffer, a.byteOffset, n).slice();
    const text = this.text;
    const tokenStarts = offsets(starts);
    const tokenEnds = offsets(ends);
    let folded: string | undefined;
    // Sentence ends are found on the NFKC text: folding changes none of the units that tell them.
    return {
      text,
      tokens: new TokensOfText(() => (folded ??= foldText(text)), tokenStarts, tokenEnds, this.sentenceStarts().slice()),
      hashes: tokens.slice(0, n),
    };
  }

  /** The buffers the last tokenize() left its token hashes and offsets in: the kernel's, or this loop's own. */
  private lastTokens(): { tokens: Int32Array; starts: Int32Array; ends: Int32Array } {
    return this.kernelTokens ?? { tokens: this.tokens, starts: this.tokenStarts, ends: this.tokenEnds };
  }

  /** Sentences of the last tokenize(), as analyzedTokens() would find them (their number only). */
  sentenceCount(): number {
    const { starts, ends } = this.lastTokens();
    return sentenceCountOf(this.text, starts, ends, this.tokenCount);
  }

  /** Shingle hashes (k words each) of the last tokenize(), in text order: a view valid until the next call. */
  shingles(k: number): Int32Array {
    if (this.kernel && this.kernelTokens && k >= 1) {
      this.kernelShingles = true;
      return this.kernel.shingles(k);
    }
    const n = this.tokenCount;
    const tokens = this.tokenHashes();
    if (this.shingleBuffer.length < n) this.shingleBuffer = new Int32Array(n * 2);
    this.kernelShingles = false;
    this.jsShingles = this.shingleBuffer.subarray(0, shingleHashesInto(tokens, n, k, this.shingleBuffer));
    return this.jsShingles;
  }

  /** Number of distinct values among the last shingles(), counted where they are. */
  distinctShingles(): number {
    if (this.kernel && this.kernelShingles) return this.kernel.distinctShingles();
    this.counter ??= new DistinctCounter();
    return this.counter.count(this.jsShingles);
  }

  /** Stem hashes of the content words (no stop words) of the last tokenize(): a view valid until the next call. */
  contentStems(): Int32Array {
    const n = this.tokenCount;
    const { tokens, starts, ends } = this.lastTokens();
    if (this.stems.length < n) this.stems = new Int32Array(n * 2);
    let count = 0;
    for (let i = 0; i < n; i++) {
      const h = tokens[i]!;
      const stem = stemByToken.learntStem(h) ?? learnStem(h, this.text, starts[i]!, ends[i]!);
      if (stem !== 0) this.stems[count++] = stem;
    }
    return this.stems.subarray(0, count);
  }

  /** Stem hash of every token of the last tokenize(), 0 for a stop word: a view valid until the next call. */
  tokenStems(): Int32Array {
    const n = this.tokenCount;
    const { tokens, starts, ends } = this.lastTokens();
    if (this.stems.length < n) this.stems = new Int32Array(n * 2);
    for (let i = 0; i < n; i++) {
      const h = tokens[i]!;
      this.stems[i] = stemByToken.learntStem(h) ?? learnStem(h, this.text, starts[i]!, ends[i]!);
    }
    return this.stems.subarray(0, n);
  }

  /** First token of each sentence of the last tokenize(), as analysedTokens() finds them: valid until the next tokenize(). */
  sentenceStarts(): Uint32Array {
    if (this.kernel && this.kernelTokens) return this.kernel.sentenceStarts();
    const n = this.tokenCount;
    const { starts, ends } = this.lastTokens();
    const asOffsets = (a: Int32Array) => new Uint32Array(a.buffer, a.byteOffset, n);
    return sentenceStartsOf(this.text, asOffsets(starts), asOffsets(ends));
  }

  /**
   * Keys of the lines of the last tokenize(), sorted and distinct: exactly boilerplate.ts's lineKeys(text). Keyed in
   * the tokenising pass when it was asked to (test/fingerprint.test.ts checks they agree), else by boilerplate.ts. A
   * view valid until the next call.
   */
  lineKeys(): Int32Array {
    if (this.lineKeyCount >= 0) return this.lines.subarray(0, this.lineKeyCount);
    return referenceLineKeys(this.text);
  }

  /**
   * The same for a text not tokenised here (an article whose fingerprints are stored): boilerplate.ts's own keys, as
   * no pass over the text is saved by keying it here.
   */
  lineKeysOf(raw: string): Int32Array {
    return referenceLineKeys(raw);
  }

  private grow(): void {
    const size = this.tokens.length * 2;
    const grown = (a: Int32Array) => {
      const b = new Int32Array(size);
      b.set(a);
      return b;
    };
    this.tokens = grown(this.tokens);
    this.tokenStarts = grown(this.tokenStarts);
    this.tokenEnds = grown(this.tokenEnds);
  }
}

/** Token hash → stem hash (0 for a stop word), learnt as tokens are first met. */
const stemByToken = new StemTable(1_000_000);

function learnStem(tokenHash: number, text: string, start: number, end: number): number {
  let word = '';
  for (let i = start; i < end; i++) word += String.fromCharCode(folded(text.charCodeAt(i)));
  return stemByToken.stemOf(canonicalSpelling(word), tokenHash);
}

function grownCopy(a: Int32Array): Int32Array<ArrayBuffer> {
  const b = new Int32Array(a.length * 2);
  b.set(a);
  return b;
}

/**
 * A 32-bit digest of an article's text as read (FNV-1a over its UTF-16 units), to tell whether an article read again
 * is the one first read. Taken from the text, not its tokens, so an article whose fingerprints are stored has one
 * without being tokenised.
 */
export function textDigest(text: string): number {
  let h = 0x811c9dc5 ^ text.length;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h | 0;
}

function isAscii(text: string): boolean {
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) > 0x7f) return false;
  return true;
}

/** Counts the distinct values of one array after another, in one table reused from call to call. */
export class DistinctCounter {
  private readonly table = new MembershipTable();

  count(values: Int32Array): number {
    return this.table.load(values);
  }
}
