import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ProgressLine } from '../../src/cli/progress.js';
import { fixturesDir } from '../helpers/paths.js';
import { runCliInProcess } from '../helpers/in-process-cli.js';

describe('help agrees with behaviour', () => {
  it('scan --help lists exit 4, which --db can give', async () => {
    const run = await runCliInProcess(['scan', '--help']);
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/Exit codes: .*4 the --db index cannot be used/s);
  });
});

describe('the progress line on a terminal that reports no width', () => {
  it('draws and erases at 80 columns when the terminal says 0 or nothing', () => {
    for (const columns of [0, 1, undefined]) {
      const writes: string[] = [];
      const stream = { columns, write: (s: string) => writes.push(s) > 0 } as unknown as NodeJS.WritableStream & { columns?: number };
      const line = new ProgressLine(stream);
      line.update('reading', 5, 10);
      line.clear();
      expect(writes[0]).toMatch(/^\rneardup: reading \[#{12}\.{12}\] 5\/10 +$/);
      expect(writes[0]!.length).toBe(80);
      expect(writes[1]).toBe(`\r${' '.repeat(79)}\r`);
    }
  });
});

describe('sizes and colour in what is written', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'neardup-help-output-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('index stats gives a small index its size in kB, not "0.0 MB"', async () => {
    const db = join(dir, 'index.db');
    expect((await runCliInProcess(['index', 'add', fixturesDir, '--db', db, '-q'])).status).toBe(0);
    const run = await runCliInProcess(['index', 'stats', '--db', db]);
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/^size: \d+\.\d kB/m);
    expect(run.stdout).not.toContain('0.0 MB');
  });

  it('FORCE_COLOR=1 with -o writes no colour codes into the file, and colours stdout', async () => {
    const out = join(dir, 'report.txt');
    const run = await runCliInProcess([fixturesDir, '-o', out], { env: { FORCE_COLOR: '1' } });
    expect(run.status).toBe(0);
    const written = readFileSync(out, 'utf8');
    expect(written).toMatch(/^5 articles compared: 1 cluster of near-duplicates, 4 duplicates\n/);
    expect(written).not.toContain('\u001b[');
    const piped = await runCliInProcess([fixturesDir], { env: { FORCE_COLOR: '1' } });
    expect(piped.stdout).toContain('\u001b[');
  });
});

describe('index and check help', () => {
  it('index add and check read HTML and say so, with --html-field', async () => {
    for (const argv of [['index', 'add', '--help'], ['check', '--help']]) {
      const help = (await runCliInProcess(argv)).stdout.replace(/\s+/g, ' ');
      expect(help).toContain('.txt .md .text .html .htm (one article each)');
      expect(help).toContain('--html-field <name>');
    }
  });

  it('each footer lists only the codes its command can end with', async () => {
    const footer = async (argv: string[]) => (await runCliInProcess([...argv, '--help'])).stdout.split('Exit codes: ')[1]!;
    expect(await footer(['index', 'stats'])).toBe('0 ran fine, 2 usage error, 3 unexpected error, 4 the --db index is not usable (missing, foreign, corrupt, locked, in a missing folder, built with other parameters, or its server cannot be reached or was lost twice in a row).\n');
    expect(await footer(['index', 'add'])).not.toMatch(/(^|, )1 /);
    expect(await footer(['index', 'add'])).toContain('5 no readable article in the inputs');
    expect(await footer(['check'])).toMatch(/^0 ran fine, 1 copies found with --fail-on-duplicates, 2 usage error/);
  });
});
