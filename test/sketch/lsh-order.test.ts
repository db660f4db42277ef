import { describe, expect, it } from 'vitest';
import { candidatePairsFromKeys, MAX_BUCKET_PAIRS_SIZE } from '../../src/sketch/lsh.js';

/** A permutation of 0 … n − 1 from a seed (Fisher–Yates over a small LCG). */
function permutation(n: number, seed: number): number[] {
  const order = Array.from({ length: n }, (_, i) => i);
  let x = seed;
  for (let i = n - 1; i > 0; i--) {
    x = (Math.imul(x, 1103515245) + 12345) >>> 0;
    const j = x % (i + 1);
    [order[i], order[j]] = [order[j]!, order[i]!];
  }
  return order;
}

describe('candidate pairs do not depend on the order of the documents', () => {
  // 90 documents share band 0's key (a bucket past MAX_BUCKET_PAIRS_SIZE); each has keys of its own in bands 1 and 2.
  // `accept` links only documents of the same family (id mod 3): a star from a hub of another family loses the pairs.
  const count = 90;
  const bands = 3;
  const keysOf = (id: number) => [12345, 1_000_000 + id * 7, 2_000_000 + id * 13];
  const sameFamily = (a: number, b: number) => a % 3 === b % 3;

  /** The accepted pairs, as pairs of ids, for the documents read in `order` (order[k] is the id read k-th). */
  function pairsInOrder(order: readonly number[]): string[] {
    const keys = new Int32Array(count * bands);
    order.forEach((id, doc) => keys.set(keysOf(id), doc * bands));
    const pairs = candidatePairsFromKeys(keys, count, bands, (i, j) => sameFamily(order[i]!, order[j]!));
    return pairs.map(([i, j]) => [order[i]!, order[j]!].sort((a, b) => a - b).join('-')).sort();
  }

  it('gives the same accepted pairs, as ids, for ten orders of the input', () => {
    expect(count).toBeGreaterThan(MAX_BUCKET_PAIRS_SIZE);
    const identity = pairsInOrder(Array.from({ length: count }, (_, i) => i));
    expect(identity.length).toBeGreaterThan(0);
    for (let seed = 1; seed <= 10; seed++) expect(pairsInOrder(permutation(count, seed))).toEqual(identity);
  });
});
