import type { Query } from './postgres-connection.js';
import { signatureBytes, signatureOf } from './rows.js';
import { bandKeysOf, type IndexParams, type StoredDocument } from './store.js';

/**
 * Inserts documents whose id is not stored, inside the caller's transaction (`stems`: with their content-stem
 * signatures); returns the store key of each one inserted (others lost a race).
 */
export async function insertDocs(q: Query, docs: readonly StoredDocument[], packed: ReadonlyMap<string, Buffer | null>, stems: boolean): Promise<Array<{ doc: string; id: string }>> {
  if (docs.length === 0) return [];
  const result = await q<{ doc: string; id: string }>(
    `INSERT INTO neardup_docs (id, source, line, "offset", field, hash, date, words, shingles, signature, stems, stem_signature, text)
     SELECT * FROM unnest($1::text[], $2::text[], $3::integer[], $4::bigint[], $5::text[], $6::text[], $7::text[], $8::integer[], $9::integer[],
                          $10::bytea[], $11::integer[], $12::bytea[], $13::bytea[])
     ON CONFLICT (id) DO NOTHING RETURNING doc, id`,
    [
      docs.map((d) => d.id),
      docs.map((d) => d.source),
      docs.map((d) => d.line ?? null),
      docs.map((d) => d.offset ?? null),
      docs.map((d) => d.field ?? null),
      docs.map((d) => d.contentHash),
      docs.map((d) => d.date ?? null),
      docs.map((d) => d.words),
      docs.map((d) => d.shingles),
      docs.map((d) => signatureBytes(d.signature)),
      docs.map((d) => (stems && d.stemSignature ? d.stems! : null)),
      docs.map((d) => (stems && d.stemSignature ? signatureBytes(d.stemSignature) : null)),
      docs.map((d) => packed.get(d.id) ?? null),
    ],
  );
  return result.rows;
}

/** Deletes documents and their band rows (found again from their signatures), inside the caller's transaction. */
export async function deleteRows(q: Query, rows: ReadonlyArray<{ doc: string; signature: Buffer; stem_signature: Buffer | null }>, params: IndexParams): Promise<void> {
  if (rows.length === 0) return;
  const band: number[] = [];
  const key: number[] = [];
  const doc: string[] = [];
  for (const row of rows) {
    const keys = bandKeysOf(signatureOf(row.signature), params, row.stem_signature === null ? undefined : signatureOf(row.stem_signature));
    for (let b = 0; b < keys.length; b++) {
      band.push(b);
      key.push(keys[b]!);
      doc.push(row.doc);
    }
  }
  await q(
    'DELETE FROM neardup_bands b USING unnest($1::smallint[], $2::integer[], $3::bigint[]) AS gone(band, key, doc) WHERE b.band = gone.band AND b.key = gone.key AND b.doc = gone.doc',
    [band, key, doc],
  );
  await q('DELETE FROM neardup_docs WHERE doc = ANY($1::bigint[])', [rows.map((r) => r.doc)]);
}
