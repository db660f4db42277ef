import { describe, expect, it } from 'vitest';
import { bucketReadLimit, checkStorable, countBucketHits, MAX_REWRITE_BUCKET } from '../../../src/corpus/store/store.js';
import { doc, TINY } from './contract.js';

const REWRITES = { ...TINY, rewriteBands: 2, rewriteRows: 2 };

describe('the rules every store applies the same way', () => {
  it('reads all of a shingle band bucket, and a rewrite band bucket only as far as telling that it is over the cap', () => {
    expect(bucketReadLimit(0, REWRITES)).toBeUndefined();
    expect(bucketReadLimit(1, REWRITES)).toBeUndefined();
    expect(bucketReadLimit(2, REWRITES)).toBe(MAX_REWRITE_BUCKET + 1);
  });

  it('counts a hit per band for each document, and passes over a rewrite bucket over the cap but not a shingle one', () => {
    const hits = new Map<number, number>();
    const crowded = Array.from({ length: MAX_REWRITE_BUCKET + 1 }, (_, i) => 100 + i);
    countBucketHits(hits, 0, [1, 2], REWRITES);
    countBucketHits(hits, 1, new Set([2, 3]), REWRITES);
    countBucketHits(hits, 2, crowded, REWRITES);
    // A bucket of exactly the cap is read.
    countBucketHits(hits, 3, crowded.slice(2).concat([1]), REWRITES);
    expect(hits.get(1)).toBe(2);
    expect(hits.get(2)).toBe(2);
    expect(hits.get(3)).toBe(1);
    expect(hits.get(100)).toBeUndefined();
    expect(hits.get(101)).toBeUndefined();
    expect(hits.get(102)).toBe(1);
    const shingleHits = new Map<number, number>();
    countBucketHits(shingleHits, 0, crowded, REWRITES);
    expect(shingleHits.size).toBe(MAX_REWRITE_BUCKET + 1);
  });

  it('refuses a batch with a document of the wrong signature length, naming it', () => {
    expect(() => checkStorable([doc('a', [1, 2, 3, 4]), doc('short', [1, 2])], TINY)).toThrow(new RangeError('signature of short has 2 values, not 4'));
    expect(() => checkStorable([doc('a', [1, 2, 3, 4])], REWRITES)).toThrow(/a has no content-stem signature of 4 values/);
    expect(() => checkStorable([doc('a', [1, 2, 3, 4])], TINY)).not.toThrow();
  });
});
