import PorterStemmer from 'natural/lib/natural/stemmers/porter_stemmer.js';

/**
 * natural's Porter stemmer, step for step, on words of the letters a–z: the same stems (test/text/porter-stem.test.ts
 * holds it to natural's on every word of the Reuters stories and on generated words), without natural's chains of
 * regular expressions. A scan with rewrites stems each distinct word once per thread, on every thread. Any other word
 * (accents, digits, hyphens) goes to natural's.
 *
 * The rules are natural's, quirks included (its "measure" can be a half; step 2 tests each suffix on the word as it came
 * but replaces on the word as earlier suffixes left it; step 4 takes only the longest suffix): none is to be
 * "corrected" here alone, as stems, and so reports, would change.
 */
export function porterStem(word: string): string {
  if (!isLowerAscii(word)) return PorterStemmer.stem(word);
  if (word.length < 3) return word;
  return step5b(step5a(step4(step3(step2(step1c(step1b(step1a(word))))))));
}

const A = 97;
const E = 101;
const I = 105;
const O = 111;
const U = 117;
const Y = 121;

function isLowerAscii(word: string): boolean {
  for (let i = 0; i < word.length; i++) {
    const c = word.charCodeAt(i);
    if (c < A || c > 122) return false;
  }
  return true;
}

/** a, e, i, o, u: natural's `[aeiou]`. */
function isVowel(c: number): boolean {
  return c === A || c === E || c === I || c === O || c === U;
}

/** A letter natural's `[^aeiouy]` matches. */
function isConsonantNotY(c: number): boolean {
  return !isVowel(c) && c !== Y;
}

/** Whether the letter at `at` counts as a vowel: a–u's vowels, or a y after a letter other than a vowel or y. */
function isVowelAt(word: string, at: number): boolean {
  const c = word.charCodeAt(at);
  return isVowel(c) || (c === Y && at > 0 && isConsonantNotY(word.charCodeAt(at - 1)));
}

/**
 * natural's measure of word[0, end): its categorizeGroups (a C for each run of consonants, a V for each run of vowels,
 * except that a y after a consonant is a V of its own, so "bya" is CVV), less a leading C and one trailing V, halved;
 * -1 for no word. Counted, not spelled out.
 */
function measure(word: string, end = word.length): number {
  if (end <= 0) return -1;
  let count = 0;
  let last = 0; // 0 nothing yet, 1 a consonant run, 2 a run of a–u vowels, 3 a y counted as a vowel
  for (let i = 0; i < end; i++) {
    const c = word.charCodeAt(i);
    if (isVowel(c)) {
      if (last !== 2) count++;
      last = 2;
    } else if (c === Y && i > 0 && isConsonantNotY(word.charCodeAt(i - 1))) {
      count++;
      last = 3;
    } else {
      if (last !== 1) count++;
      last = 1;
    }
  }
  const leadingC = isVowelAt(word, 0) ? 0 : 1;
  const trailingV = last !== 1 && count > leadingC ? 1 : 0;
  return (count - leadingC - trailingV) / 2;
}

/** Whether natural's categorizeGroups of word[0, end) holds a V: whether any letter before `end` counts as a vowel. */
function hasVowel(word: string, end = word.length): boolean {
  for (let i = 0; i < end; i++) if (isVowelAt(word, i)) return true;
  return false;
}

/** Whether natural's categorizeChars(word) holds C, V, C at [from, from + 3) (JavaScript's substr bounds). */
function cvcAt(word: string, from: number, count: number): boolean {
  const start = Math.max(word.length + from, 0);
  const end = Math.min(start + count, word.length);
  if (end - start !== 3) return false;
  return !isVowelAt(word, start) && isVowelAt(word, start + 1) && !isVowelAt(word, start + 2);
}

function endsWithDoubleConsonant(word: string): boolean {
  const n = word.length;
  return n >= 2 && word.charCodeAt(n - 1) === word.charCodeAt(n - 2) && !isVowel(word.charCodeAt(n - 1));
}

function step1a(word: string): string {
  if (word.endsWith('sses') || word.endsWith('ies')) return word.slice(0, -2);
  if (word.endsWith('s') && word.charCodeAt(word.length - 2) !== 115 /* s */ && word.length > 2) return word.slice(0, -1);
  return word;
}

function step1b(word: string): string {
  if (word.endsWith('eed')) {
    if (measure(word, word.length - 3) > 0) return word.slice(0, -1);
    return word;
  }
  const cut = word.endsWith('ed') ? 2 : word.endsWith('ing') ? 3 : 0;
  if (cut === 0 || word.length === cut) return word;
  if (!hasVowel(word, word.length - cut)) return word;
  const stem = word.slice(0, -cut);
  if (stem.endsWith('at') || stem.endsWith('bl') || stem.endsWith('iz')) return stem + 'e';
  const lastLetter = stem.charCodeAt(stem.length - 1);
  if (endsWithDoubleConsonant(stem) && lastLetter !== 108 /* l */ && lastLetter !== 115 /* s */ && lastLetter !== 122 /* z */) return stem.slice(0, -1);
  if (measure(stem) === 1 && cvcAt(stem, -3, 3) && lastLetter !== 119 /* w */ && lastLetter !== 120 /* x */ && lastLetter !== Y) return stem + 'e';
  return stem;
}

function step1c(word: string): string {
  // natural asks whether its groups less the last hold a V: a vowel before the run the final y belongs to.
  if (!word.endsWith('y')) return word;
  let end = word.length - 1;
  if (!isVowelAt(word, end)) while (end > 0 && !isVowelAt(word, end - 1)) end--;
  return hasVowel(word, end) ? word.slice(0, -1) + 'i' : word;
}

type Replacements = ReadonlyArray<readonly [suffix: string, replacement: string]>;

/** Items of a list by the last letter of their suffix, each letter's in the list's order: a word's last letter picks its few. */
function byLastLetter<T>(items: readonly T[], suffixOf: (item: T) => string): T[][] {
  const lists = Array.from({ length: 26 }, (): T[] => []);
  for (const item of items) {
    const suffix = suffixOf(item);
    lists[suffix.charCodeAt(suffix.length - 1) - A]!.push(item);
  }
  return lists;
}

const STEP2: Replacements = [
  ['ational', 'ate'], ['tional', 'tion'], ['enci', 'ence'], ['anci', 'ance'], ['izer', 'ize'], ['abli', 'able'],
  ['bli', 'ble'], ['alli', 'al'], ['entli', 'ent'], ['eli', 'e'], ['ousli', 'ous'], ['ization', 'ize'], ['ation', 'ate'],
  ['ator', 'ate'], ['alism', 'al'], ['iveness', 'ive'], ['fulness', 'ful'], ['ousness', 'ous'], ['aliti', 'al'],
  ['iviti', 'ive'], ['biliti', 'ble'], ['logi', 'log'],
];

const STEP3: Replacements = [
  ['icate', 'ic'], ['ative', ''], ['alize', 'al'], ['iciti', 'ic'], ['ical', 'ic'], ['ful', ''], ['ness', ''],
];

/**
 * natural's replacePatterns with a measure above 0: each suffix the word came with, whose stem measures above 0, is
 * replaced on the word as the earlier suffixes left it (when it still ends so, and the result is not empty).
 */
function replaceSuffixes(word: string, byLetter: readonly Replacements[]): string {
  let replaced = word;
  // Only suffixes ending in the word's last letter can match the word.
  for (const [suffix, replacement] of byLetter[word.charCodeAt(word.length - 1) - A]!) {
    if (!word.endsWith(suffix) || measure(word, word.length - suffix.length) <= 0) continue;
    if (replaced.endsWith(suffix)) replaced = replaced.slice(0, -suffix.length) + replacement || replaced;
  }
  return replaced || word;
}

const STEP2_BY_LETTER = byLastLetter(STEP2, ([suffix]) => suffix);
const STEP3_BY_LETTER = byLastLetter(STEP3, ([suffix]) => suffix);

function step2(word: string): string {
  return replaceSuffixes(word, STEP2_BY_LETTER);
}

function step3(word: string): string {
  return replaceSuffixes(word, STEP3_BY_LETTER);
}

const STEP4 = ['al', 'ance', 'ence', 'er', 'ic', 'able', 'ible', 'ant', 'ement', 'ment', 'ent', 'ou', 'ism', 'ate', 'iti', 'ous', 'ive', 'ize'];
const STEP4_BY_LETTER = byLastLetter(STEP4, (suffix) => suffix);

function step4(word: string): string {
  // natural's /^(.+?)(al|…|ize)$/: the shortest stem of at least one letter, so the longest of the suffixes.
  let longest = 0;
  for (const suffix of STEP4_BY_LETTER[word.charCodeAt(word.length - 1) - A]!) if (suffix.length > longest && word.length > suffix.length && word.endsWith(suffix)) longest = suffix.length;
  if (longest > 0 && measure(word, word.length - longest) > 1) return word.slice(0, -longest);
  if (word.length > 4 && (word.endsWith('sion') || word.endsWith('tion')) && measure(word, word.length - 3) > 1) return word.slice(0, -3);
  return word;
}

function step5a(word: string): string {
  const endsWithE = word.endsWith('e');
  const m = measure(word, endsWithE ? word.length - 1 : word.length);
  const secondLast = word.length >= 2 ? word.charCodeAt(word.length - 2) : 0;
  const shortSyllable = cvcAt(word, -4, 3) && word.length >= 2 && secondLast !== 119 && secondLast !== 120 && secondLast !== Y;
  if (m > 1 || (m === 1 && !shortSyllable)) return endsWithE ? word.slice(0, -1) : word;
  return word;
}

function step5b(word: string): string {
  if (measure(word) > 1 && word.endsWith('ll')) return word.slice(0, -1);
  return word;
}
