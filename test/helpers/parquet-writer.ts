/**
 * A small Parquet writer for tests and the bench (no writer is installed): string columns only, REQUIRED, PLAIN
 * encoding, uncompressed, one data page per column chunk, `rowsPerGroup` rows per row group. Metadata in Thrift's
 * compact protocol, as the Parquet format specifies it.
 */
class Compact {
  private readonly bytes: number[] = [];
  private readonly lastField: number[] = [0];

  private varint(n: bigint): void {
    let v = n;
    while (v >= 0x80n) {
      this.bytes.push(Number(v & 0x7fn) | 0x80);
      v >>= 7n;
    }
    this.bytes.push(Number(v));
  }

  private zigzag(n: number | bigint): void {
    const v = BigInt(n);
    this.varint(v >= 0n ? v << 1n : ((-v) << 1n) - 1n);
  }

  private header(id: number, type: number): void {
    const last = this.lastField[this.lastField.length - 1]!;
    const delta = id - last;
    if (delta > 0 && delta <= 15) this.bytes.push((delta << 4) | type);
    else {
      this.bytes.push(type);
      this.zigzag(id);
    }
    this.lastField[this.lastField.length - 1] = id;
  }

  i32(id: number, v: number): this {
    this.header(id, 5);
    this.zigzag(v);
    return this;
  }

  i64(id: number, v: number): this {
    this.header(id, 6);
    this.zigzag(v);
    return this;
  }

  binary(id: number, v: Uint8Array | string): this {
    this.header(id, 8);
    this.rawBinary(v);
    return this;
  }

  private rawBinary(v: Uint8Array | string): void {
    const b = typeof v === 'string' ? new TextEncoder().encode(v) : v;
    this.varint(BigInt(b.length));
    this.bytes.push(...b);
  }

  struct(id: number, body: (c: this) => void): this {
    this.header(id, 12);
    this.lastField.push(0);
    body(this);
    this.bytes.push(0);
    this.lastField.pop();
    return this;
  }

  /** A list of structs (type 12), i32s (5) or strings (8). */
  list<T>(id: number, type: 5 | 8 | 12, items: readonly T[], write: (c: this, item: T) => void): this {
    this.header(id, 9);
    if (items.length < 15) this.bytes.push((items.length << 4) | type);
    else {
      this.bytes.push(0xf0 | type);
      this.varint(BigInt(items.length));
    }
    for (const item of items) {
      if (type === 12) {
        this.lastField.push(0);
        write(this, item);
        this.bytes.push(0);
        this.lastField.pop();
      } else if (type === 5) this.zigzag(item as number);
      else this.rawBinary(item as string);
    }
    return this;
  }

  end(): Uint8Array {
    this.bytes.push(0);
    return Uint8Array.from(this.bytes);
  }
}

export function writeParquet(columns: readonly string[], rows: ReadonlyArray<Record<string, string>>, rowsPerGroup = 1000): Uint8Array {
  const encoder = new TextEncoder();
  const parts: Uint8Array[] = [new TextEncoder().encode('PAR1')];
  let at = 4;
  const groups: Array<{ rows: number; chunks: Array<{ column: string; offset: number; size: number }> }> = [];
  for (let start = 0; start < rows.length; start += rowsPerGroup) {
    const slice = rows.slice(start, start + rowsPerGroup);
    const chunks: Array<{ column: string; offset: number; size: number }> = [];
    for (const column of columns) {
      const values = slice.map((row) => encoder.encode(row[column] ?? ''));
      const data = new Uint8Array(values.reduce((n, v) => n + 4 + v.length, 0));
      const view = new DataView(data.buffer);
      let p = 0;
      for (const v of values) {
        view.setUint32(p, v.length, true);
        data.set(v, p + 4);
        p += 4 + v.length;
      }
      const header = new Compact()
        .i32(1, 0)
        .i32(2, data.length)
        .i32(3, data.length)
        .struct(5, (c) => c.i32(1, values.length).i32(2, 0).i32(3, 3).i32(4, 3))
        .end();
      chunks.push({ column, offset: at, size: header.length + data.length });
      parts.push(header, data);
      at += header.length + data.length;
    }
    groups.push({ rows: slice.length, chunks });
  }
  const footer = new Compact()
    .i32(1, 1)
    .list(2, 12, [{ name: 'schema', children: columns.length }, ...columns.map((name) => ({ name, children: 0 }))], (c, e) => {
      if (e.children > 0) c.binary(4, e.name).i32(5, e.children);
      else c.i32(1, 6).i32(3, 0).binary(4, e.name).i32(6, 0);
    })
    .i64(3, rows.length)
    .list(4, 12, groups, (c, g) => {
      c.list(1, 12, g.chunks, (cc, chunk) => {
        cc.i64(2, chunk.offset).struct(3, (m) =>
          m
            .i32(1, 6)
            .list(2, 5, [0], () => undefined)
            .list(3, 8, [chunk.column], () => undefined)
            .i32(4, 0)
            .i64(5, g.rows)
            .i64(6, chunk.size)
            .i64(7, chunk.size)
            .i64(9, chunk.offset),
        );
      })
        .i64(2, g.chunks.reduce((n, ch) => n + ch.size, 0))
        .i64(3, g.rows);
    })
    .end();
  const tail = new Uint8Array(8);
  new DataView(tail.buffer).setUint32(0, footer.length, true);
  tail.set(encoder.encode('PAR1'), 4);
  parts.push(footer, tail);
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}
