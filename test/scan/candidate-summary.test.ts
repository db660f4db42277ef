import { describe, expect, it } from 'vitest';
import { nodeFileSystem } from '../../src/input/file-system.js';
import { withDefaults } from '../../src/options.js';
import { type CandidateSummary, scan } from '../../src/scan/scan.js';
import { seedsDir } from '../helpers/paths.js';

describe('scan observer', () => {
  it('is told the candidates of each tier and the largest group they connect, once', async () => {
    const told: CandidateSummary[] = [];
    const options = withDefaults({ paths: [seedsDir], jobs: 1 });
    await scan(options, nodeFileSystem(), { candidates: (summary) => told.push(summary) });
    // The five AFP copies: one group of five, the rewritten copy (004) found by its sentences.
    expect(told).toHaveLength(1);
    expect(told[0]!.largestGroup).toBe(5);
    expect(told[0]!.rewritePairs).toBeGreaterThan(0);
    const withoutRewrites: CandidateSummary[] = [];
    await scan({ ...options, rewrites: false }, nodeFileSystem(), { candidates: (summary) => withoutRewrites.push(summary) });
    expect(withoutRewrites[0]!.rewritePairs).toBe(0);
    expect(withoutRewrites[0]!.shinglePairs).toBe(told[0]!.shinglePairs);
  });
});
