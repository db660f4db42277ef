import { describe, expect, it } from 'vitest';
import { MeetingFilter, SortedPairSet, timesWithin } from '../../src/sketch/meeting-filter.js';
import { pairColumn } from '../helpers/pair-column.js';

const day = 86_400_000;

describe('SortedPairSet', () => {
  it('holds exactly the pairs it was given, in their order (i, j), given in any order', () => {
    const pairs: Array<[number, number]> = [];
    for (let i = 0; i < 300; i++) pairs.push([i, i + 1], [i, 2 * i + 7], [7 * i, 1_999_999 - i]);
    const set = new SortedPairSet(pairColumn(pairs));
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
    expect(new SortedPairSet(new Int32Array(0)).has(0, 1)).toBe(false);
    // Documents past the last first of a pair, and documents that are only ever second.
    expect(set.has(2_000_000, 2_000_001)).toBe(false);
    expect(set.has(1_999_999, 2_000_000)).toBe(false);
  });

  it('keeps a sorted column on shared memory as it is, and finds every pair of a first with many, and none between them', () => {
    const pairs: Array<[number, number]> = [];
    for (let j = 1; j < 2000; j += 3) pairs.push([0, j]);
    for (let j = 5; j < 50; j += 7) pairs.push([4, j]);
    pairs.push([9, 10]);
    const column = new Int32Array(new SharedArrayBuffer(8 * pairs.length));
    column.set(pairColumn(pairs));
    const set = new SortedPairSet(column);
    expect(set.data().column).toBe(column);
    for (let j = 0; j < 2100; j++) expect(set.has(0, j), `0-${j}`).toBe(j % 3 === 1 && j < 2000);
    for (let j = 0; j < 60; j++) expect(set.has(4, j), `4-${j}`).toBe(j % 7 === 5 && j < 50);
    for (const i of [1, 2, 3, 5, 8, 10]) for (let j = i + 1; j < 60; j++) expect(set.has(i, j)).toBe(false);
    expect(set.has(9, 10)).toBe(true);
    expect(set.has(9, 11)).toBe(false);
  });

  it('finds a pair whose first shares its 32-document word of first documents with others, and no pair of a first it never had', () => {
    const set = new SortedPairSet(pairColumn([[33, 40], [35, 90], [64, 65]]));
    expect(set.has(33, 40)).toBe(true);
    expect(set.has(35, 90)).toBe(true);
    expect(set.has(64, 65)).toBe(true);
    for (const i of [32, 34, 36, 63, 66]) expect(set.has(i, 90)).toBe(false);
    expect(set.has(33, 90)).toBe(false);
  });
});


describe('MeetingFilter', () => {
  it('refuses the pairs it was given and pairs of dated documents further apart than its window, nothing else', () => {
    const times = [0, 3 * day, 9 * day, Number.NaN];
    const filter = MeetingFilter.of(pairColumn([[0, 1]]), times, 7 * day);
    expect(filter.accepts(0, 1)).toBe(false);
    expect(filter.accepts(1, 2)).toBe(true);
    expect(filter.accepts(0, 2)).toBe(false);
    expect(filter.accepts(0, 3)).toBe(true);
    expect(filter.accepts(2, 3)).toBe(true);
    expect(MeetingFilter.all().accepts(0, 1)).toBe(true);
  });

  it('is made again from its data in another thread, the same, on shared memory rather than copied', () => {
    const filter = MeetingFilter.of(pairColumn([[2, 5], [4, 9]]), [0, 0, 0, 0, 8 * day, 0, 0, 0, 0, Number.NaN], 7 * day);
    const { refused, times } = filter.data;
    for (const column of [refused.column, refused.starts, refused.firsts, times!]) expect(column.buffer).toBeInstanceOf(SharedArrayBuffer);
    const again = new MeetingFilter(structuredClone(filter.data));
    for (let i = 0; i < 10; i++) for (let j = i + 1; j < 10; j++) expect(again.accepts(i, j), `${i}-${j}`).toBe(filter.accepts(i, j));
    expect(again.accepts(2, 5)).toBe(false);
    expect(again.accepts(0, 4)).toBe(false);
    expect(again.accepts(4, 9)).toBe(false);
    expect(again.accepts(3, 9)).toBe(true);
  });

  it('holds no times where no document is dated', () => {
    expect(MeetingFilter.of(pairColumn([[0, 1]])).data.times).toBeUndefined();
  });
});

describe('timesWithin', () => {
  it('holds apart only two dated times further apart than the window', () => {
    expect(timesWithin(0, 7 * day, 7 * day)).toBe(true);
    expect(timesWithin(0, 7 * day + 1, 7 * day)).toBe(false);
    expect(timesWithin(Number.NaN, 0, 0)).toBe(true);
    expect(timesWithin(5, Number.NaN, 0)).toBe(true);
  });
});
