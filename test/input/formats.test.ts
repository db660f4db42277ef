import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { memoryFileSystem, nodeFileSystem } from '../../src/input/file-system.js';
import { spillPath } from '../../src/input/formats/spill.js';
import { DEFAULT_READ_OPTIONS, isArticleFile, type ReadEvent, type ReadOptions, readInputs } from '../../src/input/read.js';
import { withDefaults } from '../../src/options.js';
import { buildReport } from '../../src/report/scan-report.js';
import { scan } from '../../src/scan/scan.js';
import { writeParquet } from '../helpers/parquet-writer.js';

/** The content key a JSONL line (or row) without an id is named by: `<file>#<key>`. */
const key = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex').slice(0, 16);
import { syntheticText } from '../helpers/synthetic.js';

async function events(paths: string[], files: Record<string, string | Uint8Array>, read: ReadOptions = DEFAULT_READ_OPTIONS) {
  const out: Array<{ id: string; line?: number; text: string; date?: string } | { skipped: string; reason: string }> = [];
  for await (const e of readInputs(paths, memoryFileSystem(files), read) as AsyncIterable<ReadEvent>) {
    if (e.kind === 'document') out.push({ id: e.document.id, ...(e.document.line === undefined ? {} : { line: e.document.line }), text: e.document.text, ...(e.document.date ? { date: e.document.date } : {}) });
    else if (e.kind === 'skipped') out.push({ skipped: e.skipped.path, reason: e.skipped.reason });
  }
  return out;
}

const enc = (s: string) => new TextEncoder().encode(s);

describe('compressed and tabular inputs', () => {
  it('reads gzip\'d JSONL as its lines, with the same line places and problem reports', async () => {
    const jsonl = '{"id":"a","text":"first story"}\nnot json\n{"text":"third story"}\n';
    expect(await events(['in'], { 'in/x.jsonl.gz': gzipSync(jsonl), 'in/y.ndjson.gz': gzipSync('{"id":"y","text":"why"}\n') })).toEqual([
      { id: 'a', line: 1, text: 'first story' },
      { skipped: 'in/x.jsonl.gz:2', reason: expect.stringMatching(/^malformed JSON/) },
      { id: `in/x.jsonl.gz#${key('third story')}`, line: 3, text: 'third story' },
      { id: 'y', line: 1, text: 'why' },
    ]);
  });

  it('reads a gzip\'d text file as one article, and says when it is not gzip', async () => {
    expect(await events(['in'], { 'in/a.txt.gz': gzipSync('PARIS, Sept 12 (AFP) - A story.'), 'in/b.txt.gz': enc('plain') })).toEqual([
      { id: 'in/a.txt.gz', text: 'PARIS, Sept 12 (AFP) - A story.' },
      { skipped: 'in/b.txt.gz', reason: expect.stringMatching(/^not a readable gzip file/) },
    ]);
  });

  it('reads CSV rows by the columns --id-field, --text-field and --date-field name; a row\'s place counts the header as row 1', async () => {
    const csv = 'key,body,published\r\nk1,"A story, with a comma\nand a line break",2024-03-01\r\nk2,,2024-03-02\r\n,Story without a key,\r\n';
    const read = { ...DEFAULT_READ_OPTIONS, idField: 'key', textField: 'body', dateField: 'published' };
    expect(await events(['in/x.csv'], { 'in/x.csv': csv }, read)).toEqual([
      { id: 'k1', line: 2, text: 'A story, with a comma\nand a line break', date: '2024-03-01T00:00:00.000Z' },
      { skipped: 'in/x.csv:3', reason: 'empty "body" field' },
      { id: `in/x.csv#${key('Story without a key')}`, line: 4, text: 'Story without a key' },
    ]);
  });

  it('skips a CSV whose header names a column twice, saying which: it cannot tell which cell is the text', async () => {
    expect(await events(['x.csv'], { 'x.csv': 'id,text,text\na,One story.,Another story.\n' })).toEqual([
      { skipped: 'x.csv', reason: 'read failed before its first line: the header names column "text" twice (columns 2 and 3): rename one' },
    ]);
  });

  it('passes over blank lines and rows of empty cells, as JSONL\'s blank lines, keeping the rows\' numbers', async () => {
    const csv = 'id,text\na,First story.\n\n,\nb,Second story.\n\n';
    expect(await events(['x.csv'], { 'x.csv': csv })).toEqual([
      { id: 'a', line: 2, text: 'First story.' },
      { id: 'b', line: 5, text: 'Second story.' },
    ]);
  });

  it('reads a row\'s HTML column where its text cell is empty, and names the text column where both are', async () => {
    const csv = 'id,text,html\nr1,,"<html><body><article><p>The council approved the budget on Monday after a long debate.</p></article></body></html>"\nr2,,\n';
    expect(await events(['x.csv'], { 'x.csv': csv })).toEqual([
      { id: 'r1', line: 2, text: 'The council approved the budget on Monday after a long debate.' },
      { skipped: 'x.csv:3', reason: 'empty "text" field' },
    ]);
  });

  it('reads TSV and gzip\'d CSV alike; a column missing from the header is reported per row', async () => {
    expect(await events(['in'], { 'in/a.tsv': 'id\ttext\nt1\tTab "quoted" story\n', 'in/b.csv.gz': gzipSync('id,other\nb1,x\n') })).toEqual([
      { id: 't1', line: 2, text: 'Tab "quoted" story' },
      { skipped: 'in/b.csv.gz:2', reason: 'no "text" or "html" string field' },
    ]);
  });

  it('skips a CSV record it cannot read with the reason, at its row, and reads the records before and after it', async () => {
    const csv = 'id,text\na,first story\nb,He said "hi" twice "there"\nc,third story\nd,"never closed\ne,swallowed by the quote\n';
    const got = await events(['in'], { 'in/u.csv': csv });
    expect(got.map((e) => ('skipped' in e ? e.skipped : `${e.id}@${e.line}`))).toEqual(['a@2', 'in/u.csv:3', 'c@4', 'in/u.csv:5']);
    expect(got[1]).toMatchObject({ reason: expect.stringMatching(/^not a CSV record \(Invalid Opening Quote/) });
    expect(got[3]).toMatchObject({ reason: expect.stringMatching(/^not a CSV record \(Quote Not Closed/) });
  });

  it('keeps the records of a gzip\'d CSV cut short but the last, which the cut may have shortened, and says where it failed', async () => {
    const rows = Array.from({ length: 3000 }, (_, i) => `r${i},story number ${i} told in a few words`);
    const whole = gzipSync(`id,text\n${rows.join('\n')}\n`);
    const got = await events(['in'], { 'in/cut.csv.gz': whole.subarray(0, whole.length - 4) });
    const read = got.filter((e) => 'id' in e);
    expect(read.map((e) => ('id' in e ? e.id : ''))).toEqual(rows.slice(0, 2999).map((r) => r.split(',')[0]));
    expect(got.filter((e) => 'skipped' in e)).toEqual([{ skipped: 'in/cut.csv.gz', reason: 'read failed after line 3000: unexpected end of file' }]);
  });

  it('reads Parquet rows across row groups, row n as line n', async () => {
    const rows = Array.from({ length: 7 }, (_, i) => ({ id: `p${i}`, text: `parquet story ${i}`, date: `2024-01-0${i + 1}` }));
    const got = await events(['in'], { 'in/x.parquet': writeParquet(['id', 'text', 'date'], rows, 3) });
    expect(got).toEqual(rows.map((r, i) => ({ id: r.id, line: i + 1, text: r.text, date: `${r.date}T00:00:00.000Z` })));
  });

  it('walks the new extensions and no others', () => {
    for (const path of ['a.jsonl.gz', 'a.ndjson.gz', 'a.csv', 'a.tsv', 'a.CSV.GZ', 'a.parquet', 'a.txt.gz', 'a.html.gz']) expect(isArticleFile(path), path).toBe(true);
    for (const path of ['a.gz', 'a.zst', 'a.jsonl.zst', 'a.xlsx']) expect(isArticleFile(path), path).toBe(false);
  });
});

describe('a scan of decoded inputs on disk', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'neardup-formats-'));
  });
  afterAll(() => {
    // The CLI's process removes its spills as it exits; a test runner's worker may end without that.
    for (const name of ['c.jsonl.gz', 'c.csv', 'c.parquet', 'cut.jsonl.gz', 'long.jsonl.gz']) rmSync(spillPath(join(dir, name)), { force: true });
    rmSync(dir, { recursive: true, force: true });
  });

  it('finds the same clusters in JSONL, gzip\'d JSONL, CSV and Parquet of one corpus, re-reading texts from the spill', async () => {
    const rows: Array<Record<string, string>> = [];
    for (let g = 0; g < 30; g++) {
      const text = syntheticText(g, 160);
      rows.push({ id: `s${g}-a`, text });
      if (g % 3 === 0) rows.push({ id: `s${g}-b`, text: `${text} A closing line was added to this copy.` });
    }
    const jsonl = rows.map((r) => JSON.stringify(r)).join('\n') + '\n';
    const csvCell = (s: string) => `"${s.replace(/"/g, '""')}"`;
    writeFileSync(join(dir, 'c.jsonl'), jsonl);
    writeFileSync(join(dir, 'c.jsonl.gz'), gzipSync(jsonl));
    writeFileSync(join(dir, 'c.csv'), `id,text\n${rows.map((r) => `${csvCell(r.id!)},${csvCell(r.text!)}`).join('\n')}\n`);
    writeFileSync(join(dir, 'c.parquet'), writeParquet(['id', 'text'], rows, 16));
    const clustersOf = async (name: string) => {
      const report = buildReport(await scan(withDefaults({ paths: [join(dir, name)] }), nodeFileSystem()));
      expect(report.skipped).toEqual([]);
      for (const c of report.clusters) for (const m of c.members) expect(m.source).toBe(join(dir, name));
      // The same clusters but for the file each member names as its own.
      return report.clusters.map((c) => ({ ...c, members: c.members.map(({ source: _source, ...m }) => m) }));
    };
    const plain = await clustersOf('c.jsonl');
    expect(plain.length).toBe(10);
    for (const name of ['c.jsonl.gz', 'c.csv', 'c.parquet']) {
      expect(await clustersOf(name), name).toEqual(plain);
      // Pass 2 read the texts again from the spill, which this process made complete.
      expect(existsSync(spillPath(join(dir, name))), name).toBe(true);
    }
    expect(readdirSync(tmpdir()).filter((f) => f.startsWith(`neardup-${process.pid}-`) && f.endsWith('.partial'))).toEqual([]);
  });

  /** JSONL of `stories` stories, each a line and a copy with a closing line added: as many clusters of two. */
  const pairedLines = (stories: number) =>
    Array.from({ length: stories }, (_, g) => {
      const text = syntheticText(g, 160);
      return `${JSON.stringify({ id: `s${g}-a`, text })}\n${JSON.stringify({ id: `s${g}-b`, text: `${text} A closing line was added to this copy.` })}\n`;
    }).join('');

  it('keeps every whole line of a gzip\'d file cut short, and reads them again, saying where the reading failed', async () => {
    const gz = gzipSync(pairedLines(40));
    // Only the trailer (checksum and size) missing: every line is there, the stream still ends early.
    for (const [cut, lines] of [
      [gz.subarray(0, gz.length - 4), 80],
      [gz.subarray(0, gz.length >> 1), undefined],
    ] as const) {
      writeFileSync(join(dir, 'cut.jsonl.gz'), cut);
      rmSync(spillPath(join(dir, 'cut.jsonl.gz')), { force: true });
      const report = buildReport(await scan(withDefaults({ paths: [join(dir, 'cut.jsonl.gz')] }), nodeFileSystem()));
      expect(report.skipped).toEqual([{ path: expect.stringMatching(/cut\.jsonl\.gz$/), reason: expect.stringMatching(/^read failed after line \d+: unexpected end of file$/) }]);
      const kept = Number(/after line (\d+)/.exec(report.skipped[0]!.reason)![1]);
      if (lines !== undefined) expect(kept).toBe(lines);
      expect(kept).toBeGreaterThan(10);
      expect(report.summary.documents).toBe(kept);
      // Every pair read in full is a cluster: its texts were read again from the spill of what was decoded.
      expect(report.clusters.length).toBe(kept >> 1);
    }
  });

  it('keeps the lines after a line over --max-article-bytes in a gzip\'d file', async () => {
    const long = `${JSON.stringify({ id: 'long', text: 'word '.repeat(5000) })}\n`;
    writeFileSync(join(dir, 'long.jsonl.gz'), gzipSync(long + pairedLines(10)));
    const report = buildReport(await scan(withDefaults({ paths: [join(dir, 'long.jsonl.gz')], read: { ...DEFAULT_READ_OPTIONS, maxArticleBytes: 10_000 } }), nodeFileSystem()));
    expect(report.skipped).toEqual([{ path: expect.stringMatching(/long\.jsonl\.gz:1$/), reason: expect.stringMatching(/^too large/) }]);
    expect(report.summary.documents).toBe(20);
    expect(report.clusters.length).toBe(10);
  });
});
