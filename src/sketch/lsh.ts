import { UsageError } from '../errors.js';
import { fmix32, radixSort } from '../text/shingle.js';

/** How a signature is cut into bands of rows; two documents are candidates when any band matches in full. */
export interface Banding {
  readonly bands: number;
  readonly rows: number;
}

/** Weights of the two errors minimised when deriving a banding; recall-biased, since verification removes false positives. */
export interface BandingWeights {
  readonly falsePositive: number;
  readonly falseNegative: number;
}

export const RECALL_BIASED: BandingWeights = { falsePositive: 0.25, falseNegative: 0.75 };

/** Probability that two documents of Jaccard s share at least one band. */
export function candidateProbability(s: number, { bands, rows }: Banding): number {
  return 1 - (1 - s ** rows) ** bands;
}

const INTEGRATION_STEPS = 200;

/**
 * The banding (bands × rows ≤ numPerm) that minimises the weighted false-positive area below the threshold and the
 * false-negative area above it (midpoint rule, 200 steps each), as datasketch's MinHashLSH does. For each row count,
 * s^rows is taken once per point and (1 − s^rows)^bands built up band by band: some 700 bandings are weighed, and a
 * scan derives two before it reads anything, so a power per banding and point would be felt.
 */
export function optimalBanding(threshold: number, numPerm: number, weights: BandingWeights = RECALL_BIASED): Banding {
  if (!(threshold > 0 && threshold < 1)) throw new UsageError(`LSH threshold must lie strictly between 0 and 1, got ${threshold}`);
  if (!Number.isInteger(numPerm) || numPerm < 2) throw new UsageError(`numPerm must be an integer of at least 2, got ${numPerm}`);
  // Weighing the bandings takes some milliseconds, and every scan, index add and compare asks for the same few.
  const key = `${threshold} ${numPerm} ${weights.falsePositive} ${weights.falseNegative}`;
  let banding = bandingsWeighed.get(key);
  if (banding === undefined) bandingsWeighed.set(key, (banding = weighedBanding(threshold, numPerm, weights)));
  return { ...banding };
}

/** optimalBanding's results, by their arguments. */
const bandingsWeighed = new Map<string, Banding>();

function weighedBanding(threshold: number, numPerm: number, weights: BandingWeights): Banding {
  const total = weights.falsePositive + weights.falseNegative;
  // error[bands][rows], then searched in the order bands, rows so that ties go as they always have.
  const errors: Float64Array[] = Array.from({ length: numPerm + 1 }, (_, bands) => new Float64Array(bands === 0 ? 0 : Math.floor(numPerm / bands) + 1));
  const falsePositive = new Float64Array(numPerm + 1);
  const falseNegative = new Float64Array(numPerm + 1);
  const lowStep = threshold / INTEGRATION_STEPS;
  const highStep = (1 - threshold) / INTEGRATION_STEPS;
  for (let rows = 1; rows <= numPerm; rows++) {
    const maxBands = Math.floor(numPerm / rows);
    falsePositive.fill(0);
    falseNegative.fill(0);
    for (let i = 0; i < INTEGRATION_STEPS; i++) {
      const missLow = 1 - ((i + 0.5) * lowStep) ** rows;
      const missHigh = 1 - (threshold + (i + 0.5) * highStep) ** rows;
      // The chance that no band of `bands` matches, for bands = 1, 2, …
      let noBandLow = 1;
      let noBandHigh = 1;
      for (let bands = 1; bands <= maxBands; bands++) {
        noBandLow *= missLow;
        noBandHigh *= missHigh;
        falsePositive[bands]! += (1 - noBandLow) * lowStep;
        falseNegative[bands]! += noBandHigh * highStep;
      }
    }
    for (let bands = 1; bands <= maxBands; bands++) {
      errors[bands]![rows] = (weights.falsePositive * falsePositive[bands]! + weights.falseNegative * falseNegative[bands]!) / total;
    }
  }
  let best: Banding = { bands: numPerm, rows: 1 };
  let bestError = Infinity;
  for (let bands = 1; bands <= numPerm; bands++) {
    for (let rows = 1; bands * rows <= numPerm; rows++) {
      const error = errors[bands]![rows]!;
      if (error < bestError - 1e-12) {
        bestError = error;
        best = { bands, rows };
      }
    }
  }
  return best;
}

/**
 * The 32-bit bucket key of one band of the signature starting at `offset` in `signatures`. Stored indexes keep these
 * keys, so changing this function changes what an index finds (see src/corpus-index.ts).
 */
export function bandKey(signatures: Int32Array, offset: number, band: number, rows: number): number {
  const base = offset + band * rows;
  let h = band;
  for (let r = 0; r < rows; r++) h = Math.imul(h ^ signatures[base + r]!, 0x5bd1e995) ^ (h >>> 15);
  return fmix32(h);
}

/** Buckets larger than this emit a star (first member with each other) instead of every pair; clustering re-checks them. */
export const MAX_BUCKET_PAIRS_SIZE = 64;

/**
 * Candidate pairs of documents whose signatures share a band.
 * `signatures` holds numPerm values per document, document i at i·numPerm. Pairs come out as [i, j] with i < j,
 * sorted, each once.
 */
export function candidatePairs(signatures: Int32Array, numPerm: number, banding: Banding): Array<[number, number]> {
  const { bands, rows } = banding;
  if (!(bands >= 1 && rows >= 1)) throw new UsageError(`bands and rows must be at least 1, got ${bands} × ${rows}`);
  if (bands * rows > numPerm) throw new UsageError(`bands × rows (${bands} × ${rows}) exceeds the ${numPerm} permutations`);
  const count = signatures.length / numPerm;
  const keys = new Int32Array(count * bands);
  for (let doc = 0; doc < count; doc++) bandKeysInto(signatures, doc * numPerm, banding, keys, doc * bands);
  // Band keys are 32-bit hashes: keep a pair only where some band's rows really agree.
  return pairsOfColumn(candidatePairsFromKeys(keys, count, bands, (i, j) => {
    for (let band = 0; band < bands; band++) {
      let same = true;
      for (let r = band * rows; r < (band + 1) * rows && same; r++) same = signatures[i * numPerm + r] === signatures[j * numPerm + r];
      if (same) return true;
    }
    return false;
  }));
}

/** Writes the bucket keys of every band of one signature (see {@link bandKey}) into `out` at `outOffset`. */
export function bandKeysInto(signature: Int32Array, offset: number, banding: Banding, out: Int32Array, outOffset: number): void {
  for (let band = 0; band < banding.bands; band++) out[outOffset + band] = bandKey(signature, offset, band, banding.rows);
}

/**
 * Candidate pairs from stored band keys (`bands` keys per document, document i at i·bands): the pairs of documents
 * that share a key in some band, sorted, each once, kept only where `accept(i, j)` holds. `accept` is asked of each
 * pair once, in the same ascending order (by i, then j), so it may walk another sorted list alongside. Each band's
 * documents are put in order of their keys by a radix sort, rather than gathered in a hash map of buckets: a tenth of
 * the memory, and four passes over the band instead of a comparison sort. Hash keys are 32-bit, so a rare pair shares
 * a key by chance; verification drops it.
 *
 * The pairs of a million much-copied articles are tens of millions, so they are held once, where they are returned:
 * gathered in shared memory that grows where it is (growing copies nothing), put in order of their first document in
 * place, each document's second documents sorted, and the kept pairs written over them from the start. The column
 * returned is a view of that memory, which holds the refused pairs too until the column is let go of.
 */
export function candidatePairsFromKeys(
  keys: Int32Array,
  count: number,
  bands: number,
  accept: (i: number, j: number) => boolean = () => true,
): PairColumn {
  // A band pairs each document with at most MAX_BUCKET_PAIRS_SIZE - 1 others (a star, one): the memory reserved.
  const gathered = new GrowingPairs(8 * count * bands * (MAX_BUCKET_PAIRS_SIZE - 1));
  // starts[i + 1]: first the number of pairs whose first document is i, then (summed) where i's pairs end.
  const starts = new Int32Array(count + 1);
  new PairEmitter(keys, count, bands).forEachPair((i, j) => {
    gathered.add(i, j);
    starts[i + 1]!++;
  });
  for (let i = 0; i < count; i++) starts[i + 1]! += starts[i]!;
  const column = gathered.column();
  inOrderOfFirst(column, starts);
  // Document by document: its second documents sorted, asked of accept, and the kept pairs written from the column's
  // start. Those kept before document i take no more words than i's pairs start at, so nothing unread is overwritten.
  let keptWords = 0;
  let seconds = new Int32Array(64);
  for (let i = 0; i < count; i++) {
    const n = starts[i + 1]! - starts[i]!;
    if (n === 0) continue;
    if (seconds.length < n) seconds = new Int32Array(Math.max(n, seconds.length * 2));
    const run = seconds.subarray(0, n);
    for (let x = 0, w = 2 * starts[i]! + 1; x < n; x++, w += 2) run[x] = column[w]!;
    run.sort();
    for (let x = 0; x < n; x++) {
      if (!accept(i, run[x]!)) continue;
      column[keptWords++] = i;
      column[keptWords++] = run[x]!;
    }
  }
  return column.subarray(0, keptWords);
}

/**
 * Puts a column of pairs in order of their first document, in place: `starts[i]` is where document i's pairs are to
 * start, in pairs, and `starts[count]` their number (an American flag sort: each pair moved once to where it goes,
 * and what was there moved on in turn).
 */
function inOrderOfFirst(column: Int32Array, starts: Int32Array): void {
  const count = starts.length - 1;
  const next = starts.slice(0, count);
  for (let i = 0; i < count; i++) {
    const end = starts[i + 1]!;
    for (let p = next[i]!; p < end; p = next[i]!) {
      let first = column[2 * p]!;
      let second = column[2 * p + 1]!;
      while (first !== i) {
        const q = next[first]!++;
        const movedFirst = column[2 * q]!;
        const movedSecond = column[2 * q + 1]!;
        column[2 * q] = first;
        column[2 * q + 1] = second;
        first = movedFirst;
        second = movedSecond;
      }
      column[2 * p] = first;
      column[2 * p + 1] = second;
      next[i]!++;
    }
  }
}

/** Largest shared memory that grows in place (the runtime's limit): half a billion pairs. */
const MAX_GATHERED_BYTES = 2 ** 32;

/**
 * Pairs gathered as a column on shared memory that grows where it is, so that growing copies nothing and worker
 * threads read the column without a copy (sketch/meeting-filter.ts). Growable memory reserves its largest size of
 * address space up front: no more than the pairs can take is asked for.
 */
export class GrowingPairs {
  private readonly memory: SharedArrayBuffer;
  /** A view of fixed length: one that follows the memory's growth is several times slower to read. */
  private words: Int32Array;
  private used = 0;

  constructor(mostBytes: number) {
    const maxByteLength = Math.max(8, Math.min(MAX_GATHERED_BYTES, mostBytes));
    this.memory = new SharedArrayBuffer(Math.min(1 << 16, maxByteLength), { maxByteLength });
    this.words = new Int32Array(this.memory, 0, this.memory.byteLength >> 2);
  }

  add(i: number, j: number): void {
    if (this.used === this.words.length) this.grow();
    this.words[this.used++] = i;
    this.words[this.used++] = j;
  }

  /** The pairs gathered, on the memory they were gathered in. */
  column(): Int32Array {
    return this.words.subarray(0, this.used);
  }

  private grow(): void {
    if (this.memory.byteLength === this.memory.maxByteLength) {
      throw new UsageError(`more than ${MAX_GATHERED_BYTES / 8} candidate pairs: the corpus holds too many copies of its stories to compare at this threshold (raise --threshold)`);
    }
    this.memory.grow(Math.min(this.memory.maxByteLength, 2 * this.memory.byteLength));
    this.words = new Int32Array(this.memory, 0, this.memory.byteLength >> 2);
  }
}

/**
 * Pairs of document numbers as one column, i0, j0, i1, j1 …: how a scan holds its candidate pairs, which grow with the
 * square of the copies of a story. As arrays of two they would be small objects that every full collection marks again.
 */
export type PairColumn = Int32Array;

/** The pairs of a column, as arrays of two. */
export function pairsOfColumn(column: PairColumn): Array<[number, number]> {
  const pairs: Array<[number, number]> = [];
  for (let p = 0; p < column.length; p += 2) pairs.push([column[p]!, column[p + 1]!]);
  return pairs;
}

/** Marks of a star bucket (see candidatePairsFromKeys): its first document, whose pairs with the others it emits, and the others. */
const STAR_FIRST = 1;
const STAR_OTHER = 2;

/**
 * The pairs of documents that share a key in some band, each given once, in the first band that gives it; a bucket
 * over MAX_BUCKET_PAIRS_SIZE gives a star (its first document with each other). Copies of one story share most bands:
 * given in every band, each pair would be counted and held once per band it shares.
 */
class PairEmitter {
  private readonly byKey: BandOrder;
  /**
   * Per document and band, where a bucket was too large for all its pairs: STAR_FIRST for its first document,
   * STAR_OTHER for the others (none until such a bucket is met).
   */
  private star: Uint8Array | undefined;
  /** The documents of the bucket at hand, in ascending order, at its start. */
  private readonly bucket: Int32Array;

  constructor(
    private readonly keys: Int32Array,
    private readonly count: number,
    private readonly bands: number,
  ) {
    this.byKey = new BandOrder(count);
    this.bucket = new Int32Array(count);
  }

  /** Calls `visit(i, j)`, i < j, for every pair, band by band. */
  forEachPair(visit: (i: number, j: number) => void): void {
    const { bucket, count } = this;
    for (let band = 0; band < this.bands; band++) {
      const { keys: sortedKeys, docs } = this.byKey.sort(this.keys, this.bands, band);
      let size = 0;
      for (let x = 0; x < count; x++) {
        if (x > 0 && sortedKeys[x] !== sortedKeys[x - 1]) {
          if (size > 1) this.emitBucket(band, size, visit);
          size = 0;
        }
        bucket[size++] = docs[x]!;
      }
      if (size > 1) this.emitBucket(band, size, visit);
    }
  }

  /** The pairs of the first `size` documents of the bucket (in ascending order) that no band before gave. */
  private emitBucket(band: number, size: number, visit: (i: number, j: number) => void): void {
    const { bucket, bands } = this;
    if (size > MAX_BUCKET_PAIRS_SIZE) {
      const star = (this.star ??= new Uint8Array(this.count * bands));
      star[bucket[0]! * bands + band] = STAR_FIRST;
      for (let x = 1; x < size; x++) {
        star[bucket[x]! * bands + band] = STAR_OTHER;
        if (!this.emittedBefore(bucket[0]!, bucket[x]!, band)) visit(bucket[0]!, bucket[x]!);
      }
    } else {
      for (let x = 0; x < size; x++) for (let y = x + 1; y < size; y++) if (!this.emittedBefore(bucket[x]!, bucket[y]!, band)) visit(bucket[x]!, bucket[y]!);
    }
  }

  /** Whether a band before `band` gave (i, j), i < j: one where they share a key, unless a star left the pair out. */
  private emittedBefore(i: number, j: number, band: number): boolean {
    const { keys, bands, star } = this;
    for (let b = 0; b < band; b++) {
      if (keys[i * bands + b] === keys[j * bands + b] && (star === undefined || star[i * bands + b] !== STAR_OTHER)) return true;
    }
    return false;
  }
}

/** One band's documents in order of their keys (equal keys in ascending document order), in buffers reused from band to band. */
class BandOrder {
  private readonly keys: Int32Array;
  private readonly spareKeys: Int32Array;
  private readonly docs: Int32Array;
  private readonly spareDocs: Int32Array;

  constructor(private readonly count: number) {
    this.keys = new Int32Array(count);
    this.spareKeys = new Int32Array(count);
    this.docs = new Int32Array(count);
    this.spareDocs = new Int32Array(count);
  }

  /** The keys of band `band` (of `bands` per document in `all`) sorted, and the document of each; valid until the next call. */
  sort(all: Int32Array, bands: number, band: number): { keys: Int32Array; docs: Int32Array } {
    const { count, keys, docs } = this;
    for (let doc = 0; doc < count; doc++) {
      keys[doc] = all[doc * bands + band]!;
      docs[doc] = doc;
    }
    radixSort(keys, this.spareKeys, count, docs, this.spareDocs);
    return { keys, docs };
  }
}

/** Jaccard threshold for rewrite candidates on content-stem sets: rewrites keep names and numbers, not phrasing. */
export const REWRITE_LSH_THRESHOLD = 0.25;

/**
 * LSH is tuned below the Jaccard it must catch: datasketch's optimum still misses a third of the pairs standing right
 * at its threshold (11 bands × 11 rows catch a pair of Jaccard 0.8 with probability 0.63). Tuned to 80% of it, the
 * banding for Jaccard 0.8 (21 × 6) catches such a pair with probability 0.998; signature sketches drop the extra
 * candidates before anything is read again.
 */
export const LSH_RECALL_FACTOR = 0.8;

/**
 * The Jaccard threshold LSH is tuned to: {@link LSH_RECALL_FACTOR} of the threshold's Jaccard, which for containment is
 * the Jaccard of a pair whose larger side is up to twice the smaller.
 */
export function lshThreshold(options: { readonly metric: 'jaccard' | 'containment'; readonly threshold: number }): number {
  const t = options.metric === 'jaccard' ? options.threshold : options.threshold / (3 - options.threshold);
  return Math.min(t * LSH_RECALL_FACTOR, 0.99);
}

/** The bandings of a scan or an index: shingle bands (fixed by the caller or derived from the threshold) and rewrite bands. */
export function scanBandings(options: {
  readonly metric: 'jaccard' | 'containment';
  readonly threshold: number;
  readonly numPerm: number;
  readonly banding?: Banding | undefined;
}): { banding: Banding; rewriteBanding: Banding } {
  return { banding: options.banding ?? optimalBanding(lshThreshold(options), options.numPerm), rewriteBanding: optimalBanding(REWRITE_LSH_THRESHOLD, options.numPerm) };
}
