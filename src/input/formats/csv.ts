import { Readable } from 'node:stream';
import { parse } from 'csv-parse';
import { NOT_UTF8_FIELD, UNREADABLE_RECORD_MARK } from '../types.js';

const encoder = new TextEncoder();

/**
 * Characters a record may hold: past this csv-parse stops it as an error, which skips it. A string cannot be much
 * longer (V8 refuses some 512 M characters), and a record this long is far over any article size limit.
 */
const MAX_RECORD_CHARACTERS = 256 * 1024 * 1024;

/** A record csv-parse could not read (a quote not closed, a stray quote), in its place among the others. */
class UnreadableRecord {
  constructor(readonly reason: string) {}
}

/**
 * A CSV (or TSV) stream as JSONL: the header row names the fields, and each record becomes one JSON object on one line.
 * The header's own line comes out blank, so the JSONL line of a record is its row in the file counting the header as
 * row 1 (a record with quoted line breaks in it is still one row). Records come out in batches, one chunk each.
 */
export async function* csvAsJsonl(chunks: AsyncIterable<Uint8Array> | Iterable<Uint8Array>, delimiter: ',' | '\t'): AsyncGenerator<Uint8Array> {
  // csv-parse reports each error of a record (a field with two stray quotes, two): the record is one placeholder.
  let lastSkipped: number | undefined;
  const parser = parse({
    columns: (header: string[]) => {
      const names = header.map((name) => name.trim());
      // Two columns of one name: csv-parse would keep the last cell of each row, and the reader could not say which.
      const twice = names.findIndex((name, at) => name !== '' && names.indexOf(name) !== at);
      if (twice >= 0) throw new Error(`the header names column "${names[twice]}" twice (columns ${names.indexOf(names[twice]!) + 1} and ${twice + 1}): rename one`);
      return names;
    },
    delimiter,
    bom: true,
    relax_column_count: true,
    skip_empty_lines: false,
    max_record_size: MAX_RECORD_CHARACTERS,
    // A record that cannot be read is skipped with its reason, not the end of the file: the records before it (even in
    // the same chunk) and after it are kept. It is pushed among the records as they are parsed, so it keeps its place.
    skip_records_with_error: true,
    on_skip: (error) => {
      const at = (error as { lines?: number } | undefined)?.lines;
      if (at !== undefined && at === lastSkipped) return;
      lastSkipped = at;
      parser.push(new UnreadableRecord(`not a CSV record (${error?.message ?? 'unreadable'})`));
    },
    // TSV exports rarely quote, and a stray " inside a field must not swallow the rows after it.
    ...(delimiter === '\t' ? { quote: false } : {}),
  });
  // csv-parse reads the bytes as UTF-8, putting U+FFFD for any that are not: once the file shows such bytes, a record
  // holding U+FFFD is marked, so its article is noted (NOT_UTF8_FIELD).
  const utf8 = { checker: new TextDecoder('utf-8', { fatal: true }), broken: false };
  async function* checked(): AsyncGenerator<Uint8Array> {
    for await (const chunk of chunks) {
      if (!utf8.broken) {
        try {
          utf8.checker.decode(chunk, { stream: true });
        } catch {
          utf8.broken = true;
        }
      }
      yield chunk;
    }
  }
  const source = Readable.from(checked(), { objectMode: false });
  // A read failure of the file (a gzip'd CSV cut short) ends the records, then the reading with that failure: the
  // records parsed before it are kept, all but the last, which the failure may have cut short.
  let failure: { error: unknown } | undefined;
  source.on('error', (error) => {
    failure = { error };
    parser.end();
  });
  source.pipe(parser);
  let batch = '\n';
  // The latest record's line, added once the next comes or the file ends whole.
  let held = '';
  for await (const record of parser as AsyncIterable<Record<string, string> | UnreadableRecord>) {
    batch += held;
    held =
      record instanceof UnreadableRecord
        ? `${UNREADABLE_RECORD_MARK}${record.reason}\n`
        : // A blank line (or a row of empty cells) is passed over as a blank JSONL line is, keeping the rows' numbers.
          Object.values(record).every((value) => value === '' || value === undefined)
          ? '\n'
          : `${JSON.stringify(utf8.broken ? marked(record) : record)}\n`;
    if (batch.length >= 1 << 16) {
      yield encoder.encode(batch);
      batch = '';
    }
  }
  if (failure === undefined) batch += held;
  if (batch !== '') yield encoder.encode(batch);
  if (failure !== undefined) throw failure.error;
}

/** The record, with NOT_UTF8_FIELD when a field holds U+FFFD, the character csv-parse puts for bytes that are not UTF-8. */
function marked(record: Record<string, string>): Record<string, string | boolean> {
  return Object.values(record).some((value) => typeof value === 'string' && value.includes('\ufffd')) ? { ...record, [NOT_UTF8_FIELD]: true } : record;
}
