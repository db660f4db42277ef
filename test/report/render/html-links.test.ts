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

/** The page's own functions, taken out of their script part (it uses nothing else of the page). */
const sentenceLinks = new Function(`${LINKS}\nreturn sentenceLinks;`)() as (derived: Derived | undefined) => { ref: SentenceMark[]; copy: SentenceMark[] };
type Labelled = { ref: Array<SentenceMark & { label: string }>; copy: Array<SentenceMark & { label: string }> };
const labelLinks = new Function(`${LINKS}\nreturn labelLinks;`)() as (linked: { ref: SentenceMark[]; copy: SentenceMark[] }, refText: string, copyText: string, source: string, copy: string) => Labelled;

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

describe('labelLinks (the review page)', () => {
  it('says what each linked sentence links to, by the opening words of the sentences on the other side', () => {
    const ref = 'The plaque was unveiled by his comedy partner in Manchester. Dawson died in 1993. He was 62.';
    const copy = 'Dawson, who died in 1993 aged 62, had a plaque. His partner unveiled it.';
    const derived: Derived = [
      { member: [0, 47], canonical: [[61, 81], [82, 92]] },
      { member: [48, 72], canonical: [[0, 60]] },
    ];
    const labelled = labelLinks(sentenceLinks(derived), ref, copy, 'canonical', 'copy');
    expect(labelled.copy.map((m) => m.label)).toEqual([
      "Derived from the canonical's sentences “Dawson died in 1993.” and “He was 62.”: point at it, select it or press Enter to light them up.",
      "Derived from the canonical's sentence “The plaque was unveiled by his …”: point at it, select it or press Enter to light it up.",
    ]);
    expect(labelled.ref.map((m) => m.label)).toEqual([
      "Source of the copy's sentence “His partner unveiled it.”: point at it, select it or press Enter to light it up.",
      "Source of the copy's sentence “Dawson, who died in 1993 aged …”: point at it, select it or press Enter to light it up.",
      "Source of the copy's sentence “Dawson, who died in 1993 aged …”: point at it, select it or press Enter to light it up.",
    ]);
  });
});
