import { describe, expect, it } from 'vitest';
import { IndexPairSet } from '../../src/scan/candidates.js';
import { pairColumn } from '../helpers/pair-column.js';

describe('IndexPairSet', () => {
  it('holds exactly the pairs it was given, in their order (i, j), past collisions', () => {
    const pairs: Array<[number, number]> = [];
    for (let i = 0; i < 300; i++) pairs.push([i, i + 1], [i, 2 * i + 7], [7 * i, 1_999_999 - i]);
    const set = new IndexPairSet(pairColumn(pairs));
    for (const [i, j] of pairs) expect(set.has(i, j)).toBe(true);
    const given = new Set(pairs.map(([i, j]) => `${i},${j}`));
    let absent = 0;
    for (let i = 0; i < 300; i++) {
      for (const [x, y] of [[i + 1, i], [i, i + 2], [7 * i + 1, 1_999_999 - i]] as const) {
        if (given.has(`${x},${y}`)) continue;
        expect(set.has(x, y)).toBe(false);
        absent++;
      }
    }
    expect(absent).toBeGreaterThan(800);
    expect(new IndexPairSet(new Int32Array(0)).has(0, 1)).toBe(false);
    // Documents past the last first of a pair, and documents that are only ever second.
    expect(set.has(2_000_000, 2_000_001)).toBe(false);
    expect(set.has(1_999_999, 2_000_000)).toBe(false);
  });

  it('finds a pair whose first shares its 32-document word of first documents with others, and no pair of a first it never had', () => {
    const set = new IndexPairSet(pairColumn([[33, 40], [35, 90], [64, 65]]));
    expect(set.has(33, 40)).toBe(true);
    expect(set.has(35, 90)).toBe(true);
    expect(set.has(64, 65)).toBe(true);
    for (const i of [32, 34, 36, 63, 66]) expect(set.has(i, 90)).toBe(false);
    expect(set.has(33, 90)).toBe(false);
  });
});

