import { describe, expect, it } from 'vitest';
import { sourceCounts } from '../../src/judge/source.js';
import { sentenceFeatureCache } from '../../src/judge/member.js';
import { withDefaults } from '../../src/options.js';
import { analyze } from '../../src/text/analyze.js';
import { REUSE_FILES } from '../helpers/reuse-corpus.js';

describe('sourceCounts', () => {
  // The wire story, its re-written copy, and that copy again with a closing line of its own: two texts.
  const wire = REUSE_FILES['wire.txt']!.join(' ');
  const rewritten = REUSE_FILES['wire-rewritten.txt']!.join(' ');
  const docs = [wire, rewritten, `${rewritten} Comment on this story below.`].map((text, n) => analyze({ id: `d${n}`, source: `d${n}`, text }, 5));
  const options = withDefaults({ paths: [] });
  const pairs: Array<[number, number]> = [
    [0, 1],
    [0, 2],
    [1, 2],
  ];

  it('counts a document and its copies as one text, and one direction between the two texts', () => {
    const counts = sourceCounts([0, 1, 2], pairs, docs, sentenceFeatureCache(), options);
    expect(counts[1]).toBe(counts[2]);
    expect([...counts].sort()).toEqual([0, 1, 1]);
  });

  it('takes the copies verification found as copies, and compares the other pairs itself', () => {
    const counts = sourceCounts([0, 1, 2], pairs, docs, sentenceFeatureCache(), options);
    expect(sourceCounts([0, 1, 2], pairs, docs, sentenceFeatureCache(), options, (x, y) => x === 1 && y === 2)).toEqual(counts);
    // Told that the wire and the rewrite are copies, it makes one text of all three: nothing is re-written from another.
    expect(sourceCounts([0, 1, 2], pairs, docs, sentenceFeatureCache(), options, (x, y) => x === 0 && y === 1)).toEqual([0, 0, 0]);
  });
});
