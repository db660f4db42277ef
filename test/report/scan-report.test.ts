import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { memoryFileSystem } from '../../src/input/file-system.js';
import { withDefaults } from '../../src/options.js';
import { buildReport } from '../../src/report/scan-report.js';
import { renderJson } from '../../src/report/render/json.js';
import { type ScanResult, scan } from '../../src/scan/scan.js';
import { repoRoot } from '../helpers/paths.js';

const schema = JSON.parse(readFileSync(resolve(repoRoot, 'schema/report.schema.json'), 'utf8'));
const ajv = new Ajv2020({ allErrors: true, strict: true });
addFormats.default(ajv);
const validate = ajv.compile(schema);

const story =
  'The council approved the new budget on Tuesday after a long debate about school funding and road repairs in the district. ' +
  'The mayor said the plan would be reviewed again in the autumn.';
const files: Record<string, string> = {
  'in/a.txt': `${story} It takes effect in March.`,
  'in/b.txt': `Home | News | Sport\n\n${story} It takes effect in March.\n\nSubscribe to our newsletter for more local stories every day.`,
  'in/c.txt': 'A completely different article about the weather, which was mild and sunny all through the long weekend.',
  'in/d.jsonl': `{"id":"x","text":"${story}","date":"2024-03-01"}\nnot json\n`,
};
const fs = memoryFileSystem(files);
/** The same, with datelines that date the two text copies after the JSONL one. */
const datedFs = memoryFileSystem({ ...files, 'in/a.txt': `2 March 2024\n\n${files['in/a.txt']}`, 'in/b.txt': `2024-03-03\n${files['in/b.txt']}` });

describe('the JSON report', () => {
  it('matches schema/report.schema.json', async () => {
    const report = buildReport(await scan(withDefaults({ paths: ['in'] }), fs));
    const valid = validate(JSON.parse(renderJson(report)));
    expect(validate.errors ?? []).toEqual([]);
    expect(valid).toBe(true);
    expect(report.summary).toEqual({ documents: 4, clusters: 1, duplicates: 2, skipped: 1, ignoredFiles: 0, ignoredByPattern: 0 });
  });

  it('matches the schema where a member sentence lists more than two canonical sentences (the canonical derived from it)', async () => {
    const long = [
      'Acme Corp said its board will elect in May Jane Doe as its chief executive officer.',
      'The company said she will succeed Richard Roe, who is also chairman.',
      'It said Doe, 48, is now president and chief operating officer.',
      'Roe, 61, has served as CEO since 1975 and chairman since 1979.',
      'He will continue as chairman until his retirement in July 1990.',
    ].join(' ');
    const short =
      'Acme Corp said Jane Q. Doe, 48, president and chief operating officer, will succeed Richard Roe as chief executive officer on May 12. ' +
      'Roe, 61, will continue as chairman until he retires in July 1990, Acme said.';
    const pair = memoryFileSystem({ 'in/long.txt': long, 'in/short.txt': short });
    const report = buildReport(await scan(withDefaults({ paths: ['in'], prefer: ['in/long.txt'] }), pair));
    const member = report.clusters[0]!.members.find((m) => m.id === 'in/short.txt')!;
    expect(member.derivedSentences!.some((d) => d.canonical.length > 2)).toBe(true);
    validate(JSON.parse(renderJson(report)));
    expect(validate.errors ?? []).toEqual([]);
  });

  it('lets dates decide nothing while some copies are undated: the most complete copy is canonical', async () => {
    const [cluster] = buildReport(await scan(withDefaults({ paths: ['in'] }), fs)).clusters;
    expect(cluster!.canonical).toBe('in/a.txt');
    expect(cluster!.canonicalReason.rule).toBe('most-complete');
    expect(cluster!.canonicalReason.text).toMatch(/\(dates cannot decide: 2 of the 3 copies have none\)$/);
  });

  it('names the earliest copy canonical when every copy is dated, and shows the site furniture as added passages', async () => {
    const report = buildReport(await scan(withDefaults({ paths: ['in'] }), datedFs));
    const [cluster] = report.clusters;
    expect(cluster!.members.map((m) => [m.id, m.date])).toEqual([
      ['x', '2024-03-01T00:00:00.000Z'],
      ['in/a.txt', '2024-03-02T00:00:00.000Z'],
      ['in/b.txt', '2024-03-03T00:00:00.000Z'],
    ]);
    const b = cluster!.members.find((m) => m.id === 'in/b.txt')!;
    expect(b.relation).toBe('copy-with-additions');
    expect(b.added.map((p) => [p.at, p.words, p.opening])).toEqual([
      ['start', 6, '2024-03-03 Home | News | Sport'],
      ['end', 15, 'It takes effect in March. Subscribe to our newsletter for …'],
    ]);
  });

  it("makes a cluster's members from the scan's each time they are read, in the report's key order", async () => {
    const result = await scan(withDefaults({ paths: ['in'] }), fs);
    const report = buildReport(result);
    const cluster = report.clusters[0]!;
    expect(Object.keys(cluster)).toEqual(['id', 'canonical', 'canonicalReason', 'members']);
    const first = cluster.members;
    expect(cluster.members).not.toBe(first);
    expect(cluster.members).toStrictEqual(first);
    const b = first.find((m) => m.id === 'in/b.txt')!;
    expect(b.added).toStrictEqual(result.clusters[0]!.members.find((m) => m.id === 'in/b.txt')!.divergence.added);
    expect(JSON.parse(JSON.stringify(cluster)).members).toStrictEqual(JSON.parse(JSON.stringify(first)));
  });
});

describe('the JSON report with learned boilerplate', () => {
  /** A scan result as one that learned boilerplate gives it: the summary, and b's furniture passages marked. */
  const withBoilerplate = (result: ScanResult): ScanResult => ({
    ...result,
    boilerplate: {
      minDocuments: 5,
      lines: [{ text: 'Subscribe to our newsletter for more local stories every day.', documents: 7 }],
      removedLines: 7,
    },
    clusters: result.clusters.map((c) => ({
      ...c,
      members: c.members.map((m) => ({
        ...m,
        divergence: { ...m.divergence, added: m.divergence.added.map((p) => ({ ...p, boilerplate: p.at === 'end' })) },
      })),
    })),
  });

  it('matches the schema, with the learned lines and marked passages', async () => {
    const report = buildReport(withBoilerplate(await scan(withDefaults({ paths: ['in'] }), fs)));
    const json = JSON.parse(renderJson(report));
    expect(validate(json)).toBe(true);
    expect(validate.errors ?? []).toEqual([]);
    expect(json.boilerplate).toEqual({
      minDocuments: 5,
      learned: [{ text: 'Subscribe to our newsletter for more local stories every day.', documents: 7 }],
      removedLines: 7,
    });
    expect(Object.keys(json)).toEqual(['schemaVersion', 'params', 'summary', 'boilerplate', 'clusters', 'skipped', 'notes']);
    const b = report.clusters[0]!.members.find((m) => m.id === 'in/b.txt')!;
    expect(b.added.map((p) => [p.at, p.boilerplate])).toEqual([
      ['start', false],
      ['end', true],
    ]);
  });

  it('leaves the property out when the scan learned none, and marks no passage', async () => {
    const json = JSON.parse(renderJson(buildReport(await scan(withDefaults({ paths: ['in'] }), fs))));
    expect('boilerplate' in json).toBe(false);
    for (const m of json.clusters[0].members) for (const p of [...m.added, ...m.missing]) expect(p.boilerplate).toBe(false);
  });
});
