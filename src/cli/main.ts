import { ExitCode } from './exit-codes.js';
import { writeFailureReason } from './output-file.js';
import { runCli } from './program.js';

// A reader that stops early (`neardup … | head`) is not an error: stop writing and exit quietly. Any other failure (a
// full disk) loses the report: say so and end as a report that could not be written does, never with the exit code
// of duplicates found.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  process.stderr.write(`neardup: cannot write standard output: ${writeFailureReason(error)}\n`);
  process.exit(ExitCode.internal);
});

process.exitCode = await runCli(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  stdin: process.stdin,
  env: process.env,
  cwd: process.cwd(),
});
