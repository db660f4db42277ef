import { describe, expect, it } from 'vitest';
import { LINKS } from '../../../src/report/render/html/script-links.js';

interface SentenceMark {
  start: number;
  end: number;
  kind: 'sentence';
  links: number[];
  id: string;
}
type Derived = Array<{ member: [number, number]; canonical: Array<[number, number]> }>;

/** The page's own function, taken out of its script part (it uses nothing else of the page). */
const sentenceLinks = new Function(`${LINKS}\nreturn sentenceLinks;`)() as (derived: Derived | undefined) => { ref: SentenceMark[]; copy: SentenceMark[] };

describe('sentenceLinks (the review page)', () => {
  it('marks each copy sentence with its number, and each source sentence once with every copy sentence taken from it', () => {
    const derived: Derived = [
      { member: [0, 10], canonical: [[0, 12]] },
      { member: [40, 50], canonical: [[30, 44]] },
      // Condenses two source sentences, one of which already fed sentence 0.
      { member: [12, 30], canonical: [[0, 12], [14, 28]] },
    ];
    expect(sentenceLinks(derived)).toEqual({
      copy: [
        { start: 0, end: 10, kind: 'sentence', links: [0], id: 'copy-0' },
        { start: 12, end: 30, kind: 'sentence', links: [2], id: 'copy-2' },
        { start: 40, end: 50, kind: 'sentence', links: [1], id: 'copy-1' },
      ],
      ref: [
        { start: 0, end: 12, kind: 'sentence', links: [0, 2], id: 'ref-0' },
        { start: 14, end: 28, kind: 'sentence', links: [2], id: 'ref-1' },
        { start: 30, end: 44, kind: 'sentence', links: [1], id: 'ref-2' },
      ],
    });
  });

  it('gives no marks for a pair without derived sentences', () => {
    expect(sentenceLinks(undefined)).toEqual({ ref: [], copy: [] });
    expect(sentenceLinks([])).toEqual({ ref: [], copy: [] });
  });
});
