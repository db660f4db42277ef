import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { repoRoot } from './paths.js';

export interface BinaryRun {
  readonly status: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
}

export const bin = resolve(repoRoot, 'bin/neardup.js');

/** True when the build is there (npm test builds first); false otherwise, and the caller's tests skip visibly. */
export function hasBuild(testFile: string): boolean {
  const built = existsSync(resolve(repoRoot, 'dist/cli/main.js'));
  if (!built) console.warn(`[${testFile}] skipping the tests of the built binary: no build in dist/ (npm test builds first; or npm run build)`);
  return built;
}

const environment = (env: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv => ({ PATH: process.env.PATH, HOME: process.env.HOME, NO_COLOR: '1', ...env });

/** Runs the built binary as a user would, to its end, without colour unless the env asks for it. */
export function runBinary(args: readonly string[], options: { cwd?: string; input?: string; env?: NodeJS.ProcessEnv; stdoutFd?: number } = {}): BinaryRun {
  const result = spawnSync(process.execPath, [bin, ...args], {
    cwd: options.cwd ?? repoRoot,
    input: options.input ?? '',
    encoding: 'utf8',
    env: environment(options.env),
    maxBuffer: 64 * 1024 * 1024,
    // A descriptor given for stdout (a file, /dev/full) is written to directly: nothing is read back.
    stdio: ['pipe', options.stdoutFd ?? 'pipe', 'pipe'],
  });
  return { status: result.status, signal: result.signal, stdout: result.stdout ?? '', stderr: result.stderr };
}

/** Starts the built binary without waiting: the child (to kill, or to read from) and its end. */
export function startBinary(args: readonly string[], options: { cwd?: string } = {}) {
  const child = spawn(process.execPath, [bin, ...args], { cwd: options.cwd ?? repoRoot, env: environment(), stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d));
  child.stderr.on('data', (d: Buffer) => (stderr += d));
  const exited = new Promise<BinaryRun>((done) => child.on('close', (status, signal) => done({ status, signal, stdout, stderr })));
  return { child, exited };
}
