import { Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';

/** The bytes of a gzip stream (several members in a row, as `cat a.gz b.gz` makes, included), decompressed as they come. */
export function gunzipped(chunks: AsyncIterable<Uint8Array> | Iterable<Uint8Array>): AsyncIterable<Uint8Array> {
  return Readable.from(chunks, { objectMode: false }).pipe(createGunzip());
}
