import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyze } from '../../src/text/analyze.js';
import { compareWithCanonical } from '../../src/judge/member.js';
import { contentHash } from '../../src/input/content-hash.js';
import { addToIndex } from '../../src/corpus/add.js';
import { checkAgainstIndex, ORIGINAL_CHANGED, type OriginalReader } from '../../src/corpus/check.js';
import { hashingProbe, indexParams } from '../../src/corpus/params.js';
import { memoryFileSystem } from '../../src/input/file-system.js';
import { withDefaults } from '../../src/options.js';
import { readInputs } from '../../src/input/read.js';
import { MinHasher } from '../../src/sketch/minhash.js';
import { sentenceFeatures } from '../../src/text/sentences.js';
import { MemoryStore } from '../../src/corpus/store/memory.js';
import { repoRoot, SEED } from '../helpers/paths.js';

const text = (path: string) => readFileSync(resolve(repoRoot, path), 'utf8');
const options = withDefaults({ paths: ['corpus'] });

/** An index of the fixtures, and a reader serving their texts from `disk` (what is not in it is "gone"). */
async function indexed(disk: Record<string, string>) {
  const store = new MemoryStore(indexParams(options));
  const fs = memoryFileSystem(disk);
  const result = await addToIndex(store, readInputs(['corpus'], fs), { batchSize: 2, locate: (d) => ({ source: d.source }) });
  return { store, result };
}

const readerOf = (disk: Record<string, string>): OriginalReader => ({
  read: async ({ source }) => (source in disk ? { text: disk[source]! } : { reason: 'original not found on disk' }),
});

const corpus = {
  'corpus/teaser.txt': text(SEED.teaser),
  'corpus/spun.txt': text(SEED.spun),
  'corpus/empty-words.txt': '— … —',
};

describe('indexParams', () => {
  it('records the banding scan would use and a probe that depends on the hashing params', () => {
    const p = indexParams(options);
    expect(p).toMatchObject({ seed: 1, numPerm: 128, shingleSize: 5, normalizationVersion: 1, bands: 33, rows: 2, metric: 'containment', threshold: 0.7 });
    expect(p.probe).toBe(hashingProbe({ seed: 1, numPerm: 128, shingleSize: 5 }));
    expect(hashingProbe({ seed: 2, numPerm: 128, shingleSize: 5 })).not.toBe(p.probe);
    expect(hashingProbe({ seed: 1, numPerm: 128, shingleSize: 4 })).not.toBe(p.probe);
  });
});

describe('addToIndex', () => {
  it('stores the counts and signatures a full analysis gives', async () => {
    const { store } = await indexed(corpus);
    const hasher = new MinHasher({ numPerm: 128, seed: 1 });
    for (const [path, body] of Object.entries(corpus)) {
      const doc = analyze({ id: path, text: body, source: path }, 5);
      const stored = await store.byId(path);
      if (doc.tokens.words.length === 0) {
        expect(stored).toBeUndefined();
        continue;
      }
      const contentSet = sentenceFeatures(doc.tokens).contentSet;
      expect(stored).toMatchObject({ words: doc.tokens.words.length, shingles: doc.shingleSet.length, stems: contentSet.length });
      expect(stored!.signature).toEqual(hasher.signature(doc.shingleSet).values);
      expect(stored!.stemSignature).toEqual(hasher.signature(contentSet).values);
    }
  });

  it('stores each article with its words, shingles and content hash, in batches', async () => {
    const committed: number[] = [];
    const store = new MemoryStore(indexParams(options));
    const result = await addToIndex(store, readInputs(['corpus'], memoryFileSystem(corpus)), { batchSize: 2, locate: (d) => ({ source: `/abs/${d.source}` }) }, {
      committed: (p) => committed.push(p.added),
    });
    expect(result).toMatchObject({ read: 3, added: 2, replaced: 0, unchanged: 0 });
    expect(result.skipped).toEqual([{ path: 'corpus/empty-words.txt', reason: 'no words to compare' }]);
    expect(committed).toEqual([1, 2]);
    const teaser = (await store.byId('corpus/teaser.txt'))!;
    const analyzed = analyze({ id: 'x', text: corpus['corpus/teaser.txt'], source: 'x' }, 5);
    expect(teaser).toMatchObject({ source: '/abs/corpus/teaser.txt', words: 780, shingles: analyzed.shingleSet.length, contentHash: contentHash(corpus['corpus/teaser.txt']) });
  });

  it('skips an unchanged article, replaces a changed one, and skips a repeated id', async () => {
    const { store } = await indexed(corpus);
    const changed = { ...corpus, 'corpus/spun.txt': `${corpus['corpus/spun.txt']} One more sentence at the end.` };
    const again = await addToIndex(store, readInputs(['corpus'], memoryFileSystem(changed)), { batchSize: 10, locate: (d) => ({ source: d.source }) });
    expect(again).toMatchObject({ read: 3, added: 0, replaced: 1, unchanged: 1 });
    const jsonl = `${JSON.stringify({ id: 'a', text: 'one two three four five six' })}\n${JSON.stringify({ id: 'a', text: 'seven eight nine ten eleven' })}\n`;
    const dup = await addToIndex(store, readInputs(['feed.jsonl'], memoryFileSystem({ 'feed.jsonl': jsonl })), { batchSize: 10, locate: (d) => ({ source: d.source }) });
    expect(dup.added).toBe(1);
    expect(dup.skipped).toEqual([{ path: 'feed.jsonl:2', reason: 'duplicate id "a" (first seen at feed.jsonl:1)' }]);
  });
});

describe('notes on how articles were read', () => {
  it('are told by index add and check as scan tells them: a date field no date reads as, named by its line', async () => {
    const feed = { 'feed.jsonl': `${JSON.stringify({ id: 'a', text: 'Markets closed higher on Tuesday as oil prices rose.', date: 'last Tuesday' })}\n` };
    const store = new MemoryStore(indexParams(options));
    const added: string[] = [];
    await addToIndex(store, readInputs(['feed.jsonl'], memoryFileSystem(feed)), { batchSize: 10, locate: (d) => ({ source: d.source }) }, { note: (n) => added.push(`${n.path}: ${n.note}`) });
    expect(added).toEqual([expect.stringMatching(/^feed\.jsonl:1: "date" field holds "last Tuesday", not a date neardup reads .*: the article is undated$/)]);
    const checked: string[] = [];
    await checkAgainstIndex(store, readInputs(['feed.jsonl'], memoryFileSystem(feed)), readerOf(feed), options, { note: (n) => checked.push(`${n.path}: ${n.note}`) });
    expect(checked).toEqual(added);
  });
});

describe('checkAgainstIndex', () => {
  const incoming = { 'new/boilerplate.txt': text(SEED.boilerplate), 'new/unrelated.txt': 'Markets closed higher on Tuesday as oil prices rose for a third day in a row.' };

  it('reports each indexed article a new one copies, with the figures scan gives that member', async () => {
    const { store } = await indexed(corpus);
    const result = await checkAgainstIndex(store, readInputs(['new'], memoryFileSystem(incoming)), readerOf(corpus), options);
    expect(result.checked).toBe(2);
    expect(result.documents.map((d) => d.id)).toEqual(['new/boilerplate.txt']);
    const [match, rewrite, ...rest] = result.documents[0]!.matches;
    expect(rest).toEqual([]);
    expect(match!.verified).toBe(true);
    expect(match!.original).toEqual({ id: 'corpus/teaser.txt', source: 'corpus/teaser.txt', words: 780 });
    const expected = compareWithCanonical(
      analyze({ id: 'corpus/teaser.txt', text: corpus['corpus/teaser.txt'], source: 'corpus/teaser.txt' }, 5),
      // The copy's dateline ("12 September 2023") dates it as it is read.
      analyze({ id: 'new/boilerplate.txt', text: incoming['new/boilerplate.txt'], source: 'new/boilerplate.txt', date: '2023-09-12T00:00:00.000Z' }, 5),
      options,
    );
    expect(match!.verified && match!.member).toEqual(expected);
    expect(match!.verified && match!.member).toMatchObject({ relation: 'copy-with-additions', jaccard: 0.639, containment: { memberInCanonical: 0.6872, canonicalInMember: 0.901 } });
    // The content farm's re-wording shares few shingles: it is found through the content-stem bands the index keeps, and linked by its derived sentences.
    expect(rewrite).toMatchObject({ verified: true, original: { id: 'corpus/spun.txt' }, member: { relation: 'rewritten', basis: 'sentences', alignedSentences: { count: 9 } } });
  });

  it('finds re-worded copies only through shingles when rewrites are off', async () => {
    const { store } = await indexed(corpus);
    const result = await checkAgainstIndex(store, readInputs(['new'], memoryFileSystem(incoming)), readerOf(corpus), { ...options, rewrites: false });
    expect(result.documents[0]!.matches.map((m) => m.original.id)).toEqual(['corpus/teaser.txt']);
    const lean = new MemoryStore(indexParams({ ...options, rewrites: false }));
    expect(lean.params).toMatchObject({ rewriteBands: 0, rewriteRows: 0 });
    await addToIndex(lean, readInputs(['corpus'], memoryFileSystem(corpus)), { batchSize: 10, locate: (d) => ({ source: d.source }) });
    expect((await lean.byId('corpus/spun.txt'))!.stemSignature).toBeUndefined();
    const leanResult = await checkAgainstIndex(lean, readInputs(['new'], memoryFileSystem(incoming)), readerOf(corpus), options);
    expect(leanResult.documents[0]!.matches.map((m) => m.original.id)).toEqual(['corpus/teaser.txt']);
  });

  it('falls back on the MinHash estimate, and says why, when the original is gone or changed', async () => {
    const { store } = await indexed(corpus);
    const gone = await checkAgainstIndex(store, readInputs(['new'], memoryFileSystem(incoming)), readerOf({}), options);
    // The re-worded copy cannot be judged on the estimate (few shared shingles): only the copy is reported.
    expect(gone.documents[0]!.matches).toHaveLength(1);
    const match = gone.documents[0]!.matches[0]!;
    expect(match).toMatchObject({ verified: false, reason: 'original not found on disk', original: { id: 'corpus/teaser.txt' } });
    expect(!match.verified && match.estimate.jaccard).toBeGreaterThan(0.5);
    expect(!match.verified && match.estimate.jaccard).toBeLessThan(0.8);

    const edited = { ...corpus, 'corpus/teaser.txt': corpus['corpus/teaser.txt'].replace('Putin', 'Poutine') };
    const changed = await checkAgainstIndex(store, readInputs(['new'], memoryFileSystem(incoming)), readerOf(edited), options);
    expect(changed.documents[0]!.matches.find((m) => m.original.id === 'corpus/teaser.txt')).toMatchObject({ verified: false, reason: ORIGINAL_CHANGED });
  });

  it('does not report an article edited since it was indexed as a copy of the version the index holds', async () => {
    const { store } = await indexed(corpus);
    const edited = { 'corpus/teaser.txt': corpus['corpus/teaser.txt'].replace('Putin', 'Poutine') };
    const result = await checkAgainstIndex(store, readInputs(['corpus'], memoryFileSystem(edited)), readerOf({ ...corpus, ...edited }), options);
    expect(result.documents.map((d) => [d.id, d.alreadyIndexed, d.matches.map((m) => m.original.id)])).toEqual([['corpus/teaser.txt', false, ['corpus/spun.txt']]]);
  });

  it('knows an indexed article by its place when the working folder names it otherwise', async () => {
    const { store } = await indexed(corpus);
    const same = { 'other/name.txt': corpus['corpus/teaser.txt'] };
    // As the CLI locates articles: here the file read as other/name.txt is the one indexed as corpus/teaser.txt.
    const locate = (doc: { source: string }) => ({ source: doc.source === 'other/name.txt' ? 'corpus/teaser.txt' : doc.source });
    const result = await checkAgainstIndex(store, readInputs(['other'], memoryFileSystem(same)), readerOf(corpus), options, {}, locate);
    expect(result.documents.map((d) => [d.id, d.alreadyIndexed, d.matches.map((m) => m.original.id)])).toEqual([['other/name.txt', true, ['corpus/spun.txt']]]);
  });

  it('does not report an indexed article as its own copy, but does report the same text under another id', async () => {
    const { store } = await indexed(corpus);
    const same = { 'corpus/teaser.txt': corpus['corpus/teaser.txt'], 'elsewhere/teaser.txt': corpus['corpus/teaser.txt'] };
    const result = await checkAgainstIndex(store, readInputs(['corpus', 'elsewhere'], memoryFileSystem(same)), readerOf(corpus), options);
    expect(result.checked).toBe(2);
    // Each is a rewrite of the spun copy; only the one under another id is also a copy of the indexed teaser.
    expect(result.documents.map((d) => [d.id, d.alreadyIndexed, d.matches.map((m) => m.original.id)])).toEqual([
      ['corpus/teaser.txt', true, ['corpus/spun.txt']],
      ['elsewhere/teaser.txt', false, ['corpus/teaser.txt', 'corpus/spun.txt']],
    ]);
    expect(result.documents[1]!.matches[0]).toMatchObject({ verified: true, member: { relation: 'copy', jaccard: 1 } });
  });
});
