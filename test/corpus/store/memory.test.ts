import { describe, expect, it } from 'vitest';
import { MemoryStore } from '../../../src/corpus/store/memory.js';
import { storeContract, TINY } from './contract.js';

storeContract('MemoryStore', (params) => new MemoryStore(params));

describe('MemoryStore', async () => {
  it('takes its times from the clock it is given', async () => {
    const store = new MemoryStore(TINY, () => '2025-01-01T00:00:00.000Z');
    expect(await store.stats()).toMatchObject({ created: '2025-01-01T00:00:00.000Z', documents: 0, sources: 0 });
    expect((await store.stats()).lastWrite).toBeUndefined();
  });
});
