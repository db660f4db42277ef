import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const fixturesDir = resolve(repoRoot, 'fixtures');
export const seedsDir = resolve(fixturesDir, 'afp-kim-putin');
/** News pages of five invented sites: the five seeds and twelve other stories, in each site's template. */
export const htmlSitesDir = resolve(repoRoot, 'test/fixtures/html-sites');
export const reutersPath = resolve(repoRoot, '../shared/corpora/reuters21578.jsonl');

/** True when ../shared/corpora is here (developers, CI); false in a user's clone, where such tests skip visibly. */
export function hasReuters(testFile: string): boolean {
  const present = existsSync(reutersPath);
  if (!present) console.warn(`[${testFile}] skipping Reuters corpus tests: ${reutersPath} not found (../shared is absent)`);
  return present;
}

/** The texts of the 19,043 Reuters stories, in corpus order (only where hasReuters() holds). */
export function reutersTexts(): string[] {
  return readFileSync(reutersPath, 'utf8')
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => (JSON.parse(line) as { text: string }).text);
}

export const SEED = {
  boilerplate: 'fixtures/afp-kim-putin/000_57b94c88e1d251a3.txt',
  updated: 'fixtures/afp-kim-putin/001_1689a2795c3fa6a7.txt',
  teaser: 'fixtures/afp-kim-putin/002_3afb60d8cb355dca.txt',
  shortened: 'fixtures/afp-kim-putin/003_e9f2a0a8075f9824.txt',
  spun: 'fixtures/afp-kim-putin/004_fe1fa3bedf862f6b.txt',
} as const;
