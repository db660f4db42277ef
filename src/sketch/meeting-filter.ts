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

/** The arrays of a SortedPairSet, to make the same set in another thread. */
export interface SortedPairSetData {
  /** The pairs as a sorted column (i0, j0, i1, j1 …), on shared memory. */
  readonly column: Int32Array;
  /** Where the pairs of each first document start in the column, in pairs: those of i are [starts[i], starts[i + 1]). */
  readonly starts: Int32Array;
  /** One bit per document that is the first of some pair. */
  readonly firsts: Int32Array;
}

/** An Int32Array of `length` on shared memory, which a worker thread is given without a copy. */
function sharedInt32(length: number): Int32Array {
  return new Int32Array(new SharedArrayBuffer(4 * length));
}

/** Whether a column of pairs is sorted by first document, then second. */
function isSorted(pairs: PairColumn): boolean {
  for (let p = 2; p < pairs.length; p += 2) {
    if (pairs[p - 2]! > pairs[p]! || (pairs[p - 2] === pairs[p] && pairs[p - 1]! > pairs[p + 1]!)) return false;
  }
  return true;
}

/** The column sorted by first document, then second, on shared memory: the column itself where it is both already. */
function sortedSharedColumn(pairs: PairColumn): Int32Array {
  const sorted = isSorted(pairs);
  if (sorted && pairs.buffer instanceof SharedArrayBuffer) return pairs;
  const order = Array.from({ length: pairs.length / 2 }, (_, p) => p);
  if (!sorted) order.sort((a, b) => pairs[2 * a]! - pairs[2 * b]! || pairs[2 * a + 1]! - pairs[2 * b + 1]!);
  const column = sharedInt32(pairs.length);
  order.forEach((from, to) => {
    column[2 * to] = pairs[2 * from]!;
    column[2 * to + 1] = pairs[2 * from + 1]!;
  });
  return column;
}

/**
 * A set of pairs of document numbers (i < j), for look-ups by the hundred million: the sorted column of pairs itself,
 * with where each first document's pairs start, searched by halves. The shingle candidates of a much-copied corpus are
 * tens of millions of pairs: a hash table of them took 2.5 times the column again, and this takes one word a document.
 */
export class SortedPairSet {
  private readonly column: Int32Array;
  private readonly starts: Int32Array;
  /** One bit per document that is the first of some pair: most look-ups of a corpus with few copies end at this bit. */
  private readonly firsts: Int32Array;

  /** `pairs`: a column of pairs, i0, j0, i1, j1 … (kept, not copied, when sorted on shared memory); or a set's arrays. */
  constructor(pairs: PairColumn | SortedPairSetData) {
    if (!ArrayBuffer.isView(pairs)) {
      ({ column: this.column, starts: this.starts, firsts: this.firsts } = pairs);
      return;
    }
    this.column = sortedSharedColumn(pairs);
    const column = this.column;
    const documents = column.length === 0 ? 0 : column[column.length - 2]! + 1;
    this.starts = sharedInt32(documents + 1);
    this.firsts = sharedInt32((documents + 31) >>> 5);
    for (let p = column.length - 2; p >= 0; p -= 2) {
      const i = column[p]!;
      this.starts[i] = p / 2;
      this.firsts[i >>> 5]! |= 1 << (i & 31);
    }
    // A document that is no first starts where the next one does, so that its range is empty.
    this.starts[documents] = column.length / 2;
    for (let i = documents - 1; i >= 0; i--) if ((this.firsts[i >>> 5]! & (1 << (i & 31))) === 0) this.starts[i] = this.starts[i + 1]!;
  }

  has(i: number, j: number): boolean {
    if (((this.firsts[i >>> 5] ?? 0) & (1 << (i & 31))) === 0) return false;
    const { column } = this;
    let low = this.starts[i]!;
    let high = this.starts[i + 1]!;
    while (low < high) {
      const middle = (low + high) >>> 1;
      const second = column[2 * middle + 1]!;
      if (second === j) return true;
      if (second < j) low = middle + 1;
      else high = middle;
    }
    return false;
  }

  /** The set's arrays (on shared memory), for the same set in another thread. */
  data(): SortedPairSetData {
    return { column: this.column, starts: this.starts, firsts: this.firsts };
  }
}

/** What a MeetingFilter is made of, to make the same filter in another thread. */
export interface MeetingFilterData {
  /** Pairs whose meetings never count. */
  readonly refused: SortedPairSetData;
  /** Each document's publication time (ms, NaN when undated); absent when no document is dated. */
  readonly times?: Float64Array;
  /** How far apart two dated documents may be, in ms. */
  readonly windowMs: number;
}

export class MeetingFilter {
  private readonly refused: SortedPairSet;
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
    return new MeetingFilter({ refused: new SortedPairSet(refused).data(), ...(shared ? { times: shared } : {}), windowMs });
  }

  /** Every meeting counts. */
  static all(): MeetingFilter {
    return MeetingFilter.of(new Int32Array(0));
  }

  constructor(readonly data: MeetingFilterData) {
    this.refused = new SortedPairSet(data.refused);
    this.times = data.times;
    this.windowMs = data.windowMs;
  }

  /** Whether a meeting of documents i and j (i < j) counts. Asked of every meeting: cheap. */
  accepts(i: number, j: number): boolean {
    if (this.times && !timesWithin(this.times[i]!, this.times[j]!, this.windowMs)) return false;
    return !this.refused.has(i, j);
  }
}
