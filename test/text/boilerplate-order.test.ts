import { describe, expect, it } from 'vitest';
import { DEFAULT_BOILERPLATE_SAMPLE, learnBoilerplate } from '../../src/text/boilerplate.js';

describe('learnBoilerplate does not depend on the order of the documents', () => {
  // 40 documents hold line 7; they come in two families (id mod 2), related only within a family. Documents of family
  // 0 are few (8 of 40): which of them the sample meets decides whether line 7 looks like copies or like furniture.
  const ids = Array.from({ length: 40 }, (_, i) => i);
  const family = (id: number) => (id < 8 ? 0 : 1);
  const linesOf = (id: number) => Int32Array.from([7, 1000 + id].sort((a, b) => a - b));

  function learnedIn(order: readonly number[]): number[] {
    const result = learnBoilerplate(
      {
        lineKeys: { length: order.length, at: (doc) => linesOf(order[doc]!) },
        related: (a, b) => family(order[a]!) === family(order[b]!),
        lineText: (_doc, key) => `line ${key}`,
      },
      { minDocuments: 5 },
    );
    return [...result.keys].sort((a, b) => a - b);
  }

  it('learns the same lines for the documents in any of twenty orders', () => {
    expect(ids.length).toBeGreaterThan(DEFAULT_BOILERPLATE_SAMPLE);
    const first = learnedIn(ids);
    const seen = new Set<string>([JSON.stringify(first)]);
    let x = 1;
    for (let round = 0; round < 20; round++) {
      const order = [...ids];
      for (let i = order.length - 1; i > 0; i--) {
        x = (Math.imul(x, 1103515245) + 12345) >>> 0;
        const j = x % (i + 1);
        [order[i], order[j]] = [order[j]!, order[i]!];
      }
      seen.add(JSON.stringify(learnedIn(order)));
    }
    expect([...seen]).toEqual([JSON.stringify(first)]);
  });
});
