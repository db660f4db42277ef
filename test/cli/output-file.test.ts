import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, cpSync, existsSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoRoot, seedsDir } from '../helpers/paths.js';
import { hasBuild } from '../helpers/run-binary.js';
import { runCli } from '../helpers/run-cli.js';

/** Files left in a folder whose names mark them as neardup's temp files. */
const tempFiles = (dir: string) => readdirSync(dir).filter((name) => name.endsWith('.tmp'));

// In-process from the sources, but for what needs a process of its own (a FIFO's writer, a shell's file descriptors, a
// signal): those run the built binary.
describe('-o and --write-baseline: where the text goes', () => {
  let dir: string;
  const at = (...parts: string[]) => join(dir, ...parts);
  const run = (args: string[]) => runCli(args, { cwd: dir });
  const built = hasBuild('test/cli/output-file.test.ts');
  let expected: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'neardup-output-'));
    cpSync(seedsDir, at('in'), { recursive: true });
    expected = (await run(['in', '--format', 'json', '--quiet'])).stdout;
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('-o - writes the report to stdout and no file named "-"', async () => {
    const result = await run(['in', '--format', 'json', '-o', '-']);
    expect(result.status).toBe(0);
    expect(result.stdout).toBe(expected);
    expect(JSON.parse(result.stdout).summary.clusters).toBe(1);
    expect(existsSync(at('-'))).toBe(false);
  });

  it.runIf(built)('writes into a FIFO without replacing it, so its reader gets the report', async () => {
    const fifo = at('report.fifo');
    expect(spawnSync('mkfifo', [fifo]).status).toBe(0);
    const reader = spawn('cat', [fifo]);
    const received = new Promise<string>((done) => {
      let text = '';
      reader.stdout.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
      reader.on('close', () => done(text));
    });
    // Asynchronously, so the reader runs while neardup writes.
    const writer = spawn(process.execPath, [resolve(repoRoot, 'bin/neardup.js'), 'in', '--format', 'json', '-o', 'report.fifo'], { cwd: dir, env: { ...process.env, NO_COLOR: '1' } });
    const status = await new Promise<number | null>((done) => writer.on('close', done));
    // A writer that failed (or replaced the FIFO) leaves the reader waiting: end it so the test does not hang.
    if (status !== 0) reader.kill();
    expect(status).toBe(0);
    expect(await received).toBe(expected);
    expect(lstatSync(fifo).isFIFO()).toBe(true);
    expect(tempFiles(dir)).toEqual([]);
  });

  it('writes into a device node without replacing it (a null device made in the temp folder)', async () => {
    const device = at('null-device');
    const made = spawnSync('mknod', ['-m', '666', device, 'c', '1', '3']);
    if (made.status !== 0) {
      console.warn(`[output-file.test] skipping the device-node case: mknod failed (${made.stderr.toString().trim()}); needs root`);
      return;
    }
    const result = await run(['in', '-o', 'null-device', '--write-baseline', 'null-device-2']);
    expect(result.status).toBe(0);
    expect(lstatSync(device).isCharacterDevice()).toBe(true);
    expect(tempFiles(dir)).toEqual([]);
  });

  it.runIf(built)('writes to /dev/fd/N as a shell gives it for >(…), not to a temp file beside it', () => {
    const result = spawnSync(process.execPath, [resolve(repoRoot, 'bin/neardup.js'), 'in', '--format', 'json', '-o', '/dev/fd/3'], {
      cwd: dir,
      env: { ...process.env, NO_COLOR: '1' },
      stdio: ['ignore', 'pipe', 'pipe', 'pipe'],
    });
    expect(result.stderr.toString()).toBe('neardup: report written to /dev/fd/3\n');
    expect(result.status).toBe(0);
    expect(result.output[3]!.toString()).toBe(expected);
  });

  it.runIf(built)('writes to a bash process substitution, -o >(…)', () => {
    const bin = resolve(repoRoot, 'bin/neardup.js');
    const result = spawnSync('bash', ['-c', `"$0" "$1" in --format json -o >(cat > via-pipe.json); wait`, process.execPath, bin], { cwd: dir, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
    expect(result.stderr).toMatch(/^neardup: report written to \/dev\/fd\/\d+\n$/);
    expect(result.status).toBe(0);
    expect(readFileSync(at('via-pipe.json'), 'utf8')).toBe(expected);
  });

  it('check -o writes as scan -o does: "-" to stdout, through a symbolic link to its target, into a FIFO', async () => {
    expect((await run(['index', 'add', 'in', '--db', 'idx.db', '--quiet'])).status).toBe(0);
    const checked = await run(['check', 'in', '--db', 'idx.db', '--format', 'json']);
    expect(checked.status).toBe(0);
    const dash = await run(['check', 'in', '--db', 'idx.db', '--format', 'json', '-o', '-']);
    expect(dash.status).toBe(0);
    expect(dash.stdout).toBe(checked.stdout);
    expect(existsSync(at('-'))).toBe(false);
    mkdirSync(at('check-reports'));
    writeFileSync(at('check-reports', 'latest.json'), 'stale');
    chmodSync(at('check-reports', 'latest.json'), 0o640);
    symlinkSync('check-reports/latest.json', at('check-link.json'));
    expect((await run(['check', 'in', '--db', 'idx.db', '--format', 'json', '-o', 'check-link.json', '--quiet'])).status).toBe(0);
    expect(lstatSync(at('check-link.json')).isSymbolicLink()).toBe(true);
    expect(readFileSync(at('check-reports', 'latest.json'), 'utf8')).toBe(checked.stdout);
    expect(statSync(at('check-reports', 'latest.json')).mode & 0o777).toBe(0o640);
    expect(tempFiles(at('check-reports'))).toEqual([]);
    const missing = await run(['check', 'in', '--db', 'idx.db', '-o', 'no-such-folder/report.txt']);
    expect(missing.stderr).toContain('no-such-folder/report.txt');
    expect(missing.stderr).not.toContain('.tmp');
  });

  it('follows a symbolic link and replaces its target, keeping the link', async () => {
    mkdirSync(at('reports'));
    writeFileSync(at('reports', 'latest.json'), 'stale');
    symlinkSync('reports/latest.json', at('report-link.json'));
    expect((await run(['in', '--format', 'json', '-o', 'report-link.json'])).status).toBe(0);
    expect(lstatSync(at('report-link.json')).isSymbolicLink()).toBe(true);
    expect(readFileSync(at('reports', 'latest.json'), 'utf8')).toBe(expected);
    // A link to a file not there yet creates the file it names.
    symlinkSync('reports/baseline.json', at('baseline-link.json'));
    expect((await run(['in', '--write-baseline', 'baseline-link.json', '--quiet'])).status).toBe(0);
    expect(lstatSync(at('baseline-link.json')).isSymbolicLink()).toBe(true);
    expect(JSON.parse(readFileSync(at('reports', 'baseline.json'), 'utf8')).clusters).toHaveLength(1);
    expect(tempFiles(at('reports'))).toEqual([]);
  });

  it('keeps the mode of a file it replaces', async () => {
    writeFileSync(at('private.json'), 'old');
    chmodSync(at('private.json'), 0o600);
    writeFileSync(at('shared.json'), 'old');
    chmodSync(at('shared.json'), 0o664);
    expect((await run(['in', '--format', 'json', '-o', 'private.json', '--write-baseline', 'shared.json'])).status).toBe(0);
    expect(statSync(at('private.json')).mode & 0o777).toBe(0o600);
    expect(statSync(at('shared.json')).mode & 0o777).toBe(0o664);
    expect(readFileSync(at('private.json'), 'utf8')).toBe(expected);
  });

  it('names the path the user gave when its folder is missing, never the temp file', async () => {
    const result = await run(['in', '-o', 'no-such-folder/report.json']);
    expect(result.status).toBe(3);
    expect(result.stderr).toContain('cannot write no-such-folder/report.json: folder no-such-folder does not exist\n');
    expect(result.stderr.split('\n').filter(Boolean)).toHaveLength(1);
    expect(result.stderr).not.toContain('.tmp');
    const baseline = await run(['in', '--write-baseline', 'missing/b.json', '--quiet']);
    expect(baseline.status).toBe(3);
    expect(baseline.stderr).toContain('cannot write missing/b.json: folder missing does not exist');
  });

  it('finds a missing folder before the scan reads anything, and calls it no unexpected error', async () => {
    mkdirSync(at('with-bad'), { recursive: true });
    writeFileSync(at('with-bad', 'binary.txt'), Buffer.from([0, 1, 2, 0]));
    const result = await run(['with-bad', '-o', 'gone/report.json']);
    expect(result.status).toBe(3);
    // The scan would have said it skipped the binary file: it never ran.
    expect(result.stderr).toBe('neardup: cannot write gone/report.json: folder gone does not exist\n');
    const check = await run(['check', 'in', '--db', at('no-index.db'), '-o', 'gone/check.json']);
    expect(check.status).toBe(3);
    expect(check.stderr).toBe('neardup: cannot write gone/check.json: folder gone does not exist\n');
  });

  it('refuses --write-baseline - while the report goes to stdout too', async () => {
    const result = await run(['in', '--write-baseline', '-']);
    expect(result.status).toBe(2);
    expect(result.stdout).toBe('');
    const split = await run(['in', '-o', 'r.txt', '--write-baseline', '-', '--quiet']);
    expect(split.status).toBe(0);
    expect(JSON.parse(split.stdout).clusters).toHaveLength(1);
  });
});

describe.skipIf(!hasBuild('test/cli/output-file.test.ts'))('writeOutputFile and signals', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'neardup-output-signal-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it.each(['SIGINT', 'SIGTERM'] as const)('removes its temp file on %s and exits as the signal would (128 + its number)', async (signal) => {
    const target = join(dir, `report-${signal}.txt`);
    writeFileSync(target, 'the old report');
    const module = pathToFileURL(resolve(repoRoot, 'dist/cli/output-file.js')).href;
    // A report that never ends: the write is under way when the signal comes.
    const script = `
      const { writeOutputFile } = await import(${JSON.stringify(module)});
      function* pieces() { process.stdout.write('writing\\n'); for (;;) yield 'x'.repeat(1024); }
      await writeOutputFile(${JSON.stringify(target)}, pieces(), { cwd: ${JSON.stringify(dir)}, stdout: process.stdout });`;
    const child = spawn(process.execPath, ['--input-type=module', '-e', script], { cwd: dir });
    child.stdout.once('data', () => child.kill(signal));
    const code = await new Promise<number | null>((done) => child.on('close', (status) => done(status)));
    expect(code).toBe(signal === 'SIGINT' ? 130 : 143);
    expect(tempFiles(dir)).toEqual([]);
    expect(readFileSync(target, 'utf8')).toBe('the old report');
  });
});
