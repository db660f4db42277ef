import { copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mistypedCommand } from '../../src/cli/program.js';
import { repoRoot, SEED } from '../helpers/paths.js';
import { runCliInProcess } from '../helpers/in-process-cli.js';

const COMMANDS = ['scan', 'index', 'check'];

describe('mistypedCommand', () => {
  it('names the command a first argument is within two edits of', () => {
    expect(mistypedCommand('chek', COMMANDS, tmpdir())).toBe('check');
    expect(mistypedCommand('chekc', COMMANDS, tmpdir())).toBe('check');
    expect(mistypedCommand('scna', COMMANDS, tmpdir())).toBe('scan');
    expect(mistypedCommand('indx', COMMANDS, tmpdir())).toBe('index');
    expect(mistypedCommand('Check', COMMANDS, tmpdir())).toBe('check');
  });

  it('leaves commands, options, existing paths and far-off words alone', () => {
    expect(mistypedCommand('check', COMMANDS, tmpdir())).toBeUndefined();
    expect(mistypedCommand('--chek', COMMANDS, tmpdir())).toBeUndefined();
    expect(mistypedCommand('incoming', COMMANDS, tmpdir())).toBeUndefined();
    expect(mistypedCommand('fixtures', COMMANDS, process.cwd())).toBeUndefined();
  });
});

describe('the CLI as people type it', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'neardup-typed-'));
    mkdirSync(join(dir, 'incoming'));
    copyFileSync(join(repoRoot, SEED.teaser), join(dir, 'incoming', 'a.txt'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('"neardup chek incoming/ --db corpus.db" is a usage error naming check, and writes no index', async () => {
    const run = await runCliInProcess(['chek', 'incoming/', '--db', 'corpus.db'], { cwd: dir });
    expect(run.status).toBe(2);
    expect(run.stderr).toBe('neardup: "chek" is neither a command nor a file or folder: did you mean check?\n');
    expect(run.stdout).toBe('');
    expect(existsSync(join(dir, 'corpus.db'))).toBe(false);
  });

  it('a folder named like a typo is no typo: a path wins', () => {
    mkdirSync(join(dir, 'chek'));
    expect(mistypedCommand('chek', COMMANDS, dir)).toBeUndefined();
    rmSync(join(dir, 'chek'), { recursive: true });
    expect(mistypedCommand('chek', COMMANDS, dir)).toBe('check');
  });

  it('no arguments prints the help on stderr, exit 2', async () => {
    const run = await runCliInProcess([]);
    expect(run.status).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(/^Usage: neardup \[options\] \[command\]/);
    expect(run.stderr).toContain('check [options] <paths...>');
  });

  it('commander\'s own errors carry the one prefix, "neardup: "', async () => {
    const run = await runCliInProcess(['fixtures/', '--no-such-option']);
    expect(run.status).toBe(2);
    expect(run.stderr).toBe("neardup: unknown option '--no-such-option'\n");
  });
});

describe('--prefer, one pattern each time', () => {
  it('takes the paths after it as paths, and is repeatable', async () => {
    const run = await runCliInProcess(['--prefer', '*004_*', 'fixtures/', '--format', 'json']);
    expect(run.status).toBe(0);
    const report = JSON.parse(run.stdout) as { summary: { documents: number }; clusters: Array<{ canonical: string }> };
    expect(report.summary.documents).toBe(5);
    expect(report.clusters[0]!.canonical).toBe(SEED.spun);
    const twice = await runCliInProcess(['--prefer', '*nothing-matches*', '--prefer', '*003_*', 'fixtures/', '--format', 'json']);
    expect(twice.status).toBe(0);
    expect((JSON.parse(twice.stdout) as { clusters: Array<{ canonical: string }> }).clusters[0]!.canonical).toBe(SEED.shortened);
  });
});
