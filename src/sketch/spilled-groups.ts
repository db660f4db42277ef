/**
 * Entries of two uint32 columns (a key and a value) kept apart in groups, each group in the order its entries came.
 * Each group holds its share of a budget in memory; past that its entries go to its own temporary file, so a million
 * articles' sentence keys, or their meetings, never sit in memory at once; a group is read back whole, one at a time.
 * A group under its share never touches the disk.
 */
import { closeSync, mkdtempSync, openSync, readSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { forgetOnExit, removeOnExit } from '../input/temp-files.js';

/** Entries held in memory, all groups together, at most: 64 MiB of pairs. */
export const SPILL_BUDGET_ENTRIES = 1 << 23;

/** Entries each group's region holds before any fills: 8 KiB a group. */
const FIRST_ROOM = 1024;

export class SpilledGroups {
  /**
   * Every group's entries in memory, as pairs key, value, key, value …: group g's in its own region, from
   * 2·g·room. One array, not one per group: an entry is pushed for every sentence key of the corpus, and finding the
   * buffer of its group among many cost more than writing it. Small regions first, then, once one fills, the whole
   * budget, never grown after: a buffer this large is mapped, not filled, so a page costs memory only once an entry is
   * written to it, where regions that doubled as they filled copied every entry again at each doubling.
   */
  private memory: Uint32Array | undefined;
  /** Entries each group's region holds at most: its share of the budget. A group whose full region fills is spilled. */
  private readonly fullRoom: number;
  /**
   * Entries each region holds now: a small room at first (a small corpus needs no more, and a buffer of the whole budget
   * makes the collector run for it), the full room once any region fills, the entries laid out again once.
   */
  private room = 0;
  /** Entries of each group in memory. */
  private readonly inMemory: Int32Array;
  /** Entries of each group in its file. */
  private readonly onDisk: Float64Array;
  private folder: string | undefined;
  private files: number[] = [];

  /** `prefix`: the name of the temporary folder, and what the entries are in messages. */
  constructor(
    readonly groups: number,
    budget = SPILL_BUDGET_ENTRIES,
    private readonly prefix = 'neardup-sentence-keys',
  ) {
    this.fullRoom = Math.max(1, Math.floor(budget / groups));
    this.inMemory = new Int32Array(groups);
    this.onDisk = new Float64Array(groups);
  }

  push(group: number, key: number, value: number): void {
    let memory = this.memory ?? this.firstMemory();
    let n = this.inMemory[group]!;
    if (n === this.room) {
      memory = this.makeRoom(group);
      n = this.inMemory[group]!;
    }
    const at = 2 * (group * this.room + n);
    memory[at] = key;
    memory[at + 1] = value;
    this.inMemory[group] = n + 1;
  }

  /** Pushes entries from..to of two columns (keys, values) to one group: push() for a run of entries bound for one group. */
  pushColumns(group: number, keys: Uint32Array, values: Uint32Array, from: number, to: number): void {
    let memory = this.memory ?? this.firstMemory();
    let region = 2 * group * this.room;
    let n = this.inMemory[group]!;
    for (let e = from; e < to; e++, n++) {
      if (n === this.room) {
        this.inMemory[group] = n;
        memory = this.makeRoom(group);
        n = this.inMemory[group]!;
        region = 2 * group * this.room;
      }
      memory[region + 2 * n] = keys[e]!;
      memory[region + 2 * n + 1] = values[e]!;
    }
    this.inMemory[group] = n;
  }

  /** Entries in a group. */
  size(group: number): number {
    return this.onDisk[group]! + this.inMemory[group]!;
  }

  /** A group's entries, in the order they came, as pairs (key, value, key, value …) into the first 2·size(group) places of `rows`. */
  read(group: number, rows: Uint32Array): number {
    const fromDisk = this.onDisk[group]!;
    const bytes = new Uint8Array(rows.buffer, rows.byteOffset, 8 * fromDisk);
    for (let position = 0; position < bytes.length; ) {
      const got = readSync(this.files[group]!, bytes, position, bytes.length - position, position);
      if (got === 0) throw new Error(`${this.prefix} spill ended early in group ${group}`);
      position += got;
    }
    const start = 2 * group * this.room;
    if (this.memory) rows.set(this.memory.subarray(start, start + 2 * this.inMemory[group]!), 2 * fromDisk);
    return fromDisk + this.inMemory[group]!;
  }

  /** Bytes of the entries' memory, 0 before the first entry: it is held until release(), as the groups fill again after a spill. */
  bufferBytes(): number {
    return this.memory?.byteLength ?? 0;
  }

  /** Closes and removes the files and lets the memory go (its budget, which the rest of a scan wants more); the groups are empty after. */
  release(): void {
    for (const fd of this.files) closeSync(fd);
    this.files = [];
    if (this.folder) {
      rmSync(this.folder, { recursive: true, force: true });
      forgetOnExit(this.folder);
      this.folder = undefined;
    }
    this.memory = undefined;
    this.inMemory.fill(0);
    this.onDisk.fill(0);
  }

  /** Room in a group whose region is full: every region widened, the first time, else the group spilled; the memory after. */
  private makeRoom(group: number): Uint32Array {
    if (this.room < this.fullRoom) return this.widen();
    this.spill(group, this.memory!);
    return this.memory!;
  }

  /** The memory of the first entries: regions of the small room. */
  private firstMemory(): Uint32Array {
    this.room = Math.min(this.fullRoom, FIRST_ROOM);
    return (this.memory = new Uint32Array(2 * this.groups * this.room));
  }

  /** Lays every group's entries out again in regions of the full room, once: the whole budget, mapped, not filled. */
  private widen(): Uint32Array {
    const old = this.memory!;
    const memory = new Uint32Array(2 * this.groups * this.fullRoom);
    for (let g = 0; g < this.groups; g++) {
      const start = 2 * g * this.room;
      memory.set(old.subarray(start, start + 2 * this.inMemory[g]!), 2 * g * this.fullRoom);
    }
    this.room = this.fullRoom;
    return (this.memory = memory);
  }

  /** Appends a group's entries in memory to its file. */
  private spill(group: number, memory: Uint32Array): void {
    if (this.folder === undefined) {
      this.folder = mkdtempSync(join(tmpdir(), `${this.prefix}-`));
      removeOnExit(this.folder);
      this.files = Array.from({ length: this.groups }, (_, g) => openSync(join(this.folder!, `${g}`), 'w+'));
    }
    const n = this.inMemory[group]!;
    const bytes = new Uint8Array(memory.buffer, 8 * group * this.room, 8 * n);
    for (let written = 0; written < bytes.length; ) written += writeSync(this.files[group]!, bytes, written, bytes.length - written, this.onDisk[group]! * 8 + written);
    this.onDisk[group] = this.onDisk[group]! + n;
    this.inMemory[group] = 0;
  }
}
