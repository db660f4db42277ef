import { describe, expect, it } from 'vitest';
import { words as stopWordList } from 'natural/lib/natural/util/stopwords.js';
import { SENTENCE_BANDS, sentenceKeys, StopHashes, writeSentenceKeys } from '../../src/sketch/sentence-keys.js';
import { canonicalTokenHash, hashString } from '../../src/text/tokenize.js';
import { keysOf, story } from '../helpers/sentence-texts.js';

describe('sentenceKeys', () => {
  it('keys every sentence with enough content stems, SENTENCE_BANDS each, the same for the same stems', () => {
    expect(keysOf(story.join(' '))).toHaveLength(3 * SENTENCE_BANDS);
    expect(keysOf('He said so. It was.')).toHaveLength(0);
    // Case, stop words and word order within the sentence do not change the keys.
    expect(keysOf('On Tuesday morning, Kim Jong Un arrived by armoured train in Vladivostok.')).toEqual(keysOf(story[0]!));
  });

  it('gives the same keys from the WebAssembly SIMD kernel as from the scalar loop, sentences of every length', () => {
    let x = 7;
    const next = () => ((x = Math.imul(x ^ (x >>> 15), 0x2c1b3c6d) + 0x6d2b79f5) | 0);
    for (const tokens of [0, 3, 40, 5000]) {
      // Sentences of 1 to 30 tokens; about a third stop words (0); a small vocabulary, so words repeat.
      const stems = Int32Array.from({ length: tokens }, () => (next() % 3 === 0 ? 0 : (next() % 50) + 1));
      const starts: number[] = [];
      for (let t = 0; t < tokens; t += 1 + (Math.abs(next()) % 30)) starts.push(t);
      const simd = sentenceKeys(stems, tokens, starts);
      const scalar = sentenceKeys(stems, tokens, starts, { backend: 'scalar' });
      expect(Array.from(simd)).toEqual(Array.from(scalar));
      if (tokens >= 40) expect(simd.length).toBeGreaterThan(0);
    }
  });
});

/** A hash whose product with the golden ratio differs from h's in low bits only (`bits`): the same 16-bit prefix. */
function samePrefix(h: number, bits = 1): number {
  const golden = 0x9e3779b1;
  let inverse = golden;
  for (let i = 0; i < 5; i++) inverse = Math.imul(inverse, 2 - Math.imul(golden, inverse));
  return Math.imul(Math.imul(h, golden) ^ bits, inverse);
}

describe('StopHashes', () => {
  it('finds every hash it holds, those that share a slot too, and no other hash of a slot it holds', () => {
    const a = canonicalTokenHash(hashString('the'));
    const b = samePrefix(a);
    const c = canonicalTokenHash(hashString('and'));
    expect(Math.imul(b, 0x9e3779b1) >>> 16).toBe(Math.imul(a, 0x9e3779b1) >>> 16);
    const alone = new StopHashes([a, c]);
    expect([alone.has(a), alone.has(c), alone.has(b), alone.has(a ^ 1), alone.has(0)]).toEqual([true, true, false, false, false]);
    const sharing = new StopHashes([a, b, c, a]);
    expect([sharing.has(a), sharing.has(b), sharing.has(c), sharing.has(samePrefix(a, 2)), sharing.has(a ^ 1)]).toEqual([true, true, true, false, false]);
  });
});

describe('writeSentenceKeys', () => {
  it('writes the keys sentenceKeys gives from the place asked, and nothing around them', () => {
    const stops = stopWordList.slice(0, 30).map((w) => canonicalTokenHash(hashString(w)));
    const words = ['kim', 'vladivostok', 'train', 'putin', 'artillery', '1999', 'shells', 'forum', 'summit', 'talks'].map((w) => canonicalTokenHash(hashString(w)));
    // Three sentences, the second of stop words alone (no keys).
    const hashes = Int32Array.from([...words.slice(0, 5), stops[0]!, ...stops.slice(1, 8), words[5]!, stops[9]!, ...words.slice(5, 10)]);
    const starts = [0, 6, 13];
    for (const backend of ['auto', 'scalar'] as const) {
      const expected = sentenceKeys(hashes, hashes.length, starts, { backend, dropStopWords: true });
      expect(expected).toHaveLength(2 * SENTENCE_BANDS);
      const out = new Int32Array(5 + SENTENCE_BANDS * starts.length + 5).fill(-7);
      expect(writeSentenceKeys(out, 5, hashes, hashes.length, starts, { backend, dropStopWords: true })).toBe(expected.length);
      expect(Array.from(out.subarray(5, 5 + expected.length))).toEqual(Array.from(expected));
      expect([...out.subarray(0, 5), ...out.subarray(5 + expected.length)].every((v) => v === -7)).toBe(true);
    }
  });
});

describe('sentenceKeys, dropping stop words', () => {
  const stops = stopWordList.map((w) => canonicalTokenHash(hashString(w)));
  const contentWords = ['kim', 'vladivostok', 'train', 'putin', 'artillery', '1999', 'shells', 'forum'].map((w) => canonicalTokenHash(hashString(w)));

  it('keys token hashes as it keys them with every stop word made 0 and 0 made 1, whatever the mix of words', () => {
    let x = 11;
    const next = () => ((x = Math.imul(x ^ (x >>> 15), 0x2c1b3c6d) + 0x6d2b79f5) | 0);
    // Stop words, content words, 0, and hashes that share a stop word's 16-bit prefix but are no stop word.
    const nearStops = stops.slice(0, 20).map(samePrefix);
    const vocabulary = [...stops, ...contentWords, 0, ...nearStops];
    const stopSet = new Set(stops);
    for (const tokens of [0, 7, 60, 3000]) {
      const hashes = Int32Array.from({ length: tokens }, () => vocabulary[Math.abs(next()) % vocabulary.length]!);
      const starts: number[] = [];
      for (let t = 0; t < tokens; t += 1 + (Math.abs(next()) % 25)) starts.push(t);
      const content = hashes.map((h) => (stopSet.has(h) ? 0 : h || 1));
      for (const backend of ['auto', 'scalar'] as const) {
        expect(Array.from(sentenceKeys(hashes, tokens, starts, { backend, dropStopWords: true }))).toEqual(Array.from(sentenceKeys(content, tokens, starts, { backend })));
      }
    }
  });

  it('keys no sentence of stop words alone, and keys a sentence of content words between stop words', () => {
    const sentence = [stops[0]!, contentWords[0]!, stops[1]!, contentWords[1]!, contentWords[2]!, stops[2]!, contentWords[3]!];
    expect(sentenceKeys(Int32Array.from(stops.slice(0, 12)), 12, [0], { dropStopWords: true })).toHaveLength(0);
    expect(sentenceKeys(Int32Array.from(sentence), sentence.length, [0], { dropStopWords: true })).toHaveLength(SENTENCE_BANDS);
    // The stop words changed for others change nothing; a content word changed does.
    const otherStops = [stops[5]!, contentWords[0]!, stops[6]!, contentWords[1]!, contentWords[2]!, stops[7]!, contentWords[3]!];
    expect(sentenceKeys(Int32Array.from(otherStops), 7, [0], { dropStopWords: true })).toEqual(sentenceKeys(Int32Array.from(sentence), 7, [0], { dropStopWords: true }));
    const otherWord = [...sentence.slice(0, 6), contentWords[7]!];
    expect(sentenceKeys(Int32Array.from(otherWord), 7, [0], { dropStopWords: true })).not.toEqual(sentenceKeys(Int32Array.from(sentence), 7, [0], { dropStopWords: true }));
  });
});
