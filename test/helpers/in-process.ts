import { PassThrough, Writable } from 'node:stream';
import { runCli } from '../../src/cli/program.js';

/** Runs the CLI in this process, in `cwd` (input paths should be absolute: files are read from the process's folder). */
export async function runInProcess(args: readonly string[], cwd: string): Promise<{ status: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const sink = (append: (s: string) => void) =>
    new Writable({
      write(chunk: Buffer, _encoding, callback) {
        append(chunk.toString());
        callback();
      },
    });
  const stdin = new PassThrough();
  stdin.end();
  const status = await runCli(args, {
    stdout: sink((s) => (stdout += s)),
    stderr: sink((s) => (stderr += s)),
    stdin,
    env: { NO_COLOR: '1' },
    cwd,
  });
  return { status, stdout, stderr };
}
