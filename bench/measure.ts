/** Timing and memory measurement. Wall time only, from process.hrtime.bigint(); nothing here asserts on a time. */
import { readFileSync } from 'node:fs';
import { Worker } from 'node:worker_threads';

export function seconds(from: bigint, to: bigint = process.hrtime.bigint()): number {
  return Number(to - from) / 1e9;
}

/** Runs a full garbage collection when node was started with --expose-gc, so one stage's garbage is not billed to the next. */
export function collectGarbage(): void {
  (globalThis as { gc?: () => void }).gc?.();
}

export interface Rate {
  /** Median over the rounds of items per second. */
  readonly perSecond: number;
  /** Items per second of each round, in the order run. */
  readonly rounds: readonly number[];
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** Items per second of one round: `batch` (processing `items` items a call) repeated until minSeconds have passed. */
export function timeRound(batch: () => void, items: number, minSeconds: number): number {
  collectGarbage();
  let calls = 0;
  const start = process.hrtime.bigint();
  let elapsed = 0;
  do {
    batch();
    calls++;
    elapsed = seconds(start);
  } while (elapsed < minSeconds);
  return (calls * items) / elapsed;
}

export interface Contender {
  readonly batch: () => void;
  readonly items: number;
}

/**
 * Throughput of several contenders: each runs once untimed (warm-up), then the rounds alternate between them, so a
 * change of machine load during the measurement hits all of them alike. Each reports its median round.
 */
export function measureRates<K extends string>(contenders: Readonly<Record<K, Contender>>, { rounds = 5, minSeconds = 1 } = {}): Record<K, Rate> {
  const keys = Object.keys(contenders) as K[];
  for (const k of keys) contenders[k].batch();
  const results = Object.fromEntries(keys.map((k) => [k, [] as number[]])) as Record<K, number[]>;
  for (let r = 0; r < rounds; r++) {
    for (const k of keys) results[k].push(timeRound(contenders[k].batch, contenders[k].items, minSeconds));
  }
  const rates = {} as Record<K, Rate>;
  for (const k of keys) rates[k] = { perSecond: median(results[k]), rounds: results[k] };
  return rates;
}

/** Peak resident set size in bytes since the process started (Linux VmHWM), or undefined elsewhere. */
export function vmHwmBytes(): number | undefined {
  try {
    const match = /^VmHWM:\s+(\d+)\s+kB$/m.exec(readFileSync('/proc/self/status', 'utf8'));
    return match ? Number(match[1]) * 1024 : undefined;
  } catch {
    return undefined;
  }
}

/** Current resident set size of another process in bytes (Linux VmRSS), or undefined when it cannot be read. */
export function processRssBytes(pid: number): number | undefined {
  try {
    const match = /^VmRSS:\s+(\d+)\s+kB$/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) * 1024 : undefined;
  } catch {
    return undefined;
  }
}

export interface RssSampler {
  /** Stops sampling and resolves to the largest RSS seen, in bytes. */
  stop(): Promise<number>;
}

/**
 * Samples process.memoryUsage.rss() every `intervalMs` from a worker thread: most of scan() is synchronous and would
 * starve a timer on the main thread, but RSS is a property of the whole process, so the worker sees it.
 */
export async function startRssSampler(intervalMs = 50): Promise<RssSampler> {
  const worker = new Worker(new URL('./rss-sampler.js', import.meta.url), { workerData: { intervalMs } });
  await new Promise<void>((resolve, reject) => {
    worker.once('message', () => resolve());
    worker.once('error', reject);
  });
  return {
    stop: () =>
      new Promise<number>((resolve, reject) => {
        worker.once('message', (peak: number) => {
          void worker.terminate();
          resolve(peak);
        });
        worker.once('error', reject);
        worker.postMessage('stop');
      }),
  };
}
