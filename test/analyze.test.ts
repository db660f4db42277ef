import { describe, expect, it } from 'vitest';
import { analyze, boilerplateTokens, withBoilerplate } from '../src/analyze.js';
import { lineKeys } from '../src/boilerplate.js';
import { compareWithCanonical } from '../src/compare.js';
import { withDefaults } from '../src/options.js';
import { toSortedSet } from '../src/shingle.js';
import { shingleMeasures } from '../src/verify.js';

const story = [
  'North Korean leader Kim Jong Un arrived in the Russian port city of Vladivostok on Tuesday for talks with President Vladimir Putin.',
  'The two leaders are expected to discuss weapons supplies, satellite technology and food aid, officials in Seoul said.',
  'Washington has warned Pyongyang that any arms deal with Moscow would violate United Nations sanctions.',
].join('\n\n');
const footer = 'To suggest a correction or clarification, write to us here';
const furniture = new Set(lineKeys(footer));
const doc = (id: string, text: string, boilerplate?: ReadonlySet<number>) => analyze({ id, source: id, text }, 5, boilerplate);

describe('analyze', () => {
  it('keeps every shingle in the similarity set when there is no boilerplate', () => {
    const d = doc('a', `${story}\n\n${footer}`);
    expect(d.boilerplateSpans).toEqual([]);
    expect(d.shingleSet).toEqual(toSortedSet(d.shingles));
  });

  it('leaves every shingle that touches a boilerplate line out of the similarity set, and only there', () => {
    const text = `${footer}\n\n${story}\n\n${footer}`;
    const plain = doc('a', text);
    const d = doc('a', text, furniture);
    expect(d.boilerplateSpans).toEqual([
      { start: 0, end: footer.length },
      { start: text.lastIndexOf(footer), end: text.length },
    ]);
    expect(d.shingles).toEqual(plain.shingles);
    expect(d.tokens).toEqual(plain.tokens);
    // Exactly the shingles of the story alone: none that straddles the story's edge into a footer.
    expect(d.shingleSet).toEqual(doc('s', story).shingleSet);
  });

  it('measures a copy that adds a boilerplate footer as the canonical itself', () => {
    const canonical = doc('c', story, furniture);
    const member = doc('m', `${story}\n\n${footer}`, furniture);
    expect(shingleMeasures(canonical.shingleSet, member.shingleSet).jaccard).toBe(1);
    expect(shingleMeasures(doc('c', story).shingleSet, doc('m', `${story}\n\n${footer}`).shingleSet).jaccard).toBeLessThan(0.9);
    const result = compareWithCanonical(canonical, member, withDefaults({ paths: [] }))!;
    expect(result.containment).toEqual({ memberInCanonical: 1, canonicalInMember: 1 });
    expect(result.relation).toBe('copy');
    expect(result.divergence.added).toEqual([
      { at: 'end', words: 10, start: story.length + 2, end: story.length + 2 + footer.length, opening: footer, boilerplate: true },
    ]);
  });

  it('gives the same document with withBoilerplate as when analysed with the set', () => {
    const text = `${story}\n\n${footer}`;
    expect(withBoilerplate(doc('a', text), furniture)).toEqual(doc('a', text, furniture));
    const plain = doc('s', story);
    expect(withBoilerplate(plain, furniture)).toBe(plain);
  });

  it('marks the tokens inside boilerplate spans', () => {
    const d = doc('a', `${story}\n${footer}\nFour five.`, furniture);
    const storyWords = doc('s', story).tokens.words.length;
    const footerWords = doc('f', footer).tokens.words.length;
    expect([...boilerplateTokens(d.tokens, d.boilerplateSpans)!]).toEqual([...Array(storyWords).fill(0), ...Array(footerWords).fill(1), 0, 0]);
    expect(boilerplateTokens(d.tokens, [])).toBeUndefined();
  });

  it('compares whole a document that is mostly boilerplate: a template, not an article with furniture', () => {
    const text = `One two three.\n${footer}\nFour five.`;
    const d = doc('a', text, furniture);
    expect(d.boilerplateSpans).toEqual([]);
    expect(d.shingleSet).toEqual(doc('a', text).shingleSet);
    expect(withBoilerplate(doc('a', text), furniture)).toEqual(d);
  });
});
