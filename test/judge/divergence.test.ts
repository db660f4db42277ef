import { describe, expect, it } from 'vitest';
import { analyze } from '../../src/text/analyze.js';
import { lineKeys } from '../../src/text/boilerplate.js';
import { coveredTokens, divergence, MIN_PASSAGE_WORDS, NO_PASSAGES } from '../../src/judge/divergence.js';

const p1 =
  'North Korean leader Kim Jong Un arrived in the Russian port city of Vladivostok on Tuesday for talks with President Vladimir Putin.';
const p2 =
  'The two leaders are expected to discuss weapons supplies, satellite technology and food aid, officials in Seoul said.';
const p3 = 'Washington has warned Pyongyang that any arms deal with Moscow would violate United Nations sanctions.';
const p4 = 'The Kremlin said the meeting would take place at the Eastern Economic Forum later this week.';
const footer = 'Follow us on Twitter and Facebook for more breaking news updates\nfrom the region.';

const doc = (id: string, text: string) => analyze({ id, source: id, text }, 5);
const canonical = doc('canonical', [p1, p2, p3, p4].join('\n\n'));

describe('divergence', () => {
  it('finds nothing between identical texts', () => {
    const none = divergence(doc('copy', canonical.text), canonical);
    expect(none).toEqual({ added: [], missing: [], changedWords: 0 });
    // One frozen array for every member without passages: a scan holds them all until its report.
    expect(none.added).toBe(NO_PASSAGES);
    expect(none.missing).toBe(NO_PASSAGES);
    expect(Object.isFrozen(NO_PASSAGES)).toBe(true);
  });

  it('reports an appended footer as one added passage at the end', () => {
    const text = `${canonical.text}\n\n${footer}`;
    const result = divergence(doc('member', text), canonical);
    expect(result.added).toEqual([
      {
        at: 'end',
        words: 14,
        start: text.indexOf('Follow'),
        end: text.length - 1,
        opening: 'Follow us on Twitter and Facebook for more breaking news …',
        boilerplate: false,
      },
    ]);
    expect(result.missing).toEqual([]);
    expect(result.changedWords).toBe(0);
  });

  it('reports a prepended header as an added passage at the start, opening white space folded', () => {
    const text = `Advertisement\nSkip to\ncontent\n\n${canonical.text}`;
    const result = divergence(doc('member', text), canonical);
    expect(result.added).toEqual([{ at: 'start', words: 4, start: 0, end: 'Advertisement\nSkip to\ncontent'.length, opening: 'Advertisement Skip to content', boilerplate: false }]);
    expect(result.missing).toEqual([]);
  });

  it('reports a cut paragraph as one missing passage in the middle of the canonical', () => {
    const result = divergence(doc('member', [p1, p2, p4].join('\n\n')), canonical);
    expect(result.added).toEqual([]);
    expect(result.missing).toEqual([
      {
        at: 'middle',
        words: 15,
        start: canonical.text.indexOf('Washington'),
        end: canonical.text.indexOf(' sanctions.') + ' sanctions'.length,
        opening: 'Washington has warned Pyongyang that any arms deal with Moscow …',
        boilerplate: false,
      },
    ]);
    expect(result.changedWords).toBe(0);
  });

  it('counts a one-word substitution as a changed word, not a passage', () => {
    const text = canonical.text.replace('are expected to', 'are likely to');
    const result = divergence(doc('member', text), canonical);
    expect(result).toEqual({ added: [], missing: [], changedWords: 1 });
  });

  it('counts a run of MIN_PASSAGE_WORDS words as a passage', () => {
    expect(MIN_PASSAGE_WORDS).toBe(3);
    const two = divergence(doc('member', canonical.text.replace('are expected to', 'are widely thought to')), canonical);
    expect(two.added).toEqual([]);
    expect(two.changedWords).toBe(2);
    const three = divergence(doc('member', canonical.text.replace('are expected to', 'are very widely thought to')), canonical);
    expect(three.added.map((p) => [p.at, p.words, p.opening])).toEqual([['middle', 3, 'very widely thought']]);
    expect(three.changedWords).toBe(0);
  });

  it('treats tokens in aligned sentence ranges as covered', () => {
    const member = doc('member', `${canonical.text}\n\n${footer}`);
    const n = member.tokens.words.length;
    expect(divergence(member, canonical, [[n - 14, n]]).added).toEqual([]);
  });
});

describe('coveredTokens', () => {
  it('marks every token of a shared shingle and of aligned ranges', () => {
    const a = analyze({ id: 'a', source: 'a', text: 'one two three four five six seven' }, 3);
    const b = analyze({ id: 'b', source: 'b', text: 'zero two three four nine' }, 3);
    // Shared 3-gram: "two three four" (tokens 1 … 3).
    expect([...coveredTokens(a, b.shingleSet)]).toEqual([0, 1, 1, 1, 0, 0, 0]);
    expect([...coveredTokens(a, b.shingleSet, [[5, 7]])]).toEqual([0, 1, 1, 1, 0, 1, 1]);
  });

  it('uses the whole text as the window when it is shorter than k', () => {
    const a = analyze({ id: 'a', source: 'a', text: 'short note' }, 5);
    expect([...coveredTokens(a, a.shingleSet)]).toEqual([1, 1]);
    expect([...coveredTokens(a, new Int32Array(0))]).toEqual([0, 0]);
  });

  it('tells apart shingles hashed 0 and others, in a set of any size', () => {
    const a = analyze({ id: 'a', source: 'a', text: 'one two three four' }, 1);
    // One-word shingles; the third hashed 0, the value the lookup table keeps apart.
    const doc = { ...a, shingles: Int32Array.from([11, 12, 0, 14]) };
    expect([...coveredTokens(doc, Int32Array.from([0]))]).toEqual([0, 0, 1, 0]);
    expect([...coveredTokens(doc, Int32Array.from([12, 14]))]).toEqual([0, 1, 0, 1]);
    const many = Int32Array.from({ length: 5000 }, (_, i) => 1000 + i * 7919).sort();
    expect([...coveredTokens(doc, many)]).toEqual([0, 0, 0, 0]);
    expect([...coveredTokens(doc, Int32Array.from([...many, 11, 14]).sort())]).toEqual([1, 0, 0, 1]);
  });
});

describe('divergence with learned boilerplate', () => {
  const furnitureLine = 'Sign up for our morning newsletter';
  const furniture = new Set(lineKeys(furnitureLine));
  const withFurniture = (id: string, text: string) => analyze({ id, source: id, text }, 5, furniture);

  it('lists boilerplate the member adds as an added passage marked boilerplate', () => {
    const text = `${canonical.text}\n\n${furnitureLine}\n\n${footer}`;
    const result = divergence(withFurniture('member', text), withFurniture('canonical', canonical.text));
    expect(result.added.map((p) => [p.at, p.words, p.boilerplate])).toEqual([['end', 20, false]]);
    const alone = divergence(withFurniture('member', `${canonical.text}\n\n${furnitureLine}`), withFurniture('canonical', canonical.text));
    expect(alone.added).toEqual([
      { at: 'end', words: 6, start: canonical.text.length + 2, end: canonical.text.length + 2 + furnitureLine.length, opening: furnitureLine, boilerplate: true },
    ]);
  });

  it('marks a passage boilerplate only when at least half its characters are', () => {
    const text = `${canonical.text}\n\n${furnitureLine}\n${footer}`;
    // One run: 6 furniture words (34 characters) and the footer's 14 words (80 characters).
    expect(divergence(withFurniture('member', text), withFurniture('canonical', canonical.text)).added.map((p) => [p.words, p.boilerplate])).toEqual([[20, false]]);
    const short = `${canonical.text}\n\n${furnitureLine}\nfrom the region today`;
    expect(divergence(withFurniture('member', short), withFurniture('canonical', canonical.text)).added.map((p) => [p.words, p.boilerplate])).toEqual([[10, true]]);
  });

  it('reports nothing for furniture both documents carry', () => {
    const member = withFurniture('member', `${canonical.text}\n\n${furnitureLine}`);
    const canon = withFurniture('canonical', `${furnitureLine}\n\n${canonical.text}\n\n${furnitureLine}`);
    const result = divergence(member, canon);
    expect(result.added).toEqual([]);
    expect(result.missing).toEqual([]);
  });
});
