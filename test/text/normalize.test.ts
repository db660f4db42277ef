import { describe, expect, it } from 'vitest';
import { canonicalSpelling, foldText, normalizeText, spellingVariants } from '../../src/text/normalize.js';

describe('normalizeText', () => {
  it('applies NFKC: ligatures, full-width letters, no-break spaces and composed accents', () => {
    expect(normalizeText('\uFB01nal')).toBe('final');
    expect(normalizeText('\uFF21\uFF22\uFF23 \uFF11\uFF12')).toBe('ABC 12');
    expect(normalizeText('10\u00A0km')).toBe('10 km');
    expect(normalizeText('Cafe\u0301')).toBe('Caf\u00E9');
  });
});

describe('foldText', () => {
  it('folds curly quotes, dashes, case and diacritics', () => {
    expect(foldText('\u201CZ\u00FCrich\u201D \u2014 it\u2019s Caf\u00E9 \u00D1and\u00FA')).toBe('"zurich" - it\'s cafe nandu');
    expect(foldText('\u2018a\u2019 \u201Eb\u201F \u00ABc\u00BB \u2032d\u00B4')).toBe('\'a\' "b" "c" \'d\'');
    expect(foldText('\u2010\u2011\u2012\u2013\u2014\u2015\u2212\uFE58\uFE63\uFF0D')).toBe('----------');
    expect(foldText('\u00C0\u00C9\u00CE\u00D5\u00DC\u00C7 \u0160\u0107\u0141')).toBe('aeiouc sc\u0142');
  });

  it('lower-cases ASCII text on its fast path', () => {
    expect(foldText('PUTIN Meets KIM, 5.93 MLN')).toBe('putin meets kim, 5.93 mln');
  });

  it('folds Cyrillic and Greek case and strips the diaeresis of Ё', () => {
    expect(foldText('\u041C\u041E\u0421\u041A\u0412\u0410')).toBe('\u043C\u043E\u0441\u043A\u0432\u0430');
    expect(foldText('\u0401\u0436')).toBe('\u0435\u0436');
    expect(foldText('\u03A9mega')).toBe('\u03C9mega');
  });

  it('keeps surrogate pairs and units it cannot fold in one unit', () => {
    expect(foldText('A\uD83D\uDE00B')).toBe('a\uD83D\uDE00b');
    expect(foldText('Stra\u00DFe')).toBe('stra\u00DFe');
    // U+0130 lower-cases to two units, so it must stay one unit.
    expect(foldText('\u0130').length).toBe(1);
  });

  it('folds U+0130 (capital I with dot) to lower-case i, like every other capital', () => {
    // BUG src/normalize.ts:34-37: when toLowerCase() lengthens the unit, the base letter is taken from the upper-case
    // NFD form, so "İSTANBUL" folds to "Istanbul" and never matches "istanbul".
    expect(foldText('\u0130STANBUL')).toBe('istanbul');
  });

  it('preserves length, so offsets in folded text are offsets in the NFKC text', () => {
    const samples = [
      '',
      'plain ascii',
      'Caf\u00E9 \u201Cquoted\u201D \u2014 dash',
      '\u0130stanbul \u00DF \u0149 \u01C4 \u1E9E',
      'emoji \uD83D\uDE00\uD83C\uDDEB\uD83C\uDDF7 and \uD835\uDC00 math',
      'lone \uD800 surrogate \uDC00',
      '\u041C\u043E\u0441\u043A\u0432\u0430 \u4E2D\u6587 \uAC00\uB098',
    ];
    for (const s of samples) {
      const folded = foldText(s);
      expect(folded.length).toBe(s.length);
      // Unit for unit: each unit folds the same on its own as inside the text.
      for (let i = 0; i < s.length; i++) expect(folded[i]).toBe(foldText(s[i]!));
    }
  });

  it('preserves length past the 8192-unit chunk boundary', () => {
    const s = '\u00C9t\u00E9 '.repeat(5000);
    const folded = foldText(s);
    expect(folded.length).toBe(20000);
    expect(folded).toBe('ete '.repeat(5000));
  });
});

describe('canonicalSpelling', () => {
  it('maps British variants to the American form', () => {
    expect(canonicalSpelling('armoured')).toBe('armored');
    expect(canonicalSpelling('armour')).toBe('armor');
    expect(canonicalSpelling('colour')).toBe('color');
    expect(canonicalSpelling('defence')).toBe('defense');
    expect(canonicalSpelling('programme')).toBe('program');
    expect(canonicalSpelling('centre')).toBe('center');
    expect(canonicalSpelling('travelled')).toBe('traveled');
    expect(canonicalSpelling('organisation')).toBe('organization');
    expect(canonicalSpelling('grey')).toBe('gray');
  });

  it('leaves American forms and other words as they are', () => {
    expect(canonicalSpelling('armored')).toBe('armored');
    expect(canonicalSpelling('train')).toBe('train');
    expect(canonicalSpelling('')).toBe('');
  });

  it('never reaches Object.prototype for tokens like "constructor"', () => {
    expect(canonicalSpelling('constructor')).toBe('constructor');
    expect(canonicalSpelling('__proto__')).toBe('__proto__');
    expect(canonicalSpelling('hasownproperty')).toBe('hasownproperty');
  });

  it('lists variants whose targets are fixed points', () => {
    const variants = spellingVariants();
    expect(variants.get('manoeuvres')).toBe('maneuvers');
    for (const [from, to] of variants) {
      expect(from).not.toBe(to);
      expect(canonicalSpelling(to)).toBe(to);
      expect(canonicalSpelling(from)).toBe(to);
    }
  });
});
