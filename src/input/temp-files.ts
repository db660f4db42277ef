/** Temporary files and folders a run makes (input spills, sentence-key spills): removed when the process exits. */
import { rmSync } from 'node:fs';

const made = new Set<string>();
let exitHookSet = false;

/** Removes `path` (a file or a folder) when the process exits, unless it is forgotten first. */
export function removeOnExit(path: string): void {
  made.add(path);
  if (exitHookSet) return;
  exitHookSet = true;
  process.once('exit', removeTemporaryFiles);
}

/**
 * Removes now what is left to remove at exit: for a host that runs the CLI in its own process and goes on (the tests'
 * in-process runs), as the process's exit would. Not while a scan runs: its spills are still being read.
 */
export function removeTemporaryFiles(): void {
  for (const p of made) rmSync(p, { recursive: true, force: true });
  made.clear();
}

/** `path` was removed by its maker: nothing to do at exit. */
export function forgetOnExit(path: string): void {
  made.delete(path);
}
