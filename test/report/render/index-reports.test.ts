import { describe, expect, it } from 'vitest';
import type { IndexParams } from '../../../src/corpus/store/store.js';
import { buildAddReport, buildRemoveReport, buildStatsReport } from '../../../src/report/index-report.js';
import { indexReporters, renderVacuum } from '../../../src/report/render/index.js';
import { plural } from '../../../src/report/render/words.js';

const params: IndexParams = {
  seed: 1, numPerm: 128, shingleSize: 5, normalizationVersion: 3, bands: 16, rows: 8,
  rewriteBands: 0, rewriteRows: 0, metric: 'containment', threshold: 0.8, probe: 'p',
};

describe('index reports', () => {
  it('say what an add did, as a sentence and as JSON', () => {
    const report = buildAddReport({ read: 3, added: 1, replaced: 1, unchanged: 1, skipped: [{ path: 'x.txt', reason: 'no words to compare' }], ignoredFiles: 2 }, 1);
    expect(indexReporters.add.table(report)).toBe('3 articles read: 1 added, 1 replaced, 1 unchanged, 1 skipped. The index holds 1 article.\n');
    expect(JSON.parse(indexReporters.add.json(report))).toEqual({
      schemaVersion: 1, kind: 'add', read: 3, added: 1, replaced: 1, unchanged: 1,
      skipped: [{ path: 'x.txt', reason: 'no words to compare' }], ignoredFiles: 2, documents: 1,
    });
  });

  it('show what an index holds, its parameters and size', () => {
    const stats = { params, documents: 2, bandRows: 32, sources: 1, created: '2026-01-01T00:00:00.000Z' };
    const report = buildStatsReport({ path: '/x.db', format: 1, stats, bytes: { database: 2_500_000, wal: 0 }, integrity: ['ok'] });
    expect(indexReporters.stats.table(report).split('\n')).toEqual([
      'index: /x.db (neardup index format 1)',
      'articles: 2 from 1 source',
      'parameters: seed 1, 128 permutations, 5-word shingles, normalisation version 3, 16 bands × 8 rows (tuned to containment 0.8)',
      're-worded copies: not indexed (built with --no-rewrites)',
      'texts: read from the original files',
      'created: 2026-01-01T00:00:00.000Z',
      'size: 2.5 MB',
      'integrity: ok',
      '',
    ]);
    expect(Object.keys(JSON.parse(indexReporters.stats.json(report)))).toEqual([
      'schemaVersion', 'kind', 'path', 'format', 'documents', 'sources', 'bandRows', 'params', 'created', 'bytes', 'integrity',
    ]);
    expect(JSON.parse(indexReporters.stats.json(report)).params.storedText).toBe(false);
    const server = buildStatsReport({ path: 'postgres://u@host/db', format: 1, stats: { ...stats, params: { ...params, storedText: true } }, bytes: { database: 2_500_000, wal: 0 } });
    expect(indexReporters.stats.table(server).split('\n').filter((line) => /^(index|texts):/.test(line))).toEqual([
      'index: postgres://u@host/db (neardup index schema 1)',
      'texts: kept in the index (check needs no original file)',
    ]);
  });

  it('say what a remove did, and what a vacuum gave back', () => {
    expect(indexReporters.remove.table(buildRemoveReport({ removed: 1, notFound: ['z'], documents: 0 }))).toBe('1 article removed. The index holds 0 articles.\n');
    expect(renderVacuum('/x.db', 3_000_000, 1_000_000)).toBe('/x.db: 3.0 MB before, 1.0 MB after.\n');
    expect([plural(1, 'copy', 'copies'), plural(2, 'copy', 'copies')]).toEqual(['1 copy', '2 copies']);
  });
});
