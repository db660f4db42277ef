import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { IndexError } from '../../../src/errors.js';
import { INDEX_APPLICATION_ID, openSqliteStore } from '../../../src/corpus/store/sqlite.js';
import { bandKeysOf } from '../../../src/corpus/store/store.js';
import { doc, storeContract, TINY } from './contract.js';

const dir = mkdtempSync(join(tmpdir(), 'neardup-sqlite-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let n = 0;
const fresh = () => join(dir, `index-${++n}.db`);

storeContract('SqliteStore', (params) => openSqliteStore(fresh(), { create: params }));
storeContract('SqliteStore, band rows merged after every batch', (params) => openSqliteStore(fresh(), { create: params, mergeRows: 1 }));

/** Opening `path` throws an IndexError matching `message`, and leaves the file's bytes as they were. */
function refuses(path: string, message: RegExp, options: Parameters<typeof openSqliteStore>[1] = { create: TINY }) {
  const before = readFileSync(path);
  let error: unknown;
  try {
    openSqliteStore(path, options).close();
  } catch (e) {
    error = e;
  }
  expect(error).toBeInstanceOf(IndexError);
  expect((error as Error).message).toMatch(message);
  expect(readFileSync(path).equals(before)).toBe(true);
}

describe('SqliteStore on disk', async () => {
  it('keeps what it stored across a close and reopen, in WAL mode, marked as a neardup index', async () => {
    const path = fresh();
    const store = openSqliteStore(path, { create: TINY });
    await store.putBatch([doc('a', [1, 2, 3, 4]), doc('b', [5, 6, 7, 8])]);
    await store.close();
    const again = openSqliteStore(path, { readonly: true });
    expect(again.params).toEqual(TINY);
    expect(await again.count()).toBe(2);
    expect((await again.byId('b'))!.signature).toEqual(Int32Array.from([5, 6, 7, 8]));
    expect(await again.integrityCheck()).toEqual(['ok']);
    await again.close();
    const raw = new Database(path, { readonly: true });
    expect(raw.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(raw.pragma('application_id', { simple: true })).toBe(INDEX_APPLICATION_ID);
    raw.close();
  });

  it('keeps new band rows aside until they are flushed, and finds them from another connection either way', async () => {
    const path = fresh();
    const rowsIn = (table: string) => {
      const raw = new Database(path, { readonly: true });
      const n = raw.prepare(`SELECT count(*) FROM ${table}`).pluck().get();
      raw.close();
      return n;
    };
    const writer = openSqliteStore(path, { create: TINY, mergeRows: 7 });
    await writer.putBatch([doc('a', [1, 2, 3, 4]), doc('b', [1, 2, 9, 9])]);
    expect([rowsIn('pending'), rowsIn('bands')]).toEqual([4, 0]);
    const reader = openSqliteStore(path, { readonly: true });
    const lookup = async (store: ReturnType<typeof openSqliteStore>) => (await store.documents(await store.candidates(bandKeysOf(Int32Array.from([1, 2, 0, 0]), TINY)))).map((d) => d.id);
    expect(await lookup(reader)).toEqual(['a', 'b']);
    // A third batch brings the pending rows to the merge threshold: all of them move, in one transaction.
    await writer.putBatch([doc('c', [1, 2, 5, 5]), doc('d', [8, 8, 8, 8])]);
    expect([rowsIn('pending'), rowsIn('bands')]).toEqual([0, 8]);
    expect(await lookup(writer)).toEqual(['a', 'b', 'c']);
    await writer.remove(['b']);
    await writer.putBatch([doc('e', [1, 2, 6, 6])]);
    expect([rowsIn('pending'), rowsIn('bands')]).toEqual([2, 6]);
    expect(await lookup(writer)).toEqual(['a', 'c', 'e']);
    await writer.remove(['e']);
    expect(rowsIn('pending')).toBe(0);
    await writer.flush();
    expect(await lookup(writer)).toEqual(['a', 'c']);
    await reader.close();
    await writer.close();
  });

  it('gives a reader the same band hits before and after another process moves pending rows into the band table', async () => {
    const path = fresh();
    const writer = openSqliteStore(path, { create: TINY, mergeRows: 1000 });
    await writer.putBatch([doc('a', [1, 2, 3, 4]), doc('b', [1, 2, 9, 9])]);
    const reader = openSqliteStore(path, { readonly: true });
    const keys = bandKeysOf(Int32Array.from([1, 2, 3, 4]), TINY);
    const hits = async () => [...(await reader.bandHits(keys, 0)).entries()].sort((x, y) => x[0] - y[0]);
    const before = await hits();
    expect(before.length).toBe(2);
    // The rows the reader read from pending are in bands now: counted twice, they outweighed other articles' hits.
    await writer.flush();
    expect(await hits()).toEqual(before);
    await writer.putBatch([doc('c', [1, 2, 3, 4])]);
    expect((await hits()).length).toBe(3);
    await reader.close();
    await writer.close();
  });

  it('refuses to open an index with other binding parameters, naming them', async () => {
    const path = fresh();
    openSqliteStore(path, { create: TINY }).close();
    refuses(path, /num-perm 8, the index has 4; seed 2, the index has 1|seed 2, the index has 1; num-perm 8, the index has 4/, { require: { numPerm: 8, seed: 2 } });
    refuses(path, /normalisation version 2, the index has 1/, { require: { normalizationVersion: 2 } });
    refuses(path, /hashing changed/, { require: { probe: 'other' } });
    // Threshold and metric only tuned the banding: they do not bind.
    openSqliteStore(path, { require: { threshold: 0.9, metric: 'jaccard', bands: 2, rows: 2 } }).close();
  });

  it('says there is no index rather than making one, unless asked to create it', async () => {
    const path = fresh();
    expect(() => openSqliteStore(path, {})).toThrow(/no index at .*index add/);
    expect(() => statSync(path)).toThrow();
  });

  it('refuses a file that is not SQLite, and leaves it as it is', async () => {
    const path = fresh();
    writeFileSync(path, '{"id": 1, "text": "an article, not an index"}\n');
    refuses(path, /not a neardup index \(not an SQLite database\); it was left as it is/);
  });

  it("refuses another program's SQLite database, and leaves it as it is", async () => {
    const path = fresh();
    const other = new Database(path);
    other.exec("CREATE TABLE notes (body TEXT); INSERT INTO notes VALUES ('mine')");
    other.close();
    refuses(path, /an SQLite database but not a neardup index/);
  });

  it('refuses an index of another format version', async () => {
    const path = fresh();
    openSqliteStore(path, { create: TINY }).close();
    const raw = new Database(path);
    raw.pragma('user_version = 99');
    raw.close();
    refuses(path, /format 99; this neardup reads formats 1 and 2/);
  });

  it('refuses an index whose stored parameters are not JSON or lack a field, as damaged', async () => {
    for (const [value, message] of [
      ['{garbage', /parameters are not JSON \(damaged\)/],
      ['null', /parameters lack some of their fields/],
      [JSON.stringify({ ...TINY, bands: undefined }), /parameters lack some of their fields/],
    ] as const) {
      const path = fresh();
      openSqliteStore(path, { create: TINY }).close();
      const raw = new Database(path);
      raw.prepare("UPDATE meta SET value = ? WHERE name = 'params'").run(value);
      raw.close();
      refuses(path, message, {});
    }
  });

  it('reports a corrupt index as such, with an IndexError, and does not write to it', async () => {
    const path = fresh();
    const store = openSqliteStore(path, { create: TINY });
    await store.putBatch(Array.from({ length: 50 }, (_, i) => doc(`d${i}`, [i, i + 1, i + 2, i + 3])));
    await store.close();
    const bytes = readFileSync(path);
    // Keep the 100-byte header, scramble every page after the first.
    for (let i = 4096; i < bytes.length; i++) bytes[i] = (i * 7919) & 0xff;
    writeFileSync(path, bytes);
    refuses(path, /is corrupt \(.*\); it was left as it is/);
  });

  it('refuses to write through a read-only store', async () => {
    const path = fresh();
    openSqliteStore(path, { create: TINY }).close();
    const store = openSqliteStore(path, { readonly: true });
    await expect(store.putBatch([doc('a', [1, 2, 3, 4])])).rejects.toThrow(/opened for reading only/);
    await store.close();
  });

  it('makes an empty SQLite file into an index when asked to create one', async () => {
    const path = fresh();
    new Database(path).close();
    const store = openSqliteStore(path, { create: TINY });
    expect(store.params).toEqual(TINY);
    await store.close();
  });

  it('gives back the space of removed documents when compacted', async () => {
    const path = fresh();
    const store = openSqliteStore(path, { create: TINY });
    await store.putBatch(Array.from({ length: 2000 }, (_, i) => doc(`d${i}`, [i, -i, i * 3, i * 5], { source: `/corpus/${'x'.repeat(200)}/${i}.txt` })));
    await store.remove(Array.from({ length: 1900 }, (_, i) => `d${i}`));
    await store.compact();
    const compacted = statSync(path).size;
    expect(await store.count()).toBe(100);
    await store.close();
    expect(compacted).toBeLessThan(200_000);
  });

  it('keeps texts with --store-text in a file of format 2, which a neardup reading only format 1 refuses', async () => {
    const path = fresh();
    const store = openSqliteStore(path, { create: { ...TINY, storedText: true } });
    expect(store.format).toBe(2);
    await store.putBatch([doc('a', [1, 2, 3, 4], { text: 'The text, kept.' })]);
    await store.close();
    const raw = new Database(path, { readonly: true });
    expect(raw.pragma('user_version', { simple: true })).toBe(2);
    expect(raw.prepare('SELECT count(*) FROM texts').pluck().get()).toBe(1);
    raw.close();
    const again = openSqliteStore(path, { readonly: true });
    expect(await again.text((await again.byId('a'))!.key)).toBe('The text, kept.');
    await again.close();
    const plain = fresh();
    openSqliteStore(plain, { create: TINY }).close();
    const rawPlain = new Database(plain, { readonly: true });
    expect(rawPlain.pragma('user_version', { simple: true })).toBe(1);
    expect(rawPlain.prepare("SELECT count(*) FROM sqlite_master WHERE name = 'texts'").pluck().get()).toBe(0);
    rawPlain.close();
  });
});
