/**
 * What the first pass of a scan keeps of each document: where to read it again, its counts, its LSH band keys and a
 * two-bytes-per-permutation sketch of its signatures. No text (except from standard input, which cannot be read
 * twice): about 0.9 KB a document at the default settings, so a million articles fit in memory.
 */
import { KeyRuns } from './key-runs.js';
import type { Banding } from './lsh.js';

/** Where a document came from and what it was called: enough to read it again. */
export interface DocumentMeta {
  readonly id: string;
  readonly source: string;
  readonly line?: number;
  readonly offset?: number;
  readonly date?: string;
}

/** A growable column of fixed-width int32 rows. */
class Column {
  data: Int32Array;
  constructor(readonly width: number) {
    this.data = new Int32Array(Math.max(1, width) * 1024);
  }
  reserve(rows: number): void {
    if (rows * this.width <= this.data.length) return;
    const grown = new Int32Array(Math.max(rows * this.width, this.data.length * 2));
    grown.set(this.data);
    this.data = grown;
  }
}

/** b-bit MinHash (b = 16): the low 16 bits of each minimum. With 8 bits, chance agreement (1 in 256) lets thousands of
 * unrelated pairs of a large corpus through the rewrite filter; with 16 it is 1 in 65,536. */
const SKETCH_CHANCE = 1 / 65536;

export class CorpusTable {
  count = 0;
  private readonly ids: string[] = [];
  private readonly sources: string[] = [];
  private lines = new Column(1);
  private offsets = new Float64Array(1024);
  private dates = new Float64Array(1024);
  /** Documents with a date: with none, no pair is ever outside a window of days. */
  private datedCount = 0;
  /** Word count, distinct shingle count, content-stem count, text digest. */
  private counts = new Column(4);
  private readonly bandKeys: Column;
  private readonly contentKeys: Column;
  private sketches: Uint16Array;
  private contentSketches: Uint16Array;
  /** The same sketches two permutations to a word, which estimate() compares at once. */
  private sketchPairs: Uint32Array;
  /** Texts that cannot be read again (standard input), by document number. */
  private readonly retained = new Map<number, string>();
  /** Set by releaseSketches. */
  private sketchesReleased = false;

  constructor(
    readonly numPerm: number,
    readonly banding: Banding,
    readonly contentBanding: Banding | undefined,
  ) {
    this.bandKeys = new Column(banding.bands);
    this.contentKeys = new Column(contentBanding?.bands ?? 0);
    this.sketches = new Uint16Array(numPerm * 1024);
    this.contentSketches = new Uint16Array(contentBanding ? numPerm * 1024 : 0);
    this.sketchPairs = pairsOf(this.sketches);
  }

  /**
   * Replaces a document's fingerprints, as when learned boilerplate leaves part of it out of comparison. Its token
   * digest and word count stay: the text is the same.
   */
  update(
    i: number,
    counts: { shingles: number; contentStems: number },
    signature: Int32Array,
    bandKeys: Int32Array,
    contentSignature: Int32Array | undefined,
    contentKeys: Int32Array | undefined,
  ): void {
    this.assertSketchesHeld();
    this.counts.data[i * 4 + 1] = counts.shingles;
    this.counts.data[i * 4 + 2] = counts.contentStems;
    this.bandKeys.data.set(bandKeys, i * this.banding.bands);
    for (let p = 0; p < this.numPerm; p++) this.sketches[i * this.numPerm + p] = signature[p]! & 0xffff;
    if (this.contentBanding && contentSignature && contentKeys) {
      this.contentKeys.data.set(contentKeys, i * this.contentBanding.bands);
      for (let p = 0; p < this.numPerm; p++) this.contentSketches[i * this.numPerm + p] = contentSignature[p]! & 0xffff;
    }
  }

  /** Appends a document; returns its number. Band keys and signatures are copied. */
  add(
    meta: DocumentMeta,
    counts: { words: number; shingles: number; contentStems: number; digest: number },
    signature: Int32Array,
    bandKeys: Int32Array,
    contentSignature: Int32Array | undefined,
    contentKeys: Int32Array | undefined,
    retainedText?: string,
  ): number {
    this.assertSketchesHeld();
    const i = this.count++;
    this.ids.push(meta.id);
    this.sources.push(meta.source);
    this.lines.reserve(this.count);
    this.counts.reserve(this.count);
    this.bandKeys.reserve(this.count);
    this.contentKeys.reserve(this.count);
    if (this.offsets.length < this.count) {
      this.offsets = grow64(this.offsets);
      this.dates = grow64(this.dates);
    }
    if (this.sketches.length < this.count * this.numPerm) {
      this.sketches = grow16(this.sketches);
      this.sketchPairs = pairsOf(this.sketches);
      if (this.contentBanding) this.contentSketches = grow16(this.contentSketches);
    }
    this.lines.data[i] = meta.line ?? 0;
    this.offsets[i] = meta.offset ?? -1;
    this.dates[i] = meta.date === undefined ? Number.NaN : Date.parse(meta.date);
    if (!Number.isNaN(this.dates[i])) this.datedCount++;
    this.counts.data[i * 4] = counts.words;
    this.counts.data[i * 4 + 3] = counts.digest;
    this.update(i, counts, signature, bandKeys, contentSignature, contentKeys);
    if (retainedText !== undefined) this.retained.set(i, retainedText);
    return i;
  }

  meta(i: number): DocumentMeta {
    const line = this.lines.data[i]!;
    const offset = this.offsets[i]!;
    const date = this.dates[i]!;
    return {
      id: this.ids[i]!,
      source: this.sources[i]!,
      ...(line === 0 ? {} : { line }),
      ...(offset < 0 ? {} : { offset }),
      ...(Number.isNaN(date) ? {} : { date: new Date(date).toISOString() }),
    };
  }

  /** Where document i is read again: its file, and its JSONL line and byte offset if it has them. Cheaper than meta(). */
  location(i: number): { readonly source: string; readonly line: number | undefined; readonly offset: number } {
    const line = this.lines.data[i]!;
    return { source: this.sources[i]!, line: line === 0 ? undefined : line, offset: Math.max(0, this.offsets[i]!) };
  }

  id(i: number): string {
    return this.ids[i]!;
  }

  time(i: number): number {
    return this.dates[i]!;
  }

  /** Every document's publication time (ms, NaN when undated), as time(i) gives it: a view, not a copy. */
  times(): Float64Array {
    return this.dates.subarray(0, this.count);
  }

  /** Whether any document has a date. */
  anyDated(): boolean {
    return this.datedCount > 0;
  }

  distinctShingles(i: number): number {
    return this.counts.data[i * 4 + 1]!;
  }

  contentStems(i: number): number {
    return this.counts.data[i * 4 + 2]!;
  }

  /**
   * Digest of the text as first read (textDigest), to tell whether a document read again within this scan is the one
   * first read: the re-read check, not the index's change detector (contentHash, SHA-256).
   */
  digest(i: number): number {
    return this.counts.data[i * 4 + 3]!;
  }

  retainedText(i: number): string | undefined {
    return this.retained.get(i);
  }

  /** The band keys of all documents, `banding.bands` per document. */
  allBandKeys(): Int32Array {
    this.assertSketchesHeld();
    return this.bandKeys.data.subarray(0, this.count * this.banding.bands);
  }

  /** Jaccard of two documents' shingle sets, estimated from their sketches. */
  estimatedJaccard(i: number, j: number): number {
    this.assertSketchesHeld();
    return estimate(this.sketches, this.sketchPairs, this.numPerm, i, j);
  }

  /**
   * Lets go of the band keys and sketches, most of what the table holds: once candidate pairs are found, the second
   * pass needs only where each document is, its date and its counts. No document can be added or estimated after.
   */
  releaseSketches(): void {
    this.sketchesReleased = true;
    this.bandKeys.data = new Int32Array(0);
    this.contentKeys.data = new Int32Array(0);
    this.sketches = new Uint16Array(0);
    this.contentSketches = new Uint16Array(0);
    this.sketchPairs = new Uint32Array(0);
  }

  private assertSketchesHeld(): void {
    if (this.sketchesReleased) throw new Error('the table has let go of its band keys and sketches (releaseSketches)');
  }
}

function estimate(sketches: Uint16Array, pairs: Uint32Array, numPerm: number, i: number, j: number): number {
  let equal = 0;
  // Branch-free ((x ^ y) - 1 is negative only where the two agree): candidate pairs agree on a third to a half of the
  // permutations, a branch per permutation that no predictor learns. With an even number of permutations, two at a time.
  if ((numPerm & 1) === 0) {
    const half = numPerm >> 1;
    const a = i * half;
    const b = j * half;
    for (let p = 0; p < half; p++) {
      const differ = pairs[a + p]! ^ pairs[b + p]!;
      equal += (((differ & 0xffff) - 1) >>> 31) + (((differ >>> 16) - 1) >>> 31);
    }
  } else {
    const a = i * numPerm;
    const b = j * numPerm;
    for (let p = 0; p < numPerm; p++) equal += ((sketches[a + p]! ^ sketches[b + p]!) - 1) >>> 31;
  }
  return Math.max(0, (equal / numPerm - SKETCH_CHANCE) / (1 - SKETCH_CHANCE));
}

function pairsOf(sketches: Uint16Array): Uint32Array {
  return new Uint32Array(sketches.buffer, sketches.byteOffset, sketches.length >> 1);
}

function grow64(a: Float64Array): Float64Array<ArrayBuffer> {
  const b = new Float64Array(a.length * 2);
  b.set(a);
  return b;
}

function grow16(a: Uint16Array): Uint16Array<ArrayBuffer> {
  const b = new Uint16Array(a.length * 2);
  b.set(a);
  return b;
}

/** Every document's line keys (see boilerplate.ts) end to end, with where each document's start. */
export class LineKeyStore extends KeyRuns {
  /** As an array would answer (see boilerplate.ts DocumentLineKeys). */
  at(i: number): Int32Array | undefined {
    return i >= 0 && i < this.count ? this.of(i) : undefined;
  }

  get length(): number {
    return this.count;
  }
}
