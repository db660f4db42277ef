/**
 * Word k-gram shingles as 32-bit hashes. At 32 bits two different shingles of one pair of articles collide with
 * probability about |A|·|B| / 2^32 (under 1e-4 for two 600-word articles), far below any threshold's resolution.
 */

/** Murmur3's finaliser: spreads every input bit over the output. */
export function fmix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h | 0;
}

/**
 * Hash of every window of k consecutive token hashes, in text order (position i covers tokens i … i+k-1).
 * A text shorter than k tokens yields one shingle of all its tokens; an empty one yields none.
 */
export function shingleHashes(tokenHashes: Int32Array, k: number): Int32Array {
  const n = tokenHashes.length;
  const out = new Int32Array(n === 0 ? 0 : n - Math.min(k, n) + 1);
  shingleHashesInto(tokenHashes, n, k, out);
  return out;
}

/**
 * shingleHashes of the first n token hashes, written to `out` (room for n − min(k, n) + 1); returns the count. The
 * scan's hot path: the usual k = 5 has a loop of its own, written out, which runs twice as fast as the general one.
 */
export function shingleHashesInto(t: Int32Array, n: number, k: number, out: Int32Array): number {
  if (n === 0) return 0;
  const width = Math.min(k, n);
  const count = n - width + 1;
  if (width === 5) {
    for (let i = 0; i < count; i++) {
      let h = 5;
      h = Math.imul(h ^ t[i]!, 0x5bd1e995) ^ (h >>> 13);
      h = Math.imul(h ^ t[i + 1]!, 0x5bd1e995) ^ (h >>> 13);
      h = Math.imul(h ^ t[i + 2]!, 0x5bd1e995) ^ (h >>> 13);
      h = Math.imul(h ^ t[i + 3]!, 0x5bd1e995) ^ (h >>> 13);
      h = Math.imul(h ^ t[i + 4]!, 0x5bd1e995) ^ (h >>> 13);
      out[i] = fmix32(h);
    }
    return count;
  }
  for (let i = 0; i < count; i++) {
    let h = width;
    for (let j = 0; j < width; j++) h = Math.imul(h ^ t[i + j]!, 0x5bd1e995) ^ (h >>> 13);
    out[i] = fmix32(h);
  }
  return count;
}

/** The distinct values, sorted ascending: the form exact set measures and signatures work on. */
export function toSortedSet(values: Int32Array): Int32Array {
  return distinctOfSorted(sortedScratch(values));
}

/** Below this many values, V8's own sort costs less than four passes over 256 buckets. */
const RADIX_MIN_VALUES = 128;

/** The two buffers the sort of toSortedSet goes between, grown on demand. */
let radixFrom = new Int32Array(1024);
let radixTo = new Int32Array(1024);

/**
 * `values` sorted ascending, in a buffer valid until the next call (or a copy of their own, when few). V8 sorts a
 * typed array by comparisons, whose every other branch mispredicts on hashes: a radix sort is about a quarter faster
 * for a document's 600 shingles.
 */
export function sortedScratch(values: Int32Array): Int32Array {
  const n = values.length;
  if (n < RADIX_MIN_VALUES) return values.slice().sort();
  if (radixFrom.length < n) {
    radixFrom = new Int32Array(n * 2);
    radixTo = new Int32Array(n * 2);
  }
  radixFrom.set(values);
  return radixSort(radixFrom, radixTo, n).keys.subarray(0, n);
}

/** One histogram per byte of a 32-bit key, end to end: the radix sort's counts, reused. */
const radixCounts = new Int32Array(4 * 256);

/**
 * Sorts the first `n` of `keys` ascending as int32, by an LSD radix sort on their four bytes (stable), carrying each
 * key's `payload` value along; `spare` (and `sparePayload`) hold as many, and the passes go back and forth between the
 * two. Four passes end in the buffers they started from: `keys` and `payload`, which are returned.
 */
export function radixSort(
  keys: Int32Array,
  spare: Int32Array,
  n: number,
  payload?: Int32Array,
  sparePayload?: Int32Array,
): { keys: Int32Array; payload: Int32Array | undefined } {
  const counts = radixCounts;
  counts.fill(0);
  for (let i = 0; i < n; i++) {
    const v = keys[i]!;
    counts[v & 255]!++;
    counts[256 + ((v >>> 8) & 255)]!++;
    counts[512 + ((v >>> 16) & 255)]!++;
    // The top byte with its sign bit flipped: its unsigned order is the keys' signed order.
    counts[768 + ((v >>> 24) ^ 128)]!++;
  }
  // Exclusive prefix sums, histogram by histogram: where each bucket's first key goes.
  for (let base = 0; base < 1024; base += 256) {
    let sum = 0;
    for (let d = base; d < base + 256; d++) {
      const count = counts[d]!;
      counts[d] = sum;
      sum += count;
    }
  }
  let from = keys;
  let to = spare;
  let payloadFrom = payload;
  let payloadTo = sparePayload;
  // After the pass on byte b the keys are in order of their low b + 1 bytes, and equal keys in the order given.
  for (let pass = 0; pass < 4; pass++) {
    const shift = pass * 8;
    const base = pass * 256;
    const flip = pass === 3 ? 128 : 0;
    if (payloadFrom && payloadTo) {
      for (let i = 0; i < n; i++) {
        const v = from[i]!;
        const at = counts[base + (((v >>> shift) & 255) ^ flip)]!++;
        to[at] = v;
        payloadTo[at] = payloadFrom[i]!;
      }
    } else {
      for (let i = 0; i < n; i++) {
        const v = from[i]!;
        to[counts[base + (((v >>> shift) & 255) ^ flip)]!++] = v;
      }
    }
    const keysDone = from;
    from = to;
    to = keysDone;
    const payloadDone = payloadFrom;
    payloadFrom = payloadTo;
    payloadTo = payloadDone;
  }
  return { keys: from, payload: payloadFrom };
}

/** Sorts the first `count` values of `values` in place and moves the distinct ones to the front; returns how many. */
export function sortDistinct(values: Int32Array, count: number = values.length): number {
  const keys = values.subarray(0, count).sort();
  let distinct = 0;
  for (let i = 0; i < count; i++) if (distinct === 0 || keys[i] !== keys[distinct - 1]) keys[distinct++] = keys[i]!;
  return distinct;
}

/** The distinct values of an ascending array, as a new array of their own. */
export function distinctOfSorted(sorted: Int32Array): Int32Array {
  let distinct = sorted.length === 0 ? 0 : 1;
  for (let i = 1; i < sorted.length; i++) if (sorted[i] !== sorted[i - 1]) distinct++;
  const out = new Int32Array(distinct);
  for (let i = 0, w = 0; i < sorted.length; i++) if (i === 0 || sorted[i] !== sorted[i - 1]) out[w++] = sorted[i]!;
  return out;
}

/** |A ∩ B| of two sorted sets. */
export function intersectionSize(a: Int32Array, b: Int32Array): number {
  let i = 0;
  let j = 0;
  let n = 0;
  while (i < a.length && j < b.length) {
    const x = a[i]!;
    const y = b[j]!;
    if (x === y) {
      n++;
      i++;
      j++;
    } else if (x < y) i++;
    else j++;
  }
  return n;
}

/**
 * A set of int32 values held in an open-addressing table: to count its distinct values, to look values up in it, and to
 * count its intersection with many other sets. Verification meets each document in about twenty candidate pairs
 * (Reuters' rewrite bands), and probing a table that fits the L1 cache costs a fraction of merging two sorted sets,
 * whose every step is a branch no predictor learns. Slots are stamped with a generation number, so loading the next
 * set clears nothing.
 */
export class MembershipTable {
  private keys = new Int32Array(256);
  private stamps = new Uint32Array(256);
  /** How many of the sets given to loadSets() hold the value in each slot: made by the first loadSets(). */
  private counts: Uint32Array | undefined;
  private generation = 0;
  /** 32 − log2(table size): Fibonacci hashing takes a value's slot from the product's top bits. */
  private shift = 24;

  /** Holds the values of `values` (repeats allowed) in place of the set held before; returns how many are distinct. */
  load(values: Int32Array): number {
    this.reset(values.length);
    let distinct = 0;
    for (let i = 0; i < values.length; i++) if (this.insert(values[i]!) >= 0) distinct++;
    return distinct;
  }

  /**
   * Holds the values of several sets (each of distinct values) in place of what was held before, with how many of the
   * sets hold each, for countShared().
   */
  loadSets(sets: readonly Int32Array[]): void {
    let total = 0;
    for (const set of sets) total += set.length;
    this.reset(total);
    if (this.counts?.length !== this.keys.length) this.counts = new Uint32Array(this.keys.length);
    const { counts } = this;
    for (const set of sets) {
      for (let i = 0; i < set.length; i++) {
        const fresh = this.insert(set[i]!);
        if (fresh >= 0) counts[fresh] = 1;
        else counts[-1 - fresh]!++;
      }
    }
  }

  /** How many values of `set`, one of the sets given to loadSets(), another of those sets holds too. */
  countShared(set: Int32Array): number {
    let n = 0;
    const { stamps, generation } = this;
    const counts = this.counts!;
    for (let i = 0; i < set.length; i++) {
      const slot = this.slotOf(set[i]!);
      if (stamps[slot] === generation && counts[slot]! > 1) n++;
    }
    return n;
  }

  has(value: number): boolean {
    return this.stamps[this.slotOf(value)] === this.generation;
  }

  /** The slot holding `value`, from 0 to slots − 1, or −1 when it is not held: to index columns of the held values by. */
  placeOf(value: number): number {
    const slot = this.slotOf(value);
    return this.stamps[slot] === this.generation ? slot : -1;
  }

  /** How many slots the table has: one more than any placeOf(). */
  get slots(): number {
    return this.keys.length;
  }

  /** |held ∩ values| for distinct `values`. */
  countIn(values: Int32Array): number {
    let n = 0;
    for (let i = 0; i < values.length; i++) if (this.has(values[i]!)) n++;
    return n;
  }

  /** Empties the table, with room for `values` values at a load of at most one half. */
  private reset(values: number): void {
    let size = this.keys.length;
    while (size < values * 2) size *= 2;
    if (size !== this.keys.length) {
      this.keys = new Int32Array(size);
      this.stamps = new Uint32Array(size);
      this.generation = 0;
      this.shift = 32 - Math.log2(size);
    }
    if (++this.generation === 0xffffffff) {
      this.stamps.fill(0);
      this.generation = 1;
    }
  }

  /** The slot holding `value`, or the free slot where it would go. */
  private slotOf(value: number): number {
    const { keys, stamps, generation } = this;
    const mask = keys.length - 1;
    let slot = Math.imul(value, 0x9e3779b1) >>> this.shift;
    while (stamps[slot] === generation && keys[slot] !== value) slot = (slot + 1) & mask;
    return slot;
  }

  /** Adds `value`: returns its slot when it is new, else −1 − the slot already holding it. */
  private insert(value: number): number {
    const slot = this.slotOf(value);
    if (this.stamps[slot] === this.generation) return -1 - slot;
    this.stamps[slot] = this.generation;
    this.keys[slot] = value;
    return slot;
  }
}
