import { describe, expect, it } from 'vitest';
import { CorpusTable } from '../../src/sketch/sketch-table.js';

/** Signatures of `numPerm` values where document d agrees with document 0 on its first agreeWith0[d] permutations. */
function tableOf(numPerm: number, agreeWith0: readonly number[]): CorpusTable {
  const table = new CorpusTable(numPerm, { bands: 1, rows: numPerm }, { bands: 1, rows: numPerm });
  agreeWith0.forEach((agree, d) => {
    // Values differ from document 0's in the low 16 bits (what sketches keep) past the agreeing prefix.
    const signature = Int32Array.from({ length: numPerm }, (_, p) => (p < agree ? p * 7919 : p * 7919 + (d + 1) * 65537 + 1));
    table.add({ id: `d${d}`, source: 's' }, { words: 10, shingles: 10, contentStems: 10, digest: 0 }, signature, Int32Array.of(d), signature, Int32Array.of(d));
  });
  return table;
}

describe('CorpusTable estimates from sketches', () => {
  it.each([128, 127, 2, 1])('counts agreeing permutations, two at a time or one (%i permutations)', (numPerm) => {
    const agreements = [numPerm, 0, Math.floor(numPerm / 2), numPerm - 1, 1].filter((a) => a <= numPerm);
    const table = tableOf(numPerm, agreements);
    const chance = 1 / 65536;
    agreements.forEach((agree, d) => {
      const expected = Math.max(0, (agree / numPerm - chance) / (1 - chance));
      expect(table.estimatedJaccard(0, d), `doc ${d}`).toBeCloseTo(expected, 12);
      expect(table.estimatedJaccard(d, 0), `doc ${d} (symmetric)`).toBeCloseTo(expected, 12);
    });
  });

  it('keeps its estimates when it grows past its first 1,024 documents', () => {
    const agreements = Array.from({ length: 1500 }, (_, d) => (d === 0 ? 128 : d % 129));
    const table = tableOf(128, agreements);
    for (const d of [0, 5, 1023, 1024, 1499]) {
      expect(table.estimatedJaccard(0, d)).toBeCloseTo(Math.max(0, (Math.min(agreements[d]!, 128) / 128 - 1 / 65536) / (1 - 1 / 65536)), 12);
    }
  });
});

describe('CorpusTable.releaseSketches', () => {
  it('keeps where each document is and its counts, and refuses the band keys, estimates and new documents after', () => {
    const table = tableOf(4, [4, 2, 0]);
    table.releaseSketches();
    expect(table.count).toBe(3);
    expect(table.id(1)).toBe('d1');
    expect(table.meta(2)).toEqual({ id: 'd2', source: 's' });
    expect(table.distinctShingles(0)).toBe(10);
    expect(() => table.estimatedJaccard(0, 1)).toThrow(/releaseSketches/);
    expect(() => table.allBandKeys()).toThrow(/releaseSketches/);
    const signature = Int32Array.of(1, 2, 3, 4);
    expect(() => table.add({ id: 'd3', source: 's' }, { words: 1, shingles: 1, contentStems: 1, digest: 0 }, signature, Int32Array.of(3), signature, Int32Array.of(3))).toThrow(
      /releaseSketches/,
    );
  });
});

describe('CorpusTable.anyDated', () => {
  it('is false until a document with a date that parses is added', () => {
    const table = new CorpusTable(1, { bands: 1, rows: 1 }, undefined);
    const add = (id: string, date?: string) =>
      table.add({ id, source: 's', ...(date === undefined ? {} : { date }) }, { words: 1, shingles: 1, contentStems: 0, digest: 0 }, Int32Array.of(1), Int32Array.of(1), undefined, undefined);
    add('undated');
    add('unparsable', 'sometime in spring');
    expect(table.anyDated()).toBe(false);
    add('dated', '1987-03-02');
    expect(table.anyDated()).toBe(true);
    expect(table.time(2)).toBe(Date.parse('1987-03-02'));
    expect(Array.from(table.times())).toEqual([Number.NaN, Number.NaN, Date.parse('1987-03-02')]);
  });
});
