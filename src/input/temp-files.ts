/** Temporary files and folders a run makes (input spills, sentence-key spills): removed when the process exits. */
import { rmSync } from 'node:fs';

const made = new Set<string>();
let exitHookSet = false;

/** Removes `path` (a file or a folder) when the process exits, unless it is forgotten first. */
export function removeOnExit(path: string): void {
  made.add(path);
  if (exitHookSet) return;
  exitHookSet = true;
  process.once('exit', () => {
    for (const p of made) rmSync(p, { recursive: true, force: true });
  });
}

/** `path` was removed by its maker: nothing to do at exit. */
export function forgetOnExit(path: string): void {
  made.delete(path);
}
