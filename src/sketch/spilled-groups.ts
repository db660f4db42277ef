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

/** Entries each group has room for in memory at first; the room doubles as entries come, up to its share of the budget. */
const INITIAL_ROOM = 32;

export class SpilledGroups {
  /**
   * Every group's entries in memory, as pairs key, value, key, value …: group g's in its own region, from
   * 2·g·room. One array, not one per group: an entry is pushed for every sentence key of the corpus, and finding the
   * buffer of its group among many cost more than writing it.
   */
  private memory: Uint32Array;
  /** Entries each group's region holds. */
  private room: number;
  /** The room of a region at most: its share of the budget. A group whose region is full at this room is spilled. */
  private readonly mostRoom: number;
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
    this.mostRoom = Math.max(1, Math.floor(budget / groups));
    this.room = Math.min(INITIAL_ROOM, this.mostRoom);
    this.memory = new Uint32Array(2 * groups * this.room);
    this.inMemory = new Int32Array(groups);
    this.onDisk = new Float64Array(groups);
  }

  push(group: number, key: number, value: number): void {
    let n = this.inMemory[group]!;
    if (n === this.room) n = this.makeRoom(group);
    const at = 2 * (group * this.room + n);
    this.memory[at] = key;
    this.memory[at + 1] = value;
    this.inMemory[group] = n + 1;
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
    rows.set(this.memory.subarray(start, start + 2 * this.inMemory[group]!), 2 * fromDisk);
    return fromDisk + this.inMemory[group]!;
  }

  /** Bytes of the entries' memory: it stays grown until release(), as the groups fill again after a spill. */
  bufferBytes(): number {
    return this.memory.byteLength;
  }

  /** Closes and removes the files and lets the grown memory go (its budget, which the rest of a scan wants more); the groups are empty after. */
  release(): void {
    for (const fd of this.files) closeSync(fd);
    this.files = [];
    if (this.folder) {
      rmSync(this.folder, { recursive: true, force: true });
      forgetOnExit(this.folder);
      this.folder = undefined;
    }
    this.room = Math.min(INITIAL_ROOM, this.mostRoom);
    this.memory = new Uint32Array(2 * this.groups * this.room);
    this.inMemory.fill(0);
    this.onDisk.fill(0);
  }

  /**
   * Room for one more entry of a full group, whose entries in memory it returns: every region doubles while regions
   * are under their share of the budget; past that the group's entries go to its file. A group is spilled alone,
   * so the others keep their entries in memory, and memory holds at most the budget.
   */
  private makeRoom(group: number): number {
    if (this.room < this.mostRoom) {
      const room = Math.min(2 * this.room, this.mostRoom);
      const memory = new Uint32Array(2 * this.groups * room);
      for (let g = 0; g < this.groups; g++) memory.set(this.memory.subarray(2 * g * this.room, 2 * (g * this.room + this.inMemory[g]!)), 2 * g * room);
      this.memory = memory;
      this.room = room;
      return this.inMemory[group]!;
    }
    this.spill(group);
    return 0;
  }

  /** Appends a group's entries in memory to its file. */
  private spill(group: number): void {
    if (this.folder === undefined) {
      this.folder = mkdtempSync(join(tmpdir(), `${this.prefix}-`));
      removeOnExit(this.folder);
      this.files = Array.from({ length: this.groups }, (_, g) => openSync(join(this.folder!, `${g}`), 'w+'));
    }
    const n = this.inMemory[group]!;
    const bytes = new Uint8Array(this.memory.buffer, 8 * group * this.room, 8 * n);
    for (let written = 0; written < bytes.length; ) written += writeSync(this.files[group]!, bytes, written, bytes.length - written, this.onDisk[group]! * 8 + written);
    this.onDisk[group] = this.onDisk[group]! + n;
    this.inMemory[group] = 0;
  }
}
