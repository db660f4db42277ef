import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { describe, expect, it } from 'vitest';
import { SpilledGroups } from '../../src/sketch/spilled-groups.js';

/** A group's entries as [key, value] pairs, read back as a reader of the groups does. */
function entriesOf(groups: SpilledGroups, group: number): Array<[number, number]> {
  const rows = new Uint32Array(2 * groups.size(group));
  const read = groups.read(group, rows);
  return Array.from({ length: read }, (_, e) => [rows[2 * e]!, rows[2 * e + 1]!]);
}

describe('SpilledGroups', () => {
  const prefix = 'neardup-spilled-groups-test';
  const ours = () => readdirSync(tmpdir()).filter((name) => name.startsWith(`${prefix}-`));

  it('gives each group its entries in the order they came, from its file and from memory, past the budget', () => {
    const held = new SpilledGroups(3, 1 << 20, prefix);
    const spilled = new SpilledGroups(3, 5, prefix);
    const before = ours().length;
    for (let e = 0; e < 40; e++) {
      // Keys and values over 2^31: the columns are unsigned.
      held.push(e % 3, 0xfffffff0 + (e % 7), e * 1000);
      spilled.push(e % 3, 0xfffffff0 + (e % 7), e * 1000);
    }
    expect(ours().length).toBe(before + 1);
    for (let g = 0; g < 3; g++) {
      expect(spilled.size(g)).toBe(g === 0 ? 14 : 13);
      expect(entriesOf(spilled, g)).toEqual(entriesOf(held, g));
      expect(entriesOf(spilled, g)[1]).toEqual([0xfffffff0 + ((g + 3) % 7), (g + 3) * 1000]);
    }
    spilled.release();
    held.release();
    expect(ours().length).toBe(before);
  });

  it('takes its memory at the first entry, lets it go when released, and takes entries again after', () => {
    const groups = new SpilledGroups(2, 1 << 20, prefix);
    expect(groups.bufferBytes()).toBe(0);
    for (let e = 0; e < 10_000; e++) groups.push(e % 2, e, e);
    expect(groups.bufferBytes()).toBeGreaterThanOrEqual(10_000 * 8);
    groups.release();
    expect(groups.bufferBytes()).toBe(0);
    expect([groups.size(0), groups.size(1)]).toEqual([0, 0]);
    groups.push(1, 7, 8);
    expect(entriesOf(groups, 1)).toEqual([[7, 8]]);
    groups.release();
  });

  it('holds small regions first, lays the entries out again in the whole budget once one fills, then spills as before', () => {
    const groups = new SpilledGroups(2, 1 << 13, prefix);
    groups.push(1, 1, 2);
    expect(groups.bufferBytes()).toBe(2 * 1024 * 8);
    for (let e = 0; e < 1500; e++) groups.push(0, e, 10 + e);
    groups.pushColumns(1, Uint32Array.of(3, 5, 7), Uint32Array.of(4, 6, 8), 0, 3);
    expect(groups.bufferBytes()).toBe(2 * 4096 * 8);
    expect(entriesOf(groups, 0)).toEqual(Array.from({ length: 1500 }, (_, e) => [e, 10 + e]));
    expect(entriesOf(groups, 1)).toEqual([[1, 2], [3, 4], [5, 6], [7, 8]]);
    const keys = Uint32Array.from({ length: 4000 }, (_, e) => 1500 + e);
    groups.pushColumns(0, keys, keys, 0, 4000);
    expect(groups.size(0)).toBe(5500);
    expect(entriesOf(groups, 0)).toEqual(Array.from({ length: 5500 }, (_, e) => [e, e < 1500 ? 10 + e : e]));
    expect(groups.bufferBytes()).toBe(2 * 4096 * 8);
    groups.release();
    // A run pushed at once that fills a small region lays the entries out again in the middle of the run.
    groups.push(1, 9, 9);
    const run = Uint32Array.from({ length: 2000 }, (_, e) => e);
    groups.pushColumns(0, run, run, 0, 2000);
    expect(groups.bufferBytes()).toBe(2 * 4096 * 8);
    expect(entriesOf(groups, 0)).toEqual(Array.from({ length: 2000 }, (_, e) => [e, e]));
    expect(entriesOf(groups, 1)).toEqual([[9, 9]]);
    groups.release();
  });

  it('spills a group alone once it holds its share of the budget, and never holds more than the budget', () => {
    const before = new Set(ours());
    const groups = new SpilledGroups(2, 8, prefix);
    for (let e = 0; e < 10; e++) groups.push(0, e, 100 + e);
    for (let e = 0; e < 3; e++) groups.push(1, e, 200 + e);
    expect(groups.bufferBytes()).toBeLessThanOrEqual(8 * 8);
    const folder = join(tmpdir(), ours().find((name) => !before.has(name))!);
    // Group 0 filled its 4 places twice (8 entries of 8 bytes written); group 1 never filled its own.
    expect(statSync(join(folder, '0')).size).toBe(64);
    expect(statSync(join(folder, '1')).size).toBe(0);
    expect(entriesOf(groups, 0)).toEqual(Array.from({ length: 10 }, (_, e) => [e, 100 + e]));
    expect(entriesOf(groups, 1)).toEqual([[0, 200], [1, 201], [2, 202]]);
    groups.release();
  });

  it('keeps the entries of every group in order as its regions grow, with groups of very different sizes', () => {
    const groups = new SpilledGroups(5, 1 << 20, prefix);
    const expected: Array<Array<[number, number]>> = [[], [], [], [], []];
    for (let e = 0; e < 20_000; e++) {
      const g = e % 7 === 0 ? 3 : e % 100 === 1 ? 1 : 0;
      groups.push(g, e, e ^ 0x5555);
      expected[g]!.push([e, e ^ 0x5555]);
    }
    for (let g = 0; g < 5; g++) {
      expect(groups.size(g)).toBe(expected[g]!.length);
      expect(entriesOf(groups, g)).toEqual(expected[g]);
    }
    groups.release();
  });

  it('takes runs of two columns as it takes the same entries one by one, through spills', () => {
    const byOne = new SpilledGroups(3, 12, prefix);
    const byRun = new SpilledGroups(3, 12, prefix);
    const keys = Uint32Array.from({ length: 50 }, (_, e) => 0xfffffff0 - e);
    const values = Uint32Array.from({ length: 50 }, (_, e) => e * 7);
    // Runs of 0 to 17 entries, to groups in turn; regions of 4 entries fill and spill within a run.
    for (let from = 0, length = 0, group = 0; from < keys.length; from += length, length = (length + 5) % 18, group = (group + 1) % 3) {
      const to = Math.min(keys.length, from + length);
      for (let e = from; e < to; e++) byOne.push(group, keys[e]!, values[e]!);
      byRun.pushColumns(group, keys, values, from, to);
    }
    for (let g = 0; g < 3; g++) {
      expect(byRun.size(g)).toBe(byOne.size(g));
      expect(entriesOf(byRun, g)).toEqual(entriesOf(byOne, g));
    }
    expect(byRun.size(0) + byRun.size(1) + byRun.size(2)).toBe(50);
    byOne.release();
    byRun.release();
  });
});
