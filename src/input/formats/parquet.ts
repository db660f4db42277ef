import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { type AsyncBuffer, type Compressors, parquetMetadataAsync, parquetReadObjects } from 'hyparquet';

/** Codecs beyond hyparquet's own (uncompressed, snappy), from Node's zlib. ZSTD and LZ4 files are refused with hyparquet's error. */
const compressors: Compressors = {
  GZIP: (input) => gunzipSync(input),
  BROTLI: (input) => brotliDecompressSync(input),
};

/** A value as JSON can hold it: a 64-bit integer as a number where exact, else as its digits; bytes as UTF-8 text. */
function plain(_key: string, value: unknown): unknown {
  if (typeof value === 'bigint') return Number.isSafeInteger(Number(value)) ? Number(value) : value.toString();
  if (value instanceof Uint8Array) return new TextDecoder().decode(value);
  return value;
}

const encoder = new TextEncoder();

/**
 * A Parquet file's rows as JSONL, one row group at a time (hyparquet reads only the group's column chunks), so memory
 * holds one row group's rows, never the file. Row n (1-based) is JSONL line n.
 */
export async function* parquetAsJsonl(file: AsyncBuffer): AsyncGenerator<Uint8Array> {
  const metadata = await parquetMetadataAsync(file);
  let rowStart = 0;
  for (const group of metadata.row_groups) {
    const rowEnd = rowStart + Number(group.num_rows);
    const rows = await parquetReadObjects({ file, metadata, rowStart, rowEnd, compressors });
    let text = '';
    for (const row of rows) text += `${JSON.stringify(row, plain)}\n`;
    yield encoder.encode(text);
    rowStart = rowEnd;
  }
}
