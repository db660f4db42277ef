import { Ajv } from 'ajv';
import addFormats from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { memoryFileSystem } from '../../../src/input/file-system.js';
import { withDefaults } from '../../../src/options.js';
import { compareWithBaseline, type Baseline } from '../../../src/report/baseline.js';
import { buildReport, type Report } from '../../../src/report/scan-report.js';
import { findings, placeOf } from '../../../src/report/render/findings.js';
import { escapeData, escapeProperty, renderGithub } from '../../../src/report/render/github.js';
import { MAX_SUMMARY_CHARACTERS, renderMarkdown } from '../../../src/report/render/markdown.js';
import { pathUri, renderSarif } from '../../../src/report/render/sarif.js';
import { reporters } from '../../../src/report/render/index.js';
import { scan } from '../../../src/scan/scan.js';
import { syntheticText } from '../../helpers/synthetic.js';
import { sarifSchema } from '../../helpers/sarif-schema.js';

const ajv = new Ajv({ allErrors: true, strict: false });
addFormats.default(ajv);
const validateSarif = ajv.compile(sarifSchema);

/** Two planted clusters: three copies of one story in files, two JSONL lines (one without an id) of another. */
async function plantedReport(): Promise<Report> {
  const a = syntheticText(1, 150);
  const b = syntheticText(2, 150);
  const files = {
    'in/a1.txt': a,
    'in/a2.txt': `${a} Reported 50%, with "more", later.`,
    'in/a3.txt': `${a} Another closing line here.`,
    'in/lines.jsonl': `${JSON.stringify({ id: 'wire:b,1', text: b })}\n${JSON.stringify({ text: `${b} An extra sentence at the end.` })}\n`,
    'in/alone.txt': syntheticText(3, 150),
  };
  return buildReport(await scan(withDefaults({ paths: ['in'] }), memoryFileSystem(files)));
}

describe('workflow command escaping', () => {
  it('escapes %, CR and LF in data, and : and , as well in properties', () => {
    expect(escapeData('50% a\r\nb')).toBe('50%25 a%0D%0Ab');
    expect(escapeProperty('a:b,c%\n')).toBe('a%3Ab%2Cc%25%0A');
  });
});

describe('placeOf', () => {
  it('places an article on the file it was read from, on its line where the id names one; from standard input nowhere', () => {
    expect(placeOf({ id: 'in/a1.txt', source: 'in/a1.txt' })).toEqual({ file: 'in/a1.txt' });
    expect(placeOf({ id: 'in/lines.jsonl:2', source: 'in/lines.jsonl' })).toEqual({ file: 'in/lines.jsonl', line: 2 });
    expect(placeOf({ id: 'data/x.csv.gz:17', source: 'data/x.csv.gz' })).toEqual({ file: 'data/x.csv.gz', line: 17 });
    expect(placeOf({ id: 'in/lines.jsonl#7ec26b18925f533d', source: 'in/lines.jsonl' })).toEqual({ file: 'in/lines.jsonl' });
    // An id of its own: whatever it looks like (a URL, another file's name, a line 0), the article's file is its source.
    for (const id of ['wire:b,1', 'https://news.example.com/a.html', 'other.txt', 'in/lines.jsonl:0']) expect(placeOf({ id, source: 'in/lines.jsonl' })).toEqual({ file: 'in/lines.jsonl' });
    expect(placeOf({ id: '-:3', source: '-' })).toEqual({});
  });
});

describe('pathUri', () => {
  it('percent-encodes each segment, keeps the escapes of bytes a name not in UTF-8 is spelled with, and makes an absolute path a file: URI', () => {
    expect(pathUri('in/a b.txt')).toBe('in/a%20b.txt');
    expect(pathUri('d/c #2.txt')).toBe('d/c%20%232.txt');
    expect(pathUri('d/c ?x.txt')).toBe('d/c%20%3Fx.txt');
    expect(pathUri('note:1.txt')).toBe('note%3A1.txt');
    expect(pathUri('d/bad%FFname.txt')).toBe('d/bad%FFname.txt');
    expect(pathUri('d/b%25FFc 100%.txt')).toBe('d/b%25FFc%20100%25.txt');
    expect(pathUri('d/caf\u00e9.txt')).toBe('d/caf%C3%A9.txt');
    expect(pathUri('a\ud800.txt')).toBe('a%EF%BF%BD.txt');
    expect(pathUri('/srv/news/a.txt')).toBe('file:///srv/news/a.txt');
  });
});

describe('CI reporters', () => {
  it('github: one ::warning per duplicate with canonical and figures, escaped, then a ::notice of the totals', async () => {
    const report = await plantedReport();
    expect(report.summary.duplicates).toBe(3);
    const lines = renderGithub(report).trimEnd().split('\n');
    expect(lines).toHaveLength(4);
    const warnings = lines.filter((l) => l.startsWith('::warning '));
    expect(warnings).toHaveLength(3);
    for (const f of findings(report)) {
      const line = warnings.find((w) => w.includes(`title=${escapeProperty(`near-duplicate: ${f.member.id}`)}`));
      expect(line, f.member.id).toBeDefined();
      expect(line).toContain(`of ${f.cluster.canonical} (cluster ${f.cluster.id}`);
      expect(line).toContain(`jaccard ${f.member.jaccard.toFixed(2)}`);
    }
    // The duplicate among the JSONL lines (with an id of its own, or named by its content key) is placed on its file.
    expect(findings(report).some((f) => f.member.id.startsWith('in/lines.jsonl#') || f.member.id === 'wire:b,1')).toBe(true);
    expect(warnings.filter((w) => w.startsWith('::warning file=in/lines.jsonl,title='))).toHaveLength(1);
    expect(lines[3]).toBe('::notice title=neardup::6 articles, 2 clusters, 3 duplicates');
  });

  it('github with a baseline: only the duplicates it does not accept', async () => {
    const report = await plantedReport();
    const first = report.clusters[0]!;
    const accepted: Baseline = {
      neardupBaseline: 1,
      params: report.params,
      clusters: [{ canonical: first.canonical, members: first.members.map((m) => m.id) }],
    };
    const comparison = compareWithBaseline(report, accepted);
    const withBaseline: Report = { ...report, baseline: { file: 'b.json', ...comparison } };
    const fresh = findings(withBaseline);
    expect(fresh.map((f) => f.cluster.id)).toEqual(report.clusters.slice(1).flatMap((c) => c.members.filter((m) => m.id !== c.canonical).map(() => c.id)));
    const warnings = renderGithub(withBaseline).split('\n').filter((l) => l.startsWith('::warning'));
    expect(warnings).toHaveLength(fresh.length);
    expect(renderGithub(withBaseline)).toContain(`${fresh.length} not in the baseline`);
  });

  it('sarif: valid SARIF 2.1.0, one result per duplicate, each located on the file it was read from', async () => {
    const report = await plantedReport();
    const text = renderSarif(report, '9.9.9');
    const log = JSON.parse(text) as { runs: Array<{ tool: { driver: { version: string } }; results: Array<Record<string, any>> }> };
    expect(validateSarif(log), JSON.stringify(validateSarif.errors)).toBe(true);
    const results = log.runs[0]!.results;
    expect(log.runs[0]!.tool.driver.version).toBe('9.9.9');
    expect(results).toHaveLength(3);
    const expected = findings(report);
    results.forEach((r, i) => {
      expect(r.properties.id).toBe(expected[i]!.member.id);
      expect(r.properties.canonical).toBe(expected[i]!.cluster.canonical);
      // GitHub code scanning refuses a whole log where one result has no location: a JSONL line with an id of its own
      // ("wire:b,1") is placed on its file.
      expect(r.locations[0].physicalLocation.artifactLocation.uri).toBe(expected[i]!.file);
    });
  });

  it('sarif: a JSONL line with an id of its own, file-like or not, is located on its JSONL file', async () => {
    const text = syntheticText(5, 150);
    const ids = ['story-1', 'https://news.example.com/a.html', 'other.txt'];
    const lines = ids.map((id, i) => JSON.stringify({ id, text: `${text} Closing line number ${i}.` }));
    const report = buildReport(await scan(withDefaults({ paths: ['in.jsonl'] }), memoryFileSystem({ 'in.jsonl': `${lines.join('\n')}\n` })));
    const results = (JSON.parse(renderSarif(report)) as { runs: Array<{ results: Array<Record<string, any>> }> }).runs[0]!.results;
    expect(results).toHaveLength(2);
    for (const r of results) expect(r.locations).toEqual([{ physicalLocation: { artifactLocation: { uri: 'in.jsonl' } } }]);
  });

  it('sarif: names each skipped input among the run\'s notifications, and is valid with them', async () => {
    const report = buildReport(await scan(withDefaults({ paths: ['in'] }), memoryFileSystem({ 'in/a.txt': syntheticText(6, 150), 'in/b.jsonl': 'not json\n' })));
    expect(report.skipped).toHaveLength(1);
    const log = JSON.parse(renderSarif(report)) as { runs: Array<{ invocations?: Array<Record<string, any>> }> };
    expect(validateSarif(log), JSON.stringify(validateSarif.errors)).toBe(true);
    expect(log.runs[0]!.invocations).toEqual([
      { executionSuccessful: true, toolExecutionNotifications: [{ level: 'warning', message: { text: `skipped ${report.skipped[0]!.path}: ${report.skipped[0]!.reason}` } }] },
    ]);
    expect((JSON.parse(renderSarif(await plantedReport())) as { runs: Array<Record<string, unknown>> }).runs[0]!.invocations).toBeUndefined();
  });

  it('sarif schema check rejects a log without a tool driver name, so the validation can fail', () => {
    const validate = validateSarif;
    expect(validate({ version: '2.1.0', runs: [{ tool: { driver: {} }, results: [] }] })).toBe(false);
    expect(validate({ version: '2.1.0', runs: [{ tool: { driver: { name: 'x' } }, results: [{ message: {} }] }] })).toBe(false);
  });

  it('markdown: the totals and one table row per duplicate, cells escaped', async () => {
    const report = await plantedReport();
    const md = renderMarkdown(report);
    expect(md).toContain('**6** articles, **2** clusters, **3** duplicates.');
    const rows = md.split('\n').filter((l) => /^\| \d+ \|/.test(l));
    expect(rows).toHaveLength(3);
    expect(md).not.toContain('wire:b,1 |'.replace('wire', 'x'));
    const empty = renderMarkdown({ ...report, clusters: [], summary: { ...report.summary, clusters: 0, duplicates: 0 } });
    expect(empty).toContain('No duplicates.');
  });

  it('github and markdown write control and bidi characters of ids as visible escapes', async () => {
    const text = syntheticText(4, 150);
    const ids = ['orig\u001b]0;OWNED\u0007', 'evil\u001bc\u202egnp.exe', 'line\nbreak'];
    const lines = ids.map((id, i) => JSON.stringify({ id, text: `${text} Closing line number ${i}.` }));
    const report = buildReport(await scan(withDefaults({ paths: ['in.jsonl'] }), memoryFileSystem({ 'in.jsonl': `${lines.join('\n')}\n` })));
    expect(report.summary.duplicates).toBe(2);
    const unsafe = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e]/;
    const github = renderGithub(report);
    expect(github).not.toMatch(unsafe);
    expect(github).toContain('\\e');
    const md = renderMarkdown(report);
    expect(md).not.toMatch(unsafe);
    expect(md.split('\n').filter((l) => /^\| \d+ \|/.test(l))).toHaveLength(2);
    expect(md).toContain('line\\\\nbreak');
  });

  it('markdown stays within a comment\'s size however many duplicates a cluster has, and says how many it left out', async () => {
    const report = await plantedReport();
    const [first] = report.clusters;
    const copy = first!.members[1]!;
    const members = [first!.members[0]!, ...Array.from({ length: 600 }, (_, i) => ({ ...copy, id: `https://news.example.com/2024/${i}/${'a-long-slug-'.repeat(8)}${i}` }))];
    const big: Report = { ...report, clusters: [{ ...first!, members }] };
    const md = renderMarkdown(big);
    expect(md.length).toBeLessThanOrEqual(MAX_SUMMARY_CHARACTERS);
    const rows = md.split('\n').filter((l) => /^\| \d+ \|/.test(l)).length;
    expect(rows).toBeGreaterThan(100);
    expect(md).toContain(`… ${600 - rows} more duplicates of these clusters not listed`);
    expect(renderMarkdown(report)).not.toContain('not listed');
  });

  it('github and markdown count in words that agree with the number, and github names skipped inputs', async () => {
    const report = await plantedReport();
    const one: Report = { ...report, clusters: report.clusters.slice(0, 1), summary: { ...report.summary, documents: 1, clusters: 1, duplicates: 1, skipped: 1 } };
    expect(renderGithub(one).trimEnd().split('\n').at(-1)).toBe('::notice title=neardup::1 article, 1 cluster, 1 duplicate, 1 input skipped (see the log)');
    expect(renderMarkdown(one)).toContain('**1** article, **1** cluster, **1** duplicate.');
    expect(renderMarkdown(one)).toContain('1 input skipped.');
  });

  it('are registered under their names', () => {
    expect(Object.keys(reporters).sort()).toEqual(['github', 'html', 'json', 'markdown', 'sarif', 'table']);
  });
});
