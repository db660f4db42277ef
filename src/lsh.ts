import { UsageError } from './errors.js';
import { fmix32 } from './shingle.js';

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

function integrate(f: (x: number) => number, from: number, to: number): number {
  const steps = 200;
  const h = (to - from) / steps;
  let area = 0;
  for (let i = 0; i < steps; i++) area += f(from + (i + 0.5) * h) * h;
  return area;
}

/**
 * The banding (bands × rows ≤ numPerm) that minimises the weighted false-positive area below the threshold and the
 * false-negative area above it, as datasketch's MinHashLSH does.
 */
export function optimalBanding(threshold: number, numPerm: number, weights: BandingWeights = RECALL_BIASED): Banding {
  if (!(threshold > 0 && threshold < 1)) throw new UsageError(`LSH threshold must lie strictly between 0 and 1, got ${threshold}`);
  if (!Number.isInteger(numPerm) || numPerm < 2) throw new UsageError(`numPerm must be an integer of at least 2, got ${numPerm}`);
  const total = weights.falsePositive + weights.falseNegative;
  let best: Banding = { bands: numPerm, rows: 1 };
  let bestError = Infinity;
  for (let bands = 1; bands <= numPerm; bands++) {
    for (let rows = 1; bands * rows <= numPerm; rows++) {
      const banding = { bands, rows };
      const fp = integrate((s) => candidateProbability(s, banding), 0, threshold);
      const fn = integrate((s) => 1 - candidateProbability(s, banding), threshold, 1);
      const error = (weights.falsePositive * fp + weights.falseNegative * fn) / total;
      if (error < bestError - 1e-12) {
        bestError = error;
        best = banding;
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
  const seen = new Set<number>();
  const pairs: Array<[number, number]> = [];
  const add = (i: number, j: number) => {
    const key = i * count + j;
    if (!seen.has(key)) {
      seen.add(key);
      pairs.push([i, j]);
    }
  };
  for (let band = 0; band < bands; band++) {
    const buckets = new Map<number, number[]>();
    for (let doc = 0; doc < count; doc++) {
      const key = bandKey(signatures, doc * numPerm, band, rows);
      const bucket = buckets.get(key);
      if (bucket) bucket.push(doc);
      else buckets.set(key, [doc]);
    }
    for (const bucket of buckets.values()) {
      if (bucket.length < 2) continue;
      // Hash keys are 32-bit, so a bucket may mix different bands: confirm the rows before pairing.
      const groups = splitExact(bucket, signatures, numPerm, band * rows, rows);
      for (const group of groups) {
        if (group.length > MAX_BUCKET_PAIRS_SIZE) {
          for (let x = 1; x < group.length; x++) add(group[0]!, group[x]!);
        } else {
          for (let x = 0; x < group.length; x++) for (let y = x + 1; y < group.length; y++) add(group[x]!, group[y]!);
        }
      }
    }
  }
  return pairs.sort((p, q) => p[0] - q[0] || p[1] - q[1]);
}

function splitExact(bucket: number[], signatures: Int32Array, numPerm: number, offset: number, rows: number): number[][] {
  const groups: number[][] = [];
  outer: for (const doc of bucket) {
    for (const group of groups) {
      const other = group[0]!;
      let same = true;
      for (let r = 0; r < rows && same; r++) same = signatures[doc * numPerm + offset + r] === signatures[other * numPerm + offset + r];
      if (same) {
        group.push(doc);
        continue outer;
      }
    }
    groups.push([doc]);
  }
  return groups;
}
