import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { WordTokenizer } from 'natural/lib/natural/tokenizers/regexp_tokenizer.js';
import { describe, expect, it } from 'vitest';
import { canonicalSpelling, foldText, foldUnit, normalizeText } from '../../src/text/normalize.js';
import { hashString, hashWords, isWordUnit, sentenceCountOf, sentenceStartsOf, tokenize, tokenizeAndHash } from '../../src/text/tokenize.js';
import { hasReuters, reutersPath, seedsDir as fixtureDir } from '../helpers/paths.js';

const reutersExists = hasReuters('test/tokenize.test.ts');

const sentenceStarts = (text: string): number[] => [...tokenize(text).sentenceStarts];

describe('tokenize', () => {
  const text = 'Kim met Putin. Talks ran 5.93 hours!\nThey agreed\non trade\n\nArmoured cars left';
  const tokens = tokenize(foldText(text));

  it('splits folded text into words, spelling variants mapped', () => {
    expect(tokens.words).toEqual(
      ['kim', 'met', 'putin', 'talks', 'ran', '5', '93', 'hours', 'they', 'agreed', 'on', 'trade', 'armored', 'cars', 'left'],
    );
  });

  it('records the exact start and end offset of each word', () => {
    expect([...tokens.starts]).toEqual([0, 4, 8, 15, 21, 25, 27, 30, 37, 42, 49, 52, 59, 68, 73]);
    expect([...tokens.ends]).toEqual([3, 7, 13, 20, 24, 26, 29, 35, 41, 48, 51, 57, 67, 72, 77]);
    expect(text.slice(tokens.starts[12]!, tokens.ends[12]!)).toBe('Armoured');
  });

  it('starts sentences after ". ", "!\\n" and a blank line, not inside 5.93 or at a single newline', () => {
    // kim | talks ran 5 93 hours | they agreed on trade | armored cars left
    expect([...tokens.sentenceStarts]).toEqual([0, 3, 8, 12]);
  });

  it('applies each sentence rule on its own', () => {
    expect(sentenceStarts('a. b')).toEqual([0, 1]);
    expect(sentenceStarts('a? b')).toEqual([0, 1]);
    expect(sentenceStarts('up 5.93 mln')).toEqual([0]);
    expect(sentenceStarts('a.b')).toEqual([0]);
    expect(sentenceStarts('a\nb')).toEqual([0]);
    expect(sentenceStarts('a\n\nb')).toEqual([0, 1]);
    expect(sentenceStarts('a\r\n \r\nb')).toEqual([0, 1]);
    expect(sentenceStarts('he said." then')).toEqual([0, 2]);
  });

  it('yields nothing for text without words', () => {
    const empty = tokenize(' .,;\n\n-- ');
    expect(empty.words).toEqual([]);
    expect([...empty.starts]).toEqual([]);
    expect([...empty.sentenceStarts]).toEqual([]);
  });

  it('gives offsets into the NFKC text, which folding preserves', () => {
    const nfkc = normalizeText('Caf\u00E9 \u201CKim\u201D \u2014 \uFB01nal \u041C\u0418\u0420');
    const t = tokenize(foldText(nfkc));
    expect(t.words).toEqual(['cafe', 'kim', 'final', '\u043C\u0438\u0440']);
    expect([...t.starts].map((s, i) => nfkc.slice(s, t.ends[i]!))).toEqual(['Caf\u00E9', 'Kim', 'final', '\u041C\u0418\u0420']);
  });

  it('keeps prototype names like "constructor" as plain words', () => {
    const t = tokenize('the constructor and __proto__');
    expect(t.words).toEqual(['the', 'constructor', 'and', '__proto__']);
    expect(hashWords(t.words).length).toBe(4);
  });
});

describe('tokenizeAndHash', () => {
  it('yields the tokens of tokenize and the hashes of hashWords, spelling variants hashed as their canonical form', () => {
    const folded = foldText('Armoured cars, the constructor and __proto__ left the Centre at 5.93 p.m.\n\nColour TV');
    const { tokens, hashes } = tokenizeAndHash(folded);
    expect(tokens).toEqual(tokenize(folded));
    expect(tokens.words).toContain('armored');
    expect([...hashes]).toEqual([...hashWords(tokens.words)]);
    expect(hashes[0]).toBe(hashString('armored'));
  });

  it('gives each text arrays of its own, shorter and longer texts alike', () => {
    const long = 'word '.repeat(5000);
    const first = tokenizeAndHash('alpha beta');
    tokenizeAndHash(long);
    expect([...first.tokens.starts]).toEqual([0, 6]);
    expect([...first.hashes]).toEqual([...hashWords(['alpha', 'beta'])]);
    expect(tokenizeAndHash(long).hashes.length).toBe(5000);
    expect(tokenizeAndHash('').hashes.length).toBe(0);
  });
});

describe('sentence ends', () => {
  it('are told by units that folding maps no other unit to, so NFKC text and folded text give the same sentences', () => {
    // gapEndsSentence looks at . ! ? and white space; ASCII folding changes only A-Z.
    const told = new Set([9, 10, 13, 32, 33, 46, 63]);
    const foldedOntoThem: number[] = [];
    for (let c = 0x80; c < 0x10000; c++) if (told.has(foldUnit(c))) foldedOntoThem.push(c);
    expect(foldedOntoThem).toEqual([]);
    const text = 'ÉTÉ À PARIS. Ça va? OUI!\n\nFIN. 5.93 mln';
    const { starts, ends, sentenceStarts } = tokenize(foldText(text));
    expect([...sentenceStarts]).toEqual([0, 3, 5, 6, 7]);
    expect([...sentenceStartsOf(text, starts, ends)]).toEqual([0, 3, 5, 6, 7]);
  });

  it('are counted as sentenceStartsOf lists them, also among the first tokens only', () => {
    const texts = ['', 'one', 'One. Two', 'Kim met Putin. Talks ran 5.93 hours!\nThey agreed\non trade\n\nArmoured cars left', '?! . \n\n\n word'];
    for (const text of texts) {
      const { starts, ends, count } = tokenize(text);
      const all = sentenceStartsOf(text, starts, ends);
      expect(sentenceCountOf(text, starts, ends, count), text).toBe(all.length);
      // Tokens past `count` in a reused buffer are not counted: a sentence starting at token t needs t < count.
      for (let n = 0; n <= count; n++) expect(sentenceCountOf(text, starts, ends, n)).toBe(all.filter((t) => t < n).length);
    }
  });
});

describe('isWordUnit', () => {
  it('accepts a-z, A-Z, 0-9, _, basic Cyrillic and the letters, marks and digits of the scripts past U+0370', () => {
    expect([...'azAZ09_\u0410\u044F'].every((c) => isWordUnit(c.charCodeAt(0)))).toBe(true);
    // Arabic, Arabic-Indic digit, Greek, Hebrew, Devanagari and its vowel sign, Hangul, Han, Hiragana, Thai.
    expect([...'\u0628\u0663\u03C9\u05D0\u0915\u093F\uAC00\u6771\u3042\u0E01'].every((c) => isWordUnit(c.charCodeAt(0)))).toBe(true);
    expect([...' .-\'"\u00E9\u0401\u0451\u060C\u3002\u2014'].some((c) => isWordUnit(c.charCodeAt(0)))).toBe(false);
  });
});

describe('hashString / hashWords', () => {
  it('is 32-bit FNV-1a as int32', () => {
    expect(hashString('')).toBe(0x811c9dc5 | 0);
    expect(hashString('a')).toBe(0xe40c292c | 0);
    expect(hashString('foobar')).toBe(0xbf9cf968 | 0);
  });

  it('hashes each word in order', () => {
    expect([...hashWords(['a', 'foobar', 'a'])]).toEqual([0xe40c292c | 0, 0xbf9cf968 | 0, 0xe40c292c | 0]);
  });
});

describe('parity with natural WordTokenizer', () => {
  const natural = new WordTokenizer();

  /** Index of the first article whose tokens differ, with both token lists, or undefined when all agree. */
  function firstMismatch(texts: Iterable<[string, string]>): { id: string; ours: string[]; theirs: string[] } | undefined {
    for (const [id, text] of texts) {
      const folded = foldText(normalizeText(text));
      const ours = tokenize(folded).words;
      const theirs = natural.tokenize(folded).map(canonicalSpelling);
      if (ours.length !== theirs.length || ours.some((w, i) => w !== theirs[i])) return { id, ours, theirs };
    }
    return undefined;
  }

  it('agrees on every fixture file', () => {
    const files = readdirSync(fixtureDir).sort();
    expect(files.length).toBe(5);
    const texts = files.map((f): [string, string] => [f, readFileSync(join(fixtureDir, f), 'utf8')]);
    for (const [, text] of texts) expect(tokenize(foldText(normalizeText(text))).words.length).toBeGreaterThan(100);
    expect(firstMismatch(texts)).toBeUndefined();
  });

  it.skipIf(!reutersExists)('agrees on every story of the Reuters-21578 corpus', () => {
    const stories = readFileSync(reutersPath, 'utf8')
      .split('\n')
      .filter((line) => line.trim() !== '')
      .map((line): [string, string] => {
        const record = JSON.parse(line) as { id: string; text: string };
        return [record.id, record.text];
      });
    expect(stories.length).toBe(19043);
    expect(firstMismatch(stories)).toBeUndefined();
  }, 30_000);
});
