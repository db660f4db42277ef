import { describe, expect, it } from 'vitest';
import { removeFromIndex } from '../../src/corpus/maintain.js';
import { indexParams } from '../../src/corpus/params.js';
import { MemoryStore } from '../../src/corpus/store/memory.js';
import { withDefaults } from '../../src/options.js';

const options = withDefaults({ paths: ['x'], rewrites: false });

async function storeOf(docs: Array<{ id: string; source: string }>) {
  const store = new MemoryStore(indexParams(options));
  await store.putBatch(docs.map((d) => ({ ...d, contentHash: d.id, words: 10, shingles: 6, signature: new Int32Array(options.numPerm).fill(d.id.length) })));
  return store;
}

describe('removeFromIndex', () => {
  it('removes by id and by source, and names the ids it did not hold', async () => {
    const store = await storeOf([
      { id: 'a', source: '/wire/a.txt' },
      { id: 'b', source: '/wire/b.txt' },
      { id: 'c', source: '/other/c.txt' },
    ]);
    expect(await removeFromIndex(store, ['a', 'zz'], ['/other'])).toEqual({ removed: 2, notFound: ['zz'], documents: 1 });
    expect((await store.byId('b'))?.source).toBe('/wire/b.txt');
  });
});
