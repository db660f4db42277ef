import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { type Baseline, baselineFromReport, compareWithBaseline, parseBaseline, serializeBaseline } from '../../src/report/baseline.js';
import { BaselineError } from '../../src/errors.js';
import { memoryFileSystem } from '../../src/input/file-system.js';
import { withDefaults } from '../../src/options.js';
import { buildReport, type Report, type ReportMember, SCHEMA_VERSION } from '../../src/report/scan-report.js';
import { renderJson } from '../../src/report/render/json.js';
import { scan } from '../../src/scan/scan.js';
import { repoRoot } from '../helpers/paths.js';

const PARAMS: Report['params'] = {
  metric: 'containment', threshold: 0.7, shingleSize: 5, numPerm: 128, seed: 1, bands: 42, rows: 3, rewrites: true, rewriteThreshold: 0.5,
  minAlignedSentences: 5, idField: 'id', textField: 'text', dateField: 'date', htmlField: 'html', prefer: [], withinDays: null, config: null,
};

const member = (id: string, canonical: boolean): ReportMember => ({
  id, source: id, relation: canonical ? 'canonical' : 'copy', basis: canonical ? 'canonical' : 'shingles', words: 100, jaccard: 1,
  containment: { memberInCanonical: 1, canonicalInMember: 1 }, changedWords: 0, added: [], missing: [],
});

/** A report whose clusters hold these ids, the first of each being its canonical. */
function report(clusters: string[][], params: Partial<Report['params']> = {}): Report {
  return {
    schemaVersion: SCHEMA_VERSION,
    params: { ...PARAMS, ...params },
    summary: { documents: 0, clusters: clusters.length, duplicates: clusters.reduce((n, c) => n + c.length - 1, 0), skipped: 0, ignoredFiles: 0, ignoredByPattern: 0 },
    clusters: clusters.map((ids, i) => ({
      id: i + 1, canonical: ids[0]!, canonicalReason: { rule: 'most-complete', text: '' } as Report['clusters'][number]['canonicalReason'],
      members: ids.map((id, j) => member(id, j === 0)),
    })),
    skipped: [],
    notes: [],
  };
}

const baselineOf = (clusters: string[][]) => baselineFromReport(report(clusters));

describe('the baseline file', () => {
  it('records each cluster with its canonical and sorted members, clusters sorted, and reads back the same', () => {
    const baseline = baselineOf([['z', 'b', 'y'], ['c', 'a']]);
    expect(baseline).toEqual({
      neardupBaseline: 1,
      params: {
        metric: 'containment', threshold: 0.7, shingleSize: 5, numPerm: 128, seed: 1, rewrites: true, withinDays: null,
        rewriteThreshold: 0.5, minAlignedSentences: 5, bands: 42, rows: 3,
      },
      clusters: [
        { canonical: 'c', members: ['a', 'c'] },
        { canonical: 'z', members: ['b', 'y', 'z'] },
      ],
    });
    const text = serializeBaseline(baseline);
    expect(text.endsWith('}\n')).toBe(true);
    expect(text).toContain('\n  "clusters": [\n    {\n      "canonical": "c",\n      "members": [\n        "a",\n        "c"\n      ]');
    expect(parseBaseline(text, 'b.json')).toEqual(baseline);
    expect(serializeBaseline(parseBaseline(text, 'b.json'))).toBe(text);
  });

  it('is the same text whatever the order of clusters and members in the report', () => {
    const one = serializeBaseline(baselineOf([['z', 'b', 'y'], ['c', 'a']]));
    expect(serializeBaseline(baselineOf([['c', 'a'], ['z', 'y', 'b']]))).toBe(one);
    // Sorting is by code unit, not locale: upper case before lower case.
    expect(baselineOf([['b', 'B', 'a']]).clusters[0]!.members).toEqual(['B', 'a', 'b']);
  });

  it('accepts a hand-edited file with unsorted members and normalises it', () => {
    const text = JSON.stringify({ neardupBaseline: 1, params: baselineOf([]).params, clusters: [{ canonical: 'q', members: ['q', 'p'] }, { canonical: 'b', members: ['b', 'a'] }] });
    expect(parseBaseline(`\uFEFF${text}`, 'b.json').clusters).toEqual([
      { canonical: 'b', members: ['a', 'b'] },
      { canonical: 'q', members: ['p', 'q'] },
    ]);
  });

  it('leaves out a cluster of one article (a source of related articles), and reads a file that holds one', () => {
    // A scan reports a document with no copies, only related articles, as a cluster of itself: it holds no duplicate.
    const baseline = baselineOf([['src'], ['c', 'a']]);
    expect(baseline.clusters).toEqual([{ canonical: 'c', members: ['a', 'c'] }]);
    expect(parseBaseline(serializeBaseline(baseline), 'b.json')).toEqual(baseline);
    // Earlier versions wrote such clusters, and then could not read the file back.
    const written = JSON.stringify({ ...baseline, clusters: [{ canonical: 'src', members: ['src'] }, ...baseline.clusters] });
    expect(parseBaseline(written, 'b.json')).toEqual(baseline);
    expect(compareWithBaseline(report([['src'], ['c', 'a']]), baseline)).toMatchObject({ knownDuplicates: 1, newDuplicates: 0 });
  });

  const params = { metric: 'containment', threshold: 0.7, shingleSize: 5, numPerm: 128, seed: 1 };
  it.each([
    ['{"neardupBaseline": 1,', /^ci\/base\.json is not a neardup baseline: invalid JSON \(/],
    ['[]', 'ci/base.json is not a neardup baseline: expected a JSON object'],
    [JSON.stringify({ schemaVersion: SCHEMA_VERSION, clusters: [] }), 'ci/base.json is not a neardup baseline: no "neardupBaseline" field'],
    [JSON.stringify({ neardupBaseline: 2, params, clusters: [] }), 'ci/base.json is a version 2 neardup baseline; this neardup reads version 1'],
    [JSON.stringify({ neardupBaseline: '1', params, clusters: [] }), 'ci/base.json is not a neardup baseline: "neardupBaseline" must be 1, got "1"'],
    [JSON.stringify({ neardupBaseline: 1, clusters: [] }), 'ci/base.json is not a neardup baseline: "params" must be an object'],
    [JSON.stringify({ neardupBaseline: 1, params: { ...params, threshold: '0.7' }, clusters: [] }), 'params.threshold must be a number from 0 to 1, got "0.7"'],
    [JSON.stringify({ neardupBaseline: 1, params: { ...params, metric: 'cosine' }, clusters: [] }), 'params.metric must be "containment" or "jaccard", got "cosine"'],
    [JSON.stringify({ neardupBaseline: 1, params: { ...params, numPerm: 1.5 }, clusters: [] }), 'params.numPerm must be a whole number of at least 1, got 1.5'],
    [JSON.stringify({ neardupBaseline: 1, params }), '"clusters" must be an array'],
    [JSON.stringify({ neardupBaseline: 1, params, clusters: [{ canonical: 'a', members: [] }] }), 'clusters[0].members must be a non-empty array of ids (strings)'],
    [JSON.stringify({ neardupBaseline: 1, params, clusters: [{ canonical: 'a', members: ['a', 3] }] }), 'clusters[0].members must be a non-empty array of ids (strings)'],
    [JSON.stringify({ neardupBaseline: 1, params, clusters: [{ canonical: 'a', members: ['b'] }] }), 'clusters[0].members does not hold its canonical "a"'],
    [JSON.stringify({ neardupBaseline: 1, params, clusters: [{ members: ['a', 'b'] }] }), 'clusters[0].canonical must be an id (a string), got nothing'],
    [JSON.stringify({ neardupBaseline: 1, params, clusters: [{ canonical: 'c', members: ['a', 'b'] }] }), 'clusters[0].members does not hold its canonical "c"'],
    [JSON.stringify({ neardupBaseline: 1, params, clusters: [{ canonical: 'a', members: ['a', 'a'] }] }), 'clusters[0].members holds "a" twice'],
    [JSON.stringify({ neardupBaseline: 1, params, clusters: [{ canonical: 'a', members: ['a', 'b'] }, { canonical: 'c', members: ['c', 'b'] }] }), '"b" is in both clusters[0] and clusters[1]'],
  ])('refuses %s with a BaselineError naming the file and the problem', (text, message) => {
    let caught: unknown;
    try {
      parseBaseline(text, 'ci/base.json');
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(BaselineError);
    expect((caught as BaselineError).file).toBe('ci/base.json');
    if (typeof message === 'string') expect((caught as Error).message).toContain(message);
    else expect((caught as Error).message).toMatch(message);
  });
});

describe('compareWithBaseline', () => {
  it('accepts every cluster of the run the baseline was written from', () => {
    const clusters = [['a', 'b', 'c'], ['d', 'e']];
    expect(compareWithBaseline(report(clusters), baselineOf(clusters))).toEqual({
      knownDuplicates: 3,
      newDuplicates: 0,
      clusters: [
        { cluster: 1, status: 'known', knownDuplicates: 2, newMembers: [] },
        { cluster: 2, status: 'known', knownDuplicates: 1, newMembers: [] },
      ],
      resolved: [],
    });
  });

  it('reports nothing new when another member became the canonical', () => {
    const c = compareWithBaseline(report([['c', 'a', 'b']]), baselineOf([['a', 'b', 'c']]));
    expect(c).toMatchObject({ knownDuplicates: 2, newDuplicates: 0, clusters: [{ status: 'known' }] });
  });

  it('reports only the new copy of a grown cluster, even when the new copy became the canonical', () => {
    const baseline = baselineOf([['a', 'b', 'c']]);
    expect(compareWithBaseline(report([['a', 'b', 'c', 'n']]), baseline)).toMatchObject({
      knownDuplicates: 2, newDuplicates: 1, clusters: [{ cluster: 1, status: 'grown', knownDuplicates: 2, newMembers: ['n'] }],
    });
    expect(compareWithBaseline(report([['n', 'a', 'b', 'c']]), baseline)).toMatchObject({
      knownDuplicates: 2, newDuplicates: 1, clusters: [{ status: 'grown', newMembers: ['n'] }],
    });
  });

  it('reports every member but the canonical of a cluster the baseline has nothing of', () => {
    const c = compareWithBaseline(report([['a', 'b'], ['x', 'y', 'z']]), baselineOf([['a', 'b']]));
    expect(c).toMatchObject({
      knownDuplicates: 1, newDuplicates: 2,
      clusters: [{ status: 'known' }, { cluster: 2, status: 'new', knownDuplicates: 0, newMembers: ['y', 'z'] }],
    });
  });

  it('counts a member that left its accepted partners for another cluster as new there', () => {
    // b was accepted with a; now a is alone and b copies x.
    const c = compareWithBaseline(report([['x', 'b']]), baselineOf([['a', 'b']]));
    expect(c).toMatchObject({ knownDuplicates: 0, newDuplicates: 1, clusters: [{ status: 'new', newMembers: ['b'] }] });
    expect(c.resolved).toEqual([{ canonical: 'a', members: ['a', 'b'] }]);
  });

  it('reports one new duplicate when two accepted clusters merge, named by the smaller group', () => {
    const c = compareWithBaseline(report([['a', 'p', 'b', 'q', 'r']]), baselineOf([['a', 'b'], ['p', 'q', 'r']]));
    expect(c).toMatchObject({ knownDuplicates: 3, newDuplicates: 1, clusters: [{ status: 'grown', newMembers: ['a'] }], resolved: [] });
  });

  it('accepts a cluster that split or shrank, and lists baseline clusters no longer found as resolved', () => {
    const baseline = baselineOf([['a', 'b', 'c', 'd'], ['x', 'y']]);
    const c = compareWithBaseline(report([['a', 'b'], ['c', 'd']]), baseline);
    expect(c).toMatchObject({ knownDuplicates: 2, newDuplicates: 0, clusters: [{ status: 'known' }, { status: 'known' }] });
    expect(c.resolved).toEqual([{ canonical: 'x', members: ['x', 'y'] }]);
  });

  it('refuses a report made with other parameters, naming them', () => {
    expect(() => compareWithBaseline(report([['a', 'b']], { threshold: 0.8, metric: 'jaccard' }), baselineOf([['a', 'b']]))).toThrowError(
      new BaselineError('the baseline', 'the baseline was made with other parameters: --metric jaccard (the baseline has --metric containment), --threshold 0.8 (the baseline has --threshold 0.7); run with the baseline\'s parameters, or record a new baseline with --write-baseline and no --baseline'),
    );
    expect(() => compareWithBaseline(report([['a', 'b']], { rewrites: false, withinDays: 3 }), baselineOf([['a', 'b']]))).toThrowError(
      /--no-rewrites \(the baseline has rewrites on\), --within 3 \(the baseline has no --within\)/,
    );
    // A baseline recorded before rewrites and --within were kept is not checked on them.
    const older = parseBaseline(
      JSON.stringify({ neardupBaseline: 1, params: { metric: 'containment', threshold: 0.7, shingleSize: 5, numPerm: 128, seed: 1 }, clusters: [{ canonical: 'a', members: ['a', 'b'] }] }),
      'old.json',
    );
    expect(compareWithBaseline(report([['a', 'b']], { rewrites: false, withinDays: 3 }), older).newDuplicates).toBe(0);
    // Parameters that only change how clusters are shown do not matter.
    expect(compareWithBaseline(report([['a', 'b']], { prefer: ['*a*'] }), baselineOf([['a', 'b']])).newDuplicates).toBe(0);
  });
});

describe('a scanned report with its baseline section', () => {
  const story =
    'The council approved the new budget on Tuesday after a long debate about school funding and road repairs in the district. ' +
    'The mayor said the plan would be reviewed again in the autumn, after the first figures from the schools are in.';
  const other =
    'Heavy rain flooded the coastal road on Sunday night and the ferry service was cancelled until the harbour wall is checked ' +
    'by engineers, the port authority said in a statement on Monday morning.';

  it('matches schema/report.schema.json; a new copy of an accepted story and a new pair are the new duplicates', async () => {
    const before = memoryFileSystem({ 'in/a.txt': story, 'in/b.txt': `${story} Subscribe now.` });
    const baseline: Baseline = parseBaseline(serializeBaseline(baselineFromReport(buildReport(await scan(withDefaults({ paths: ['in'] }), before)))), 'b.json');
    const after = memoryFileSystem({
      'in/a.txt': story, 'in/b.txt': `${story} Subscribe now.`, 'in/c.txt': `Home | News\n\n${story}`,
      'in/x.txt': other, 'in/y.txt': `${other} Share this.`,
    });
    const built = buildReport(await scan(withDefaults({ paths: ['in'] }), after));
    const full: Report = { ...built, baseline: { file: 'b.json', ...compareWithBaseline(built, baseline) } };
    expect(full.baseline).toMatchObject({ knownDuplicates: 1, newDuplicates: 2 });
    expect(full.baseline!.clusters.flatMap((c) => c.newMembers).sort()).toEqual(['in/c.txt', expect.stringMatching(/^in\/[xy]\.txt$/)]);

    const schema = JSON.parse(readFileSync(resolve(repoRoot, 'schema/report.schema.json'), 'utf8'));
    const ajv = new Ajv2020({ allErrors: true, strict: true });
    addFormats.default(ajv);
    const validate = ajv.compile(schema);
    validate(JSON.parse(renderJson(full)));
    expect(validate.errors ?? []).toEqual([]);
  });
});
