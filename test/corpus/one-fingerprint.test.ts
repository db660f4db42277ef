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
