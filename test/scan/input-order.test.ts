import { describe, expect, it } from 'vitest';
import { memoryFileSystem } from '../../src/input/file-system.js';
import { withDefaults } from '../../src/options.js';
import { scan } from '../../src/scan/scan.js';
import { clusterIdSets, shuffled } from '../helpers/shuffled.js';
import { syntheticText } from '../helpers/synthetic.js';

/** The clusters of a JSONL corpus, as sorted sets of ids, sorted. */
async function clusterSets(lines: readonly string[]): Promise<string[]> {
  return clusterIdSets(await scan(withDefaults({ paths: ['corpus.jsonl'] }), memoryFileSystem({ 'corpus.jsonl': `${lines.join('\n')}\n` })));
}

describe('the same clusters for any order of the input', () => {
  it('a synthetic corpus of near-duplicate families and short look-alike notices, in three orders', async () => {
    const lines: string[] = [];
    // 20 stories, each with copies that drop or change a few words.
    for (let story = 0; story < 20; story++) {
      const words = syntheticText(story, 150).split(' ');
      for (let copy = 0; copy < 4; copy++) {
        const changed = words.map((w, i) => (i % 37 === copy * 5 ? `${w}x${copy}` : w)).slice(0, words.length - copy * 10);
        lines.push(JSON.stringify({ id: `story-${story}-${copy}`, text: changed.join(' ') }));
      }
    }
    // 120 dividend notices that differ in a figure or two: buckets far past the size that is paired in full.
    for (let n = 0; n < 120; n++) {
      lines.push(JSON.stringify({ id: `notice-${n}`, text: `Qtly div ${n % 7} cts vs ${n % 7} cts prior\nPay April ${n % 11}\nRecord March ${n % 13}` }));
    }
    const first = await clusterSets(lines);
    expect(first.filter((c) => c.startsWith('story-'))).toHaveLength(20);
    for (const seed of [1, 2]) expect(await clusterSets(shuffled(lines, seed))).toEqual(first);
  });
});
