import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { textDigest } from '../../src/text/token-hashes.js';
import { articleFromFile } from '../../src/input/read.js';
import type { DirectoryEntry } from '../../src/scan/loader.js';
import { repoRoot, SEED } from './paths.js';

/**
 * The five seeds as the first pass would leave them for the second: numbered 10–14 (numbers need not start at 0),
 * each with where to read it again and the digest of its text.
 */
export const seedEntries: readonly DirectoryEntry[] = Object.values(SEED).map((path, n) => {
  const source = resolve(repoRoot, path);
  return {
    doc: 10 + n,
    meta: { id: `seed-${n}`, source },
    digest: textDigest((articleFromFile(source, readFileSync(source), false) as { text: string }).text),
  };
});
