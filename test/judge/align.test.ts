import { describe, expect, it } from 'vitest';
import { analyze } from '../../src/text/analyze.js';
import { alignSentences } from '../../src/judge/align.js';
import { sentenceFeatures } from '../../src/text/sentences.js';

const sketchesOf = (sentences: string[]) => {
  const doc = analyze({ id: 'x', source: 'x', text: sentences.join(' ') }, 5);
  return sentenceFeatures(doc.tokens, undefined, doc.tokenHashes).sketches;
};

const wire = [
  'Comedian Les Dawson was honoured with a blue plaque at the Palace Theatre in Manchester today.',
  'The plaque was unveiled by his comedy partner Roy Barraclough in front of family and friends.',
  'Dawson, the former host of Blankety Blank, died in 1993 at the age of 62.',
  'A second plaque honours the variety star Norman Evans, one of his greatest influences.',
  'Tickets for the memorial show at the theatre sold out within two hours.',
];

describe('alignSentences', () => {
  it('derives re-worded sentences from theirs, in a new order, with one sentence left out and one of its own', () => {
    const paper = [
      'Former Blankety Blank host Les Dawson, who died in 1993 aged 62, was remembered yesterday.',
      'Comic Les Dawson was honoured with a blue plaque at Manchester Palace Theatre.',
      'His old comedy partner Roy Barraclough unveiled the plaque in front of family and friends.',
      'The weather in Manchester was grey and cold all afternoon long.',
    ];
    const reuse = alignSentences(sketchesOf(wire), sketchesOf(paper));
    expect(reuse.derived).toEqual([
      { member: 0, canonical: [2] },
      { member: 1, canonical: [0] },
      { member: 2, canonical: [1] },
    ]);
    expect(reuse.shareOfMember).toBe(0.75);
    expect(reuse.shareOfCanonical).toBe(0.6);
  });

  it('derives a sentence from its very self before from a longer one that holds it: a text with itself is all of it, both ways', () => {
    const page = [
      'Russian Oil Depot on Fire After Ukrainian Drone Attack, Says Governor of the Region in a Statement on Tuesday.',
      'Russian Oil Depot on Fire After Ukrainian Drone Attack, Says Governor.',
      ...wire,
    ];
    const reuse = alignSentences(sketchesOf(page), sketchesOf(page));
    expect(reuse.derived).toEqual(page.map((_, n) => ({ member: n, canonical: [n] })));
    expect([reuse.shareOfMember, reuse.shareOfCanonical]).toEqual([1, 1]);
  });

  it('derives one sentence from the two neighbours it condenses', () => {
    const condensed = ['Roy Barraclough unveiled the plaque to Dawson, the Blankety Blank host who died in 1993 aged 62, before family and friends.'];
    const reuse = alignSentences(sketchesOf(wire), sketchesOf(condensed));
    expect(reuse.derived).toEqual([{ member: 0, canonical: [1, 2] }]);
    expect(reuse.shareOfCanonical).toBe(0.4);
  });

  it('does not derive a sentence that changes the figures, nor one that shares the facts but not the phrasing', () => {
    const changed = ['Dawson, the former host of Blankety Blank, died in 1991 at the age of 59.'];
    expect(alignSentences(sketchesOf(wire), sketchesOf(changed)).derived).toEqual([]);
    // Half the figures kept is not enough: a recurring item (a poll, a tender) keeps some figures and changes the news.
    const halfChanged = ['Dawson, the former host of Blankety Blank, died in 1993 at the age of 59.'];
    expect(alignSentences(sketchesOf(wire), sketchesOf(halfChanged)).derived).toEqual([]);
    const kept = ['Dawson, the former host of Blankety Blank, died in 1993 at the age of 62.'];
    expect(alignSentences(sketchesOf(wire), sketchesOf(kept)).derived).toEqual([{ member: 0, canonical: [2] }]);
    const independent = ['Manchester theatre remembers Dawson: plaque unveiled, Barraclough present.'];
    expect(alignSentences(sketchesOf(wire), sketchesOf(independent)).derived).toEqual([]);
  });
});
