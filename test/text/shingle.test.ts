import { describe, expect, it } from 'vitest';
import { distinctOfSorted, fmix32, intersectionSize, MembershipTable, shingleHashes, sortedScratch, toSortedSet } from '../../src/text/shingle.js';

const ints = (...values: number[]) => Int32Array.from(values);

describe('fmix32', () => {
  it('is murmur3 fmix32 as int32', () => {
    expect(fmix32(0)).toBe(0);
    expect(fmix32(1)).toBe(0x514e28b7);
  });
});

describe('shingleHashes', () => {
  it('yields n - k + 1 shingles', () => {
    expect(shingleHashes(ints(1, 2, 3, 4, 5), 3).length).toBe(3);
    expect(shingleHashes(ints(1, 2, 3, 4, 5), 5).length).toBe(1);
    expect(shingleHashes(ints(1, 2, 3, 4, 5), 1).length).toBe(5);
  });

  it('yields one shingle of all tokens when there are fewer than k', () => {
    const short = shingleHashes(ints(1, 2), 5);
    expect(short.length).toBe(1);
    // The window shrinks to the text, so it equals the 2-gram of the same tokens.
    expect(short[0]).toBe(shingleHashes(ints(1, 2), 2)[0]);
  });

  it('yields none for no tokens', () => {
    expect(shingleHashes(ints(), 5).length).toBe(0);
  });

  it('gives, for k = 5 (its own loop) as for any k, the hash of each window by the one formula', () => {
    const window = (tokens: Int32Array, at: number, width: number) => {
      let h = width;
      for (let j = 0; j < width; j++) h = Math.imul(h ^ tokens[at + j]!, 0x5bd1e995) ^ (h >>> 13);
      return fmix32(h);
    };
    const tokens = Int32Array.from({ length: 50 }, (_, i) => Math.imul(i + 1, 0x9e3779b1));
    for (const k of [1, 4, 5, 6]) {
      const expected = Array.from({ length: 50 - k + 1 }, (_, i) => window(tokens, i, k));
      expect(Array.from(shingleHashes(tokens, k)), `k = ${k}`).toEqual(expected);
    }
    expect(Array.from(shingleHashes(tokens.subarray(0, 3), 5))).toEqual([window(tokens, 0, 3)]);
  });

  it('hashes identical windows equal and different windows apart', () => {
    const h = shingleHashes(ints(1, 2, 3, 1, 2, 3), 3);
    expect(h.length).toBe(4);
    expect(h[3]).toBe(h[0]);
    expect(new Set(h.subarray(0, 3)).size).toBe(3);
    // Order inside a window matters.
    expect(shingleHashes(ints(2, 1), 2)[0]).not.toBe(shingleHashes(ints(1, 2), 2)[0]);
  });

  it('gives fixed values (stored indexes depend on them)', () => {
    expect([...shingleHashes(ints(7), 1)]).toEqual([-1130045197]);
    expect([...shingleHashes(ints(1, 2, 3), 2)]).toEqual([-1360132537, -1863551908]);
  });
});

describe('toSortedSet', () => {
  it('sorts numerically and drops duplicates', () => {
    const input = ints(3, -1, 3, 0, -1, 2147483647, -2147483648);
    expect([...toSortedSet(input)]).toEqual([-2147483648, -1, 0, 3, 2147483647]);
    expect([...input]).toEqual([3, -1, 3, 0, -1, 2147483647, -2147483648]);
  });

  it('handles empty and single-valued input', () => {
    expect(toSortedSet(ints()).length).toBe(0);
    expect([...toSortedSet(ints(5, 5, 5))]).toEqual([5]);
  });

  it('sorts as a comparison sort does at every size, by radix above a few hundred values', () => {
    let x = 99;
    const next = () => (x = (Math.imul(x, 1103515245) + 12345) | 0);
    for (const size of [0, 1, 127, 128, 129, 600, 1000, 5000, 70_000]) {
      // Hashes over the whole range, repeats, the extremes, and values that differ only in one byte.
      const values = Int32Array.from({ length: size }, (_, i) => (i % 7 === 0 ? -2147483648 : i % 11 === 0 ? 2147483647 : i % 5 === 0 ? (i % 3) << 16 : next()));
      const input = values.slice();
      const expected = [...values.slice().sort()];
      expect([...sortedScratch(values)], String(size)).toEqual(expected);
      expect([...values]).toEqual([...input]);
      expect([...toSortedSet(values)]).toEqual([...new Set(expected)]);
    }
  });
});

describe('distinctOfSorted', () => {
  it('keeps each value of an ascending array once, in a new array', () => {
    const input = ints(-2147483648, -1, -1, 0, 0, 0, 7);
    const distinct = distinctOfSorted(input);
    expect([...distinct]).toEqual([-2147483648, -1, 0, 7]);
    expect(distinct.buffer).not.toBe(input.buffer);
    expect(distinctOfSorted(ints()).length).toBe(0);
  });

  it('reads a view without reaching outside it', () => {
    const backing = ints(1, 1, 2, 3, 3, 9);
    expect([...distinctOfSorted(backing.subarray(1, 5))]).toEqual([1, 2, 3]);
  });
});

describe('intersectionSize', () => {
  it('counts common values of two sorted sets', () => {
    expect(intersectionSize(ints(1, 3, 5, 7), ints(0, 3, 4, 7, 9))).toBe(2);
    expect(intersectionSize(ints(-5, -1, 2), ints(-5, -1, 2))).toBe(3);
    expect(intersectionSize(ints(-2147483648, 0), ints(-2147483648, 2147483647))).toBe(1);
  });

  it('is 0 for disjoint or empty sets', () => {
    expect(intersectionSize(ints(1, 2), ints(3, 4))).toBe(0);
    expect(intersectionSize(ints(), ints(1))).toBe(0);
    expect(intersectionSize(ints(1), ints())).toBe(0);
  });
});

describe('MembershipTable', () => {
  const randomSet = (size: number, range: number, seed: number) => {
    const values = new Set<number>();
    let x = seed;
    while (values.size < size) {
      x = (Math.imul(x, 1103515245) + 12345) | 0;
      values.add((x % range) * 0x9e3779b1);
    }
    return Int32Array.from(values);
  };

  it('gives each held value a place of its own under slots, and -1 for a value not held', () => {
    const table = new MembershipTable();
    const values = Int32Array.from([0, -1, 7, 2147483647, -2147483648, 1 << 20, 42]);
    table.load(values);
    const places = [...values].map((v) => table.placeOf(v));
    expect(new Set(places).size).toBe(values.length);
    for (const place of places) expect(place >= 0 && place < table.slots).toBe(true);
    expect([1, 8, 43, -2].map((v) => table.placeOf(v))).toEqual([-1, -1, -1, -1]);
    table.load(Int32Array.from([1]));
    expect([table.placeOf(0), table.placeOf(1) >= 0]).toEqual([-1, true]);
  });

  it('counts what a merge of the sorted sets counts, table after table, small and large', () => {
    const table = new MembershipTable();
    for (let round = 0; round < 60; round++) {
      const held = randomSet(1 + ((round * 37) % 900), 2000, round + 1);
      table.load(held);
      for (let other = 0; other < 5; other++) {
        const values = randomSet(1 + ((round * 13 + other * 101) % 700), 2000, 1000 + round * 7 + other);
        const expected = intersectionSize(Int32Array.from(held).sort(), Int32Array.from(values).sort());
        expect(table.countIn(values)).toBe(expected);
      }
    }
  });

  it('holds nothing of the set loaded before, and counts 0 against an empty set', () => {
    const table = new MembershipTable();
    table.load(Int32Array.of(1, 2, 3));
    table.load(Int32Array.of(4, 5));
    expect(table.countIn(Int32Array.of(1, 2, 3, 4))).toBe(1);
    table.load(new Int32Array(0));
    expect(table.countIn(Int32Array.of(0, 4, 5))).toBe(0);
  });

  it('counts the values of each set that another set holds too', () => {
    const table = new MembershipTable();
    const sets = [Int32Array.of(1, 2, 3, 4), Int32Array.of(3, 4, 5), Int32Array.of(4, 6), Int32Array.of(7)];
    table.loadSets(sets);
    expect(sets.map((set) => table.countShared(set))).toEqual([2, 2, 1, 0]);
    // The next group starts from nothing: 1 was in two sets of the last one.
    table.loadSets([Int32Array.of(1, 2), Int32Array.of(1)]);
    expect(table.countShared(Int32Array.of(1))).toBe(1);
    table.loadSets([Int32Array.of(1), Int32Array.of(2)]);
    expect(table.countShared(Int32Array.of(1))).toBe(0);
  });

  it('counts shared values as the sorted sets laid end to end count them, over many random groups', () => {
    const table = new MembershipTable();
    for (let round = 0; round < 40; round++) {
      const sets = Array.from({ length: 2 + (round % 7) }, (_, d) => randomSet(1 + ((round * 53 + d * 29) % 800), 1500, round * 11 + d + 1));
      table.loadSets(sets);
      for (const [d, set] of sets.entries()) {
        const others = new Set(sets.filter((_, e) => e !== d).flatMap((other) => [...other]));
        expect(table.countShared(set)).toBe([...set].filter((v) => others.has(v)).length);
      }
    }
  });
});
