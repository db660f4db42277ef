import { describe, expect, it } from 'vitest';
import { analyze } from '../../src/text/analyze.js';
import { pairFigures, type PairOptions } from '../../src/judge/pair-figures.js';
import { withDefaults } from '../../src/options.js';

const options: PairOptions = withDefaults({ paths: [] });
const doc = (id: string, sentences: readonly string[], date?: string) => analyze({ id, source: id, text: sentences.join(' '), ...(date ? { date } : {}) }, 5);

const wire = [
  'Comedian Les Dawson was honoured with a blue plaque at the Palace Theatre in Manchester today.',
  'The plaque was unveiled by his comedy partner Roy Barraclough in front of family and friends.',
  'Dawson, the former host of Blankety Blank, died in 1993 at the age of 62.',
  'A second plaque honours the variety star Norman Evans, one of his greatest influences.',
  'Tickets for the memorial show at the theatre sold out within two hours.',
  'The theatre plans a season of northern comedy next spring, its director Jane Hollis said.',
];

describe('pairFigures', () => {
  it('of two identical texts: Jaccard 1, containment 1 both ways, every sentence verbatim, a copy', () => {
    const f = pairFigures(doc('a', wire), doc('b', wire), options);
    expect(f.jaccard).toBe(1);
    expect(f.estimatedJaccard).toBe(1);
    expect(f.containment).toEqual({ aInB: 1, bInA: 1 });
    expect(f.sentences.aligned.map((s) => [s.a.index, s.b.map((b) => b.index), s.kind])).toEqual(wire.map((_, i) => [i, [i], 'verbatim']));
    expect(f.sentences.shareOfA).toBe(1);
    expect(f.sentences.shareOfB).toBe(1);
    expect(f.relation).toMatchObject({ member: 'a', canonical: 'b', relation: 'copy', basis: 'shingles' });
    expect(f.relation.reason).toContain('copy by shingles: Jaccard 1 reaches --threshold 0.7');
    expect(f.reverse.relation).toBe('copy');
  });

  it('gives each aligned sentence its text range in A and B', () => {
    const a = doc('a', wire);
    const f = pairFigures(a, doc('b', wire.slice(1)), options);
    const second = f.sentences.aligned.find((s) => s.a.index === 1)!;
    expect(a.text.slice(second.a.start, second.a.end)).toBe(wire[1]!.slice(0, -1));
    expect(second.b).toEqual([{ index: 0, start: 0, end: wire[1]!.length - 1 }]);
  });

  it('of a shortened copy: containment asymmetric, shortened one way, copy-with-additions the other', () => {
    const f = pairFigures(doc('short', wire.slice(0, 3)), doc('long', wire), options);
    expect(f.containment.aInB).toBe(1);
    expect(f.containment.bInA).toBe(Math.round((f.shingles.a / f.shingles.b) * 10000) / 10000);
    expect(f.containment.bInA).toBeLessThan(0.6);
    expect(f.sentences.shareOfA).toBe(1);
    expect(f.sentences.shareOfB).toBe(0.5);
    expect(f.relation.relation).toBe('shortened');
    expect(f.relation.reason).toContain('100% of A\'s shingles are in B');
    expect(f.reverse.relation).toBe('copy-with-additions');
  });

  it('marks a sentence made of two neighbouring ones as condensed, and a re-worded one as re-worded', () => {
    const paper = [
      'Roy Barraclough unveiled the plaque to Dawson, the Blankety Blank host who died in 1993 aged 62, before family and friends.',
      'Comic Les Dawson was honoured with a blue plaque at Manchester Palace Theatre.',
    ];
    const f = pairFigures(doc('paper', paper), doc('wire', wire), options);
    expect(f.sentences.aligned.map((s) => [s.a.index, s.b.map((b) => b.index), s.kind])).toEqual([
      [0, [1, 2], 'condensed'],
      [1, [0], 're-worded'],
    ]);
    expect(f.sentences.shareOfB).toBe(0.5);
  });

  it('of a rewrite: linked by sentences, rewritten, with the counts that decided', () => {
    const paper = [
      'Former Blankety Blank host Les Dawson, who died in 1993 aged 62, was remembered yesterday.',
      'Comic Les Dawson was honoured with a blue plaque at Manchester Palace Theatre.',
      'His old comedy partner Roy Barraclough unveiled the plaque in front of family and friends.',
      'The weather in Manchester was grey and cold all afternoon long.',
    ];
    const f = pairFigures(doc('paper', paper), doc('wire', wire), options);
    expect(f.jaccard).toBeLessThan(0.2);
    expect(f.relation).toMatchObject({ relation: 'rewritten', basis: 'sentences' });
    expect(f.relation.reason).toContain("3 of A's 4 sentences (75%) derive from B's, at least --rewrite-threshold 0.5");
    const off = pairFigures(doc('paper', paper), doc('wire', wire), { ...options, rewrites: false });
    expect(off.relation.relation).toBe('none');
    expect(off.relation.reason).toContain('sentences not compared (--no-rewrites)');
  });

  it('judges dated articles as a scan judges its members: sentences link only within the rewrite window or --within', () => {
    const paper = [
      'Former Blankety Blank host Les Dawson, who died in 1993 aged 62, was remembered yesterday.',
      'Comic Les Dawson was honoured with a blue plaque at Manchester Palace Theatre.',
      'His old comedy partner Roy Barraclough unveiled the plaque in front of family and friends.',
    ];
    const near = pairFigures(doc('paper', paper, '2000-01-05'), doc('wire', wire, '2000-01-01'), options);
    expect(near.relation.relation).toBe('rewritten');
    const far = pairFigures(doc('paper', paper, '2000-02-01'), doc('wire', wire, '2000-01-01'), options);
    expect(far.relation.relation).toBe('none');
    expect(far.relation.reason).toContain('sentences not compared: dated 31 days apart, more than 7 days (the rewrite window; --within sets it)');
    const wider = pairFigures(doc('paper', paper, '2000-02-01'), doc('wire', wire, '2000-01-01'), { ...options, withinDays: 40 });
    expect(wider.relation.relation).toBe('rewritten');
    const within = pairFigures(doc('paper', paper, '2000-02-01'), doc('wire', wire, '2000-01-01'), { ...options, withinDays: 30 });
    expect(within.relation).toMatchObject({ relation: 'none', reason: 'dated 31 days apart, more than --within 30' });
  });

  it('says a text is too short to judge by its sentences', () => {
    const f = pairFigures(doc('note', ['Les Dawson was honoured with a blue plaque at the Palace Theatre in Manchester.']), doc('wire', wire), options);
    expect(f.relation.relation).toBe('none');
    expect(f.relation.reason).toContain('too short to judge by sentences: A has 14 words, under 25');
    // The shingle tier's own rule for it is said, not figures it does not go by.
    expect(f.relation.reason).toMatch(/^no copy by shingles \(Jaccard [\d.]+, not 1, the one link a text too short to judge may have: A has 14 words \(under 25\), grouped only with exact copies of its words\)/);
    const note = ['Les Dawson was honoured with a blue plaque at the Palace Theatre in Manchester.'];
    const same = pairFigures(doc('note', note), doc('again', note), options);
    expect(same.relation).toMatchObject({ relation: 'copy', basis: 'shingles' });
    expect(same.relation.reason).toMatch(/^copy by shingles: the same words \(Jaccard 1\), the one link a text too short to judge may have/);
  });
  it('of partial reuse: related, not a member', () => {
    const paper = [
      'Former Blankety Blank host Les Dawson, who died in 1993 aged 62, was remembered yesterday.',
      'Comic Les Dawson was honoured with a blue plaque at Manchester Palace Theatre.',
      'His old comedy partner Roy Barraclough unveiled the plaque in front of family and friends.',
      'Blackpool council meanwhile voted to rename its promenade gardens after the late entertainer.',
      'Councillors said visitors had asked for years where they could remember the famous comic.',
      'A statue by the sculptor Graham Ibbeson already stands near the pier at St Annes.',
      'Local hotels expect a busy summer as the town marks the anniversary with shows.',
    ];
    // A wire story of eight sentences: three of them used are too few the other way round too.
    const longer = [...wire, 'Dawson was born in Collyhurst, Manchester, in 1931 and began as a jazz pianist.', 'He later presented the game show for five years on BBC television.'];
    const f = pairFigures(doc('paper', paper), doc('wire', longer), options);
    expect(f.sentences.aligned.length).toBe(3);
    expect(f.relation.relation).toBe('related');
    expect(f.relation.reason).toContain("partial reuse: 3 of A's 7 sentences (43%) derive from B's");
  });
});
