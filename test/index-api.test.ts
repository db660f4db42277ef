import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  addToIndex,
  checkAgainstIndex,
  indexLocation,
  indexParams,
  indexStats,
  nodeFileSystem,
  nodeOriginalReader,
  openIndex,
  readInputs,
  removeFromIndex,
  withDefaults,
} from '../src/index.js';
import { repoRoot, SEED } from './helpers/paths.js';

const dir = mkdtempSync(join(tmpdir(), 'neardup-api-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the index as a library API', () => {
  it('opens, adds, checks, counts and removes, as the CLI does', async () => {
    const path = join(dir, 'api.db');
    const options = withDefaults({ paths: [SEED.boilerplate, SEED.updated] });
    const fs = nodeFileSystem();
    const store = await openIndex(path, { create: indexParams(options) });
    try {
      const locate = indexLocation(repoRoot, options.read.textField);
      const added = await addToIndex(store, readInputs(options.paths.map((p) => join(repoRoot, p)), fs), { batchSize: 10, locate });
      expect([added.read, added.added, added.unchanged]).toEqual([2, 2, 0]);
      const checked = await checkAgainstIndex(store, readInputs([join(repoRoot, SEED.shortened)], fs), nodeOriginalReader(), options);
      expect(checked.checked).toBe(1);
      // The shortened copy also derives enough of its sentences from the updated one's (h17's sentence rule): both verified.
      expect(checked.documents[0]?.matches.map((m) => [m.original.id, m.verified])).toEqual([
        [join(repoRoot, SEED.boilerplate), true],
        [join(repoRoot, SEED.updated), true],
      ]);
      expect((await indexStats(store)).stats.documents).toBe(2);
      expect(await removeFromIndex(store, [join(repoRoot, SEED.updated), 'nowhere'])).toEqual({ removed: 1, notFound: ['nowhere'], documents: 1 });
    } finally {
      await store.close();
    }
  });
});
