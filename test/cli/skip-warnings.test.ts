import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { SkipWarnings } from '../../src/cli/skip-warnings.js';
import { runCliInProcess } from '../helpers/in-process-cli.js';

describe('SkipWarnings', () => {
  it('names three records of a file skipped for one reason, then counts the rest in one line; other reasons and files apart', () => {
    const said: string[] = [];
    const skips = new SkipWarnings((line) => said.push(line));
    for (let row = 2; row <= 7; row++) skips.skipped({ path: `a.csv:${row}`, reason: 'no "text" or "html" string field' });
    skips.skipped({ path: 'a.csv:8', reason: 'malformed JSON' });
    skips.skipped({ path: 'b.csv:2', reason: 'no "text" or "html" string field' });
    skips.skipped({ path: 'page.html', reason: 'not valid UTF-8 text' });
    skips.finish();
    expect(said).toEqual([
      'skipped a.csv:2: no "text" or "html" string field',
      'skipped a.csv:3: no "text" or "html" string field',
      'skipped a.csv:4: no "text" or "html" string field',
      'skipped a.csv:8: malformed JSON',
      'skipped b.csv:2: no "text" or "html" string field',
      'skipped page.html: not valid UTF-8 text',
      'skipped 3 more records of a.csv for the same reason (no "text" or "html" string field): 6 in all',
    ]);
  });
});

describe('a scan of a CSV whose columns lack the --text-field', () => {
  const dir = mkdtempSync(join(tmpdir(), 'neardup-skip-warnings-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('says so in four lines, not one per row, and the JSON report still lists every row', async () => {
    mkdirSync(join(dir, 'in'));
    const rows = Array.from({ length: 50 }, (_, n) => `r${n},Story number ${n} about the council budget.`);
    writeFileSync(join(dir, 'in', 'export.csv'), `id,body\n${rows.join('\n')}\n`);
    writeFileSync(join(dir, 'in', 'good.txt'), 'One article that is read, so the run has something to compare.');
    const run = await runCliInProcess(['scan', join(dir, 'in'), '--format', 'json']);
    const csv = join(dir, 'in', 'export.csv');
    expect(run.stderr.split('\n').filter((line) => line.startsWith('neardup: skipped'))).toEqual([
      `neardup: skipped ${csv}:2: no "text" or "html" string field`,
      `neardup: skipped ${csv}:3: no "text" or "html" string field`,
      `neardup: skipped ${csv}:4: no "text" or "html" string field`,
      `neardup: skipped 47 more records of ${csv} for the same reason (no "text" or "html" string field): 50 in all`,
    ]);
    expect((JSON.parse(run.stdout) as { skipped: unknown[] }).skipped).toHaveLength(50);
  });
});
