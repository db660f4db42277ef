import { describe, expect, it } from 'vitest';
import { analyze } from '../../src/text/analyze.js';
import { lineKeys } from '../../src/text/boilerplate.js';
import { CorpusTable } from '../../src/sketch/sketch-table.js';
import { textDigest } from '../../src/text/token-hashes.js';
import { memoryFileSystem } from '../../src/input/file-system.js';
import { withDefaults } from '../../src/options.js';
import { DocumentLoader, isFailure, type SetsOfDocument } from '../../src/scan/loader.js';
import { LruCache } from '../../src/input/lru-cache.js';

const texts = ['Kim met Putin in Vladivostok on Tuesday for talks.', 'The two leaders discussed weapons, satellites and food aid.'];
const SHINGLE_SIZE = 5;

/** A table of the texts, kept as standard input's are, so the loader reads them back without a file system. */
function tableOf(docs: readonly string[]): CorpusTable {
  const banding = { bands: 1, rows: 1 };
  const table = new CorpusTable(1, banding, undefined);
  docs.forEach((text, i) => {
    const counts = { words: 1, shingles: 1, contentStems: 0, digest: textDigest(text) };
    table.add({ id: `d${i}`, source: '-' }, counts, new Int32Array(1), new Int32Array(1), undefined, undefined, text);
  });
  return table;
}

const loaderOf = () => new DocumentLoader({ directory: tableOf(texts), fs: memoryFileSystem({}), read: withDefaults({ paths: ['-'] }).read, shingleSize: SHINGLE_SIZE });

async function setsOf(loader: DocumentLoader, i: number): Promise<SetsOfDocument> {
  const sets = await loader.setsOf(i);
  if (isFailure(sets)) throw new Error(sets.reason);
  return sets;
}

describe('DocumentLoader', () => {
  it('analyses a document that holds learned boilerplate for its set, even with no room to keep analyses', async () => {
    const text = 'Kim met Putin in Vladivostok on Tuesday for talks.\nSubscribe to our newsletter for daily updates.';
    const keys = new Set(lineKeys('Subscribe to our newsletter for daily updates.'));
    const loader = new DocumentLoader({
      directory: tableOf([texts[0]!, text]),
      fs: memoryFileSystem({}),
      read: withDefaults({ paths: ['-'] }).read,
      shingleSize: SHINGLE_SIZE,
      boilerplate: keys,
      holdsBoilerplate: (i) => i === 1,
      // No room to keep analyses: only the document that holds boilerplate is analysed for its set.
      capacity: { documentBytes: 0, sets: 16 },
    });
    await setsOf(loader, 0);
    expect(loader.holdsDocument(0)).toBe(false);
    const sets = await setsOf(loader, 1);
    expect(loader.holdsDocument(1)).toBe(true);
    expect(sets.shingleSet).toEqual(analyze({ id: 'd1', source: '-', text }, SHINGLE_SIZE, keys).shingleSet);
  });

  it('keeps the analysis it takes the sets from, for clustering and aligning to find at hand', async () => {
    const loader = loaderOf();
    expect(loader.heldDocument(1)).toBeUndefined();
    const sets = await setsOf(loader, 1);
    const held = loader.heldDocument(1);
    if (held === undefined || isFailure(held)) throw new Error('document 1 is not held');
    const reference = analyze({ id: 'd1', source: '-', text: texts[1]! }, SHINGLE_SIZE);
    expect(held.shingleSet).toBe(sets.shingleSet);
    expect([held.text, [...held.tokenHashes], [...held.shingles], held.tokens.words]).toEqual([reference.text, [...reference.tokenHashes], [...reference.shingles], reference.tokens.words]);
    expect(await loader.load(1)).toBe(held);
  });

  it('keeps no analysis for a document whose sets it reads once its cache of analyses is full', async () => {
    const loader = new DocumentLoader({
      directory: tableOf(texts),
      fs: memoryFileSystem({}),
      read: withDefaults({ paths: ['-'] }).read,
      shingleSize: SHINGLE_SIZE,
      capacity: { documentBytes: 2400, sets: 16 },
    });
    await setsOf(loader, 0);
    expect(loader.holdsDocument(0)).toBe(true);
    // Document 0's analysis is taken to weigh 2,048 bytes and 6 a character: no room for document 1's beside it.
    const sets = await setsOf(loader, 1);
    expect(loader.holdsDocument(1)).toBe(false);
    expect(loader.holdsDocument(0)).toBe(true);
    expect(sets.shingleSet).toEqual(analyze({ id: 'd1', source: '-', text: texts[1]! }, SHINGLE_SIZE).shingleSet);
  });

  it('reads a document for a reader that needs it once without keeping it, and gives a kept one as it is', async () => {
    const loader = loaderOf();
    const once = await loader.loadOnce(1);
    expect(isFailure(once)).toBe(false);
    expect(loader.holdsDocument(1)).toBe(false);
    const kept = await loader.load(0);
    expect(await loader.loadOnce(0)).toBe(kept);
  });

  it('reports a document whose text changed since the first pass, from its sets and from its analysis', async () => {
    const table = tableOf(texts);
    const changed = new CorpusTable(1, { bands: 1, rows: 1 }, undefined);
    texts.forEach((text, i) =>
      changed.add({ id: `d${i}`, source: '-' }, { words: 1, shingles: 1, contentStems: 0, digest: textDigest(text) + (i === 1 ? 1 : 0) }, new Int32Array(1), new Int32Array(1), undefined, undefined, table.retainedText(i)),
    );
    for (const documentBytes of [0, 1 << 20]) {
      const loader = new DocumentLoader({ directory: changed, fs: memoryFileSystem({}), read: withDefaults({ paths: ['-'] }).read, shingleSize: SHINGLE_SIZE, capacity: { documentBytes, sets: 16 } });
      expect(await loader.setsOf(1)).toEqual({ reason: 'changed while being scanned' });
      expect(await loader.load(1)).toEqual({ reason: 'changed while being scanned' });
      expect(isFailure(await loader.setsOf(0))).toBe(false);
    }
  });
});

describe('LruCache', () => {
  it('drops the least recently used first, a hit since it was stored giving an entry a second chance', () => {
    const cache = new LruCache<string>(3);
    for (const key of [1, 2, 3]) cache.remember(key, `v${key}`);
    expect(cache.get(1)).toBe('v1');
    cache.remember(4, 'v4');
    expect([1, 2, 3, 4].map((key) => cache.has(key))).toEqual([true, false, true, true]);
    cache.remember(5, 'v5');
    expect([1, 3, 4, 5].map((key) => cache.has(key))).toEqual([true, false, true, true]);
  });

  it('holds values up to a total weight, and always the one just stored', () => {
    const cache = new LruCache<number>(10, (weight) => weight);
    cache.remember(1, 6);
    cache.remember(2, 3);
    cache.remember(3, 6);
    expect([1, 2, 3].map((key) => cache.has(key))).toEqual([false, true, true]);
    cache.remember(4, 50);
    expect([2, 3, 4].map((key) => cache.has(key))).toEqual([false, false, true]);
    expect(cache.get(4)).toBe(50);
  });
});
