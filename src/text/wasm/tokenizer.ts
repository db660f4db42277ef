import { lazyModule } from './modules.js';
import { TOKENIZE_WASM_BASE64 } from './tokenize-bytes.js';

/** A u32 entry per UTF-16 unit: its folded unit, its class << 16 and KNOWN; 0 while its fold is not known. */
const UNIT_TABLE = 0;
const KNOWN = 0x40000;
/** Spelling variants: a bit per value of a hash's low 16 bits, then VARIANT_SLOTS of (variant hash, canonical hash). */
const VARIANT_BITS = 0x40000;
const VARIANT_TABLE = 0x42000;
const VARIANT_SLOTS = 1024;
const TEXT = 0x44000;

/** Classes of a folded unit in the kernel's table. */
export const WORD_UNIT = 1;
export const LINE_SPACE = 2;

/** What one run of the kernel wrote; the arrays are views into its memory, valid until the next run. */
export interface KernelTokens {
  readonly count: number;
  readonly tokens: Int32Array;
  readonly starts: Int32Array;
  readonly ends: Int32Array;
  readonly lines: Int32Array;
  /** The text tokenised: the one given if it is ASCII, else its normalised form. */
  readonly text: string;
  /** textDigest of the text given, when it was ASCII. */
  readonly digest: number | undefined;
}

/**
 * Memory a kernel keeps between texts. A longer text grows it (up to 28 bytes a unit); the next shorter text then
 * gets a fresh instance, as WebAssembly memory cannot shrink.
 */
const RETAINED_BYTES = 64 * 1024 * 1024;

/**
 * The WebAssembly tokeniser (src/wasm/tokenize.wat): Fingerprinter.tokenize's loop, two to three times faster than the
 * same loop in JavaScript, then the shingles of its tokens and their distinct count. Not re-entrant: what it returns
 * are views into its memory, valid until its next tokenize().
 */
export class TokenizerKernel {
  private memory!: WebAssembly.Memory;
  private run!: (n: number, flags: number, minLineWords: number, tok: number, starts: number, ends: number, lines: number) => number;
  private runShingles!: (tok: number, n: number, k: number, out: number) => number;
  private runDistinct!: (values: number, n: number, table: number) => number;
  private runSentenceStarts!: (starts: number, ends: number, count: number, out: number) => number;
  private lineCount!: { readonly value: number };
  private digest!: { readonly value: number };
  private bytes!: Buffer;
  private ints!: Int32Array;
  /**
   * Where the last tokenize() left its token hashes and offsets, and room for their shingles, a table to count them in
   * and its sentence starts.
   */
  private tok = 0;
  private startsAt = 0;
  private endsAt = 0;
  private sentencesAt = 0;
  private tokenCount = 0;
  private shingleAt = 0;
  private tableAt = 0;
  private shingleCount = 0;

  /**
   * `fold` maps each UTF-16 unit to its folded unit (0: not known yet, asked of `foldOf` when met, which may fill
   * `fold` too); `classOf` gives the WORD_UNIT or LINE_SPACE bit (never both) of a folded unit. `variants` maps the
   * hash of a spelling variant to its canonical spelling's, for token hashes (at most VARIANT_SLOTS / 2 of them).
   */
  constructor(
    private readonly module: WebAssembly.Module,
    private readonly fold: Uint16Array,
    private readonly classOf: (unit: number) => number,
    private readonly foldOf: (unit: number) => number,
    private readonly minLineWords: number,
    private readonly variants: ReadonlyMap<number, number> = new Map(),
  ) {
    if (variants.size > VARIANT_SLOTS / 2) throw new RangeError(`the tokeniser kernel holds at most ${VARIANT_SLOTS / 2} spelling variants`);
    this.instantiate();
  }

  private instantiate(): void {
    const instance = new WebAssembly.Instance(this.module);
    const exports = instance.exports;
    this.memory = exports.memory as WebAssembly.Memory;
    this.run = exports.tokenize as TokenizerKernel['run'];
    this.runShingles = exports.shingles as TokenizerKernel['runShingles'];
    this.runDistinct = exports.distinct as TokenizerKernel['runDistinct'];
    this.runSentenceStarts = exports.sentenceStarts as TokenizerKernel['runSentenceStarts'];
    this.lineCount = exports.lineCount as { readonly value: number };
    this.digest = exports.digest as { readonly value: number };
    this.views();
    for (let unit = 0; unit < 65536; unit++) {
      const f = this.fold[unit]!;
      if (f !== 0 || unit === 0) this.ints[(UNIT_TABLE >> 2) + unit] = this.entry(f);
    }
    // Linear probing from the slot the kernel computes; a free slot is (0, 0), so 0 → 0 needs no entry.
    for (const [variant, canonical] of this.variants) {
      if (variant === 0 && canonical === 0) continue;
      this.ints[(VARIANT_BITS >> 2) + ((variant & 0xffff) >>> 5)]! |= 1 << (variant & 31);
      let slot = Math.imul(variant, 0x9e3779b1) >>> 22;
      while (this.ints[(VARIANT_TABLE >> 2) + slot * 2] !== 0 || this.ints[(VARIANT_TABLE >> 2) + slot * 2 + 1] !== 0) slot = (slot + 1) % VARIANT_SLOTS;
      this.ints[(VARIANT_TABLE >> 2) + slot * 2] = variant;
      this.ints[(VARIANT_TABLE >> 2) + slot * 2 + 1] = canonical;
    }
  }

  /** Table entry of a unit that folds to `f`. */
  private entry(f: number): number {
    return f | (this.classOf(f) << 16) | KNOWN;
  }

  private views(): void {
    this.bytes = Buffer.from(this.memory.buffer);
    this.ints = new Int32Array(this.memory.buffer);
  }

  /** Bytes of memory this kernel holds now. */
  get memoryBytes(): number {
    return this.memory.buffer.byteLength;
  }

  /**
   * Tokenises `raw` if it is ASCII (then its digest comes too), else `normalized()` of it, spelling variants' hashes
   * mapped to their canonical spellings'. `withLines` keys lines of at least minLineWords words.
   */
  tokenize(raw: string, normalized: (raw: string) => string, withLines: boolean): KernelTokens {
    let text = raw;
    let flags = (withLines ? 1 : 0) | 2;
    for (;;) {
      const n = text.length;
      const capacity = (n >> 1) + 1;
      // The text has room for one unit more, where the kernel puts a line break.
      const tok = TEXT + ((n * 2 + 5) & ~3);
      const starts = tok + capacity * 4;
      const ends = starts + capacity * 4;
      const lines = ends + capacity * 4;
      const shingleAt = lines + capacity * 4;
      // distinct() needs a power of two from 4 * capacity up: under 8 * capacity.
      const tableAt = shingleAt + capacity * 4;
      const sentencesAt = tableAt + capacity * 32;
      this.reserve(sentencesAt + capacity * 4);
      this.bytes.write(text, TEXT, 'utf16le');
      const count = this.run(n, flags, this.minLineWords, tok, starts, ends, lines);
      if (count === -2) {
        text = normalized(raw);
        flags &= ~2;
        continue;
      }
      if (count === -1) {
        this.learnFolds(text);
        continue;
      }
      this.tok = tok;
      this.startsAt = starts;
      this.endsAt = ends;
      this.sentencesAt = sentencesAt;
      this.tokenCount = count;
      this.shingleAt = shingleAt;
      this.tableAt = tableAt;
      this.shingleCount = 0;
      const view = (at: number, length: number) => this.ints.subarray(at >> 2, (at >> 2) + length);
      return {
        count,
        text,
        tokens: view(tok, count),
        starts: view(starts, count),
        ends: view(ends, count),
        lines: view(lines, this.lineCount.value as number),
        digest: flags & 2 ? this.digest.value : undefined,
      };
    }
  }

  /**
   * First token of each sentence of the last tokenize(), as sentenceStartsOf finds them (text/tokenize.ts): a view valid
   * until the next tokenize() (a copy per document cost more than finding them).
   */
  sentenceStarts(): Uint32Array {
    const count = this.runSentenceStarts(this.startsAt, this.endsAt, this.tokenCount, this.sentencesAt);
    return new Uint32Array(this.memory.buffer, this.sentencesAt, count);
  }

  /** Shingle hashes (k >= 1 words each) of the last tokenize()'s tokens: shingleHashesInto's, as a view. */
  shingles(k: number): Int32Array {
    this.shingleCount = this.runShingles(this.tok, this.tokenCount, k, this.shingleAt);
    return this.ints.subarray(this.shingleAt >> 2, (this.shingleAt >> 2) + this.shingleCount);
  }

  /** Number of distinct values among the last shingles(). */
  distinctShingles(): number {
    return this.runDistinct(this.shingleAt, this.shingleCount, this.tableAt);
  }

  /** Fills the fold entries of every unit of `text` not known yet, so the next run goes through. */
  private learnFolds(text: string): void {
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (this.ints[(UNIT_TABLE >> 2) + c] === 0) this.ints[(UNIT_TABLE >> 2) + c] = this.entry(this.foldOf(c));
    }
  }

  private reserve(bytes: number): void {
    if (this.memory.buffer.byteLength > RETAINED_BYTES && bytes <= RETAINED_BYTES) this.instantiate();
    const have = this.memory.buffer.byteLength;
    if (bytes <= have) return;
    this.memory.grow(Math.ceil((bytes - have) / 65536));
    this.views();
  }
}

/** The compiled kernel, or null where this runtime has no WebAssembly (the JavaScript loop then serves). */
export const tokenizerModule = lazyModule('tokenize', TOKENIZE_WASM_BASE64);
