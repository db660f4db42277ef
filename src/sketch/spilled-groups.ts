/**
 * Entries of two uint32 columns (a key and a value) kept apart in groups, each group in the order its entries came.
 * Once more than a budget of entries is held in memory, every group's entries go to its own temporary file, so a
 * million articles' sentence keys, or their meetings, never sit in memory at once; a group is read back whole, one at a
 * time. Below the
 * budget nothing touches the disk.
 */
import { closeSync, mkdtempSync, openSync, readSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { forgetOnExit, removeOnExit } from '../input/temp-files.js';

/** Entries held in memory before all groups are written out: 64 MiB of pairs. */
export const SPILL_BUDGET_ENTRIES = 1 << 23;

/** Words a group's buffer starts with (32 entries); it doubles as entries come. */
const INITIAL_BUFFER_WORDS = 64;

export class SpilledGroups {
  /** Per group, its entries in memory as pairs: key, value, key, value … */
  private readonly buffers: Uint32Array[];
  /** Entries of each group in memory. */
  private readonly inMemory: Int32Array;
  /** Entries of each group in its file. */
  private readonly onDisk: Float64Array;
  private held = 0;
  private folder: string | undefined;
  private files: number[] = [];

  /** `prefix`: the name of the temporary folder, and what the entries are in messages. */
  constructor(
    readonly groups: number,
    private readonly budget = SPILL_BUDGET_ENTRIES,
    private readonly prefix = 'neardup-sentence-keys',
  ) {
    this.buffers = Array.from({ length: groups }, () => new Uint32Array(INITIAL_BUFFER_WORDS));
    this.inMemory = new Int32Array(groups);
    this.onDisk = new Float64Array(groups);
  }

  push(group: number, key: number, value: number): void {
    const n = this.inMemory[group]!;
    let buffer = this.buffers[group]!;
    if (2 * n === buffer.length) {
      const grown = new Uint32Array(2 * buffer.length);
      grown.set(buffer);
      this.buffers[group] = buffer = grown;
    }
    buffer[2 * n] = key;
    buffer[2 * n + 1] = value;
    this.inMemory[group] = n + 1;
    if (++this.held >= this.budget) this.spill();
  }

  /** Entries in a group. */
  size(group: number): number {
    return this.onDisk[group]! + this.inMemory[group]!;
  }

  /** A group's entries, in the order they came, into the first size(group) places of two columns. */
  read(group: number, keys: Uint32Array, values: Uint32Array): number {
    let at = 0;
    if (this.onDisk[group]! > 0) {
      const chunk = Buffer.allocUnsafe(1 << 20);
      const words = new Uint32Array(chunk.buffer, chunk.byteOffset, chunk.length / 4);
      const bytes = this.onDisk[group]! * 8;
      for (let position = 0; position < bytes; ) {
        const got = readSync(this.files[group]!, chunk, 0, Math.min(chunk.length, bytes - position), position);
        if (got === 0 || got % 8 !== 0) throw new Error(`${this.prefix} spill ended early in group ${group}`);
        for (let w = 0; w < got / 4; w += 2, at++) {
          keys[at] = words[w]!;
          values[at] = words[w + 1]!;
        }
        position += got;
      }
    }
    const buffer = this.buffers[group]!;
    for (let e = 0; e < this.inMemory[group]!; e++, at++) {
      keys[at] = buffer[2 * e]!;
      values[at] = buffer[2 * e + 1]!;
    }
    return at;
  }

  /** Bytes of the buffers in memory: grown buffers stay grown until release(), as the groups fill again after a spill. */
  bufferBytes(): number {
    return this.buffers.reduce((sum, buffer) => sum + buffer.byteLength, 0);
  }

  /**
   * Closes and removes the files and lets the grown buffers go (up to twice the budget, which the rest of a scan wants
   * more); the groups are empty after.
   */
  release(): void {
    for (const fd of this.files) closeSync(fd);
    this.files = [];
    if (this.folder) {
      rmSync(this.folder, { recursive: true, force: true });
      forgetOnExit(this.folder);
      this.folder = undefined;
    }
    for (let g = 0; g < this.groups; g++) this.buffers[g] = new Uint32Array(INITIAL_BUFFER_WORDS);
    this.inMemory.fill(0);
    this.onDisk.fill(0);
    this.held = 0;
  }

  /** Appends every group's entries in memory to its file. */
  private spill(): void {
    if (this.folder === undefined) {
      this.folder = mkdtempSync(join(tmpdir(), `${this.prefix}-`));
      removeOnExit(this.folder);
      this.files = Array.from({ length: this.groups }, (_, g) => openSync(join(this.folder!, `${g}`), 'w+'));
    }
    for (let g = 0; g < this.groups; g++) {
      const n = this.inMemory[g]!;
      if (n === 0) continue;
      const bytes = new Uint8Array(this.buffers[g]!.buffer, 0, n * 8);
      for (let written = 0; written < bytes.length; ) written += writeSync(this.files[g]!, bytes, written, bytes.length - written, this.onDisk[g]! * 8 + written);
      this.onDisk[g] = this.onDisk[g]! + n;
      this.inMemory[g] = 0;
    }
    this.held = 0;
  }
}
