/**
 * Worker threads that fingerprint pieces of input (pass 1 of a scan) in parallel. Each piece's result is a pure
 * function of the piece, so the caller gets the same fingerprints whatever the number of threads, and puts them back
 * in input order itself.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { FingerprintedPiece, FingerprintSettings } from './piece-fingerprints.js';
import type { ArticlePiece } from './read.js';

interface Waiting {
  resolve(result: FingerprintedPiece): void;
  reject(error: Error): void;
  worker: number;
}

/** The compiled worker script; from TypeScript sources (tests) there is none, and only one thread can be used. */
const WORKER_SCRIPT = new URL('./fingerprint-worker.js', import.meta.url);

/** Whether worker threads can be started: the compiled build is there. */
export function canStartWorkers(): boolean {
  return existsSync(fileURLToPath(WORKER_SCRIPT));
}

export class FingerprintPool {
  private readonly workers: Worker[];
  /** Pieces sent to each worker and not answered yet. */
  private readonly busy: number[];
  /** Whether each worker has loaded its modules (a fraction of a second): until then it is sent nothing. */
  private readonly ready: boolean[];
  private readonly waiting = new Map<number, Waiting>();
  private nextId = 0;
  private failure: Error | undefined;

  constructor(settings: FingerprintSettings, size: number) {
    this.workers = Array.from({ length: size }, (_, w) => {
      const worker = new Worker(WORKER_SCRIPT, { workerData: settings });
      worker.on('message', (message: { ready?: true; id: number; result?: FingerprintedPiece; error?: string }) => {
        if (message.ready) this.ready[w] = true;
        else this.answered(message);
      });
      worker.on('error', (error) => this.fail(error));
      worker.on('exit', (code) => {
        if (code !== 0) this.fail(new Error(`fingerprinting thread ${w + 1} stopped (exit code ${code})`));
      });
      return worker;
    });
    this.busy = this.workers.map(() => 0);
    this.ready = this.workers.map(() => false);
  }

  /**
   * Fingerprints a piece on the least busy thread that is ready and has fewer than `maxQueued` pieces, or returns
   * undefined when there is none: the caller then fingerprints the piece itself, so starting the threads costs no
   * waiting and the caller's thread works too.
   */
  fingerprint(piece: ArticlePiece, maxQueued = Number.POSITIVE_INFINITY): Promise<FingerprintedPiece> | undefined {
    if (this.failure) return Promise.reject(this.failure);
    let w = -1;
    for (let i = 0; i < this.busy.length; i++) if (this.ready[i] && (w < 0 || this.busy[i]! < this.busy[w]!)) w = i;
    if (w < 0 || this.busy[w]! >= maxQueued) return undefined;
    const id = this.nextId++;
    this.busy[w]!++;
    const answer = new Promise<FingerprintedPiece>((resolve, reject) => this.waiting.set(id, { resolve, reject, worker: w }));
    this.workers[w]!.postMessage({ id, piece });
    return answer;
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((worker) => worker.terminate()));
  }

  private answered({ id, result, error }: { id: number; result?: FingerprintedPiece; error?: string }): void {
    const waiting = this.waiting.get(id);
    if (!waiting) return;
    this.waiting.delete(id);
    this.busy[waiting.worker]!--;
    if (result) waiting.resolve(result);
    else waiting.reject(new Error(`fingerprinting thread failed: ${error}`));
  }

  private fail(error: Error): void {
    this.failure ??= error;
    for (const waiting of this.waiting.values()) waiting.reject(error);
    this.waiting.clear();
  }
}
