import { describe, expect, it } from 'vitest';
import { UsageError } from '../../src/errors.js';
import { MinHasher } from '../../src/sketch/minhash.js';
import { candidatePairs, candidatePairsFromKeys, candidateProbability, GrowingPairs, MAX_BUCKET_PAIRS_SIZE, optimalBanding, pairsOfColumn, RECALL_BIASED } from '../../src/sketch/lsh.js';

const signatures = (...docs: number[][]) => Int32Array.from(docs.flat());

describe('candidateProbability', () => {
  it('is 1 - (1 - s^rows)^bands', () => {
    expect(candidateProbability(0.5, { bands: 2, rows: 2 })).toBe(0.4375);
    expect(candidateProbability(0.5, { bands: 1, rows: 1 })).toBe(0.5);
    expect(candidateProbability(0, { bands: 16, rows: 8 })).toBe(0);
    expect(candidateProbability(1, { bands: 16, rows: 8 })).toBe(1);
  });
});

describe('optimalBanding', () => {
  it('matches hand-computed optima for 4 permutations', () => {
    // Errors 0.25·FP + 0.75·FN with FP = ∫₀ᵗ P(s) ds and FN = ∫ₜ¹ 1 - P(s) ds, integrated exactly:
    // t = 0.7: 2×2 → 0.07005 beats 1×2 → 0.08933 and 1×1 → 0.0950.
    expect(optimalBanding(0.7, 4)).toEqual({ bands: 2, rows: 2 });
    // t = 0.5: 3×1 → 5/64 = 0.078125 beats 4×1 → 0.08125, so not every permutation is used.
    expect(optimalBanding(0.5, 4)).toEqual({ bands: 3, rows: 1 });
    // t = 0.9: 1×4 → 0.0431 beats 1×3 → 0.0515.
    expect(optimalBanding(0.9, 4)).toEqual({ bands: 1, rows: 4 });
  });

  it('uses at most numPerm permutations and is recall-biased at the threshold', () => {
    expect(RECALL_BIASED).toEqual({ falsePositive: 0.25, falseNegative: 0.75 });
    for (const threshold of [0.3, 0.5, 0.7, 0.8, 0.9]) {
      const banding = optimalBanding(threshold, 128);
      expect(banding.bands * banding.rows).toBeLessThanOrEqual(128);
      expect(candidateProbability(threshold, banding)).toBeGreaterThan(0.5);
    }
  });

  it('picks what weighing every banding point by point picks (the loop it replaced), for many thresholds and sizes', () => {
    const area = (f: (s: number) => number, from: number, to: number) => {
      const h = (to - from) / 200;
      let sum = 0;
      for (let i = 0; i < 200; i++) sum += f(from + (i + 0.5) * h) * h;
      return sum;
    };
    const reference = (threshold: number, numPerm: number) => {
      let best = { bands: numPerm, rows: 1 };
      let bestError = Infinity;
      for (let bands = 1; bands <= numPerm; bands++) {
        for (let rows = 1; bands * rows <= numPerm; rows++) {
          const b = { bands, rows };
          const error =
            0.25 * area((s) => candidateProbability(s, b), 0, threshold) + 0.75 * area((s) => 1 - candidateProbability(s, b), threshold, 1);
          if (error < bestError - 1e-12) [bestError, best] = [error, b];
        }
      }
      return best;
    };
    for (const threshold of [0.1, 0.25, 0.4, 0.5, 0.56, 0.64, 0.72, 0.8, 0.95]) {
      for (const numPerm of [8, 64, 128]) expect(optimalBanding(threshold, numPerm), `${threshold} ${numPerm}`).toEqual(reference(threshold, numPerm));
    }
  });

  it('favours precision when false positives weigh more', () => {
    const recall = optimalBanding(0.7, 128);
    const precision = optimalBanding(0.7, 128, { falsePositive: 0.9, falseNegative: 0.1 });
    expect(candidateProbability(0.7, precision)).toBeLessThan(candidateProbability(0.7, recall));
  });

  it('throws UsageError for a threshold outside (0, 1) or a bad numPerm', () => {
    for (const threshold of [0, 1, -0.1, 1.5, Number.NaN]) expect(() => optimalBanding(threshold, 128)).toThrow(UsageError);
    expect(() => optimalBanding(0, 128)).toThrow('LSH threshold must lie strictly between 0 and 1, got 0');
    expect(() => optimalBanding(0.5, 1)).toThrow(UsageError);
    expect(() => optimalBanding(0.5, 2.5)).toThrow(UsageError);
  });
});

describe('GrowingPairs', () => {
  it('keeps every pair in order as its memory grows, on shared memory that grows in place', () => {
    const gathered = new GrowingPairs(1 << 20);
    for (let p = 0; p < 20_000; p++) gathered.add(p, 3 * p + 1);
    const column = gathered.column();
    expect(column.buffer).toBeInstanceOf(SharedArrayBuffer);
    expect(column.length).toBe(40_000);
    expect(Array.from({ length: 20_000 }, (_, p) => [column[2 * p], column[2 * p + 1]]).every(([i, j], p) => i === p && j === 3 * p + 1)).toBe(true);
  });

  it('stops with a usage error past the memory it may take, keeping what it gathered', () => {
    const gathered = new GrowingPairs(64);
    for (let p = 0; p < 8; p++) gathered.add(p, p + 1);
    expect(() => gathered.add(8, 9)).toThrow(UsageError);
    expect(pairsOfColumn(gathered.column())).toEqual(Array.from({ length: 8 }, (_, p) => [p, p + 1]));
  });
});

describe('candidatePairs', () => {
  it('pairs documents sharing a whole band, sorted and each once', () => {
    const sigs = signatures(
      [1, 2, 3, 4], // 0
      [1, 2, 9, 9], // 1: band 0 as 0
      [5, 6, 3, 4], // 2: band 1 as 0
      [5, 6, 7, 8], // 3: band 0 as 2
      [1, 3, 3, 5], // 4: half of each band only
      [1, 2, 3, 4], // 5: both bands as 0
    );
    expect(candidatePairs(sigs, 4, { bands: 2, rows: 2 })).toEqual([
      [0, 1],
      [0, 2],
      [0, 5],
      [1, 5],
      [2, 3],
      [2, 5],
    ]);
  });

  it('asks accept of each pair once, in ascending order, whatever order the buckets come in', () => {
    // 40 documents, 3 bands; keys chosen so that buckets overlap across bands and repeat pairs.
    const count = 40;
    const keys = new Int32Array(count * 3);
    for (let doc = 0; doc < count; doc++) for (let band = 0; band < 3; band++) keys[doc * 3 + band] = ((doc * (band + 7)) % (5 + band)) * 1000 + band;
    const asked: Array<[number, number]> = [];
    const kept = candidatePairsFromKeys(keys, count, 3, (i, j) => {
      asked.push([i, j]);
      return (i + j) % 3 === 0;
    });
    expect(asked.length).toBeGreaterThan(200);
    for (let x = 1; x < asked.length; x++) {
      const [i, j] = asked[x - 1]!;
      const [k, l] = asked[x]!;
      expect(i < k || (i === k && j < l)).toBe(true);
    }
    expect(pairsOfColumn(kept)).toEqual(asked.filter(([i, j]) => (i + j) % 3 === 0));
    // On shared memory, for worker threads to read without a copy.
    expect(kept.buffer).toBeInstanceOf(SharedArrayBuffer);
  });

  /** The pairs a bucket per key and band gives, each once, sorted as i·count + j: a star for a bucket over the limit. */
  function expectedPairs(keys: Int32Array, count: number, bands: number): number[] {
    const expected = new Set<number>();
    for (let band = 0; band < bands; band++) {
      const buckets = new Map<number, number[]>();
      for (let doc = 0; doc < count; doc++) buckets.set(keys[doc * bands + band]!, [...(buckets.get(keys[doc * bands + band]!) ?? []), doc]);
      for (const docs of buckets.values()) {
        if (docs.length > MAX_BUCKET_PAIRS_SIZE) for (const doc of docs.slice(1)) expected.add(docs[0]! * count + doc);
        else for (let a = 0; a < docs.length; a++) for (let b = a + 1; b < docs.length; b++) expected.add(docs[a]! * count + docs[b]!);
      }
    }
    return [...expected].sort((a, b) => a - b);
  }

  it('finds exactly the pairs that share a key in some band, negative keys and large buckets (a star) included', () => {
    const count = 3000;
    const bands = 4;
    let x = 7;
    const next = () => (x = (Math.imul(x, 1103515245) + 12345) | 0);
    // Few distinct keys per band, over the whole int32 range; band 3 puts 150 documents in one bucket.
    const palette = Array.from({ length: 900 }, () => next());
    const keys = new Int32Array(count * bands);
    for (let doc = 0; doc < count; doc++) {
      for (let band = 0; band < bands; band++) keys[doc * bands + band] = band === 3 && doc % 20 === 0 ? -2147483648 : palette[(next() >>> 0) % palette.length]!;
    }
    const pairs = pairsOfColumn(candidatePairsFromKeys(keys, count, bands));
    expect(pairs.length).toBeGreaterThan(10_000);
    expect(pairs.map(([i, j]) => i * count + j)).toEqual(expectedPairs(keys, count, bands));
  });

  it('gives a pair that many bands share once, and a pair a star left out where a later band gives it', () => {
    // Copies of one story share most bands: families of 8 documents share bands 1 to 4; band 0 puts every fifth
    // document (over the limit: a star) in one bucket, so pairs of that bucket other than its first document's come
    // from the families' bands only, and band 5 is a star over the first 100 documents again.
    const count = 400;
    const bands = 6;
    const keys = new Int32Array(count * bands);
    for (let doc = 0; doc < count; doc++) {
      keys[doc * bands] = doc % 5 === 0 ? 77 : 1000 + doc;
      for (let band = 1; band < 5; band++) keys[doc * bands + band] = band === 3 && doc % 8 === 0 ? 5000 + doc : Math.floor(doc / 8) * 10 + band;
      keys[doc * bands + 5] = doc < 100 ? 88 : 2000 + doc;
    }
    const pairs = pairsOfColumn(candidatePairsFromKeys(keys, count, bands)).map(([i, j]) => i * count + j);
    expect(pairs).toEqual(expectedPairs(keys, count, bands));
    const has = (i: number, j: number) => pairs.includes(i * count + j);
    // Of band 0's star only its first document's pairs; a pair of two others comes from a family's bands, or not at all.
    expect([has(0, 5), has(5, 10), has(10, 15), has(0, 7), has(5, 95), has(105, 110)]).toEqual([true, false, true, true, false, true]);
  });

  it('does not match equal values in different bands', () => {
    const sigs = signatures([1, 2, 3, 4], [3, 4, 1, 2]);
    expect(candidatePairs(sigs, 4, { bands: 2, rows: 2 })).toEqual([]);
  });

  it('uses only the first bands × rows values', () => {
    const sigs = signatures([1, 2, 3, 4], [1, 2, 3, 99]);
    expect(candidatePairs(sigs, 4, { bands: 1, rows: 3 })).toEqual([[0, 1]]);
    expect(candidatePairs(sigs, 4, { bands: 1, rows: 4 })).toEqual([]);
  });

  it('pairs every member of a bucket of MAX_BUCKET_PAIRS_SIZE documents', () => {
    expect(MAX_BUCKET_PAIRS_SIZE).toBe(64);
    const docs = Array.from({ length: 64 }, (_, i) => [7, 7, 1000 + i, i]);
    const pairs = candidatePairs(signatures(...docs), 4, { bands: 2, rows: 2 });
    expect(pairs.length).toBe((64 * 63) / 2);
    expect(pairs[0]).toEqual([0, 1]);
    expect(pairs[pairs.length - 1]).toEqual([62, 63]);
  });

  it('emits a star from the first member for a larger bucket', () => {
    const docs = Array.from({ length: 66 }, (_, i) => [7, 7, 1000 + i, i]);
    const pairs = candidatePairs(signatures(...docs), 4, { bands: 2, rows: 2 });
    expect(pairs).toEqual(Array.from({ length: 65 }, (_, i) => [0, i + 1]));
  });

  it('pairs MinHash signatures of near-duplicate sets and not of unrelated ones', () => {
    const hasher = new MinHasher();
    const base = Array.from({ length: 200 }, (_, i) => Math.imul(i + 1, 0x9e3779b1));
    const near = [...base.slice(0, 190), ...Array.from({ length: 10 }, (_, i) => Math.imul(i + 1000, 0x9e3779b1))];
    const other = Array.from({ length: 200 }, (_, i) => Math.imul(i + 5000, 0x9e3779b1));
    const sigs = new Int32Array(3 * 128);
    [base, other, near].forEach((set, doc) => hasher.signatureInto(Int32Array.from(set), sigs, doc * 128));
    expect(candidatePairs(sigs, 128, optimalBanding(0.7, 128))).toEqual([[0, 2]]);
  });

  it('returns no pairs for no documents or a single one', () => {
    expect(candidatePairs(new Int32Array(0), 4, { bands: 2, rows: 2 })).toEqual([]);
    expect(candidatePairs(signatures([1, 2, 3, 4]), 4, { bands: 2, rows: 2 })).toEqual([]);
  });

  it('throws UsageError when bands × rows exceeds numPerm', () => {
    const sigs = signatures([1, 2, 3, 4], [1, 2, 3, 4]);
    expect(() => candidatePairs(sigs, 4, { bands: 3, rows: 2 })).toThrow(UsageError);
    expect(() => candidatePairs(sigs, 4, { bands: 3, rows: 2 })).toThrow('bands × rows (3 × 2) exceeds the 4 permutations');
  });
});
