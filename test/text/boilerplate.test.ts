import { describe, expect, it } from 'vitest';
import { analyze } from '../../src/text/analyze.js';
import {
  DEFAULT_BOILERPLATE_MIN_DOCUMENTS,
  type LearnedBoilerplate,
  learnBoilerplate,
  LineKeyState,
  lineKeys,
  lineSpans,
  lineWithKey,
  MIN_LINE_WORDS,
} from '../../src/text/boilerplate.js';
import { hashString } from '../../src/text/tokenize.js';
import { foldText, normalizeText } from '../../src/text/normalize.js';
import { shingleMeasures } from '../../src/judge/verify.js';
import { syntheticText } from '../helpers/synthetic.js';

const keyOf = (line: string) => {
  const keys = lineKeys(line);
  expect(keys).toHaveLength(1);
  return keys[0]!;
};

describe('lineKeys', () => {
  it('keys a line by its folded text with white space collapsed (hashString of it)', () => {
    expect(keyOf('  To suggest a correction,\twrite to   us here  ')).toBe(hashString('to suggest a correction, write to us here'));
  });

  it('ignores case, quote and dash style, diacritics and white space', () => {
    const key = keyOf("Don't Miss — Café news");
    for (const variant of ['DON’T MISS - CAFE NEWS', "  don't   miss — café  news\r", 'Don\u2019t\u00a0Miss \u2013 Cafe\u0301 news']) expect(keyOf(variant)).toBe(key);
    expect(keyOf("Don't Miss: Cafe news")).not.toBe(key);
  });

  it(`skips lines of fewer than ${MIN_LINE_WORDS} words and blank lines`, () => {
    expect(MIN_LINE_WORDS).toBe(3);
    expect(lineKeys('Reuter\n\nGo toTop\n \n12 September\n4 mins read')).toEqual(Int32Array.of(keyOf('4 mins read')));
  });

  it('returns the distinct keys, sorted', () => {
    const keys = lineKeys('Sign up for our newsletter\nfirst line of the story\nSIGN UP FOR OUR NEWSLETTER\nlast line of it all');
    expect(keys).toHaveLength(3);
    expect([...keys]).toEqual([...keys].sort((a, b) => a - b));
    expect(new Set(keys).size).toBe(3);
  });

  it('normalises raw text as analyze does (NFKC)', () => {
    expect(lineKeys('ﬁrst ﬂoor of the building')).toEqual(lineKeys('first floor of the building'));
  });
});

describe('lineSpans', () => {
  it('gives the UTF-16 range of each keyed line, white space at its ends left out', () => {
    const text = 'Kim met Putin in Vladivostok.\n  Don’t Miss the latest  \nThe talks lasted hours.\n\nDon’t miss the latest\n';
    const spans = lineSpans(text, new Set([keyOf("don't miss the latest")]));
    expect(spans.map((s) => text.slice(s.start, s.end))).toEqual(['Don’t Miss the latest', 'Don’t miss the latest']);
    expect(spans[0]!.start).toBe(text.indexOf('Don'));
  });

  it('gives no spans for an empty set or unmatched keys', () => {
    expect(lineSpans('one two three four', new Set())).toEqual([]);
    expect(lineSpans('one two three four', new Set([keyOf('five six seven')]))).toEqual([]);
  });

  it('offsets point into the NFKC text analyze holds', () => {
    const raw = 'Ｆｕｌｌｗｉｄｔｈ heading line here\nSubscribe to our newsletter today';
    const doc = analyze({ id: 'a', source: 'a', text: raw }, 5);
    const [span] = lineSpans(doc.text, new Set([keyOf('subscribe to our newsletter today')]));
    expect(doc.text.slice(span!.start, span!.end)).toBe('Subscribe to our newsletter today');
  });
});

describe('lineWithKey', () => {
  it('finds the line of a key, white space collapsed', () => {
    expect(lineWithKey('story text here\n  Sign up   for alerts  \n', keyOf('sign up for alerts'))).toBe('Sign up for alerts');
    expect(lineWithKey('story text here', keyOf('sign up for alerts'))).toBeUndefined();
  });
});

const FURNITURE = ['To suggest a correction or clarification, write to us here', "Don't Miss these stories today"];

/** Unrelated synthetic stories of four paragraphs, each ending with the site's furniture. */
function siteArticle(n: number, furniture = FURNITURE): string {
  const paragraphs = [0, 1, 2, 3].map((p) => syntheticText(n * 10 + p, 30, 3));
  return [...paragraphs, ...furniture].join('\n\n');
}

/** One story syndicated `copies` times, each copy with its own outlet's one-line note. */
function syndicated(copies: number): string[] {
  const paragraphs = [0, 1, 2, 3].map((p) => syntheticText(900 + p, 30, 4));
  return Array.from({ length: copies }, (_, i) => [...paragraphs, `Published by outlet number ${i}`].join('\n\n'));
}

/** learnBoilerplate over texts, related when exact shingle Jaccard reaches 0.3. */
function learn(texts: string[], minDocuments = DEFAULT_BOILERPLATE_MIN_DOCUMENTS, sample?: number): LearnedBoilerplate {
  const docs = texts.map((text, i) => analyze({ id: String(i), source: String(i), text }, 5));
  const calls: Array<[number, number]> = [];
  const learned = learnBoilerplate(
    {
      lineKeys: texts.map(lineKeys),
      related: (a, b) => {
        calls.push([a, b]);
        return shingleMeasures(docs[a]!.shingleSet, docs[b]!.shingleSet).jaccard >= 0.3;
      },
      lineText: (d, key) => lineWithKey(texts[d]!, key)!,
    },
    sample === undefined ? { minDocuments } : { minDocuments, sample },
  );
  for (const [a, b] of calls) expect(a).toBeLessThan(b);
  return learned;
}

describe('learnBoilerplate', () => {
  it('learns the furniture unrelated articles share, not the paragraphs of a story syndicated to related copies', () => {
    const texts = [...Array.from({ length: 6 }, (_, n) => siteArticle(n)), ...syndicated(8)];
    const learned = learn(texts);
    expect(learned.lines).toEqual([
      { key: keyOf(FURNITURE[1]!), documents: 6, text: FURNITURE[1] },
      { key: keyOf(FURNITURE[0]!), documents: 6, text: FURNITURE[0] },
    ]);
    expect([...learned.keys].sort()).toEqual(learned.lines.map((l) => l.key).sort());
  });

  it('learns a line that a syndicated story shares with unrelated articles when most sampled pairs are unrelated', () => {
    const copies = syndicated(4).map((t) => `${t}\n\n${FURNITURE[0]}`);
    const learned = learn([...Array.from({ length: 6 }, (_, n) => siteArticle(n, [FURNITURE[0]!])), ...copies]);
    expect(learned.lines.map((l) => [l.text, l.documents])).toEqual([[FURNITURE[0], 10]]);
  });

  it('requires minDocuments documents', () => {
    const texts = Array.from({ length: 4 }, (_, n) => siteArticle(n));
    expect(learn(texts).lines).toEqual([]);
    expect(learn(texts, 4).lines.map((l) => l.documents)).toEqual([4, 4]);
    expect(DEFAULT_BOILERPLATE_MIN_DOCUMENTS).toBe(5);
  });

  it('samples a spread of the documents holding a line', () => {
    // 30 copies of one story first, then 30 unrelated articles, all with the same line: a sample of the first 12 would
    // see only related pairs; one spread over all 60 sees mostly unrelated ones.
    const copies = syndicated(30).map((t) => `${t}\n\n${FURNITURE[0]}`);
    const texts = [...copies, ...Array.from({ length: 30 }, (_, n) => siteArticle(n, [FURNITURE[0]!]))];
    expect(learn(texts).lines.map((l) => l.documents)).toEqual([60]);
    expect(learn(texts.slice(0, 32)).lines).toEqual([]);
  });

  it('cuts long lines to about 80 characters and orders by documents, then text', () => {
    const long = 'Read more about this and many other stories in our weekly digest, which you can receive by email every Friday morning';
    const texts = Array.from({ length: 7 }, (_, n) => siteArticle(n, n < 5 ? [long, 'Zebra crossing notes apply'] : ['Zebra crossing notes apply']));
    const learned = learn(texts);
    expect(learned.lines.map((l) => [l.documents, l.text])).toEqual([
      [7, 'Zebra crossing notes apply'],
      [5, 'Read more about this and many other stories in our weekly digest, which you …'],
    ]);
    expect(learned.lines[1]!.text.length).toBeLessThanOrEqual(80);
  });

  it('is deterministic, whatever the order of the calls before', () => {
    const texts = [...Array.from({ length: 6 }, (_, n) => siteArticle(n)), ...syndicated(8)];
    expect(learn(texts)).toEqual(learn(texts));
  });

  it('learns a line exactly when fewer than half its sampled pairs are related, asking only until that is known', () => {
    // Line k (1 to 8) held by documents 0 to k + 3: 5 to 12 holders, all sampled. The relation holds for a seeded share
    // of the pairs that grows with the documents' numbers, so some lines are learned and some not.
    let x = 11;
    const random = () => ((x = (Math.imul(x, 1103515245) + 12345) >>> 0) % 1000) / 1000;
    const lineKeysOf = Array.from({ length: 12 }, (_, d) => Int32Array.from([1, 2, 3, 4, 5, 6, 7, 8].filter((key) => d <= key + 3)));
    const relatedPairs = new Set<number>();
    for (let a = 0; a < 12; a++) for (let b = a + 1; b < 12; b++) if (random() < (a + b) / 16) relatedPairs.add(a * 12 + b);
    let asked = 0;
    const learned = learnBoilerplate(
      {
        lineKeys: lineKeysOf,
        related: (a, b) => {
          asked++;
          return relatedPairs.has(a * 12 + b);
        },
        lineText: (_d, key) => `line ${key}`,
      },
      { minDocuments: 5, sample: 12 },
    );
    const expected: number[] = [];
    let allPairs = 0;
    for (let key = 1; key <= 8; key++) {
      let related = 0;
      let pairs = 0;
      for (let a = 0; a < key + 4; a++) for (let b = a + 1; b < key + 4; b++, pairs++) if (relatedPairs.has(a * 12 + b)) related++;
      allPairs += pairs;
      if (2 * related < pairs) expected.push(key);
    }
    expect(expected.length).toBeGreaterThan(0);
    expect(expected.length).toBeLessThan(8);
    expect([...learned.keys].sort((a, b) => a - b)).toEqual(expected);
    expect(asked).toBeLessThan(allPairs);
  });

  it('rejects a minDocuments or sample under 2', () => {
    const input = { lineKeys: [], related: () => false, lineText: () => '' };
    expect(() => learnBoilerplate(input, { minDocuments: 1 })).toThrow(RangeError);
    expect(() => learnBoilerplate(input, { minDocuments: 5, sample: 1 })).toThrow(RangeError);
  });
});

describe('LineKeyState', () => {
  it('keys a line as lineKeys does, white space trimmed and collapsed, with where the line starts and ends', () => {
    const text = '  Don’t   miss\tthis story  ';
    const folded = foldText(normalizeText(text));
    const line = new LineKeyState();
    for (let i = 0; i < folded.length; i++) line.unit(folded.charCodeAt(i), i);
    line.words = 4;
    expect(line.keyed()).toBe(true);
    expect([line.hash | 0]).toEqual([...lineKeys(text)]);
    expect(folded.slice(line.start, line.end)).toBe(folded.trim());
    line.reset();
    line.words = 2;
    expect([line.keyed(), line.start, line.hash]).toEqual([false, -1, 0x811c9dc5 | 0]);
  });
});
