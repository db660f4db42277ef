import { describe, expect, it } from 'vitest';
import { releaseRowSortMemory, rowSortBackend, scalarSortedRows, SMALL_SORT_ROWS, type SortDigits, sortedRows, splitRowPairs } from '../../src/sketch/row-sort.js';

/** Columns as pairs, key, value, key, value …, with `extra` rows of noise after them. */
function pairsOf(keys: Uint32Array, values: Uint32Array, extra = 0): Uint32Array {
  const pairs = new Uint32Array(2 * (keys.length + extra)).fill(0xdeadbeef);
  keys.forEach((k, e) => {
    pairs[2 * e] = k;
    pairs[2 * e + 1] = values[e]!;
  });
  return pairs;
}

/** Rows of random keys from a small range (so many tie) and values that number the rows. */
function rows(count: number, seed: number, keyBits: number): [Uint32Array, Uint32Array] {
  let x = seed | 0 || 1;
  const keys = new Uint32Array(count);
  const values = new Uint32Array(count);
  for (let i = 0; i < count; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    keys[i] = keyBits === 32 ? x >>> 0 : (x >>> 0) % 2 ** keyBits;
    values[i] = i;
  }
  return [keys, values];
}

/** The rows ordered by their first column, ties in the order given: what a stable sort on the whole key gives. */
function stableOrder(keys: Uint32Array, values: Uint32Array): [number[], number[]] {
  const order = Array.from(keys.keys()).sort((a, b) => keys[a]! - keys[b]! || a - b);
  return [order.map((i) => keys[i]!), order.map((i) => values[i]!)];
}

const BY_KEY_14: SortDigits = [
  [0, 0, 14],
  [0, 14, 14],
  [0, 28, 4],
];
const BY_KEY_11: SortDigits = [
  [0, 0, 11],
  [0, 11, 11],
  [0, 22, 10],
];

describe('sortedRows', () => {
  it('runs in the WebAssembly kernel here, so what follows checks the kernel against the JavaScript loop', () => {
    expect(rowSortBackend()).toBe('wasm');
  });

  it.each([
    [0, 32],
    [1, 32],
    [2, 1],
    [1000, 6],
    [70_000, 12],
    [70_000, 32],
    [300_000, 20],
  ])('sorts %i rows stably by their first column (keys of %i bits), as the JavaScript loop does', (count, keyBits) => {
    const [keys, values] = rows(count, count + keyBits, keyBits);
    const [wantKeys, wantValues] = stableOrder(keys, values);
    for (const digits of [BY_KEY_14, BY_KEY_11]) {
      const [sortedKeys, sortedValues] = sortedRows(pairsOf(keys, values), count, digits);
      expect(Array.from(sortedKeys)).toEqual(wantKeys);
      expect(Array.from(sortedValues)).toEqual(wantValues);
      const [scalarKeys, scalarValues] = scalarSortedRows(keys.slice(), values.slice(), count, digits);
      expect(Array.from(scalarKeys)).toEqual(wantKeys);
      expect(Array.from(scalarValues)).toEqual(wantValues);
    }
  });

  it(`sorts up to ${SMALL_SORT_ROWS} rows by insertion, in the order the radix passes give, whatever the digits`, () => {
    const mixed: SortDigits = [
      [1, 0, 3],
      [1, 3, 2],
      [0, 0, 5],
    ];
    for (let count = 0; count <= SMALL_SORT_ROWS; count++) {
      for (const [digits, keyBits] of [[BY_KEY_14, 32], [BY_KEY_11, 4], [mixed, 5]] as const) {
        const [firsts] = rows(count, 31 * count + keyBits, keyBits);
        const [seconds] = rows(count, 17 * count + 1, 5);
        const [wantFirst, wantSecond] = scalarSortedRows(firsts.slice(), seconds.slice(), count, digits);
        const [a, b] = sortedRows(pairsOf(firsts, seconds, 3), count, digits);
        expect([Array.from(a), Array.from(b)]).toEqual([Array.from(wantFirst), Array.from(wantSecond)]);
      }
    }
    expect(() => sortedRows(new Uint32Array(4), 2, [[0, 0, 15]])).toThrow(RangeError);
  });

  it('sorts by the second column, then the first, when the digits say so, and leaves its input as it was', () => {
    const [firsts] = rows(5000, 7, 5);
    const [seconds] = rows(5000, 11, 5);
    const given = [firsts.slice(), seconds.slice()];
    const digits: SortDigits = [
      [1, 0, 3],
      [1, 3, 2],
      [0, 0, 5],
    ];
    const [a, b] = sortedRows(pairsOf(firsts, seconds), 5000, digits);
    const order = Array.from(firsts.keys()).sort((x, y) => firsts[x]! - firsts[y]! || seconds[x]! - seconds[y]! || x - y);
    expect(Array.from(a)).toEqual(order.map((i) => firsts[i]!));
    expect(Array.from(b)).toEqual(order.map((i) => seconds[i]!));
    expect([firsts, seconds]).toEqual(given);
  });

  it('sorts only the first `count` rows of longer columns, and small sorts after a large one', () => {
    const [keys, values] = rows(200_000, 3, 32);
    sortedRows(pairsOf(keys, values), 200_000, BY_KEY_14);
    const [sortedKeys, sortedValues] = sortedRows(pairsOf(keys, values), 50, BY_KEY_14);
    const [wantKeys, wantValues] = stableOrder(keys.subarray(0, 50), values.subarray(0, 50));
    expect(Array.from(sortedKeys)).toEqual(wantKeys);
    expect(Array.from(sortedValues)).toEqual(wantValues);
  });

  it('sorts again after letting its memory go (grown past what it keeps between sorts)', () => {
    const [keys, values] = rows(300_000, 9, 32);
    const [wantKeys, wantValues] = stableOrder(keys, values);
    sortedRows(pairsOf(keys, values), 300_000, BY_KEY_14);
    releaseRowSortMemory();
    const [sortedKeys, sortedValues] = sortedRows(pairsOf(keys, values), 300_000, BY_KEY_14);
    expect(Array.from(sortedKeys)).toEqual(wantKeys);
    expect(Array.from(sortedValues)).toEqual(wantValues);
  });

  it('refuses a digit wider than its counts', () => {
    const [keys, values] = rows(10, 1, 32);
    expect(() => sortedRows(pairsOf(keys, values), 10, [[0, 0, 16]])).toThrow(/16 bits/);
    expect(() => scalarSortedRows(keys, values, 10, [[0, 0, 16]])).toThrow(/16 bits/);
  });
});

describe('sortedRows and the JavaScript loop', () => {
  it.each([0, 1, 1000, 70_000, 300_000])('sorts %i rows given as pairs as the JavaScript loop sorts them as columns, by either column, past rows of noise', (count) => {
    const [keys, values] = rows(count, count + 3, 20);
    // Values reversed and repeated, so a sort by the second column has ties too.
    const seconds = values.map((v) => (count - v) >>> 2);
    const BY_SECOND_THEN_FIRST: SortDigits = [
      [0, 0, 10],
      [0, 10, 10],
      [1, 0, 11],
      [1, 11, 11],
    ];
    for (const digits of [BY_KEY_14, BY_SECOND_THEN_FIRST]) {
      const [wantFirst, wantSecond] = scalarSortedRows(keys.slice(), seconds.slice(), count, digits).map((column) => Array.from(column));
      const [first, second] = sortedRows(pairsOf(keys, seconds, 3), count, digits);
      expect(Array.from(first)).toEqual(wantFirst);
      expect(Array.from(second)).toEqual(wantSecond);
    }
  });

  it('splits pairs into two columns in JavaScript as the kernel does (where WebAssembly is missing)', () => {
    const [keys, values] = rows(5000, 9, 32);
    const [first, second] = splitRowPairs(pairsOf(keys, values, 2), 5000);
    expect(first).toEqual(keys);
    expect(second).toEqual(values);
    expect(splitRowPairs(new Uint32Array(0), 0)).toEqual([new Uint32Array(0), new Uint32Array(0)]);
  });
});
