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

const ids = async (store: SignatureStore, keys: number[]) => (await store.documents(keys)).map((d) => d.id);

/** What every SignatureStore must do, run against each implementation. */
export function storeContract(name: string, open: (params: IndexParams) => SignatureStore | Promise<SignatureStore>): void {
  describe(`${name}: the SignatureStore contract`, async () => {
    it('finds a document through any one band it shares, and only those', async () => {
      const store = await open(TINY);
      // a and b share band 0 (rows 1, 2); a and c share band 1 (rows 3, 4); d shares nothing.
      expect(await store.putBatch([doc('a', [1, 2, 3, 4]), doc('b', [1, 2, 9, 9]), doc('c', [7, 7, 3, 4]), doc('d', [5, 6, 7, 8])])).toEqual({
        added: 4,
        replaced: 0,
        unchanged: 0,
      });
      expect(await ids(store, await store.candidates(bandKeysOf(Int32Array.from([1, 2, 3, 4]), TINY)))).toEqual(['a', 'b', 'c']);
      expect(await ids(store, await store.candidates(bandKeysOf(Int32Array.from([1, 2, 0, 0]), TINY)))).toEqual(['a', 'b']);
      expect(await store.candidates(bandKeysOf(Int32Array.from([0, 0, 0, 0]), TINY))).toEqual([]);
      expect(await store.count()).toBe(4);
      // How many bands each shares; from band 1 on, only band 1 is asked about.
      const keys = bandKeysOf(Int32Array.from([1, 2, 3, 4]), TINY);
      const named = async (hits: Map<number, number>) => Object.fromEntries((await store.documents([...hits.keys()])).map((d) => [d.id, hits.get(d.key)]));
      expect(await named(await store.bandHits(keys, 0))).toEqual({ a: 2, b: 1, c: 1 });
      expect(await named(await store.bandHits(keys.subarray(1), 1))).toEqual({ a: 1, c: 1 });
      await store.close();
    });

    it('gives back what was stored: metadata and the signature value for value', async () => {
      const store = await open(TINY);
      const stored = doc('x', [-2147483648, 2147483647, 0, -1], { source: '/corpus/a.jsonl', line: 7, offset: 1234, field: 'body', date: '2024-01-02T00:00:00.000Z' });
      await store.putBatch([stored]);
      const { key, ...back } = (await store.byId('x'))!;
      expect(back).toEqual(stored);
      expect((await store.documents([key]))[0]!.signature).toEqual(Int32Array.from([-2147483648, 2147483647, 0, -1]));
      expect(await store.byId('nope')).toBeUndefined();
      await store.close();
    });

    it('leaves an unchanged document alone and replaces a changed one, band rows included', async () => {
      const store = await open(TINY);
      await store.putBatch([doc('a', [1, 2, 3, 4])]);
      expect(await store.putBatch([doc('a', [1, 2, 3, 4])])).toEqual({ added: 0, replaced: 0, unchanged: 1 });
      expect(await store.putBatch([doc('a', [5, 6, 7, 8], { contentHash: 'new' })])).toEqual({ added: 0, replaced: 1, unchanged: 0 });
      expect(await store.count()).toBe(1);
      expect(await store.contentHashes(['a', 'b'])).toEqual(new Map([['a', 'new']]));
      expect(await store.candidates(bandKeysOf(Int32Array.from([1, 2, 3, 4]), TINY))).toEqual([]);
      expect(await ids(store, await store.candidates(bandKeysOf(Int32Array.from([5, 6, 0, 0]), TINY)))).toEqual(['a']);
      await store.close();
    });

    it('moves an unchanged document to where it now is and to its new date, its figures and band rows left as they were', async () => {
      const store = await open(TINY);
      const a = doc('a', [1, 2, 3, 4], { source: '/corpus/c.jsonl', line: 1, offset: 0 });
      const b = doc('b', [1, 2, 9, 9], { source: '/corpus/c.jsonl', line: 2, offset: 40, field: 'body', date: '2024-01-01T00:00:00.000Z' });
      await store.putBatch([a, b]);
      const moved = { id: 'b', source: '/corpus/d.jsonl', line: 3, offset: 80, date: '2024-01-02T00:00:00.000Z' };
      // a has not moved; c is not stored.
      expect(await store.relocate([{ id: 'a', source: '/corpus/c.jsonl', line: 1, offset: 0 }, moved, { id: 'c', source: '/corpus/c.jsonl', line: 4 }])).toBe(1);
      const { key: _a, ...backA } = (await store.byId('a'))!;
      expect(backA).toEqual(a);
      const { key: _b, ...backB } = (await store.byId('b'))!;
      const { field: _field, date: _date, ...rest } = b;
      expect(backB).toEqual({ ...rest, ...moved });
      expect(await ids(store, await store.candidates(bandKeysOf(Int32Array.from([1, 2, 0, 0]), TINY)))).toEqual(['a', 'b']);
      expect(await store.relocate([moved])).toBe(0);
      expect(await store.relocate([])).toBe(0);
      await store.close();
    });

    it('gives the ids of stored keys, leaving out keys it does not hold', async () => {
      const store = await open(TINY);
      await store.putBatch([doc('a', [1, 2, 3, 4]), doc('b', [1, 2, 9, 9])]);
      const a = (await store.byId('a'))!.key;
      const b = (await store.byId('b'))!.key;
      expect(await store.idsOf([b, a, 999_999])).toEqual(new Map([[b, 'b'], [a, 'a']]));
      expect(await store.idsOf([])).toEqual(new Map());
      await store.close();
    });

    it('removes documents with their band rows, and counts only those it had', async () => {
      const store = await open(TINY);
      await store.putBatch([doc('a', [1, 2, 3, 4]), doc('b', [1, 2, 9, 9])]);
      expect(await store.remove(['a', 'missing', 'a'])).toBe(1);
      expect(await ids(store, await store.candidates(bandKeysOf(Int32Array.from([1, 2, 3, 4]), TINY)))).toEqual(['b']);
      expect(await store.count()).toBe(1);
      await store.close();
    });

    it('lists the ids read from a file, or from files under a folder (not from a folder that merely starts alike)', async () => {
      const store = await open(TINY);
      await store.putBatch([
        doc('a', [1, 1, 1, 1], { source: '/news/afp/a.txt' }),
        doc('b', [2, 2, 2, 2], { source: '/news/afp/sub/b.txt' }),
        doc('c', [3, 3, 3, 3], { source: '/news/afp-old/c.txt' }),
        doc('d', [4, 4, 4, 4], { source: '/news/feed.jsonl', line: 1 }),
        doc('e', [5, 5, 5, 5], { source: '/news/feed.jsonl', line: 2 }),
      ]);
      expect(await store.idsFromSource('/news/afp')).toEqual(['a', 'b']);
      expect(await store.idsFromSource('/news/afp/')).toEqual(['a', 'b']);
      expect(await store.idsFromSource('/news/feed.jsonl')).toEqual(['d', 'e']);
      expect(await store.idsFromSource('/elsewhere')).toEqual([]);
      await store.close();
    });

    it('reports what it holds', async () => {
      const store = await open(TINY);
      await store.putBatch([
        doc('a', [1, 2, 3, 4], { date: '2024-03-01T00:00:00.000Z' }),
        doc('b', [1, 2, 9, 9], { date: '2023-01-01T00:00:00.000Z' }),
        doc('c', [7, 7, 3, 4], { source: '/corpus/a.txt' }),
      ]);
      const stats = await store.stats();
      expect(stats).toMatchObject({ documents: 3, bandRows: 6, sources: 2, dates: { earliest: '2023-01-01T00:00:00.000Z', latest: '2024-03-01T00:00:00.000Z' } });
      expect(stats.params).toEqual(TINY);
      expect(stats.lastWrite).toMatch(/^\d{4}-\d\d-\d\dT/);
      await store.close();
    });

    it('finds documents through their content-stem bands too, where the index keeps them', async () => {
      const params = { ...TINY, rewriteBands: 2, rewriteRows: 2 };
      const store = await open(params);
      const stemmed = (id: string, values: number[], stems: number[]) => doc(id, values, { stems: 40, stemSignature: Int32Array.from(stems) });
      await store.putBatch([stemmed('a', [1, 2, 3, 4], [10, 20, 30, 40]), stemmed('b', [5, 6, 7, 8], [10, 20, 0, 0]), stemmed('c', [9, 9, 9, 9], [0, 0, 0, 0])]);
      // a and b share no shingle band, but their stems share a band.
      const found = await store.candidates(bandKeysOf(Int32Array.from([1, 2, 3, 4]), params, Int32Array.from([10, 20, 30, 40])));
      expect(await ids(store, found)).toEqual(['a', 'b']);
      const { key, ...back } = (await store.byId('b'))!;
      expect(back.stemSignature).toEqual(Int32Array.from([10, 20, 0, 0]));
      expect(back.stems).toBe(40);
      expect((await store.stats()).bandRows).toBe(3 * 4);
      await store.remove(['b']);
      expect(await ids(store, await store.candidates(bandKeysOf(Int32Array.from([0, 0, 0, 0]), params, Int32Array.from([10, 20, 30, 40]))))).toEqual(['a']);
      await expect(store.putBatch([doc('d', [1, 1, 1, 1])])).rejects.toThrow(/no content-stem signature/);
      await store.close();
    });

    it(`passes over a rewrite bucket of more than ${MAX_REWRITE_BUCKET} documents, never over a shingle bucket`, async () => {
      const params = { ...TINY, rewriteBands: 2, rewriteRows: 2 };
      const store = await open(params);
      // Every document shares stem band 0 (a pair of common stems); each has shingle and stem band 1 of its own.
      const crowd = Array.from({ length: MAX_REWRITE_BUCKET + 1 }, (_, n) => doc(`d${n}`, [7, 7, n + 100, n + 100], { stems: 40, stemSignature: Int32Array.from([1, 1, n + 100, n + 100]) }));
      await store.putBatch(crowd.slice(0, MAX_REWRITE_BUCKET));
      const probe = (n: number) => bandKeysOf(Int32Array.from([0, 0, n + 100, n + 100]), params, Int32Array.from([1, 1, 0, 0]));
      expect((await store.bandHits(probe(5).subarray(params.bands), params.bands)).size).toBe(MAX_REWRITE_BUCKET);
      await store.putBatch(crowd.slice(MAX_REWRITE_BUCKET));
      await store.flush();
      expect((await store.bandHits(probe(5).subarray(params.bands), params.bands)).size).toBe(0);
      // The shingle bucket all of them share is read in full.
      const shingleKeys = bandKeysOf(Int32Array.from([7, 7, 0, 0]), params, Int32Array.from([0, 0, 0, 0]));
      expect((await store.bandHits(shingleKeys.subarray(0, params.bands), 0)).size).toBe(MAX_REWRITE_BUCKET + 1);
      await store.close();
    });

    it('keeps each text where the index keeps texts, replaces it with its document and drops it on removal', async () => {
      const store = await open({ ...TINY, storedText: true });
      const text = 'Storms “hit” the coast — déjà vu for 1,234 résidents.\n'.repeat(40);
      await store.putBatch([doc('a', [1, 2, 3, 4], { text }), doc('b', [1, 2, 9, 9])]);
      const a = (await store.byId('a'))!;
      expect(a).not.toHaveProperty('text');
      expect(await store.text(a.key)).toBe(text);
      expect(await store.text((await store.byId('b'))!.key)).toBeUndefined();
      await store.putBatch([doc('a', [1, 2, 3, 4], { contentHash: 'new', text: 'A new text.' })]);
      const replaced = (await store.byId('a'))!;
      expect(await store.text(replaced.key)).toBe('A new text.');
      await store.remove(['a']);
      expect(await store.text(replaced.key)).toBeUndefined();
      await store.close();
    });

    it('keeps no text where the index was built without them', async () => {
      const store = await open(TINY);
      await store.putBatch([doc('a', [1, 2, 3, 4], { text: 'Some text.' })]);
      expect(await store.text((await store.byId('a'))!.key)).toBeUndefined();
      await store.close();
    });

    it('refuses a signature of the wrong length, storing nothing of the batch', async () => {
      const store = await open(TINY);
      await expect(store.putBatch([doc('ok', [1, 2, 3, 4]), doc('bad', [1, 2, 3])])).rejects.toThrow(/3 values, not 4/);
      expect(await store.count()).toBe(0);
      await store.close();
    });
  });
}
