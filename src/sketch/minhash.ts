import { SignatureMismatchError } from '../errors.js';
import { agreeingShare } from './estimate.js';
import { fmix32 } from '../text/shingle.js';
import { createKernel, type SignatureKernel } from './wasm/minhash-kernel.js';

/** MinHash parameters. Signatures made with different parameters cannot be compared. */
export interface MinHashParams {
  /** Number of permutations (signature length); default 128. */
  readonly numPerm: number;
  /** Seed the permutations are drawn from; default 1. */
  readonly seed: number;
}

export interface Signature {
  readonly numPerm: number;
  readonly seed: number;
  /** Minimum of each permuted shingle hash, compared as int32. */
  readonly values: Int32Array;
}

export const DEFAULT_MINHASH: MinHashParams = { numPerm: 128, seed: 1 };

/** wasm: the WebAssembly SIMD kernel where the runtime has it (the default, "auto"); scalar: plain JavaScript. */
export type SignatureBackend = 'auto' | 'scalar';

/** Deterministic 32-bit generator (mulberry32), so permutations depend on the seed alone. */
export function seededRandom(seed: number): () => number {
  let state = seed | 0;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return (t ^ (t >>> 14)) | 0;
  };
}

/**
 * Computes MinHash signatures of shingle-hash sets.
 *
 * Permutation i maps an (already well-mixed) shingle hash x to a·x + b mod 2^32 with a odd, a bijection of the
 * 32-bit values; the minimum is taken in int32 order, which is as good a total order as any.
 */
export class MinHasher {
  readonly params: MinHashParams;
  private readonly multipliers: Int32Array;
  private readonly increments: Int32Array;
  private readonly kernel: SignatureKernel | undefined;
  /** Permutations the kernel computes (a multiple of 16); the scalar loop does the rest. */
  private readonly kernelPerms: number;

  constructor(params: MinHashParams = DEFAULT_MINHASH, backend: SignatureBackend = 'auto') {
    if (!Number.isInteger(params.numPerm) || params.numPerm < 1 || params.numPerm > 4096) {
      throw new RangeError(`numPerm must be an integer from 1 to 4096, got ${params.numPerm}`);
    }
    this.params = params;
    const next = seededRandom(fmix32(params.seed ^ 0x2545f491));
    this.multipliers = new Int32Array(params.numPerm);
    this.increments = new Int32Array(params.numPerm);
    for (let i = 0; i < params.numPerm; i++) {
      this.multipliers[i] = next() | 1;
      this.increments[i] = next();
    }
    this.kernel = backend === 'auto' ? createKernel(this.multipliers, this.increments) : undefined;
    this.kernelPerms = this.kernel ? params.numPerm - (params.numPerm % 16) : 0;
  }

  /** Which loop computes the signatures: "wasm-simd" or "scalar". */
  get backend(): 'wasm-simd' | 'scalar' {
    return this.kernel ? 'wasm-simd' : 'scalar';
  }

  /** Signature of a set of shingle hashes (duplicates do not matter). An empty set gives all int32-max values. */
  signature(shingles: Int32Array): Signature {
    const { numPerm, seed } = this.params;
    const values = new Int32Array(numPerm);
    this.signatureInto(shingles, values, 0);
    return { numPerm, seed, values };
  }

  /** Writes the signature of `shingles` into `out` at `offset` (numPerm values). */
  signatureInto(shingles: Int32Array, out: Int32Array, offset: number): void {
    const a = this.multipliers;
    const b = this.increments;
    const numPerm = a.length;
    const n = shingles.length;
    let p = 0;
    if (this.kernel) {
      this.kernel.sign(shingles, out, offset);
      p = this.kernelPerms;
    }
    // Permutations outside, shingles inside, four running minima in locals: each shingle is loaded once per four
    // permutations and the minima stay in registers.
    for (; p + 4 <= numPerm; p += 4) {
      const a0 = a[p]!, a1 = a[p + 1]!, a2 = a[p + 2]!, a3 = a[p + 3]!;
      const b0 = b[p]!, b1 = b[p + 1]!, b2 = b[p + 2]!, b3 = b[p + 3]!;
      let m0 = 0x7fffffff, m1 = 0x7fffffff, m2 = 0x7fffffff, m3 = 0x7fffffff;
      for (let i = 0; i < n; i++) {
        const x = shingles[i]!;
        const h0 = (Math.imul(a0, x) + b0) | 0;
        const h1 = (Math.imul(a1, x) + b1) | 0;
        const h2 = (Math.imul(a2, x) + b2) | 0;
        const h3 = (Math.imul(a3, x) + b3) | 0;
        if (h0 < m0) m0 = h0;
        if (h1 < m1) m1 = h1;
        if (h2 < m2) m2 = h2;
        if (h3 < m3) m3 = h3;
      }
      out[offset + p] = m0;
      out[offset + p + 1] = m1;
      out[offset + p + 2] = m2;
      out[offset + p + 3] = m3;
    }
    for (; p < numPerm; p++) {
      const ap = a[p]!, bp = b[p]!;
      let m = 0x7fffffff;
      for (let i = 0; i < n; i++) {
        const h = (Math.imul(ap, shingles[i]!) + bp) | 0;
        if (h < m) m = h;
      }
      out[offset + p] = m;
    }
  }
}

/** Estimated Jaccard similarity: the share of permutations whose minima agree. */
export function estimateJaccard(a: Signature, b: Signature): number {
  if (a.seed !== b.seed || a.numPerm !== b.numPerm || a.values.length !== b.values.length) {
    throw new SignatureMismatchError(
      `cannot compare MinHash signatures of different parameters (seed ${a.seed} vs ${b.seed}, ` +
        `${a.numPerm} vs ${b.numPerm} permutations)`,
    );
  }
  return agreeingShare(a.values, b.values);
}
