/**
 * Which meetings of two articles' sentences count toward their being rewrite candidates (sentence-lsh.ts): pairs that
 * are candidates as copies already are refused (near-copies meet in nearly every sentence), and so are pairs dated too
 * far apart. Plain data on shared memory, so that a worker thread making a group's meetings filters them as the scan's
 * own thread would, with no copy of the pairs.
 */
import type { PairColumn } from './lsh.js';

/** Whether two publication times (ms; NaN when undated) are at most `windowMs` apart: always when either is undated. */
export function timesWithin(a: number, b: number, windowMs: number): boolean {
  return Number.isNaN(a) || Number.isNaN(b) || Math.abs(a - b) <= windowMs;
}

/** The arrays of an IndexPairSet, to make the same set in another thread. */
export interface IndexPairSetData {
  readonly first: Int32Array;
  readonly second: Int32Array;
  readonly firsts: Int32Array;
}

/** An Int32Array of `length` on shared memory, which a worker thread is given without a copy. */
function sharedInt32(length: number): Int32Array {
  return new Int32Array(new SharedArrayBuffer(4 * length));
}

/** A set of pairs of document numbers (i < j), for look-ups by the hundred million: open addressing on two columns. */
export class IndexPairSet {
  private readonly first: Int32Array;
  private readonly second: Int32Array;
  private readonly mask: number;
  /** One bit per document that is the first of some pair: most look-ups of a corpus with few copies end at this bit. */
  private readonly firsts: Int32Array;

  /** `pairs`: a column of pairs, i0, j0, i1, j1 …; or the arrays of a set made in another thread. */
  constructor(pairs: PairColumn | IndexPairSetData) {
    if (!ArrayBuffer.isView(pairs)) {
      ({ first: this.first, second: this.second, firsts: this.firsts } = pairs);
      this.mask = this.first.length - 1;
      return;
    }
    let size = 16;
    while (size < pairs.length) size *= 2;
    this.mask = size - 1;
    this.first = sharedInt32(size).fill(-1);
    this.second = sharedInt32(size);
    let documents = 0;
    for (let p = 0; p < pairs.length; p += 2) documents = Math.max(documents, pairs[p]! + 1);
    this.firsts = sharedInt32((documents + 31) >>> 5);
    for (let p = 0; p < pairs.length; p += 2) {
      const i = pairs[p]!;
      const j = pairs[p + 1]!;
      this.firsts[i >>> 5]! |= 1 << (i & 31);
      let slot = this.slotOf(i, j);
      while (this.first[slot] !== -1 && (this.first[slot] !== i || this.second[slot] !== j)) slot = (slot + 1) & this.mask;
      this.first[slot] = i;
      this.second[slot] = j;
    }
  }

  has(i: number, j: number): boolean {
    if (((this.firsts[i >>> 5] ?? 0) & (1 << (i & 31))) === 0) return false;
    for (let slot = this.slotOf(i, j); this.first[slot] !== -1; slot = (slot + 1) & this.mask) {
      if (this.first[slot] === i && this.second[slot] === j) return true;
    }
    return false;
  }

  /** The set's arrays (on shared memory), for the same set in another thread. */
  data(): IndexPairSetData {
    return { first: this.first, second: this.second, firsts: this.firsts };
  }

  private slotOf(i: number, j: number): number {
    return (Math.imul(i, 0x9e3779b1) ^ Math.imul(j + 0x7f4a7c15, 0x85ebca6b)) & this.mask;
  }
}

/** What a MeetingFilter is made of, to make the same filter in another thread. */
export interface MeetingFilterData {
  /** Pairs whose meetings never count. */
  readonly refused: IndexPairSetData;
  /** Each document's publication time (ms, NaN when undated); absent when no document is dated. */
  readonly times?: Float64Array;
  /** How far apart two dated documents may be, in ms. */
  readonly windowMs: number;
}

export class MeetingFilter {
  private readonly refused: IndexPairSet;
  private readonly times: Float64Array | undefined;
  private readonly windowMs: number;

  /**
   * `refused`: pairs whose meetings never count (a column, sorted or not). `times`: each document's publication time
   * (ms, NaN when undated), copied to shared memory; left out when no document is dated, so that no meeting asks.
   */
  static of(refused: PairColumn, times?: ArrayLike<number>, windowMs = Number.POSITIVE_INFINITY): MeetingFilter {
    let shared: Float64Array | undefined;
    if (times) {
      shared = new Float64Array(new SharedArrayBuffer(8 * times.length));
      shared.set(times);
    }
    return new MeetingFilter({ refused: new IndexPairSet(refused).data(), ...(shared ? { times: shared } : {}), windowMs });
  }

  /** Every meeting counts. */
  static all(): MeetingFilter {
    return MeetingFilter.of(new Int32Array(0));
  }

  constructor(readonly data: MeetingFilterData) {
    this.refused = new IndexPairSet(data.refused);
    this.times = data.times;
    this.windowMs = data.windowMs;
  }

  /** Whether a meeting of documents i and j (i < j) counts. Asked of every meeting: cheap. */
  accepts(i: number, j: number): boolean {
    if (this.times && !timesWithin(this.times[i]!, this.times[j]!, this.windowMs)) return false;
    return !this.refused.has(i, j);
  }
}
