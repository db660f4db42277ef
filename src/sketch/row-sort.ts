/**
 * Row sort: the stable radix sort of rows of two uint32 columns that sentence LSH runs on every group of sentence keys
 * and of meetings (sentence-lsh.ts). Each pass runs in the WebAssembly kernel of wasm/row-sort.wat; the same loop in
 * JavaScript (`scalarSortedRows`) is the reference it is tested against, and serves where WebAssembly is missing.
 */
import { lazyModule } from '../text/wasm/modules.js';
import { ROW_SORT_WASM_BASE64 } from './wasm/row-sort-bytes.js';

/** Radix digits, the least significant first: [column (0 the first, 1 the second), shift, bits]; at most MAX_DIGIT_BITS bits. */
export type SortDigits = ReadonlyArray<readonly [0 | 1, number, number]>;

/** Widest digit: its counts take 64 KiB. */
export const MAX_DIGIT_BITS = 14;

const wasmModule = lazyModule('row-sort', ROW_SORT_WASM_BASE64);

type Pass = (srcK: number, srcV: number, dstK: number, dstV: number, n: number, by: number, shift: number, mask: number, hist: number) => number;
type Split = (src: number, n: number, dstK: number, dstV: number) => void;

/** The kernel's instance in this thread and its memory: the counts, then four columns of `capacity` rows. */
interface RowSortKernel {
  readonly memory: WebAssembly.Memory;
  readonly pass: Pass;
  readonly split: Split;
  capacity: number;
}

let kernelMade: RowSortKernel | null | undefined;

function kernel(): RowSortKernel | undefined {
  if (kernelMade === undefined) {
    const module = wasmModule();
    if (!module) kernelMade = null;
    else {
      const instance = new WebAssembly.Instance(module);
      const { memory, pass, split } = instance.exports as { memory: WebAssembly.Memory; pass: Pass; split: Split };
      kernelMade = { memory, pass, split, capacity: 0 };
    }
  }
  return kernelMade ?? undefined;
}

/** Memory the kernel keeps between sorts: a group of a small corpus is sorted in the instance the last one grew. */
const RETAINED_BYTES = 4 * 1024 * 1024;

/**
 * Lets the kernel's memory go once it is larger than RETAINED_BYTES (a WebAssembly memory never shrinks): grown to the
 * largest group sorted, it would stay with this thread through the rest of the scan. The next sort makes a new instance.
 */
export function releaseRowSortMemory(): void {
  if (kernelMade && kernelMade.memory.buffer.byteLength > RETAINED_BYTES) kernelMade = undefined;
}

/** Which loop sortedRows runs in this thread: the kernel's, or JavaScript's where WebAssembly is missing. */
export function rowSortBackend(): 'wasm' | 'scalar' {
  return kernel() ? 'wasm' : 'scalar';
}

const COUNTS_BYTES = 4 << MAX_DIGIT_BITS;

/**
 * The first `count` rows, given as pairs key, value, key, value … (as SpilledGroups reads a group), sorted stably by
 * `digits` as two columns. The kernel splits the pairs into its columns, so no thread splits them beforehand. The result
 * is a view valid until the next sort on this thread (in the kernel's memory), or new columns without the kernel.
 */
export function sortedRows(rows: Uint32Array, count: number, digits: SortDigits): [Uint32Array, Uint32Array] {
  checkDigits(digits);
  if (count <= SMALL_SORT_ROWS) return insertionSortedRows(rows, count, digits);
  const k = kernel();
  if (!k) return scalarSortedRows(...splitRowPairs(rows, count), count, digits);
  if (k.capacity < count) {
    const capacity = Math.max(count, 2 * k.capacity);
    const needed = COUNTS_BYTES + 16 * capacity;
    if (needed > k.memory.buffer.byteLength) k.memory.grow(Math.ceil((needed - k.memory.buffer.byteLength) / 65536));
    k.capacity = capacity;
  }
  const words = new Uint32Array(k.memory.buffer);
  const columnBytes = 4 * k.capacity;
  let fromFirst = COUNTS_BYTES;
  let fromSecond = fromFirst + columnBytes;
  let toFirst = fromSecond + columnBytes;
  let toSecond = toFirst + columnBytes;
  // The pairs go where the first pass writes (two columns end to end: room for 2·count words), then split.
  words.set(rows.subarray(0, 2 * count), toFirst >> 2);
  k.split(toFirst, count, fromFirst, fromSecond);
  for (const [column, shift, bits] of digits) {
    if (k.pass(fromFirst, fromSecond, toFirst, toSecond, count, column, shift, (1 << bits) - 1, 0) === 0) continue;
    [fromFirst, toFirst] = [toFirst, fromFirst];
    [fromSecond, toSecond] = [toSecond, fromSecond];
  }
  return [words.subarray(fromFirst >> 2, (fromFirst >> 2) + count), words.subarray(fromSecond >> 2, (fromSecond >> 2) + count)];
}

/**
 * Rows at most this many are sorted by insertion here: a radix pass clears and sums counts for every digit value
 * whatever the rows, and a small corpus sorts a hundred groups of a few keys.
 */
export const SMALL_SORT_ROWS = 64;

/**
 * sortedRows for a few rows: a stable insertion sort on the digits' values, the last digit the most significant, which
 * orders rows as the radix passes do. New columns.
 */
function insertionSortedRows(rows: Uint32Array, count: number, digits: SortDigits): [Uint32Array, Uint32Array] {
  const [first, second] = splitRowPairs(rows, count);
  const before = (a: number, b: number): boolean => {
    for (let d = digits.length - 1; d >= 0; d--) {
      const [column, shift, bits] = digits[d]!;
      const mask = (1 << bits) - 1;
      const by = column === 0 ? first : second;
      const x = (by[a]! >>> shift) & mask;
      const y = (by[b]! >>> shift) & mask;
      if (x !== y) return x < y;
    }
    return false;
  };
  const order = Array.from({ length: count }, (_, e) => e);
  for (let e = 1; e < count; e++) {
    const row = order[e]!;
    let at = e;
    for (; at > 0 && before(row, order[at - 1]!); at--) order[at] = order[at - 1]!;
    order[at] = row;
  }
  const sortedFirst = new Uint32Array(count);
  const sortedSecond = new Uint32Array(count);
  order.forEach((row, e) => {
    sortedFirst[e] = first[row]!;
    sortedSecond[e] = second[row]!;
  });
  return [sortedFirst, sortedSecond];
}

/** Refuses a digit wider than the counts a pass has room for. */
function checkDigits(digits: SortDigits): void {
  for (const [, , bits] of digits) if (bits > MAX_DIGIT_BITS) throw new RangeError(`a radix digit of ${bits} bits: at most ${MAX_DIGIT_BITS}`);
}

/** The first `count` rows given as pairs (key, value …) as two columns: the kernel's split, in JavaScript. */
export function splitRowPairs(rows: Uint32Array, count: number): [Uint32Array, Uint32Array] {
  const first = new Uint32Array(count);
  const second = new Uint32Array(count);
  for (let e = 0; e < count; e++) {
    first[e] = rows[2 * e]!;
    second[e] = rows[2 * e + 1]!;
  }
  return [first, second];
}

/**
 * sortedRows in JavaScript, on two columns: each pass counts the digit, then moves both columns, so every pass reads in
 * order (no look-up by index into a large array). The result is in the given columns or in two new ones.
 */
export function scalarSortedRows(first: Uint32Array, second: Uint32Array, count: number, digits: SortDigits): [Uint32Array, Uint32Array] {
  let a: Uint32Array = first.subarray(0, count);
  let b: Uint32Array = second.subarray(0, count);
  let toA: Uint32Array = new Uint32Array(count);
  let toB: Uint32Array = new Uint32Array(count);
  checkDigits(digits);
  const counts = new Uint32Array(1 << MAX_DIGIT_BITS);
  for (const [column, shift, bits] of digits) {
    const by = column === 0 ? a : b;
    const mask = (1 << bits) - 1;
    counts.fill(0, 0, mask + 1);
    for (let e = 0; e < count; e++) counts[(by[e]! >>> shift) & mask]!++;
    // A digit every row has alike orders nothing.
    if (count === 0 || counts[(by[0]! >>> shift) & mask] === count) continue;
    let sum = 0;
    for (let d = 0; d <= mask; d++) {
      const c = counts[d]!;
      counts[d] = sum;
      sum += c;
    }
    for (let e = 0; e < count; e++) {
      const at = counts[(by[e]! >>> shift) & mask]!++;
      toA[at] = a[e]!;
      toB[at] = b[e]!;
    }
    [a, toA] = [toA, a];
    [b, toB] = [toB, b];
  }
  return [a, b];
}
