import PorterStemmer from 'natural/lib/natural/stemmers/porter_stemmer.js';
import { describe, expect, it } from 'vitest';
import { porterStem } from '../../src/text/porter-stem.js';
import { hasReuters, reutersTexts } from '../helpers/paths.js';

/** The words among `words` whose stem differs from natural's, with both stems (empty when all agree). */
function disagreements(words: Iterable<string>): Array<[word: string, natural: string, ours: string]> {
  const found: Array<[string, string, string]> = [];
  for (const word of words) {
    const expected = PorterStemmer.stem(word);
    const stem = porterStem(word);
    if (stem !== expected) found.push([word, expected, stem]);
  }
  return found;
}

/** Every word of the letters a–z of one to `length` letters. */
function allWords(length: number): string[] {
  const letters = Array.from({ length: 26 }, (_, c) => String.fromCharCode(97 + c));
  let last = letters;
  const words = [...letters];
  for (let n = 2; n <= length; n++) {
    last = last.flatMap((word) => letters.map((letter) => word + letter));
    words.push(...last);
  }
  return words;
}

/** The suffixes natural's rules look for, and endings near them. */
const ENDINGS = [
  'ational', 'tional', 'enci', 'anci', 'izer', 'abli', 'bli', 'alli', 'entli', 'eli', 'ousli', 'ization', 'ation', 'ator',
  'alism', 'iveness', 'fulness', 'ousness', 'aliti', 'iviti', 'biliti', 'logi', 'icate', 'ative', 'alize', 'iciti', 'ical',
  'ful', 'ness', 'al', 'ance', 'ence', 'er', 'ic', 'able', 'ible', 'ant', 'ement', 'ment', 'ent', 'ou', 'ism', 'ate', 'iti',
  'ous', 'ive', 'ize', 'sion', 'tion', 'ion', 'e', 'll', 'y', 'ed', 'ing', 'eed', 's', 'ss', 'sses', 'ies', 'at', 'bl', 'iz',
  'ly', 'ying', 'yed', 'ye', 'yy',
];

/** Words of random letters (vowels and y made common) with zero to two of ENDINGS: a fixed seed, the same words each run. */
function* generatedWords(count: number): Generator<string> {
  let seed = 1;
  const random = () => (seed = (Math.imul(seed, 1103515245) + 12345) & 0x7fffffff) / 0x7fffffff;
  const pick = (s: string | readonly string[]) => s[Math.floor(random() * s.length)]!;
  for (let n = 0; n < count; n++) {
    let word = '';
    for (let length = 1 + Math.floor(random() * 8); word.length < length; ) word += random() < 0.4 ? pick('aeiouy') : pick('abcdefghijklmnopqrstuvwxyz');
    for (let endings = Math.floor(random() * 3); endings > 0; endings--) word += pick(ENDINGS);
    yield word;
  }
}

describe('porterStem', () => {
  it("gives Porter's stems, as natural gives them", () => {
    const stems = Object.fromEntries(
      ['caresses', 'ponies', 'cats', 'agreed', 'plastered', 'motoring', 'hopping', 'filing', 'happy', 'relational', 'conditional', 'hopefulness', 'electrical', 'adjustment', 'adoption', 'controll', 'probate', 'generalization', 'by', 'sky', 'syzygy'].map((w) => [w, porterStem(w)]),
    );
    expect(stems).toEqual({
      caresses: 'caress', ponies: 'poni', cats: 'cat', agreed: 'agre', plastered: 'plaster', motoring: 'motor',
      hopping: 'hop', filing: 'file', happy: 'happi', relational: 'relat', conditional: 'condit', hopefulness: 'hope',
      electrical: 'electr', adjustment: 'adjust', adoption: 'adopt', controll: 'control', probate: 'probat',
      generalization: 'gener', by: 'by', sky: 'sky', syzygy: 'syzygi',
    });
  });

  it("agrees with natural's on every word of up to three letters, and on 200,000 generated words", () => {
    expect(disagreements(allWords(3))).toEqual([]);
    expect(disagreements(generatedWords(200_000))).toEqual([]);
  });

  it("hands any word that is not all a–z to natural's", () => {
    expect(disagreements(['café', 'naïveté', 'co-operation', "o'neill", 'x2', 'Running', 'ﬁling', ''])).toEqual([]);
  });

  const present = hasReuters('test/text/porter-stem.test.ts');
  it.skipIf(!present)("agrees with natural's on every word of the Reuters stories", () => {
    const words = new Set<string>();
    for (const text of reutersTexts()) for (const word of text.toLowerCase().match(/[a-z]+/g) ?? []) words.add(word);
    expect(words.size).toBeGreaterThan(30_000);
    expect(disagreements(words)).toEqual([]);
  });
});
