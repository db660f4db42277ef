import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import wabtFactory from 'wabt';
import { describe, expect, it } from 'vitest';
import { MinHasher } from '../src/minhash.js';
import { MINHASH_WASM_BASE64 } from '../src/wasm/minhash-bytes.js';
import { TOKENIZE_WASM_BASE64 } from '../src/wasm/tokenize-bytes.js';
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
    ['minhash.wat', MINHASH_WASM_BASE64],
    ['tokenize.wat', TOKENIZE_WASM_BASE64],
  ])('are what src/wasm/%s assembles to (run scripts/build-wasm.mjs after editing it)', async (file, base64) => {
    const wabt = await wabtFactory();
    const wat = readFileSync(resolve(repoRoot, 'src/wasm', file), 'utf8');
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
