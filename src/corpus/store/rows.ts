import { endianness } from 'node:os';
import type { ArticlePlace, IndexedDocument, IndexParams, IndexStats } from './store.js';

/**
 * An article's row as both SQL stores keep it. PostgreSQL hands 64-bit columns (the document key, a byte offset) over
 * as strings, SQLite as numbers.
 */
export interface DocRow {
  doc: number | string;
  id: string;
  source: string;
  line: number | null;
  offset: number | string | null;
  field: string | null;
  hash: string;
  date: string | null;
  words: number;
  shingles: number;
  signature: Buffer;
  stems: number | null;
  stem_signature: Buffer | null;
}

/** The columns of a row that say where its article is and its date. */
export type PlaceRow = Pick<DocRow, 'id' | 'source' | 'line' | 'offset' | 'field' | 'date'>;

/** The place columns both SQL stores read, as they name them. */
export const PLACE_COLUMNS = { sqlite: 'id, source, line, offset, field, date', postgres: 'id, source, line, "offset", field, date' } as const;

/** Where a row's article is, and its date, as an ArticlePlace (absent where the row holds null). */
export function placeOfRow(row: PlaceRow): ArticlePlace {
  return {
    id: row.id,
    source: row.source,
    ...(row.line === null ? {} : { line: row.line }),
    ...(row.offset === null ? {} : { offset: Number(row.offset) }),
    ...(row.field === null ? {} : { field: row.field }),
    ...(row.date === null ? {} : { date: row.date }),
  };
}

/** A signature as stored: its 32-bit values, little-endian, whatever the machine. */
export function signatureBytes(signature: Int32Array): Buffer {
  const out = Buffer.alloc(signature.length * 4);
  for (let i = 0; i < signature.length; i++) out.writeInt32LE(signature[i]!, i * 4);
  return out;
}

const LITTLE_ENDIAN = endianness() === 'LE';

/** A stored signature read back (a copy: the driver's buffer may be reused). */
export function signatureOf(bytes: Buffer): Int32Array {
  if (LITTLE_ENDIAN) return new Int32Array(Uint8Array.prototype.slice.call(bytes).buffer, 0, bytes.length >>> 2);
  const out = new Int32Array(bytes.length >>> 2);
  for (let i = 0; i < out.length; i++) out[i] = bytes.readInt32LE(i * 4);
  return out;
}

/** The indexed article a row holds. */
export function documentOf(row: DocRow): IndexedDocument {
  return {
    key: Number(row.doc),
    id: row.id,
    source: row.source,
    ...(row.line === null ? {} : { line: row.line }),
    ...(row.offset === null ? {} : { offset: Number(row.offset) }),
    ...(row.field === null ? {} : { field: row.field }),
    contentHash: row.hash,
    ...(row.date === null ? {} : { date: row.date }),
    words: row.words,
    shingles: row.shingles,
    signature: signatureOf(row.signature),
    ...(row.stems === null || row.stem_signature === null ? {} : { stems: row.stems, stemSignature: signatureOf(row.stem_signature) }),
  };
}

/** What an SQL store's document counts and meta rows (created, lastWrite) tell of its index. */
export function statsOf(
  params: IndexParams,
  counts: { documents: number; sources: number; earliest: string | null; latest: string | null },
  meta: ReadonlyMap<string, string>,
): IndexStats {
  const lastWrite = meta.get('lastWrite');
  return {
    params,
    documents: counts.documents,
    bandRows: counts.documents * (params.bands + params.rewriteBands),
    sources: counts.sources,
    ...(counts.earliest !== null && counts.latest !== null ? { dates: { earliest: counts.earliest, latest: counts.latest } } : {}),
    created: meta.get('created') ?? '',
    ...(lastWrite === undefined ? {} : { lastWrite }),
  };
}
