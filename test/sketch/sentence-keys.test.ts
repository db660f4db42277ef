import { describe, expect, it } from 'vitest';
import { words as stopWordList } from 'natural/lib/natural/util/stopwords.js';
import { contentTokenHashes, SENTENCE_BANDS, sentenceKeys } from '../../src/sketch/sentence-keys.js';
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
      const scalar = sentenceKeys(stems, tokens, starts, 'scalar');
      expect(Array.from(simd)).toEqual(Array.from(scalar));
      if (tokens >= 40) expect(simd.length).toBeGreaterThan(0);
    }
  });
});

describe('contentTokenHashes', () => {
  it('sets every stop word to 0 and keeps every other token, 0 made 1', () => {
    const stops = stopWordList.map((w) => canonicalTokenHash(hashString(w)));
    const others = ['kim', 'vladivostok', 'train', 'putin', 'artillery', '1999'].map((w) => canonicalTokenHash(hashString(w)));
    const hashes = Int32Array.from([...stops, ...others, 0]);
    const content = contentTokenHashes(hashes, new Int32Array(hashes.length));
    expect([...content.subarray(0, stops.length)].every((h) => h === 0)).toBe(true);
    expect([...content.subarray(stops.length)]).toEqual([...others, 1]);
  });
});
