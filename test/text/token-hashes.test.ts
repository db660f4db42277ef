import { readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyze } from '../../src/text/analyze.js';
import { DistinctCounter, Fingerprinter } from '../../src/text/token-hashes.js';
import { spellingVariants } from '../../src/text/normalize.js';
import { agrees, BACKENDS, fingerprinters } from '../helpers/fast-paths.js';
import { seedsDir } from '../helpers/paths.js';

/** Words met nowhere else, so their stems are learnt from this text's offsets (stems are cached by token). */
function unseenWords(tag: string, count: number): string {
  return Array.from({ length: count }, (_, i) => `${tag}ized${i}ing`).join(' ');
}

describe.each(BACKENDS)('Fingerprinter with the %s tokeniser', (backend) => {
  it('runs here', () => {
    expect(fingerprinters[backend].backend).toBe(backend);
  });

  it('tokenises, shingles and stems as analyze() does, on the seeds and on awkward text', () => {
    const texts = readdirSync(seedsDir).map((f) => readFileSync(resolve(seedsDir, f), 'utf8'));
    texts.push(
      'İSTANBUL café “quoted” — dash ﬁne armoured colour Ａｂｃ 1,000.5 $3bn e-mail',
      '',
      '   ',
      'one',
      'a b c d',
      '\n\n',
      '  Line  one\u00a0here \r\n\n line ONE here\nshort\n\tthird   line\twith words  ',
      'trailing spaces on this line   \nand a tab after this one\t\n   leading spaces on this line',
      // Where sentences end: . ! ? before white space in a gap, a blank line (white space between its newlines).
      'Is it? Yes! No. "Quoted." (aside.) end?! x ?y a.b 5.93 e.g.x one.\ntwo three!\tfour',
      'a\n \n b\n\t\nc\r\n\r\nd\n.\ne\n-\nf?\r\ng!"\u00a0h.)\ni',
      // Non-ASCII only late (the ASCII run stops there), then unseen words whose stems come from offsets in NFKC text.
      `${'plain ascii words '.repeat(50)} ﬁnal ﬂow Ⅻ ${unseenWords(`${backend}a`, 5)} end`,
      // Astral units, a lone surrogate, a NUL, Cyrillic, CJK and many distinct non-ASCII units in one text.
      `emoji 😀 here \ud800 lone \u0000 nul Москва Кремль 北京 ${Array.from({ length: 300 }, (_, i) => String.fromCharCode(0x100 + i)).join(' ')} ${unseenWords(`${backend}b`, 3)}`,
    );
    for (const text of texts) expect(agrees(text, backend), JSON.stringify(text.slice(0, 40))).toBe(true);
  });

  it('agrees with analyze() on 4,000 random short texts of awkward units (ends of text, line breaks, NUL, surrogates)', () => {
    const units = ['a', 'B', 'z', '9', '_', ' ', '  ', '\n', '\r\n', '\t', '.', ',', '-', 'word ', 'x', '\u00e9', '\u0416', '\u00a0', '\u2028', '\ufb01', '\u0000', '\ud83d\ude00', '\u0130', '\ud800'];
    let x = 12345;
    const next = (k: number) => {
      x ^= x << 13;
      x ^= x >>> 17;
      x ^= x << 5;
      return (x >>> 0) % k;
    };
    const failed: string[] = [];
    for (let k = 0; k < 4000; k++) {
      // Half of them ASCII only (the kernel's fast path), half with any unit.
      const alphabet = k % 2 === 0 ? 14 : units.length;
      let text = '';
      for (let length = next(40), j = 0; j < length; j++) text += units[next(alphabet)];
      if (!agrees(text, backend)) failed.push(text);
    }
    expect(failed.map((t) => JSON.stringify(t))).toEqual([]);
  });

  it('maps every spelling variant to its canonical spelling, alone, in a run and among other words', () => {
    const pairs = [...spellingVariants()];
    const variants = pairs.map(([variant]) => variant).join(' ');
    const canonicals = pairs.map(([, canonical]) => canonical).join(' ');
    for (const [variant, canonical] of pairs) {
      expect(agrees(variant, backend), variant).toBe(true);
      expect(agrees(`Its ${variant.toUpperCase()} and ${canonical}; the ${variant}s`, backend), variant).toBe(true);
    }
    expect(agrees(`${variants}\n${canonicals}`, backend)).toBe(true);
    fingerprinters[backend].tokenize(variants);
    const mapped = Array.from(fingerprinters[backend].tokenHashes());
    fingerprinters[backend].tokenize(canonicals);
    expect(mapped).toEqual(Array.from(fingerprinters[backend].tokenHashes()));
  });

  it('counts repeated shingles once, and shingles texts of fewer words than k or none', () => {
    const texts = ['', '!!', 'one', 'one two', 'a b c d e f', 'same same same same same same same same', 'x y z '.repeat(40), 'a b a b a b a b c'];
    for (const text of texts) expect(agrees(text, backend, [1, 2, 3, 4, 6, 7, 8, 9, 12, 50]), JSON.stringify(text)).toBe(true);
  });

  it('keeps its views when another fingerprinter tokenises in between', () => {
    const a = new Fingerprinter(backend);
    const b = new Fingerprinter(backend);
    const textA = 'the first text has these words in it and more';
    a.tokenize(textA);
    const tokens = a.tokenHashes();
    const shingles = a.shingles(5);
    b.tokenize('another text entirely, longer than the first one by quite a few words, to be sure');
    b.shingles(3);
    b.distinctShingles();
    const doc = analyze({ id: 'x', text: textA, source: 'x' }, 5);
    expect(Array.from(tokens)).toEqual(Array.from(doc.tokenHashes));
    expect(Array.from(shingles)).toEqual(Array.from(doc.shingles));
    expect(a.distinctShingles()).toBe(new Set(doc.shingles).size);
  });

  it('gives views that stay right across calls with growing buffers', () => {
    const long = Array.from({ length: 6000 }, (_, i) => `word${i % 97}`).join(' ');
    expect(agrees(long, backend)).toBe(true);
    expect(agrees(`${'x'.repeat(300_000)} ${long}\n${long}`, backend)).toBe(true);
    expect(agrees('short text after a long one', backend)).toBe(true);
  });
});

describe('DistinctCounter', () => {
  it('counts distinct values, table reused across calls of any size', () => {
    const counter = new DistinctCounter();
    expect(counter.count(Int32Array.of())).toBe(0);
    expect(counter.count(Int32Array.of(5, 5, -1, 0, 0, 7))).toBe(4);
    const big = Int32Array.from({ length: 10_000 }, (_, i) => Math.imul(i % 3000, 0x9e3779b1));
    expect(counter.count(big)).toBe(3000);
    expect(counter.count(Int32Array.of(1, 2))).toBe(2);
  });
});

// On the 19,043 Reuters stories, with analyzeFingerprinted against one reference per story: reuters-corpus.test.ts.
