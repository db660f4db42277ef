import { safeText } from '../report/render/safe-text.js';

/** What the CLI needs from its surroundings, injected so tests can run it in-process. */
export interface CliContext {
  readonly stdout: NodeJS.WritableStream & { isTTY?: boolean };
  readonly stderr: NodeJS.WritableStream & { isTTY?: boolean; columns?: number };
  readonly stdin: NodeJS.ReadableStream;
  readonly env: NodeJS.ProcessEnv;
  readonly cwd: string;
}

/** Warnings on stderr, one line each, unless --quiet: the one way commands warn (a scan's also clears its progress line). */
export function warner(raw: { readonly quiet?: boolean }, context: Pick<CliContext, 'stderr'>): (line: string) => void {
  return (line) => {
    if (raw.quiet !== true) context.stderr.write(`neardup: ${safeText(line)}\n`);
  };
}
