/**
 * A cache holding values up to a total weight, dropping the least recently used first, near enough: a hit only marks
 * its entry (Map order is insertion order, and moving an entry on every hit costs more than the look-up it serves);
 * when room is needed, a marked entry at the old end is moved to the new end unmarked (a second chance)
 * and an unmarked one is dropped.
 */
export class LruCache<V> {
  private readonly entries = new Map<number, { value: V; weight: number; used: boolean }>();
  private total = 0;

  constructor(
    private readonly capacity: number,
    private readonly weigh: (value: V) => number = () => 1,
  ) {}

  has(key: number): boolean {
    return this.entries.has(key);
  }

  /** Whether a value of `weight` can be stored without dropping any. */
  hasRoomFor(weight: number): boolean {
    return this.total + weight <= this.capacity;
  }

  get(key: number): V | undefined {
    const entry = this.entries.get(key);
    if (entry === undefined) return undefined;
    entry.used = true;
    return entry.value;
  }

  /** Stores `value` and drops entries while over capacity (never the one just stored). */
  remember(key: number, value: V): V {
    const weight = this.weigh(value);
    const old = this.entries.get(key);
    if (old) this.total -= old.weight;
    this.entries.delete(key);
    this.entries.set(key, { value, weight, used: false });
    this.total += weight;
    while (this.total > this.capacity) {
      const [oldest, entry] = this.entries.entries().next().value!;
      if (oldest === key) break;
      this.entries.delete(oldest);
      if (entry.used) {
        entry.used = false;
        this.entries.set(oldest, entry);
      } else {
        this.total -= entry.weight;
      }
    }
    return value;
  }

  /** Drops the entry under `key`, if there is one. */
  delete(key: number): void {
    const entry = this.entries.get(key);
    if (entry === undefined) return;
    this.total -= entry.weight;
    this.entries.delete(key);
  }
}
