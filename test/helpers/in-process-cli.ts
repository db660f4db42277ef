import { PassThrough, Writable } from 'node:stream';
import { runCli } from '../../src/cli/program.js';
import { repoRoot } from './paths.js';

export interface InProcessRun {
  readonly status: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** A stream that keeps what is written to it, with the terminal properties a test gives it. */
function collector(tty: { isTTY?: boolean; columns?: number }): Writable & { text: () => string; isTTY?: boolean; columns?: number } {
  const chunks: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer | string, _encoding, callback) {
      chunks.push(typeof chunk === 'string' ? chunk : chunk.toString('utf8'));
      callback();
    },
  });
  return Object.assign(stream, { text: () => chunks.join(''), ...tty });
}

/** Runs the CLI in this process (from src/, no build needed), as the binary would with the given argv. */
export async function runCliInProcess(
  argv: readonly string[],
  options: { cwd?: string; env?: NodeJS.ProcessEnv; stdoutTTY?: boolean; stderrTTY?: boolean; columns?: number; stdin?: string } = {},
): Promise<InProcessRun> {
  const stdout = collector({ isTTY: options.stdoutTTY ?? false });
  const stderr = collector({ isTTY: options.stderrTTY ?? false, ...(options.columns === undefined ? {} : { columns: options.columns }) });
  const stdin = new PassThrough();
  stdin.end(options.stdin ?? '');
  const status = await runCli(argv, { stdout, stderr, stdin, env: options.env ?? { NO_COLOR: '1' }, cwd: options.cwd ?? repoRoot });
  return { status, stdout: stdout.text(), stderr: stderr.text() };
}
