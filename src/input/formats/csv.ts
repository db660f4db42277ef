import { Readable } from 'node:stream';
import { parse } from 'csv-parse';

const encoder = new TextEncoder();

/**
 * A CSV (or TSV) stream as JSONL: the header row names the fields, and each record becomes one JSON object on one line.
 * The header's own line comes out blank, so the JSONL line of a record is its row in the file counting the header as
 * row 1 (a record with quoted line breaks in it is still one row). Records come out in batches, one chunk each.
 */
export async function* csvAsJsonl(chunks: AsyncIterable<Uint8Array> | Iterable<Uint8Array>, delimiter: ',' | '\t'): AsyncGenerator<Uint8Array> {
  const parser = Readable.from(chunks, { objectMode: false }).pipe(
    parse({
      columns: (header: string[]) => header.map((name) => name.trim()),
      delimiter,
      bom: true,
      relax_column_count: true,
      skip_empty_lines: false,
      // TSV exports rarely quote, and a stray " inside a field must not swallow the rows after it.
      ...(delimiter === '\t' ? { quote: false } : {}),
    }),
  );
  let batch = '\n';
  for await (const record of parser as AsyncIterable<Record<string, string>>) {
    batch += `${JSON.stringify(record)}\n`;
    if (batch.length >= 1 << 16) {
      yield encoder.encode(batch);
      batch = '';
    }
  }
  if (batch !== '') yield encoder.encode(batch);
}
