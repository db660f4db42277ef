/** Every document's keys (line keys, sentence keys) end to end, with where each document's start: two arrays, not one per document. */
export class KeyRuns {
  protected keys = new Int32Array(1 << 16);
  protected starts = new Float64Array(1024);
  protected used = 0;
  count = 0;

  /** Appends the next document's keys. */
  add(keys: Int32Array): void {
    if (this.used + keys.length > this.keys.length) {
      const grown = new Int32Array(Math.max(this.keys.length * 2, this.used + keys.length));
      grown.set(this.keys.subarray(0, this.used));
      this.keys = grown;
    }
    if (this.count + 2 > this.starts.length) {
      const grown = new Float64Array(this.starts.length * 2);
      grown.set(this.starts);
      this.starts = grown;
    }
    this.starts[this.count] = this.used;
    this.keys.set(keys, this.used);
    this.used += keys.length;
    this.count++;
    this.starts[this.count] = this.used;
  }

  /** Document i's keys: a view. */
  of(i: number): Int32Array {
    return this.keys.subarray(this.starts[i]!, this.starts[i + 1]!);
  }
}
