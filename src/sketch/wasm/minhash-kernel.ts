import { MINHASH_WASM_BASE64 } from './minhash-bytes.js';
import { lazyModule } from '../../text/wasm/modules.js';

/** Permutations the kernel handles per pass; callers give it a multiple of this. */
export const KERNEL_LANES = 16;

/** The WebAssembly SIMD signature kernel, bound to one set of permutations. */
export interface SignatureKernel {
  /** Writes the minima of the first `perms` permutations (a multiple of KERNEL_LANES) over `shingles` to out[offset…]. */
  sign(shingles: Int32Array, out: Int32Array, offset: number): void;
  /**
   * The minima of the first KERNEL_LANES permutations over each of `runs` runs of `values` laid end to end (run r ends
   * before values[ends[r]]), KERNEL_LANES per run, to out[0…].
   */
  signRuns(values: Int32Array, ends: Int32Array, runs: number, out: Int32Array): void;
}

/** The compiled kernel, or null where this runtime lacks WebAssembly SIMD (the scalar loop then serves). */
const wasmModule = lazyModule('minhash', MINHASH_WASM_BASE64);

/** A kernel for the given permutations (their first multiple-of-16 count), or undefined where WebAssembly SIMD is missing. */
export function createKernel(multipliers: Int32Array, increments: Int32Array): SignatureKernel | undefined {
  const module = wasmModule();
  const perms = Math.floor(multipliers.length / KERNEL_LANES) * KERNEL_LANES;
  if (!module || perms === 0) return undefined;
  const instance = new WebAssembly.Instance(module);
  const memory = instance.exports.memory as WebAssembly.Memory;
  const signRaw = instance.exports.sign as (sh: number, n: number, a: number, b: number, out: number, perms: number) => void;
  const signRunsRaw = instance.exports.signRuns as (x: number, ends: number, runs: number, a: number, b: number, out: number) => void;
  // Layout: multipliers, increments, output, then the shingles (grown on demand).
  const aPtr = 0;
  const bPtr = perms * 4;
  const outPtr = 2 * perms * 4;
  const shPtr = 3 * perms * 4;
  let heap = new Int32Array(memory.buffer);
  heap.set(multipliers.subarray(0, perms), aPtr >> 2);
  heap.set(increments.subarray(0, perms), bPtr >> 2);
  const reserve = (needed: number) => {
    if (needed > memory.buffer.byteLength) {
      memory.grow(Math.ceil((needed - memory.buffer.byteLength) / 65536));
      heap = new Int32Array(memory.buffer);
    }
  };
  return {
    sign(shingles, out, offset) {
      reserve(shPtr + shingles.length * 4);
      heap.set(shingles, shPtr >> 2);
      signRaw(shPtr, shingles.length, aPtr, bPtr, outPtr, perms);
      out.set(heap.subarray(outPtr >> 2, (outPtr >> 2) + perms), offset);
    },
    signRuns(values, ends, runs, out) {
      // After the permutations: the values, the run ends, then the minima.
      const endsPtr = shPtr + values.length * 4;
      const minimaPtr = endsPtr + runs * 4;
      reserve(minimaPtr + runs * KERNEL_LANES * 4);
      heap.set(values, shPtr >> 2);
      heap.set(ends.subarray(0, runs), endsPtr >> 2);
      signRunsRaw(shPtr, endsPtr, runs, aPtr, bPtr, minimaPtr);
      out.set(heap.subarray(minimaPtr >> 2, (minimaPtr >> 2) + runs * KERNEL_LANES));
    },
  };
}
