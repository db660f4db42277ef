import { describe, expect, it } from 'vitest';
import { NeardupError, SignatureMismatchError } from '../../src/errors.js';
import { DEFAULT_MINHASH, estimateJaccard, MinHasher, seededRandom } from '../../src/sketch/minhash.js';

/** xorshift32: the test's own generator, independent of the permutations under test. */
function xorshift(seed: number): () => number {
  let x = seed | 0 || 1;
  return () => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return x | 0;
  };
}

/** Two sets of distinct random int32 values whose exact Jaccard similarity is `shared / union`. */
function randomPair(next: () => number, union: number, shared: number): { a: Int32Array; b: Int32Array; jaccard: number } {
  const values = new Set<number>();
  while (values.size < union) values.add(next());
  const all = [...values];
  const common = all.slice(0, shared);
  const rest = all.slice(shared);
  const onlyA = Math.floor(((next() >>> 0) / 2 ** 32) * (rest.length + 1));
  return {
    a: Int32Array.from([...common, ...rest.slice(0, onlyA)]),
    b: Int32Array.from([...common, ...rest.slice(onlyA)]),
    jaccard: shared / union,
  };
}

/** Elementwise minimum of signatures. */
function elementwiseMin(rows: Int32Array[], numPerm: number): number[] {
  const out: number[] = new Array<number>(numPerm).fill(0x7fffffff);
  for (const row of rows) for (let p = 0; p < numPerm; p++) out[p] = Math.min(out[p]!, row[p]!);
  return out;
}

describe('seededRandom', () => {
  it('repeats its sequence for a seed and differs between seeds', () => {
    const take = (seed: number) => {
      const next = seededRandom(seed);
      return [next(), next(), next(), next()];
    };
    expect(take(42)).toEqual(take(42));
    expect(take(42)).not.toEqual(take(43));
    for (const v of take(42)) expect(Number.isInteger(v) && v >= -(2 ** 31) && v < 2 ** 31).toBe(true);
  });
});

describe('MinHasher', () => {
  it('defaults to 128 permutations and seed 1', () => {
    const hasher = new MinHasher();
    expect(hasher.params).toEqual({ numPerm: 128, seed: 1 });
    expect(DEFAULT_MINHASH).toEqual({ numPerm: 128, seed: 1 });
    const sig = hasher.signature(Int32Array.from([1, 2, 3]));
    expect(sig.numPerm).toBe(128);
    expect(sig.seed).toBe(1);
    expect(sig.values.length).toBe(128);
  });

  it('rejects a numPerm outside 1 … 4096 or not an integer', () => {
    expect(() => new MinHasher({ numPerm: 0, seed: 1 })).toThrow(RangeError);
    expect(() => new MinHasher({ numPerm: 4097, seed: 1 })).toThrow(RangeError);
    expect(() => new MinHasher({ numPerm: 1.5, seed: 1 })).toThrow(RangeError);
    expect(new MinHasher({ numPerm: 1, seed: 1 }).signature(Int32Array.from([5])).values.length).toBe(1);
  });

  it('gives identical signatures for the same seed and different ones for another seed', () => {
    const set = Int32Array.from([10, -20, 30, 400000, -5000000]);
    const first = new MinHasher({ numPerm: 64, seed: 7 }).signature(set);
    const second = new MinHasher({ numPerm: 64, seed: 7 }).signature(set);
    const other = new MinHasher({ numPerm: 64, seed: 8 }).signature(set);
    expect([...second.values]).toEqual([...first.values]);
    expect([...other.values]).not.toEqual([...first.values]);
  });

  it('ignores order and duplicates', () => {
    const hasher = new MinHasher({ numPerm: 32, seed: 3 });
    const a = hasher.signature(Int32Array.from([1, 2, 3]));
    const b = hasher.signature(Int32Array.from([3, 1, 2, 1, 3]));
    expect([...b.values]).toEqual([...a.values]);
  });

  it('gives int32 max in every position for an empty set', () => {
    const sig = new MinHasher({ numPerm: 6, seed: 1 }).signature(new Int32Array(0));
    expect([...sig.values]).toEqual([0x7fffffff, 0x7fffffff, 0x7fffffff, 0x7fffffff, 0x7fffffff, 0x7fffffff]);
  });

  it('estimates 1 for identical sets and exactly 0 for disjoint ones (permutations are bijections)', () => {
    const next = xorshift(99);
    const hasher = new MinHasher();
    const { a, b } = randomPair(next, 400, 0);
    const copy = Int32Array.from(a).reverse();
    expect(estimateJaccard(hasher.signature(a), hasher.signature(copy))).toBe(1);
    expect(estimateJaccard(hasher.signature(a), hasher.signature(b))).toBe(0);
  });

  it('works when numPerm is not a multiple of 4 and matches a brute-force minimum over singletons', () => {
    const next = xorshift(5);
    const set = Int32Array.from({ length: 37 }, () => next());
    for (const numPerm of [1, 2, 3, 5, 130]) {
      const hasher = new MinHasher({ numPerm, seed: 11 });
      const sig = hasher.signature(set);
      expect(sig.values.length).toBe(numPerm);
      // Signature of {x} holds each permutation's image of x; the set's signature is their minimum.
      const singles = [...set].map((x) => hasher.signature(Int32Array.of(x)).values);
      expect([...sig.values]).toEqual(elementwiseMin(singles, numPerm));
      // The same holds for the two halves of the set.
      const halves = [hasher.signature(set.subarray(0, 18)).values, hasher.signature(set.subarray(18)).values];
      expect([...sig.values]).toEqual(elementwiseMin(halves, numPerm));
    }
  });

  it('computes the tail permutations like the unrolled ones', () => {
    const next = xorshift(17);
    const set = Int32Array.from({ length: 50 }, () => next());
    const sig128 = new MinHasher({ numPerm: 128, seed: 2 }).signature(set).values;
    const sig130 = new MinHasher({ numPerm: 130, seed: 2 }).signature(set).values;
    const sig132 = new MinHasher({ numPerm: 132, seed: 2 }).signature(set).values;
    // Permutations are drawn in sequence from the seed, so a longer signature extends a shorter one.
    expect([...sig130.subarray(0, 128)]).toEqual([...sig128]);
    // Positions 128 and 129 come from the one-at-a-time loop in sig130 and the four-at-a-time loop in sig132.
    expect([...sig132.subarray(0, 130)]).toEqual([...sig130]);
  });

  it('writes a signature into a buffer at an offset and nowhere else', () => {
    const hasher = new MinHasher({ numPerm: 5, seed: 1 });
    const set = Int32Array.from([4, 8, 15, 16, 23, 42]);
    const out = new Int32Array(12).fill(-1);
    hasher.signatureInto(set, out, 5);
    expect([...out.subarray(0, 5)]).toEqual([-1, -1, -1, -1, -1]);
    expect([...out.subarray(5, 10)]).toEqual([...hasher.signature(set).values]);
    expect([...out.subarray(10)]).toEqual([-1, -1]);
  });
});

describe('estimateJaccard', () => {
  it('is the share of equal positions', () => {
    const a = { numPerm: 4, seed: 1, values: Int32Array.from([1, 2, 3, 4]) };
    const b = { numPerm: 4, seed: 1, values: Int32Array.from([1, 9, 3, 9]) };
    expect(estimateJaccard(a, b)).toBe(0.5);
  });

  it('throws SignatureMismatchError for different seeds or sizes', () => {
    const set = Int32Array.from([1, 2, 3]);
    const base = new MinHasher({ numPerm: 64, seed: 1 }).signature(set);
    const otherSeed = new MinHasher({ numPerm: 64, seed: 2 }).signature(set);
    const otherSize = new MinHasher({ numPerm: 32, seed: 1 }).signature(set);
    expect(() => estimateJaccard(base, otherSeed)).toThrow(SignatureMismatchError);
    expect(() => estimateJaccard(base, otherSeed)).toThrow('seed 1 vs 2');
    expect(() => estimateJaccard(base, otherSize)).toThrow(SignatureMismatchError);
    expect(() => estimateJaccard(base, otherSize)).toThrow('64 vs 32 permutations');
    expect(() => estimateJaccard(base, otherSize)).toThrow(NeardupError);
  });

  it('is unbiased over 400 random pairs with Jaccard spread over 0 … 1 (128 permutations)', () => {
    const next = xorshift(20240601);
    const hasher = new MinHasher({ numPerm: 128, seed: 1 });
    const pairs = 400;
    let sumError = 0;
    let sumAbsError = 0;
    let lowest = 1;
    let highest = 0;
    for (let i = 0; i < pairs; i++) {
      const union = 50 + ((next() >>> 0) % 351);
      const shared = Math.round((i / (pairs - 1)) * union);
      const { a, b, jaccard } = randomPair(next, union, shared);
      const estimate = estimateJaccard(hasher.signature(a), hasher.signature(b));
      sumError += estimate - jaccard;
      sumAbsError += Math.abs(estimate - jaccard);
      lowest = Math.min(lowest, jaccard);
      highest = Math.max(highest, jaccard);
    }
    expect(lowest).toBe(0);
    expect(highest).toBe(1);
    expect(Math.abs(sumError / pairs)).toBeLessThan(0.01);
    expect(sumAbsError / pairs).toBeLessThan(0.06);
  });
});
