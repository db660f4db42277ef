import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { analyze, analyzeFingerprinted, boilerplateTokens, withBoilerplate } from '../../src/text/analyze.js';
import { Fingerprinter, textDigest, type TokenizerBackend } from '../../src/text/token-hashes.js';
import { lineKeys } from '../../src/text/boilerplate.js';
import { compareWithCanonical } from '../../src/judge/member.js';
import { withDefaults } from '../../src/options.js';
import { toSortedSet } from '../../src/text/shingle.js';
import { shingleMeasures } from '../../src/judge/verify.js';
import { plain } from '../helpers/fast-paths.js';
import { seedsDir } from '../helpers/paths.js';

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

const fingerprinters: Record<TokenizerBackend, Fingerprinter> = { wasm: new Fingerprinter(), js: new Fingerprinter('js') };

describe.each(['wasm', 'js'] as const)('analyzeFingerprinted with the %s tokeniser', (backend) => {
  const fingerprinter = fingerprinters[backend];
  const both = (text: string, boilerplate?: ReadonlySet<number>, date?: string) => {
    const source = { id: 'x', source: 'x', text, ...(date === undefined ? {} : { date }) };
    return [plain(analyzeFingerprinted(fingerprinter, source, 5, boilerplate)), plain(analyze(source, 5, boilerplate))];
  };

  it('analyses as analyze() does, on the seeds and on awkward text, with and without boilerplate', () => {
    const texts = readdirSync(seedsDir).map((f) => readFileSync(resolve(seedsDir, f), 'utf8'));
    texts.push(
      `${footer}\n\n${story}\n\n${footer}`,
      'İSTANBUL café “quoted” — dash ﬁne armoured colour Ａｂｃ 1,000.5 $3bn e-mail. Next sentence!\n\nNew one',
      '',
      'one',
      '  Line  one\u00a0here \r\n\n line ONE here\nshort\n\tthird   line\twith words  ',
      `emoji 😀 here \ud800 lone \u0000 nul Москва Кремль. 北京 ${Array.from({ length: 300 }, (_, i) => String.fromCharCode(0x100 + i)).join(' ')}`,
    );
    for (const text of texts) {
      const [fast, reference] = both(text);
      expect(fast, JSON.stringify(text.slice(0, 40))).toEqual(reference);
      const [fastWith, referenceWith] = both(text, new Set([...furniture, ...lineKeys(text).slice(0, 2)]), '2023-09-12T00:00:00.000Z');
      expect(fastWith, JSON.stringify(text.slice(0, 40))).toEqual(referenceWith);
    }
  });

  it('leaves the digest of the text analysed in the fingerprinter', () => {
    const text = 'Café “quoted” text';
    analyzeFingerprinted(fingerprinter, { id: 'x', source: 'x', text }, 5);
    expect(fingerprinter.textDigest()).toBe(textDigest(text));
  });
});

// On the 19,043 Reuters stories, with the Fingerprinter against one reference per story: reuters-corpus.test.ts.
