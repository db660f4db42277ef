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
  });
});

