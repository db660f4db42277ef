import { describe, expect, it } from 'vitest';
import { type Report, type ReportMember, type ReportPassage, SCHEMA_VERSION } from '../../../src/report/scan-report.js';
import { palette } from '../../../src/report/render/color.js';
import { renderTable } from '../../../src/report/render/table.js';
import { renderMarkdown } from '../../../src/report/render/markdown.js';
import { renderGithub } from '../../../src/report/render/github.js';

const passage = (at: ReportPassage['at'], words: number, start: number, opening: string, boilerplate: boolean): ReportPassage => ({
  at,
  words,
  start,
  end: start + opening.length,
  opening,
  boilerplate,
});

const canonical: ReportMember = {
  id: 'a.txt',
  source: 'a.txt',
  relation: 'canonical',
  basis: 'canonical',
  words: 300,
  jaccard: 1,
  containment: { memberInCanonical: 1, canonicalInMember: 1 },
  changedWords: 0,
  added: [],
  missing: [],
};

const member: ReportMember = {
  ...canonical,
  id: 'b.txt',
  source: 'b.txt',
  relation: 'copy',
  basis: 'shingles',
  words: 330,
  jaccard: 0.98,
  containment: { memberInCanonical: 0.99, canonicalInMember: 0.98 },
  added: [
    passage('start', 40, 0, 'Home News Sport World Business …', true),
    passage('middle', 4, 900, 'the minister said yesterday', false),
    passage('end', 20, 2000, 'To suggest a correction or clarification, write to us …', true),
    passage('end', 6, 2400, 'Sign up for our newsletter', true),
  ],
};

function report(boilerplate?: Report['boilerplate']): Report {
  return {
    schemaVersion: SCHEMA_VERSION,
    params: {
      metric: 'containment', threshold: 0.8, shingleSize: 5, numPerm: 128, seed: 1, bands: 9, rows: 13, rewrites: true,
      rewriteThreshold: 0.5, minAlignedSentences: 5, idField: 'id', textField: 'text', dateField: 'date', htmlField: 'html',
      prefer: [], withinDays: null, config: null,
    },
    summary: { documents: 2, clusters: 1, duplicates: 1, skipped: 0, ignoredFiles: 0, ignoredByPattern: 0 },
    ...(boilerplate ? { boilerplate } : {}),
    clusters: [{ id: 1, canonical: 'a.txt', canonicalReason: { rule: 'most-complete', text: 'most complete copy' }, members: [canonical, member] }],
    skipped: [],
    notes: [],
  };
}

describe('the table reporter', () => {
  it('marks boilerplate passages and lists real ones before them', () => {
    const lines = renderTable(report(), palette(false)).split('\n').filter((l) => l.startsWith('      +'));
    expect(lines).toEqual([
      '      + 40 words at the start (site boilerplate): "Home News Sport World Business …"',
      '      + 4 words in the middle: "the minister said yesterday"',
      '      + 20 words at the end (site boilerplate): "To suggest a correction or clarification, write to us …"',
      '      + … 1 smaller',
    ]);
  });

  it('prints one summary line when boilerplate was learned', () => {
    const summary = { minDocuments: 5, learned: [{ text: "Don't Miss", documents: 9 }, { text: 'Sign up for our newsletter', documents: 6 }], removedLines: 15 };
    const lines = renderTable(report(summary), palette(false)).split('\n');
    expect(lines[1]).toBe('Boilerplate: 2 lines learned from the corpus (in 5+ articles each), 15 removed from comparison');
    expect(renderTable(report({ ...summary, learned: [], removedLines: 0 }), palette(false))).not.toMatch(/Boilerplate/);
    expect(renderTable(report(), palette(false))).not.toMatch(/Boilerplate/);
  });

  it('counts what ignore rules left out in the summary line', () => {
    const base = report();
    expect(renderTable({ ...base, summary: { ...base.summary, ignoredFiles: 1, ignoredByPattern: 3 } }, palette(false)).split('\n')[0]).toBe(
      '2 articles compared: 1 cluster of near-duplicates, 1 duplicate, 1 other file ignored, 3 left out by ignore rules',
    );
    expect(renderTable(base, palette(false)).split('\n')[0]).toBe('2 articles compared: 1 cluster of near-duplicates, 1 duplicate');
  });

  it('writes the ids of related articles as visible escapes, as it writes members', () => {
    const base = report();
    const related = {
      id: 'story\u001b[2J\u001b]0;OWNED\u0007.txt',
      source: 'in.jsonl',
      of: 'wire\u202egnp.txt',
      words: 200,
      derivedSentences: 3,
      shareOfArticle: 0.3,
      shareOfSource: 0.2,
      sentences: [],
    };
    const out = renderTable({ ...base, clusters: [{ ...base.clusters[0]!, related: [related] }] }, palette(false));
    expect(out).toContain('related (partial reuse): story\\e[2J\\e]0;OWNED\\u0007.txt, 3 sentences from wire\\u202egnp.txt');
    expect(out).not.toMatch(/[\u0007\u001b\u202e]/);
  });

  it('does not count a text reported only as the source of related articles as a cluster of near-duplicates, in any headline', () => {
    const related = { id: 'story.txt', source: 'story.txt', of: 'a.txt', words: 200, derivedSentences: 3, shareOfArticle: 0.3, shareOfSource: 0.2, sentences: [] };
    const sourceOnly: Report = {
      ...report(),
      summary: { documents: 2, clusters: 1, duplicates: 0, skipped: 0, ignoredFiles: 0, ignoredByPattern: 0 },
      clusters: [{ id: 1, canonical: 'a.txt', canonicalReason: { rule: 'source', text: 'source of passages in related articles; no copies of it were found' }, members: [canonical], related: [related] }],
    };
    const table = renderTable(sourceOnly, palette(false)).split('\n');
    expect(table[0]).toBe('2 articles compared: 0 clusters of near-duplicates, 0 duplicates, 1 related article (partial reuse)');
    expect(table[2]).toBe('Cluster 1: 1 article, no copies; the source of 1 related article');
    expect(renderMarkdown(sourceOnly)).toContain('**2** articles, **0** clusters, **0** duplicates, **1** related article (partial reuse).');
    expect(renderGithub(sourceOnly)).toBe('::notice title=neardup::2 articles, 0 clusters, 0 duplicates, 1 related article (partial reuse)\n');
    const withCopies = { ...sourceOnly, summary: report().summary, clusters: [{ ...report().clusters[0]!, related: [related] }] };
    expect(renderTable(withCopies, palette(false)).split('\n')[0]).toBe('2 articles compared: 1 cluster of near-duplicates, 1 duplicate, 1 related article (partial reuse)');
  });
});
