import { describe, expect, it } from 'vitest';
import { analyze } from '../../src/text/analyze.js';
import { rankCanonicalCandidates } from '../../src/judge/canonical.js';

/** One-word shingles, so shared and own shingle counts are word counts. */
const doc = (id: string, text: string, date?: string) =>
  analyze({ id, source: `${id}.txt`, text, ...(date === undefined ? {} : { date }) }, 1);

describe('rankCanonicalCandidates', () => {
  it('puts the earliest copy first, whatever its completeness, when every copy is dated', () => {
    const docs = [
      doc('full', 'alpha beta gamma delta', '2023-09-12T10:00:00.000Z'),
      doc('early', 'alpha beta teaser', '2023-09-12T08:00:00.000Z'),
      doc('late', 'alpha beta gamma delta', '2023-09-13T08:00:00.000Z'),
    ];
    const ranked = rankCanonicalCandidates(docs);
    expect(ranked.map((r) => r.index)).toEqual([1, 0, 2]);
    expect(ranked[0]!.reason).toEqual({
      rule: 'earliest-date',
      text: 'earliest publication date (2023-09-12T08:00:00.000Z) of the 3 copies, all dated',
    });
  });

  it('lets dates only break ties when some copies are undated, and says why', () => {
    const ranked = rankCanonicalCandidates([
      doc('a', 'alpha beta gamma'),
      doc('b', 'gamma delta', '1987-02-26T15:01:01.790Z'),
      doc('c', 'alpha beta delta', '1987-02-27T15:01:01.790Z'),
    ]);
    // a and c: 3 shared − 0 own; b: 2 − 0. c is dated and a is not, so c wins their tie.
    expect(ranked.map((r) => r.index)).toEqual([2, 0, 1]);
    expect(ranked[0]!.reason).toEqual({
      rule: 'most-complete',
      text: 'most complete copy: 3 of its 3 shingles are shared with other copies, 0 are its own (dates cannot decide: 1 of the 3 copies have none)',
    });
  });

  it('puts a preferred source first, before dates and completeness', () => {
    const docs = [doc('wire/afp.txt', 'alpha beta', '2023-09-13T00:00:00.000Z'), doc('site/x.txt', 'alpha beta gamma', '2023-09-12T00:00:00.000Z')];
    const ranked = rankCanonicalCandidates(docs, { preferred: (d) => d.id.startsWith('wire/'), preferredLabel: '"wire/*"' });
    expect(ranked.map((r) => r.index)).toEqual([0, 1]);
    expect(ranked[0]!.reason).toEqual({ rule: 'preferred-source', text: 'preferred source: matches --prefer "wire/*"' });
    expect(ranked[1]!.reason.rule).toBe('earliest-date');
  });

  it('without dates, prefers most shingles shared with other copies minus shingles of its own', () => {
    // alpha beta: in all three; gamma delta: in a and b; epsilon: b only; zeta: c only.
    const docs = [
      doc('c', 'alpha beta zeta'), // 2 shared − 1 own = 1
      doc('b', 'alpha beta gamma delta epsilon'), // 4 − 1 = 3
      doc('a', 'alpha beta gamma delta'), // 4 − 0 = 4
    ];
    const ranked = rankCanonicalCandidates(docs);
    expect(ranked.map((r) => r.index)).toEqual([2, 1, 0]);
    expect(ranked.map((r) => r.reason)).toEqual([
      { rule: 'most-complete', text: 'most complete copy: 4 of its 4 shingles are shared with other copies, 0 are its own' },
      { rule: 'most-complete', text: 'most complete copy: 4 of its 5 shingles are shared with other copies, 1 is its own' },
      { rule: 'most-complete', text: 'most complete copy: 2 of its 3 shingles are shared with other copies, 1 is its own' },
    ]);
  });

  it('breaks a score tie by the longer text', () => {
    // Both have shingles {alpha, beta}, all shared; the second has four words.
    const ranked = rankCanonicalCandidates([doc('a', 'alpha beta'), doc('b', 'alpha beta alpha beta')]);
    expect(ranked.map((r) => r.index)).toEqual([1, 0]);
    expect(ranked[0]!.reason).toEqual({ rule: 'most-complete', text: 'most complete copy: all 2 copies hold the same 2 shingles; the longer text, then the first id, is taken' });
  });

  it('says so when the copies hold the same shingles, rather than counting none of them shared', () => {
    const ranked = rankCanonicalCandidates([doc('b', 'alpha beta gamma'), doc('a', 'alpha beta gamma', '2024-01-02T00:00:00.000Z'), doc('c', 'alpha beta gamma')]);
    expect(ranked.map((r) => r.index)).toEqual([1, 0, 2]);
    expect(ranked[0]!.reason).toEqual({ rule: 'most-complete', text: 'most complete copy: all 3 copies hold the same 3 shingles; the one dated is taken' });
    const twoDated = rankCanonicalCandidates([doc('b', 'alpha beta', '2024-01-03T00:00:00.000Z'), doc('a', 'alpha beta'), doc('c', 'alpha beta', '2024-01-02T00:00:00.000Z')]);
    expect(twoDated.map((r) => r.index)).toEqual([2, 0, 1]);
    expect(twoDated[0]!.reason.text).toBe('most complete copy: all 3 copies hold the same 2 shingles; the earliest of the 2 dated is taken');
    expect(rankCanonicalCandidates([doc('a', 'alpha'), doc('b', 'alpha')])[0]!.reason.text).toBe('most complete copy: all 2 copies hold the same 1 shingle; the longer text, then the first id, is taken');
  });

  it('breaks a full tie by the smaller id, so input order does not matter', () => {
    const forward = rankCanonicalCandidates([doc('site-b', 'alpha beta'), doc('site-a', 'alpha beta')]);
    expect(forward.map((r) => r.index)).toEqual([1, 0]);
    const backward = rankCanonicalCandidates([doc('site-a', 'alpha beta'), doc('site-b', 'alpha beta')]);
    expect(backward.map((r) => r.index)).toEqual([0, 1]);
  });

  it('breaks a date tie by completeness', () => {
    const at = '2024-01-01T00:00:00.000Z';
    const ranked = rankCanonicalCandidates([doc('a', 'alpha beta extra words', at), doc('b', 'alpha beta', at)]);
    // a: 2 shared − 2 own = 0; b: 2 − 0 = 2.
    expect(ranked.map((r) => r.index)).toEqual([1, 0]);
  });
});
