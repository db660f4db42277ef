import { Readable, Writable } from 'node:stream';
import { runCli as runProgram } from '../../src/cli/program.js';
import { removeTemporaryFiles } from '../../src/input/temp-files.js';
import { repoRoot } from './paths.js';

export interface CliRun {
  readonly status: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** A stream that keeps what is written to it; `isTTY` is left unset, as for a pipe. */
function capture(): { stream: Writable; text: () => string } {
  const chunks: Buffer[] = [];
  const stream = new Writable({
    write(chunk: Buffer | string, _encoding, done) {
      chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
      done();
    },
  });
  return { stream, text: () => Buffer.concat(chunks).toString('utf8') };
}

async function finished(stream: Writable): Promise<void> {
  await new Promise<void>((done, fail) => stream.end((error?: Error | null) => (error ? fail(error) : done())));
}

/**
 * Runs the CLI in this process from the TypeScript sources, as bin/neardup.js runs the build: argv without the node
 * and script entries, stdin given as `input` (empty when absent), an environment of PATH, HOME and NO_COLOR=1 unless
 * `env` says otherwise (a key set to undefined is removed), in `cwd` (the repository by default).
 *
 * The process's working directory is changed for the run, because input paths are read relative to it (the file
 * system does not take the context's cwd): so runs must not overlap, and the tests must run in forks, not threads.
 * The run's temporary files (spills of decoded inputs) are removed after it, as the binary's exit removes them: the
 * suite's workers are ended without an exit event.
 */
export async function runCli(args: readonly string[], options: { cwd?: string; input?: string; env?: NodeJS.ProcessEnv } = {}): Promise<CliRun> {
  const cwd = options.cwd ?? repoRoot;
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries({ PATH: process.env.PATH, HOME: process.env.HOME, NO_COLOR: '1', ...options.env })) {
    if (value !== undefined) env[key] = value;
  }
  const stdout = capture();
  const stderr = capture();
  const stdin = Readable.from(options.input ? [Buffer.from(options.input)] : []);
  const before = process.cwd();
  process.chdir(cwd);
  try {
    const status = await runProgram(args, { stdout: stdout.stream, stderr: stderr.stream, stdin, env, cwd });
    await Promise.all([finished(stdout.stream), finished(stderr.stream)]);
    return { status, stdout: stdout.text(), stderr: stderr.text() };
  } finally {
    process.chdir(before);
    removeTemporaryFiles();
  }
}
