import { lazyModule } from './module.js';
import { TOKENIZE_WASM_BASE64 } from './tokenize-bytes.js';

/** A u32 entry per UTF-16 unit: its folded unit, its class << 16 and KNOWN; 0 while its fold is not known. */
const UNIT_TABLE = 0;
const KNOWN = 0x40000;
const TEXT = 0x40000;

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
 * Memory a kernel keeps between texts. A longer text grows it (about 10 bytes a unit); the next shorter text then
 * gets a fresh instance, as WebAssembly memory cannot shrink.
 */
const RETAINED_BYTES = 64 * 1024 * 1024;

/**
 * The WebAssembly tokeniser (src/wasm/tokenize.wat): Fingerprinter.tokenize's loop, two to three times faster than the
 * same loop in JavaScript. One per thread; not re-entrant.
 */
export class TokenizerKernel {
  private memory!: WebAssembly.Memory;
  private run!: (n: number, flags: number, minLineWords: number, tok: number, starts: number, ends: number, lines: number) => number;
  private lineCount!: { readonly value: number };
  private digest!: { readonly value: number };
  private bytes!: Buffer;
  private ints!: Int32Array;

  /**
   * `fold` maps each UTF-16 unit to its folded unit (0: not known yet, asked of `foldOf` when met, which may fill
   * `fold` too); `classOf` gives the WORD_UNIT or LINE_SPACE bit (never both) of a folded unit.
   */
  constructor(
    private readonly module: WebAssembly.Module,
    private readonly fold: Uint16Array,
    private readonly classOf: (unit: number) => number,
    private readonly foldOf: (unit: number) => number,
    private readonly minLineWords: number,
  ) {
    this.instantiate();
  }

  private instantiate(): void {
    const instance = new WebAssembly.Instance(this.module);
    const exports = instance.exports;
    this.memory = exports.memory as WebAssembly.Memory;
    this.run = exports.tokenize as TokenizerKernel['run'];
    this.lineCount = exports.lineCount as { readonly value: number };
    this.digest = exports.digest as { readonly value: number };
    this.views();
    for (let unit = 0; unit < 65536; unit++) {
      const f = this.fold[unit]!;
      if (f !== 0 || unit === 0) this.ints[(UNIT_TABLE >> 2) + unit] = this.entry(f);
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
   * Tokenises `raw` if it is ASCII (then its digest comes too), else `normalized()` of it. `withLines` keys lines of at
   * least minLineWords words.
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
      this.reserve(lines + capacity * 4);
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
export const tokenizerModule = lazyModule(TOKENIZE_WASM_BASE64);
