import { describe, expect, it } from 'vitest';
import { memoryFileSystem } from '../../src/input/file-system.js';
import { withDefaults } from '../../src/options.js';
import { scan } from '../../src/scan/scan.js';
import { analyze } from '../../src/text/analyze.js';
import { relatedArticle } from '../../src/judge/related.js';
import { sentenceFeatures } from '../../src/text/sentences.js';
import { REUSE_FILES } from '../helpers/reuse-corpus.js';

const options = withDefaults({ paths: [] });

// The wire story the review page's tests use too.
const wire = REUSE_FILES['wire.txt']!;
// Three sentences of the wire's re-worded, among seven of its own: passages taken over into a story of its own.
const feature = [
  'Manchester has always loved its comedians, and few more than the lugubrious pianist from Collyhurst.',
  'Comic Les Dawson was honoured with a blue plaque at Manchester Palace Theatre.',
  'Critics never quite knew what to make of his deliberately wrong notes and deadpan asides.',
  'His old comedy partner Roy Barraclough unveiled the plaque in front of family and friends.',
  'Television made him a household name in the seventies, long before the quiz shows came.',
  'Former Blankety Blank host Dawson died in 1993 at the age of 62.',
  'Younger comics still quote his mother-in-law routines word for word on stage today.',
  'His widow has kept his archive of scripts, letters and unfinished novels at home.',
  'A biography is planned for the autumn by a writer who knew him well for decades.',
];

describe('partial reuse', () => {
  it('judges an article that took a third of its sentences from another as related, with each sentence and its source', () => {
    const source = analyze({ id: 'wire', source: 'wire', text: wire.join(' ') }, 5);
    const article = analyze({ id: 'feature', source: 'feature', text: feature.join(' ') }, 5);
    const features = (d: typeof source) => sentenceFeatures(d.tokens, undefined, d.tokenHashes);
    const found = relatedArticle(features(source), features(article), source, article, options);
    expect(found && [found.id, found.of, found.derivedSentences, found.shareOfArticle, found.shareOfSource]).toEqual(['feature', 'wire', 3, 0.3333, 0.375]);
    const quoted = found!.sentences.map((s) => [article.text.slice(s.member[0], s.member[1]), s.canonical.map(([from, to]) => source.text.slice(from, to))]);
    expect(quoted).toEqual([
      ['Comic Les Dawson was honoured with a blue plaque at Manchester Palace Theatre', [wire[0]!.slice(0, -1)]],
      ['His old comedy partner Roy Barraclough unveiled the plaque in front of family and friends', [wire[1]!.slice(0, -1)]],
      ['Former Blankety Blank host Dawson died in 1993 at the age of 62', [wire[2]!.slice(0, -1)]],
    ]);
    // The other way round, the same three sentences are three of the wire's eight: partial reuse too, never a rewrite.
    expect(relatedArticle(features(article), features(source), article, source, options)?.shareOfArticle).toBe(0.375);
    const one = analyze({ id: 'one', source: 'one', text: [feature[1]!, ...feature.slice(5)].join(' ') }, 5);
    expect(relatedArticle(features(source), features(one), source, one, options)).toBeUndefined();
  });

  it('never links a text under 25 words by its sentences, only as a copy of its words', async () => {
    const short = 'Comic Les Dawson was honoured with a plaque. Roy Barraclough unveiled the plaque before family and friends.';
    const lines = [
      { id: 'wire', text: wire.join(' ') },
      { id: 'short', text: short },
      { id: 'short-copy', text: short },
    ].map((d) => JSON.stringify(d));
    const result = await scan(withDefaults({ paths: ['in.jsonl'] }), memoryFileSystem({ 'in.jsonl': lines.join('\n') }));
    expect(result.clusters.map((c) => c.members.map((m) => m.id).sort())).toEqual([['short', 'short-copy']]);
  });
});
