/** Progress of the benchmark, on stderr: stdout carries only the report. */
export const log = (message: string): void => {
  process.stderr.write(`[bench] ${message}\n`);
};
