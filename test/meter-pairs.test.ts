import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { meterPairFigures } from '../bench/meter-pairs.js';
import { repoRoot } from './helpers/paths.js';

const meterPath = resolve(repoRoot, '../shared/corpora/meter-showbiz.jsonl');
const present = existsSync(meterPath);
if (!present) console.warn(`[test/meter-pairs.test.ts] skipping METER pair tests: ${meterPath} not found (../shared is absent)`);

describe.runIf(present)('compare on every labelled METER pair', () => {
  it('orders the sentence and containment figures wholly > partially > non', async () => {
    const { pairs, figures } = await meterPairFigures(meterPath);
    expect(pairs).toEqual({ wholly: 39, partially: 96, non: 40 });
    const by = new Map(figures.map((f) => [f.figure, f]));
    for (const name of ['jaccard', 'story in PA (aInB)', 'sentences derived (shareOfA)', 'linked as a member'] as const) expect(by.get(name)!.ordered).toBe(true);
    // Most of a wholly-derived story's sentences come from PA, a minority of the others'.
    expect(by.get('sentences derived (shareOfA)')!.median.wholly).toBeGreaterThanOrEqual(0.5);
    expect(by.get('sentences derived (shareOfA)')!.mean.non).toBeLessThan(0.25);
  }, 120_000);
});
