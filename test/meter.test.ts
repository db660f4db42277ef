import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { meterScan } from '../bench/meter.js';
import { repoRoot } from './helpers/paths.js';

const meterPath = resolve(repoRoot, '../shared/corpora/meter-showbiz.jsonl');
const present = existsSync(meterPath);
if (!present) console.warn(`[test/meter.test.ts] skipping METER tests: ${meterPath} not found (../shared is absent)`);

describe.runIf(present)('METER showbiz with the default options', () => {
  it('links most wholly-derived stories to their PA copy, fewer partially-derived ones, few non-derived ones', async () => {
    const figures = await meterScan(meterPath);
    expect(figures.total).toEqual({ wholly: 39, partially: 96, non: 40 });
    expect(figures.share.wholly).toBeGreaterThanOrEqual(0.6);
    expect(figures.share.partially).toBeGreaterThanOrEqual(0.3);
    expect(figures.share.non).toBeLessThanOrEqual(0.1);
    expect(figures.share.wholly).toBeGreaterThan(figures.share.partially);
    expect(figures.share.partially).toBeGreaterThan(figures.share.non);
  }, 120_000);
});
