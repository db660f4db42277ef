import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { memoryFileSystem } from '../../src/input/file-system.js';
import { withDefaults } from '../../src/options.js';
import { REWRITE_WITHIN_DAYS } from '../../src/judge/window.js';
import { scan } from '../../src/scan/scan.js';
import { repoRoot, SEED } from '../helpers/paths.js';

const text = (path: string) => readFileSync(resolve(repoRoot, path), 'utf8');

/** The AFP story and its re-worded copy (seed 004: 5-word shingles barely meet, its sentences do), dated as given. */
async function clusterOf(sourceDate: string, rewriteDate: string, withinDays?: number, copyDate?: string) {
  const lines = [
    { id: 'source', date: sourceDate, text: text(SEED.teaser) },
    { id: 'rewrite', date: rewriteDate, text: text(SEED.spun) },
    ...(copyDate === undefined ? [] : [{ id: 'copy', date: copyDate, text: text(SEED.teaser) }]),
  ].map((r) => JSON.stringify(r));
  const result = await scan(withDefaults({ paths: ['in.jsonl'], ...(withinDays === undefined ? {} : { withinDays }) }), memoryFileSystem({ 'in.jsonl': `${lines.join('\n')}\n` }));
  return result.clusters.map((c) => c.members.map((m) => `${m.id} ${m.relation}`));
}

describe('re-worded copies are linked within days of their source', () => {
  it('links the rewrite published the same day and a week later', async () => {
    expect(await clusterOf('2023-09-12', '2023-09-12')).toEqual([['source canonical', 'rewrite rewritten']]);
    expect(await clusterOf('2023-09-12', `2023-09-${12 + REWRITE_WITHIN_DAYS}`)).toEqual([['source canonical', 'rewrite rewritten']]);
  });

  it('does not link the same sentences a month apart (a recurring templated item is other news), unless --within allows it', async () => {
    expect(await clusterOf('2023-09-12', '2023-10-12')).toEqual([]);
    expect(await clusterOf('2023-09-12', '2023-10-12', 40)).toEqual([['source canonical', 'rewrite rewritten']]);
  });

  it('holds a rewrite a month from the source apart even when a copy of the source dated near it brings them into one group', async () => {
    // The copy and the rewrite meet in sentence buckets (same day); the copy is linked to the source by shingles, so
    // all three are judged together: the rewrite must still not be linked to a source a month older.
    expect(await clusterOf('2023-08-12', '2023-09-12', undefined, '2023-09-12')).toEqual([['source canonical', 'copy copy']]);
    expect(await clusterOf('2023-09-10', '2023-09-12', undefined, '2023-09-12')).toEqual([['source canonical', 'copy copy', 'rewrite rewritten']]);
  });
});
