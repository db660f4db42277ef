import { MINHASH_WASM_BASE64 } from './minhash-bytes.js';
import { lazyModule } from '../../text/wasm/modules.js';

/** Permutations the kernel handles per pass; callers give it a multiple of this. */
export const KERNEL_LANES = 16;

/** The WebAssembly SIMD signature kernel, bound to one set of permutations. */
export interface SignatureKernel {
  /** Writes the minima of the first `perms` permutations (a multiple of KERNEL_LANES) over `shingles` to out[offset…]. */
  sign(shingles: Int32Array, out: Int32Array, offset: number): void;
  /**
   * The keys of each sentence (tokens starts[s] … starts[s + 1], the last to `count`) with at least `minStems` distinct
   * content words, KERNEL_LANES / 2 per such sentence, to out[at…]; returns how many sentences that is. A sentence's
   * minima of the first KERNEL_LANES permutations over its words' mixed hashes make its keys, two rows a key
   * (sentence-keys.ts has the arithmetic). A content word is a token whose hash `stops` does not hold (a hash 0 counted
   * as 1), or without `stops` a non-zero hash.
   */
  keySentences(tokens: Int32Array, count: number, starts: ArrayLike<number>, stops: StopTable | undefined, minStems: number, out: Int32Array, at: number): number;
}

/** A set of token hashes by open addressing, as the kernel reads it: slot (h·0x9e3779b1) >>> shift, probed onward, 0 empty. */
export interface StopTable {
  readonly slots: Int32Array;
  readonly shift: number;
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
  const keySentencesRaw = instance.exports.keySentences as (
    tokens: number,
    count: number,
    starts: number,
    sentences: number,
    stops: number,
    stopShift: number,
    dropStops: number,
    minStems: number,
    first: number,
    a: number,
    b: number,
    out: number,
  ) => number;
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
  let heldStops: StopTable | undefined;
  return {
    sign(shingles, out, offset) {
      reserve(shPtr + shingles.length * 4);
      heap.set(shingles, shPtr >> 2);
      // The shingles are where keySentences keeps its stop table.
      heldStops = undefined;
      signRaw(shPtr, shingles.length, aPtr, bPtr, outPtr, perms);
      out.set(heap.subarray(outPtr >> 2, (outPtr >> 2) + perms), offset);
    },
    keySentences(tokens, count, starts, stops, minStems, out, at) {
      // After the permutations: the stop table, the first distinct words of a sentence, the tokens, the sentence
      // starts, then the keys.
      const stopsPtr = shPtr;
      // Room for the table held, even in a call without one, so that it stays for the next call.
      const firstPtr = stopsPtr + ((stops ?? heldStops)?.slots.length ?? 0) * 4;
      const tokensPtr = firstPtr + minStems * 4;
      const startsPtr = tokensPtr + count * 4;
      const keysPtr = startsPtr + starts.length * 4;
      reserve(keysPtr + starts.length * (KERNEL_LANES / 2) * 4);
      // The table is the same for every document: copied again only when another is given.
      if (stops && stops !== heldStops) {
        heap.set(stops.slots, stopsPtr >> 2);
        heldStops = stops;
      }
      heap.set(tokens.subarray(0, count), tokensPtr >> 2);
      heap.set(starts, startsPtr >> 2);
      const sentences = keySentencesRaw(tokensPtr, count, startsPtr, starts.length, stopsPtr, stops?.shift ?? 0, stops ? 1 : 0, minStems, firstPtr, aPtr, bPtr, keysPtr);
      out.set(heap.subarray(keysPtr >> 2, (keysPtr >> 2) + sentences * (KERNEL_LANES / 2)), at);
      return sentences;
    },
  };
}
