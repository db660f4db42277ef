import type { ScanStage } from '../scan/scan.js';

const LABEL: Readonly<Record<ScanStage, string>> = {
  reading: 'reading',
  boilerplate: 'learning boilerplate',
  candidates: 'finding candidates',
  verifying: 'verifying pairs',
  clustering: 'verifying and clustering groups',
};

/** Least time between two redraws, so a fast run spends nothing on drawing. */
const REDRAW_MS = 100;
const BAR_WIDTH = 24;

/**
 * A one-line progress display on stderr for long runs: only on a terminal, never in CI or with --quiet (the caller
 * decides). It redraws in place and is erased before anything else is written.
 */
export class ProgressLine {
  private last = 0;
  private drawn = false;

  constructor(private readonly stream: NodeJS.WritableStream & { columns?: number }) {}

  update(stage: ScanStage, done: number, total?: number): void {
    const now = Date.now();
    if (now - this.last < REDRAW_MS) return;
    this.last = now;
    const count = done.toLocaleString('en-US');
    let line: string;
    if (total === undefined || total === 0) line = `neardup: ${LABEL[stage]} ${count}${stage === 'reading' ? ' articles' : ''}`;
    else {
      const share = Math.min(1, done / total);
      const filled = Math.round(share * BAR_WIDTH);
      line = `neardup: ${LABEL[stage]} [${'#'.repeat(filled)}${'.'.repeat(BAR_WIDTH - filled)}] ${count}/${total.toLocaleString('en-US')}`;
    }
    const width = lineWidth(this.stream.columns);
    this.stream.write(`\r${line.slice(0, width).padEnd(width)}`);
    this.drawn = true;
  }

  /** Erases the line, if one was drawn. */
  clear(): void {
    if (!this.drawn) return;
    this.stream.write(`\r${' '.repeat(lineWidth(this.stream.columns))}\r`);
    this.drawn = false;
  }
}

/** Columns the line may fill: one short of the terminal's, 80 when it reports none or nonsense (0 on some). */
function lineWidth(columns: number | undefined): number {
  return columns !== undefined && Number.isInteger(columns) && columns >= 2 ? columns - 1 : 79;
}

/** Whether to show progress: stderr is a terminal, not in CI, not quiet. */
export function showProgress(stderr: { isTTY?: boolean }, env: NodeJS.ProcessEnv, quiet: boolean): boolean {
  return stderr.isTTY === true && !quiet && (env.CI === undefined || env.CI === '' || env.CI === 'false');
}
