import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import wabtFactory from 'wabt';
import { describe, expect, it } from 'vitest';
import { MinHasher } from '../src/sketch/minhash.js';
import { rowSortBackend } from '../src/sketch/row-sort.js';
import { shingleHashes } from '../src/text/shingle.js';
import { MINHASH_WASM_BASE64 } from '../src/sketch/wasm/minhash-bytes.js';
import { ROW_SORT_WASM_BASE64 } from '../src/sketch/wasm/row-sort-bytes.js';
import { TOKENIZE_WASM_BASE64 } from '../src/text/wasm/tokenize-bytes.js';
import { adoptKernelModules, kernelModules, lazyModule } from '../src/text/wasm/modules.js';
import { LINE_SPACE, TokenizerKernel, tokenizerModule, WORD_UNIT } from '../src/text/wasm/tokenizer.js';
import { repoRoot } from './helpers/paths.js';

function randomSet(seed: number, size: number): Int32Array {
  let x = seed | 0 || 1;
  const out = new Int32Array(size);
  for (let i = 0; i < size; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    out[i] = x | 0;
  }
  return out;
}

describe('the WebAssembly kernels', () => {
  it.each([
    ['src/sketch/wasm/minhash.wat', MINHASH_WASM_BASE64],
    ['src/text/wasm/tokenize.wat', TOKENIZE_WASM_BASE64],
    ['src/sketch/wasm/row-sort.wat', ROW_SORT_WASM_BASE64],
  ])('are what %s assembles to (run scripts/build-wasm.mjs after editing it)', async (file, base64) => {
    const wabt = await wabtFactory();
    const wat = readFileSync(resolve(repoRoot, file), 'utf8');
    const { buffer } = wabt.parseWat(file, wat, { simd: true }).toBinary({});
    expect(Buffer.from(buffer).toString('base64')).toBe(base64);
  });
});

describe('the WebAssembly SIMD signature kernel', () => {
  it('runs here (Node 20 has WebAssembly SIMD)', () => {
    expect(new MinHasher().backend).toBe('wasm-simd');
  });

  it.each([
    [128, 1],
    [16, 99],
    [130, 7],
    [256, 2 ** 31 - 1],
  ])('gives signatures identical to the scalar loop (%i permutations, seed %i)', (numPerm, seed) => {
    const simd = new MinHasher({ numPerm, seed });
    const scalar = new MinHasher({ numPerm, seed }, 'scalar');
    expect(scalar.backend).toBe('scalar');
    for (const size of [0, 1, 7, 600, 5000]) {
      const set = randomSet(size * 31 + seed, size);
      expect(Array.from(simd.signature(set).values)).toEqual(Array.from(scalar.signature(set).values));
    }
  });

  it('grows its memory for a large document and keeps working for small ones after', () => {
    const simd = new MinHasher();
    const scalar = new MinHasher(undefined, 'scalar');
    const big = randomSet(5, 200_000);
    const small = randomSet(6, 10);
    expect(Array.from(simd.signature(big).values)).toEqual(Array.from(scalar.signature(big).values));
    expect(Array.from(simd.signature(small).values)).toEqual(Array.from(scalar.signature(small).values));
  });
});

describe('the WebAssembly tokeniser kernel', () => {
  // ASCII tables only: lower-case letters and digits are words, white space is line space, nothing else folds.
  const fold = new Uint16Array(65536);
  for (let c = 0; c < 128; c++) fold[c] = c >= 65 && c <= 90 ? c + 32 : c;
  const classOf = (f: number) => ((f >= 97 && f <= 122) || (f >= 48 && f <= 57) ? WORD_UNIT : 0) | (f <= 32 ? LINE_SPACE : 0);

  it('gives a fresh instance after a text too long to keep memory for, and tokenises on', () => {
    const kernel = new TokenizerKernel(tokenizerModule()!, fold, classOf, (c) => c, 3);
    const small = kernel.memoryBytes;
    const long = 'Word '.repeat(2_000_000);
    const first = kernel.tokenize(long, (t) => t, true);
    expect(first.count).toBe(2_000_000);
    expect(first.lines.length).toBe(1);
    expect(kernel.memoryBytes).toBeGreaterThan(64 * 1024 * 1024);
    const next = kernel.tokenize('Three short words\nand two', (t) => t, true);
    expect(kernel.memoryBytes).toBe(small);
    expect([next.count, Array.from(next.starts), Array.from(next.ends), next.lines.length]).toEqual([5, [0, 6, 12, 18, 22], [5, 11, 17, 21, 25], 1]);
  });

  it('maps the hashes of spelling variants it is given, and no others', () => {
    const hash = (word: string) => {
      let h = 0x811c9dc5 | 0;
      for (let i = 0; i < word.length; i++) h = Math.imul(h ^ word.charCodeAt(i), 0x01000193);
      return h | 0;
    };
    // Many entries, so some share a slot, and one of hash 0 (none of the words below has it).
    const variants = new Map<number, number>([[0, 7]]);
    for (let i = 0; i < 300; i++) variants.set(hash(`v${i}`), hash(`c${i}`));
    const kernel = new TokenizerKernel(tokenizerModule()!, fold, classOf, (c) => c, 3, variants);
    const words = Array.from({ length: 400 }, (_, i) => (i % 3 === 0 ? `c${i}` : `v${i}`));
    const out = kernel.tokenize(words.join(' '), (t) => t, false);
    expect(Array.from(out.tokens)).toEqual(words.map((w) => variants.get(hash(w)) ?? hash(w)));
  });

  it('shingles and counts distinct shingles as shingleHashes and a Set do, for any k and count', () => {
    const kernel = new TokenizerKernel(tokenizerModule()!, fold, classOf, (c) => c, 3);
    for (let n = 0; n <= 13; n++) {
      // Repeated words, so some shingles repeat.
      const out = kernel.tokenize(Array.from({ length: n }, (_, i) => `w${i % 4}x${i % 3}`).join(' '), (t) => t, false);
      const tokens = Int32Array.from(out.tokens);
      for (const k of [1, 2, 3, 4, 5, 6, 8, 13, 20]) {
        const expected = shingleHashes(tokens, k);
        expect(Array.from(kernel.shingles(k)), `n ${n}, k ${k}`).toEqual(Array.from(expected));
        expect(kernel.distinctShingles(), `n ${n}, k ${k}`).toBe(new Set(expected).size);
      }
    }
  });

  it('counts distinct values, 0 among them, in its table', () => {
    const instance = new WebAssembly.Instance(tokenizerModule()!);
    const distinct = instance.exports.distinct as (values: number, n: number, table: number) => number;
    const ints = new Int32Array((instance.exports.memory as WebAssembly.Memory).buffer);
    const at = 0x44000;
    for (const values of [[0], [0, 0, 5], [7, 7, 7], [1, 0, -1, 1 << 20, 2 << 20, 3 << 20, 1 << 20, 0], Array.from({ length: 1000 }, (_, i) => (i % 300) << 12)]) {
      ints.set(values, at >> 2);
      expect(distinct(at, values.length, at + values.length * 4), JSON.stringify(values.slice(0, 8))).toBe(new Set(values).size);
    }
  });

  it('asks for the normalised text when the text is not ASCII, and for folds it lacks', () => {
    const asked: number[] = [];
    const kernel = new TokenizerKernel(tokenizerModule()!, fold, classOf, (c) => (asked.push(c), 0x61), 3);
    const out = kernel.tokenize('caf\u00e9 ok', (t) => t.toUpperCase(), false);
    expect(out.text).toBe('CAF\u00c9 OK');
    expect(asked).toEqual([0xc9]);
    expect(out.digest).toBeUndefined();
    expect(out.count).toBe(2);
    expect(kernel.tokenize('plain', (t) => t, false).digest).not.toBeUndefined();
  });
});

describe('the row-sort kernel', () => {
  it('runs here (test/sketch/row-sort.test.ts checks it against the JavaScript loop)', () => {
    expect(rowSortBackend()).toBe('wasm');
  });
});

describe('kernel modules shared with worker threads', () => {
  it('gives every kernel this thread compiled, and adopts another thread\'s only for a kernel not compiled here', () => {
    const modules = kernelModules();
    expect(Object.keys(modules).sort()).toEqual(['minhash', 'row-sort', 'tokenize']);
    expect(modules.tokenize).toBe(tokenizerModule());
    // Compiled here already: what another thread sent does not replace it.
    adoptKernelModules({ tokenize: new WebAssembly.Module(Buffer.from(MINHASH_WASM_BASE64, 'base64')) });
    expect(tokenizerModule()).toBe(modules.tokenize);
    // Not compiled yet: the adopted module is the one used, and compiling is skipped.
    const fresh = lazyModule('test-kernel', 'not base64 of any module');
    const adopted = new WebAssembly.Module(Buffer.from(MINHASH_WASM_BASE64, 'base64'));
    adoptKernelModules({ 'test-kernel': adopted });
    expect(fresh()).toBe(adopted);
  });
});
