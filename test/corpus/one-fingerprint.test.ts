import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { addToIndex } from '../../src/corpus/add.js';
import { indexParams } from '../../src/corpus/params.js';
import { MemoryStore } from '../../src/corpus/store/memory.js';
import { memoryFileSystem } from '../../src/input/file-system.js';
import { readInputs } from '../../src/input/read.js';
import { withDefaults } from '../../src/options.js';
import { scan } from '../../src/scan/scan.js';
import { repoRoot, SEED } from '../helpers/paths.js';

const files = Object.fromEntries(Object.entries(SEED).map(([name, path]) => [`corpus/${name}.txt`, readFileSync(resolve(repoRoot, path), 'utf8')]));

describe('the per-article fingerprint', () => {
  for (const rewrites of [true, false]) {
    it(`is what index add and scan --db both store (rewrites ${rewrites ? 'on' : 'off'})`, async () => {
      const options = withDefaults({ paths: ['corpus'], rewrites });
      const locate = (doc: { source: string }) => ({ source: doc.source });
      const added = new MemoryStore(indexParams(options));
      await addToIndex(added, readInputs(['corpus'], memoryFileSystem(files)), { batchSize: 2, locate });
      const scanned = new MemoryStore(indexParams(options));
      const result = await scan(options, memoryFileSystem(files), {}, { store: scanned, locate });
      expect(result.storedFingerprints).toEqual({ reused: 0, stored: Object.keys(files).length });
      const ids = Object.keys(files).sort();
      const byId = (store: MemoryStore) => Promise.all(ids.map((id) => store.byId(id)));
      const fromAdd = await byId(added);
      expect(fromAdd.every((doc) => doc !== undefined && doc.signature.length === options.numPerm)).toBe(true);
      expect(fromAdd.map((doc) => doc?.stemSignature !== undefined)).toEqual(ids.map(() => rewrites));
      expect(await byId(scanned)).toEqual(fromAdd);
    });
  }
});

describe('an article whose id no index can hold', () => {
  const text = files['corpus/002.txt'] ?? Object.values(files)[0]!;
  const ids = ['a\u0000b', 'surr\ud800id', `https://example.com/${'x'.repeat(2100)}`];
  const jsonl = [...ids, 'plain'].map((id, n) => JSON.stringify({ id, text: `${text} Closing line ${n}.` })).join('\n') + '\n';
  const fs = () => memoryFileSystem({ 'feed.jsonl': jsonl });
  const options = withDefaults({ paths: ['feed.jsonl'] });
  const locate = (doc: { source: string }) => ({ source: doc.source });

  it('is skipped by index add with the reason, and the rest of the batch is added', async () => {
    const store = new MemoryStore(indexParams(options));
    const result = await addToIndex(store, readInputs(['feed.jsonl'], fs()), { batchSize: 10, locate });
    expect(result.added).toBe(1);
    expect(result.skipped.map((s) => s.path)).toEqual(['feed.jsonl:1', 'feed.jsonl:2', 'feed.jsonl:3']);
    expect(result.skipped.map((s) => s.reason)).toEqual([
      'cannot go into an index: its id holds a NUL character',
      'cannot go into an index: its id is not well-formed Unicode (a lone surrogate)',
      'cannot go into an index: its id is 2120 bytes long, over 2000',
    ]);
  });

  it('is compared by scan --db like any other, with a note, and not stored', async () => {
    const store = new MemoryStore(indexParams(options));
    const result = await scan(options, fs(), {}, { store, locate });
    expect(result.clusters[0]!.members.length).toBe(4);
    expect(result.notes.map((n) => n.path)).toEqual(['feed.jsonl:1', 'feed.jsonl:2', 'feed.jsonl:3']);
    expect(result.storedFingerprints).toEqual({ reused: 0, stored: 1 });
    expect(await store.count()).toBe(1);
  });
});
