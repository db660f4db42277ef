import { describe, expect, it } from 'vitest';
import { analyze } from '../../src/text/analyze.js';
import { withDefaults } from '../../src/options.js';
import { sentenceFeatures } from '../../src/text/sentences.js';
import { MIN_EVIDENCE_WORDS } from '../../src/judge/relation.js';
import {
  comparePair,
  isCopy,
  MIN_CONTAINMENT_SHINGLES,
  sentenceReuse,
  type ShingleMeasures,
  shingleMeasures,
  tooShortToJudge,
} from '../../src/judge/verify.js';

const ints = (...values: number[]) => Int32Array.from(values);
const measures = (m: Partial<ShingleMeasures>): ShingleMeasures => ({ jaccard: 0, aInB: 0, bInA: 0, shared: 0, ...m });
const containment = { metric: 'containment', threshold: 0.7, shingleSize: 5 } as const;
const jaccard = { metric: 'jaccard', threshold: 0.5, shingleSize: 5 } as const;

describe('shingleMeasures', () => {
  it('gives exact Jaccard, both containments and the shared count', () => {
    expect(shingleMeasures(ints(1, 2, 3, 4), ints(3, 4, 5))).toEqual({ jaccard: 2 / 5, aInB: 2 / 4, bInA: 2 / 3, shared: 2 });
    expect(shingleMeasures(ints(-7, 0, 9), ints(-7, 0, 9))).toEqual({ jaccard: 1, aInB: 1, bInA: 1, shared: 3 });
    expect(shingleMeasures(ints(1, 2), ints(3))).toEqual({ jaccard: 0, aInB: 0, bInA: 0, shared: 0 });
  });

  it('is 0, not NaN, for empty sets', () => {
    expect(shingleMeasures(ints(), ints())).toEqual({ jaccard: 0, aInB: 0, bInA: 0, shared: 0 });
    expect(shingleMeasures(ints(1), ints())).toEqual({ jaccard: 0, aInB: 0, bInA: 0, shared: 0 });
  });
});

describe('isCopy', () => {
  it('with the jaccard metric, looks at Jaccard alone', () => {
    expect(isCopy(measures({ jaccard: 0.5 }), 100, 100, jaccard)).toBe(true);
    expect(isCopy(measures({ jaccard: 0.49, aInB: 1, bInA: 1 }), 100, 100, jaccard)).toBe(false);
  });

  it('with containment, accepts either side contained at the threshold', () => {
    expect(isCopy(measures({ jaccard: 0.3, aInB: 0.7 }), 100, 300, containment)).toBe(true);
    expect(isCopy(measures({ jaccard: 0.3, bInA: 0.7 }), 300, 100, containment)).toBe(true);
    expect(isCopy(measures({ jaccard: 0.3, aInB: 0.69, bInA: 0.69 }), 100, 100, containment)).toBe(false);
  });

  it('links a text too short to judge (under 25 words: 21 shingles of 5 words) only to an exact copy of its words', () => {
    expect(MIN_CONTAINMENT_SHINGLES).toBe(20);
    expect([20, 21].map((shingles) => tooShortToJudge(shingles, 5))).toEqual([true, false]);
    expect(tooShortToJudge(24, 1)).toBe(true);
    expect(isCopy(measures({ jaccard: 0.1, aInB: 1 }), 21, 500, containment)).toBe(true);
    expect(isCopy(measures({ jaccard: 0.1, aInB: 1 }), 20, 500, containment)).toBe(false);
    expect(isCopy(measures({ jaccard: 0.1, bInA: 1 }), 500, 20, containment)).toBe(false);
    // Two short texts: a near copy is not enough, under either metric; an exact one is.
    expect(isCopy(measures({ jaccard: 0.9, aInB: 0.95, bInA: 0.95 }), 19, 19, containment)).toBe(false);
    expect(isCopy(measures({ jaccard: 0.9, aInB: 0.95, bInA: 0.95 }), 19, 19, jaccard)).toBe(false);
    expect(isCopy(measures({ jaccard: 1, aInB: 1, bInA: 1 }), 3, 3, containment)).toBe(true);
  });
});

const story = [
  'Kim Jong Un arrived in Vladivostok by armoured train on Tuesday.',
  'The North Korean leader will meet President Vladimir Putin at the Eastern Economic Forum.',
  'Washington warned Pyongyang against supplying artillery shells to Moscow.',
  'Analysts expect talks on satellite technology and food aid.',
  'The Kremlin declined to confirm the exact schedule of the summit.',
];
const rewrite = [
  'On Tuesday Kim Jong Un reached Vladivostok aboard his armored train.',
  'The leader of North Korea is due to meet President Vladimir Putin during the Eastern Economic Forum.',
  'Washington has warned Pyongyang not to supply artillery shells to Moscow.',
  'Analysts say the talks could cover satellite technology and food aid.',
  'The Kremlin would not confirm the exact schedule of the summit.',
];
const doc = (id: string, sentences: string[]) => analyze({ id, source: id, text: sentences.join(' ') }, 5);

describe('sentenceReuse', () => {
  const a = doc('a', story);
  const b = doc('b', rewrite);
  const options = { rewriteThreshold: 0.5, minAlignedSentences: 2 };
  const noVerbatim = { aInB: 0, bInA: 0 };

  it('derives each re-worded sentence from the one it re-words, in any order', () => {
    const found = sentenceReuse(sentenceFeatures(a.tokens), sentenceFeatures(b.tokens), a.tokens.count, b.tokens.count, noVerbatim, options);
    expect(found?.kind).toBe('derived');
    expect(found?.reuse.derived).toEqual([0, 1, 2, 3, 4].map((i) => ({ member: i, canonical: [i] })));
    const shuffledDoc = doc('c', [3, 1, 4, 0, 2].map((i) => rewrite[i]!));
    const shuffled = sentenceReuse(sentenceFeatures(a.tokens), sentenceFeatures(shuffledDoc.tokens), a.tokens.count, shuffledDoc.tokens.count, noVerbatim, options);
    expect(shuffled?.reuse.derived.map((d) => [d.member, d.canonical[0]])).toEqual([[0, 3], [1, 1], [2, 4], [3, 0], [4, 2]]);
  });

  it('asks a member with fewer sentences than minAlignedSentences for all of them, and judges nothing under MIN_EVIDENCE_WORDS', () => {
    const found = sentenceReuse(sentenceFeatures(a.tokens), sentenceFeatures(b.tokens), a.tokens.count, b.tokens.count, noVerbatim, { ...options, rewriteThreshold: 1, minAlignedSentences: 6 });
    expect(found?.kind).toBe('derived');
    const tooShort = doc('d', rewrite.slice(0, 1));
    expect(tooShort.tokens.count).toBeLessThan(MIN_EVIDENCE_WORDS);
    expect(sentenceReuse(sentenceFeatures(a.tokens), sentenceFeatures(tooShort.tokens), a.tokens.count, tooShort.tokens.count, noVerbatim, options)).toBeUndefined();
  });
});

describe('comparePair', () => {
  const features = (d: ReturnType<typeof doc>) => sentenceFeatures(d.tokens);
  const options = withDefaults({ paths: [] });
  const a = doc('a', story);

  it('links a verbatim copy on shingles', () => {
    const link = comparePair(a, doc('b', story), features, options);
    expect(link?.basis).toBe('shingles');
    expect(link?.measures.jaccard).toBe(1);
    expect(link?.alignment).toBeUndefined();
  });

  it('links a rewrite on sentences when shingles fall short, and not when rewrites are off', () => {
    const b = doc('b', rewrite);
    const link = comparePair(a, b, features, options);
    expect(link?.basis).toBe('sentences');
    expect(link?.measures.aInB).toBeLessThan(0.7);
    expect(link?.alignment?.shareOfMember).toBe(1);
    expect(link?.alignment?.shareOfCanonical).toBe(1);
    expect(comparePair(a, b, features, { ...options, rewrites: false })).toBeUndefined();
    expect(comparePair(a, b, () => undefined, options)).toBeUndefined();
  });
});

describe('comparePair, the canonical derived from the member', () => {
  const features = (d: ReturnType<typeof doc>) => sentenceFeatures(d.tokens);
  const options = withDefaults({ paths: [] });
  // The short item says in one sentence what the long one splits into three: told from the short one's side, that one
  // sentence comes from all three.
  const long = doc('long', [
    'Acme Corp said its board will elect in May Jane Doe as its chief executive officer.',
    'The company said she will succeed Richard Roe, who is also chairman.',
    'It said Doe, 48, is now president and chief operating officer.',
    'Roe, 61, has served as CEO since 1975 and chairman since 1979.',
    'He will continue as chairman until his retirement in July 1990.',
  ]);
  const short = doc('short', [
    'Acme Corp said Jane Q. Doe, 48, president and chief operating officer, will succeed Richard Roe as chief executive officer on May 12.',
    'Roe, 61, will continue as chairman until he retires in July 1990, Acme said.',
  ]);

  it('gives each member sentence every canonical sentence written from it, which may be more than two', () => {
    // The long one as the member: its sentences are the sources of the short one's ("Jane Q." ends a sentence there).
    const link = comparePair(long, short, features, options);
    expect(link?.basis).toBe('sentences');
    const derived = link!.alignment!.derived;
    expect(derived.find((d) => d.member === 0)?.canonical).toEqual([0, 1, 2]);
    // Each canonical sentence still comes from one member sentence.
    const sources = derived.flatMap((d) => d.canonical);
    expect(new Set(sources).size).toBe(sources.length);
  });
});
