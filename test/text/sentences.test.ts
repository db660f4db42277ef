import { describe, expect, it } from 'vitest';
import { foldText, normalizeText } from '../../src/text/normalize.js';
import { MIN_SENTENCE_STEMS } from '../../src/text/sentence-sketch.js';
import { MAX_STEMMED_LENGTH, sentenceFeatures, stemHashOf } from '../../src/text/sentences.js';
import { hashString, tokenize } from '../../src/text/tokenize.js';

const features = (text: string) => sentenceFeatures(tokenize(foldText(normalizeText(text))));

const original = [
  'Kim Jong Un arrived in Vladivostok by armoured train on Tuesday.',
  'The North Korean leader will meet President Vladimir Putin at the Eastern Economic Forum.',
  'Washington warned Pyongyang against supplying artillery shells to Moscow.',
  'Analysts expect talks on satellite technology and food aid.',
  'The Kremlin declined to confirm the exact schedule of the summit.',
];
describe('sentenceFeatures', () => {
  it('sketches sentences with at least MIN_SENTENCE_STEMS content stems, with their token ranges', () => {
    expect(MIN_SENTENCE_STEMS).toBe(4);
    // kim met putin vladivostok | he left: the second has one content word.
    const f = features('Kim met Putin in Vladivostok. He left.');
    expect(f.sketches.map((s) => [s.stems.length, s.range])).toEqual([[4, [0, 5]]]);
    expect(f.contentSet.length).toBe(5);
  });

  it('stems words, so inflections share a stem', () => {
    const a = features('Talks covered armoured trains and supplies.');
    const b = features('Talking covers armored train and supplying.');
    expect([...b.sketches[0]!.stems]).toEqual([...a.sketches[0]!.stems]);
  });

  it("makes each sketch its sentence's stems, ascending and each once, and the content set all stems of the text", () => {
    // The second sentence repeats stems; the third ("Putin left") is too short to align, yet its new stem is content.
    const f = features('Kim met Putin in Vladivostok. Talks, talks and more talking covered trade and oil. Putin left.');
    expect(f.sketches).toHaveLength(2);
    for (const { stems } of f.sketches) expect([...stems]).toEqual([...new Set(stems)].sort((x, y) => x - y));
    expect(f.sketches[1]!.stems.length).toBe(4);
    const stems = new Set([...f.sketches[0]!.stems, ...f.sketches[1]!.stems]);
    expect(f.contentSet.length).toBe(stems.size + 1);
    expect([...stems].every((h) => f.contentSet.includes(h))).toBe(true);
    expect([...f.contentSet]).toEqual([...f.contentSet].sort((x, y) => x - y));
  });

  it('keeps the numbers of each kept sentence', () => {
    const f = features('Prices rose 12 percent to 5930 dollars in March.');
    expect(f.sketches.map((s) => s.numbers.length)).toEqual([2]);
  });
});

describe('stemHashOf', () => {
  it('stems words, keeps numbers, gives 0 for stop words', () => {
    expect(stemHashOf('running')).toBe(hashString('run'));
    expect(stemHashOf('2023')).toBe(hashString('2023'));
    expect(stemHashOf('the')).toBe(0);
  });

  it('hashes an over-long token as it is (the stemmer is quadratic in its length)', () => {
    const junk = `${'ab'.repeat(150_000)}ing`;
    expect(stemHashOf(junk)).toBe(hashString(junk));
    const longest = `${'a'.repeat(MAX_STEMMED_LENGTH - 3)}ing`;
    expect(stemHashOf(longest)).not.toBe(hashString(longest));
  });
});

describe('sentenceFeatures with boilerplate tokens', () => {
  it('leaves out sentences at least half of whose tokens are boilerplate, from the sketches and the content set', () => {
    const tokens = tokenize(foldText(normalizeText(`${original.join(' ')}\n\nSign up for our daily newsletter about world politics.`)));
    const n = tokens.words.length;
    const mask = new Uint8Array(n);
    mask.fill(1, n - 9);
    const all = sentenceFeatures(tokens);
    const kept = sentenceFeatures(tokens, mask);
    expect(all.sketches).toHaveLength(6);
    expect(kept.sketches).toEqual(all.sketches.slice(0, 5));
    expect(kept.contentSet).toEqual(features(original.join(' ')).contentSet);
    // Four of nine marked: under half, the sentence stays.
    expect(sentenceFeatures(tokens, new Uint8Array(n).fill(1, n - 4)).sketches).toHaveLength(6);
  });
});

describe('sentenceFeatures stems, learnt by token hash', () => {
  const stemsOf = (words: string[]) => words.map((w) => stemHashOf(w)).filter((h) => h !== 0);

  it('gives each token its own stem even when token hashes collide', () => {
    const tokens = tokenize(foldText(normalizeText(original.join(' '))));
    const expected = Int32Array.from(new Set(stemsOf(tokens.words))).sort();
    // Every token under one hash, then under another word's hash: each must still be stemmed as itself.
    for (const hashes of [new Int32Array(tokens.words.length), new Int32Array(tokens.words.length).fill(hashString('putin'))]) {
      expect(sentenceFeatures(tokens, undefined, hashes).contentSet).toEqual(expected);
    }
    expect(sentenceFeatures(tokens).contentSet).toEqual(expected);
  });

  it('stays right past the table growing, for many distinct tokens', () => {
    const words = Array.from({ length: 70_000 }, (_, i) => `tok${i.toString(36)}ing`);
    const tokens = tokenize(words.join(' '));
    const expected = Int32Array.from(new Set(stemsOf(tokens.words))).sort();
    expect(sentenceFeatures(tokens).contentSet).toEqual(expected);
    // Again, now from the table.
    expect(sentenceFeatures(tokens).contentSet).toEqual(expected);
  });
});
