import { describe, expect, it } from 'vitest';
import { bandKeysOf, type IndexParams, MAX_REWRITE_BUCKET, type SignatureStore, type StoredDocument } from '../../../src/corpus/store/store.js';

/** Tiny params: four values cut into two bands of two rows, so which documents share a band is plain to see. */
export const TINY: IndexParams = {
  seed: 1,
  numPerm: 4,
  shingleSize: 5,
  normalizationVersion: 1,
  bands: 2,
  rows: 2,
  rewriteBands: 0,
  rewriteRows: 0,
  metric: 'containment',
  threshold: 0.7,
  probe: 'test',
};

export function doc(id: string, values: number[], extra: Partial<StoredDocument> = {}): StoredDocument {
  return { id, source: `/corpus/${id}.txt`, contentHash: `hash-${id}`, words: 100, shingles: 96, signature: Int32Array.from(values), ...extra };
}

const ids = (store: SignatureStore, keys: number[]) => store.documents(keys).map((d) => d.id);

/** What every SignatureStore must do, run against each implementation. */
export function storeContract(name: string, open: (params: IndexParams) => SignatureStore): void {
  describe(`${name}: the SignatureStore contract`, () => {
    it('finds a document through any one band it shares, and only those', () => {
      const store = open(TINY);
      // a and b share band 0 (rows 1, 2); a and c share band 1 (rows 3, 4); d shares nothing.
      expect(store.putBatch([doc('a', [1, 2, 3, 4]), doc('b', [1, 2, 9, 9]), doc('c', [7, 7, 3, 4]), doc('d', [5, 6, 7, 8])])).toEqual({
        added: 4,
        replaced: 0,
        unchanged: 0,
      });
      expect(ids(store, store.candidates(bandKeysOf(Int32Array.from([1, 2, 3, 4]), TINY)))).toEqual(['a', 'b', 'c']);
      expect(ids(store, store.candidates(bandKeysOf(Int32Array.from([1, 2, 0, 0]), TINY)))).toEqual(['a', 'b']);
      expect(store.candidates(bandKeysOf(Int32Array.from([0, 0, 0, 0]), TINY))).toEqual([]);
      expect(store.count()).toBe(4);
      // How many bands each shares; from band 1 on, only band 1 is asked about.
      const keys = bandKeysOf(Int32Array.from([1, 2, 3, 4]), TINY);
      const named = (hits: Map<number, number>) => Object.fromEntries(store.documents([...hits.keys()]).map((d) => [d.id, hits.get(d.key)]));
      expect(named(store.bandHits(keys, 0))).toEqual({ a: 2, b: 1, c: 1 });
      expect(named(store.bandHits(keys.subarray(1), 1))).toEqual({ a: 1, c: 1 });
      store.close();
    });

    it('gives back what was stored: metadata and the signature value for value', () => {
      const store = open(TINY);
      const stored = doc('x', [-2147483648, 2147483647, 0, -1], { source: '/corpus/a.jsonl', line: 7, offset: 1234, field: 'body', date: '2024-01-02T00:00:00.000Z' });
      store.putBatch([stored]);
      const { key, ...back } = store.byId('x')!;
      expect(back).toEqual(stored);
      expect(store.documents([key])[0]!.signature).toEqual(Int32Array.from([-2147483648, 2147483647, 0, -1]));
      expect(store.byId('nope')).toBeUndefined();
      store.close();
    });

    it('leaves an unchanged document alone and replaces a changed one, band rows included', () => {
      const store = open(TINY);
      store.putBatch([doc('a', [1, 2, 3, 4])]);
      expect(store.putBatch([doc('a', [1, 2, 3, 4])])).toEqual({ added: 0, replaced: 0, unchanged: 1 });
      expect(store.putBatch([doc('a', [5, 6, 7, 8], { contentHash: 'new' })])).toEqual({ added: 0, replaced: 1, unchanged: 0 });
      expect(store.count()).toBe(1);
      expect(store.contentHashes(['a', 'b'])).toEqual(new Map([['a', 'new']]));
      expect(store.candidates(bandKeysOf(Int32Array.from([1, 2, 3, 4]), TINY))).toEqual([]);
      expect(ids(store, store.candidates(bandKeysOf(Int32Array.from([5, 6, 0, 0]), TINY)))).toEqual(['a']);
      store.close();
    });

    it('removes documents with their band rows, and counts only those it had', () => {
      const store = open(TINY);
      store.putBatch([doc('a', [1, 2, 3, 4]), doc('b', [1, 2, 9, 9])]);
      expect(store.remove(['a', 'missing', 'a'])).toBe(1);
      expect(ids(store, store.candidates(bandKeysOf(Int32Array.from([1, 2, 3, 4]), TINY)))).toEqual(['b']);
      expect(store.count()).toBe(1);
      store.close();
    });

    it('lists the ids read from a file, or from files under a folder (not from a folder that merely starts alike)', () => {
      const store = open(TINY);
      store.putBatch([
        doc('a', [1, 1, 1, 1], { source: '/news/afp/a.txt' }),
        doc('b', [2, 2, 2, 2], { source: '/news/afp/sub/b.txt' }),
        doc('c', [3, 3, 3, 3], { source: '/news/afp-old/c.txt' }),
        doc('d', [4, 4, 4, 4], { source: '/news/feed.jsonl', line: 1 }),
        doc('e', [5, 5, 5, 5], { source: '/news/feed.jsonl', line: 2 }),
      ]);
      expect(store.idsFromSource('/news/afp')).toEqual(['a', 'b']);
      expect(store.idsFromSource('/news/afp/')).toEqual(['a', 'b']);
      expect(store.idsFromSource('/news/feed.jsonl')).toEqual(['d', 'e']);
      expect(store.idsFromSource('/elsewhere')).toEqual([]);
      store.close();
    });

    it('reports what it holds', () => {
      const store = open(TINY);
      store.putBatch([
        doc('a', [1, 2, 3, 4], { date: '2024-03-01T00:00:00.000Z' }),
        doc('b', [1, 2, 9, 9], { date: '2023-01-01T00:00:00.000Z' }),
        doc('c', [7, 7, 3, 4], { source: '/corpus/a.txt' }),
      ]);
      const stats = store.stats();
      expect(stats).toMatchObject({ documents: 3, bandRows: 6, sources: 2, dates: { earliest: '2023-01-01T00:00:00.000Z', latest: '2024-03-01T00:00:00.000Z' } });
      expect(stats.params).toEqual(TINY);
      expect(stats.lastWrite).toMatch(/^\d{4}-\d\d-\d\dT/);
      store.close();
    });

    it('finds documents through their content-stem bands too, where the index keeps them', () => {
      const params = { ...TINY, rewriteBands: 2, rewriteRows: 2 };
      const store = open(params);
      const stemmed = (id: string, values: number[], stems: number[]) => doc(id, values, { stems: 40, stemSignature: Int32Array.from(stems) });
      store.putBatch([stemmed('a', [1, 2, 3, 4], [10, 20, 30, 40]), stemmed('b', [5, 6, 7, 8], [10, 20, 0, 0]), stemmed('c', [9, 9, 9, 9], [0, 0, 0, 0])]);
      // a and b share no shingle band, but their stems share a band.
      const found = store.candidates(bandKeysOf(Int32Array.from([1, 2, 3, 4]), params, Int32Array.from([10, 20, 30, 40])));
      expect(ids(store, found)).toEqual(['a', 'b']);
      const { key, ...back } = store.byId('b')!;
      expect(back.stemSignature).toEqual(Int32Array.from([10, 20, 0, 0]));
      expect(back.stems).toBe(40);
      expect(store.stats().bandRows).toBe(3 * 4);
      store.remove(['b']);
      expect(ids(store, store.candidates(bandKeysOf(Int32Array.from([0, 0, 0, 0]), params, Int32Array.from([10, 20, 30, 40]))))).toEqual(['a']);
      expect(() => store.putBatch([doc('d', [1, 1, 1, 1])])).toThrow(/no content-stem signature/);
      store.close();
    });

    it(`passes over a rewrite bucket of more than ${MAX_REWRITE_BUCKET} documents, never over a shingle bucket`, () => {
      const params = { ...TINY, rewriteBands: 2, rewriteRows: 2 };
      const store = open(params);
      // Every document shares stem band 0 (a pair of common stems); each has shingle and stem band 1 of its own.
      const crowd = Array.from({ length: MAX_REWRITE_BUCKET + 1 }, (_, n) => doc(`d${n}`, [7, 7, n + 100, n + 100], { stems: 40, stemSignature: Int32Array.from([1, 1, n + 100, n + 100]) }));
      store.putBatch(crowd.slice(0, MAX_REWRITE_BUCKET));
      const probe = (n: number) => bandKeysOf(Int32Array.from([0, 0, n + 100, n + 100]), params, Int32Array.from([1, 1, 0, 0]));
      expect(store.bandHits(probe(5).subarray(params.bands), params.bands).size).toBe(MAX_REWRITE_BUCKET);
      store.putBatch(crowd.slice(MAX_REWRITE_BUCKET));
      store.flush();
      expect(store.bandHits(probe(5).subarray(params.bands), params.bands).size).toBe(0);
      // The shingle bucket all of them share is read in full.
      const shingleKeys = bandKeysOf(Int32Array.from([7, 7, 0, 0]), params, Int32Array.from([0, 0, 0, 0]));
      expect(store.bandHits(shingleKeys.subarray(0, params.bands), 0).size).toBe(MAX_REWRITE_BUCKET + 1);
      store.close();
    });

    it('refuses a signature of the wrong length, storing nothing of the batch', () => {
      const store = open(TINY);
      expect(() => store.putBatch([doc('ok', [1, 2, 3, 4]), doc('bad', [1, 2, 3])])).toThrow(/3 values, not 4/);
      expect(store.count()).toBe(0);
      store.close();
    });
  });
}
