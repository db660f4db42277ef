/**
 * Worker threads for a scan's two passes: they fingerprint pieces of input (pass 1) and cluster linked groups of
 * documents (the end of pass 2). Each task's result is a pure function of the task, so the caller gets the same result
 * whatever the number of threads, and puts results back in order itself.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { CandidateGroup } from './groups.js';
import type { PackedClusteredGroups } from './packed-members.js';
import type { ScanOptions } from '../options.js';
import type { FingerprintedPiece, FingerprintSettings } from '../sketch/piece-fingerprints.js';
import type { GroupMeetings, MeetingTask } from '../sketch/sentence-lsh.js';
import type { ArticlePiece } from '../input/read.js';
import type { DirectoryEntry } from './loader.js';
import type { ReadOptions } from '../input/read.js';
import type { ShingleSigning, ShinglesAgain } from './refingerprint.js';
import { kernelModules } from '../text/wasm/modules.js';

/** Groups to verify and cluster on a worker, with what it needs to read their documents again itself. */
export interface ClusterTask {
  readonly groups: readonly CandidateGroup[];
  readonly entries: readonly DirectoryEntry[];
  readonly options: ScanOptions;
  /** Keys of the learned boilerplate lines, if any were learned. */
  readonly boilerplate?: Int32Array;
  /** The documents that hold any of those lines (the others' sets need no analysis). */
  readonly boilerplateHolders?: Int32Array;
}

/** Documents holding learned boilerplate lines, to read again and sign without them on a worker. */
export interface RefingerprintTask {
  readonly docs: Int32Array;
  readonly entries: readonly DirectoryEntry[];
  /** Keys of the learned boilerplate lines. */
  readonly boilerplate: Int32Array;
  readonly read: ReadOptions;
  readonly shingleSize: number;
  readonly signing: ShingleSigning;
}

/** What a worker is started with: the fingerprint settings, and this thread's compiled kernels to share. */
export interface WorkerSetup {
  readonly settings: FingerprintSettings;
  readonly modules: Record<string, WebAssembly.Module>;
}

/** What a worker is sent. */
export type WorkerTask =
  | { readonly kind: 'fingerprint'; readonly piece: ArticlePiece }
  | ({ readonly kind: 'cluster' } & ClusterTask)
  | ({ readonly kind: 'meetings' } & MeetingTask)
  | ({ readonly kind: 'refingerprint' } & RefingerprintTask);

interface Waiting {
  resolve(result: unknown): void;
  reject(error: Error): void;
  worker: number;
}

/** The compiled worker script; from TypeScript sources (tests) there is none, and only one thread can be used. */
const WORKER_SCRIPT = new URL('./worker.js', import.meta.url);

/** Whether worker threads can be started: the compiled build is there. */
export function canStartWorkers(): boolean {
  return existsSync(fileURLToPath(WORKER_SCRIPT));
}

/** Pieces sent to a worker before it has answered: enough that it never waits for the next one. */
export const QUEUED_PER_WORKER = 2;

/** Results held before they can be taken back in order, at most (pieces of input, batches of groups): a few MiB. */
export const MAX_HELD_PIECES = 16;

export class ScanPool {
  private readonly workers: Worker[];
  /** Tasks sent to each worker and not answered yet. */
  private readonly busy: number[];
  /** Whether each worker has loaded its modules (a fraction of a second): until then it is sent nothing. */
  private readonly ready: boolean[];
  private readonly waiting = new Map<number, Waiting>();
  private nextId = 0;
  private failure: Error | undefined;

  constructor(settings: FingerprintSettings, size: number) {
    const setup: WorkerSetup = { settings, modules: kernelModules() };
    this.workers = Array.from({ length: size }, (_, w) => {
      const worker = new Worker(WORKER_SCRIPT, { workerData: setup });
      worker.on('message', (message: { ready?: true; id: number; result?: unknown; error?: string }) => {
        if (message.ready) this.ready[w] = true;
        else this.answered(message);
      });
      worker.on('error', (error) => this.fail(error));
      worker.on('exit', (code) => {
        if (code !== 0) this.fail(new Error(`worker thread ${w + 1} stopped (exit code ${code})`));
      });
      return worker;
    });
    this.busy = this.workers.map(() => 0);
    this.ready = this.workers.map(() => false);
  }

  /**
   * Fingerprints a piece on the least busy thread that is ready and has fewer than `maxQueued` tasks, or returns
   * undefined when there is none: the caller then does the task itself, so starting the threads costs no waiting and
   * the caller's thread works too.
   */
  fingerprint(piece: ArticlePiece, maxQueued = Number.POSITIVE_INFINITY): Promise<FingerprintedPiece> | undefined {
    // A piece of lines has a buffer of its own (LinePiece): it moves to the worker rather than being copied there.
    const transfer = piece.kind === 'lines' ? [piece.bytes.buffer as ArrayBuffer] : [];
    return this.submit<FingerprintedPiece>({ kind: 'fingerprint', piece }, maxQueued, transfer);
  }

  /** Clusters groups on a worker, as `fingerprint` does pieces. */
  cluster(task: ClusterTask, maxQueued = Number.POSITIVE_INFINITY): Promise<PackedClusteredGroups> | undefined {
    return this.submit<PackedClusteredGroups>({ kind: 'cluster', ...task }, maxQueued);
  }

  /** Reads documents holding learned lines again and signs them on a worker, as `fingerprint` does pieces. */
  refingerprint(task: RefingerprintTask, maxQueued = Number.POSITIVE_INFINITY): Promise<ShinglesAgain> | undefined {
    return this.submit<ShinglesAgain>({ kind: 'refingerprint', ...task }, maxQueued);
  }

  /**
   * Makes a group's meetings of sentences on a worker, as `fingerprint` does pieces; the group's rows move there, the
   * filter's shared arrays are shared.
   */
  meetings(task: MeetingTask, maxQueued = Number.POSITIVE_INFINITY): Promise<GroupMeetings> | undefined {
    return this.submit<GroupMeetings>({ kind: 'meetings', ...task }, maxQueued, [task.rows.buffer as ArrayBuffer]);
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((worker) => worker.terminate()));
  }

  private submit<T>(task: WorkerTask, maxQueued: number, transfer: ArrayBuffer[] = []): Promise<T> | undefined {
    if (this.failure) return Promise.reject(this.failure);
    let w = -1;
    for (let i = 0; i < this.busy.length; i++) if (this.ready[i] && (w < 0 || this.busy[i]! < this.busy[w]!)) w = i;
    if (w < 0 || this.busy[w]! >= maxQueued) return undefined;
    const id = this.nextId++;
    this.busy[w]!++;
    const answer = new Promise<T>((resolve, reject) => this.waiting.set(id, { resolve: resolve as (result: unknown) => void, reject, worker: w }));
    this.workers[w]!.postMessage({ id, task }, transfer);
    return answer;
  }

  private answered({ id, result, error }: { id: number; result?: unknown; error?: string }): void {
    const waiting = this.waiting.get(id);
    if (!waiting) return;
    this.waiting.delete(id);
    this.busy[waiting.worker]!--;
    if (result !== undefined) waiting.resolve(result);
    else waiting.reject(new Error(`worker thread failed: ${error}`));
  }

  private fail(error: Error): void {
    this.failure ??= error;
    for (const waiting of this.waiting.values()) waiting.reject(error);
    this.waiting.clear();
  }
}

/**
 * Results taken back in the order their tasks were given, whichever thread did them: one that is in is handed on at
 * once; while one a worker has is not, later ones are held (this thread goes on with its own, as waiting would leave
 * a core idle), and it is waited for only once `maxHeld` are held, which bounds the memory they take.
 */
export class InOrder<T> {
  private readonly held: Array<{ result: T | Promise<T>; done: boolean }> = [];

  constructor(
    private readonly take: (result: T) => void,
    private readonly maxHeld: number,
  ) {}

  /** Adds the next result (a promise while a worker has it) and takes back what can be taken. */
  async add(result: T | Promise<T>): Promise<void> {
    const entry = { result, done: !(result instanceof Promise) };
    // Also marks a failure as handled: it surfaces when its result is taken back, in order.
    if (result instanceof Promise) {
      result.then(
        () => (entry.done = true),
        () => (entry.done = true),
      );
    }
    this.held.push(entry);
    while (this.held.length > 0 && (this.held[0]!.done || this.held.length > this.maxHeld)) this.take(await this.held.shift()!.result);
  }

  /** Takes back every result still held, waiting for each in turn. */
  async finish(): Promise<void> {
    while (this.held.length > 0) this.take(await this.held.shift()!.result);
  }
}
