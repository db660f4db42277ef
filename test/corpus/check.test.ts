import { describe, expect, it } from 'vitest';
import { MAX_REWRITE_CANDIDATES, mostRewriteBands } from '../../src/corpus/check.js';
import { MemoryStore } from '../../src/corpus/store/memory.js';
import { doc, TINY } from './store/contract.js';

describe('the rewrite candidates check reads', () => {
  /** A store of `ids` added in the order given, and each id's key. */
  const storeOf = async (ids: readonly string[]) => {
    const store = new MemoryStore(TINY);
    await store.putBatch(ids.map((id, n) => doc(id, [n, n, n, n])));
    const keys = new Map((await store.documents([...Array(ids.length + 1).keys()])).map((d) => [d.id, d.key]));
    return { store, keys };
  };
  const ids = Array.from({ length: 45 }, (_, n) => `article-${String(n).padStart(2, '0')}`);

  it('are those sharing the most bands, ties broken by id whatever order the index was built in', async () => {
    const chosen: string[][] = [];
    for (const order of [ids, [...ids].reverse(), [...ids.slice(20), ...ids.slice(0, 20)]]) {
      const { store, keys } = await storeOf(order);
      // article-44 shares 3 bands and article-40 2; every other one shares 1.
      const hits: Array<[number, number]> = order.map((id) => [keys.get(id)!, id === 'article-44' ? 3 : id === 'article-40' ? 2 : 1]);
      const read = await mostRewriteBands(store, hits);
      const byKey = await store.idsOf(read);
      chosen.push(read.map((key) => byKey.get(key)!));
    }
    expect(chosen[0]).toHaveLength(MAX_REWRITE_CANDIDATES);
    expect(chosen[0]!.slice(0, 2)).toEqual(['article-44', 'article-40']);
    expect(chosen[0]!.slice(2)).toEqual(ids.slice(0, MAX_REWRITE_CANDIDATES - 2));
    expect(chosen[1]).toEqual(chosen[0]);
    expect(chosen[2]).toEqual(chosen[0]);
  });

  it('are all of them when there are no more than the most it reads', async () => {
    const { store, keys } = await storeOf(ids.slice(0, 5));
    const hits: Array<[number, number]> = ids.slice(0, 5).map((id) => [keys.get(id)!, 1]);
    expect((await mostRewriteBands(store, hits)).sort((a, b) => a - b)).toEqual([...keys.values()].sort((a, b) => a - b));
  });
});
