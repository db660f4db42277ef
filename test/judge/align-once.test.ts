import { describe, expect, it } from 'vitest';
import { analyze } from '../../src/text/analyze.js';
import { alignSentences } from '../../src/judge/align.js';
import { sentenceFeatures } from '../../src/text/sentences.js';

const sketchesOf = (sentences: string[]) => {
  const doc = analyze({ id: 'x', source: 'x', text: sentences.join(' ') }, 5);
  return sentenceFeatures(doc.tokens, undefined, doc.tokenHashes).sketches;
};

const wire = sketchesOf([
  'Comedian Les Dawson was honoured with a blue plaque at the Palace Theatre in Manchester today.',
  'The plaque was unveiled by his comedy partner Roy Barraclough in front of family and friends.',
  'Dawson, the former host of Blankety Blank, died in 1993 at the age of 62.',
]);
const paper = sketchesOf([
  'Comic Les Dawson was honoured with a blue plaque at Manchester Palace Theatre.',
  'Roy Barraclough unveiled the plaque to Dawson, the Blankety Blank host who died in 1993 aged 62, before family and friends.',
]);

describe('alignSentences, asked again', () => {
  it('gives the alignment made the first time for the same two documents, in each direction its own', () => {
    const first = alignSentences(wire, paper);
    expect(first.derived).toEqual([
      { member: 0, canonical: [0] },
      { member: 1, canonical: [1, 2] },
    ]);
    expect(alignSentences(wire, paper)).toBe(first);
    const reverse = alignSentences(paper, wire);
    expect(reverse).not.toBe(first);
    expect(reverse.memberSentences).toBe(3);
    expect(alignSentences(paper, wire)).toBe(reverse);
  });
});
