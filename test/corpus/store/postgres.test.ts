import { createServer, type Socket } from 'node:net';
import { expect, it, vi } from 'vitest';
import { IndexError, UsageError } from '../../../src/errors.js';
import { isPostgresUrl, openPostgresStore, PG_SCHEMA_VERSION, redactedUrl } from '../../../src/corpus/store/postgres.js';
import { driverUrl } from '../../../src/corpus/store/postgres-connection.js';
import { bandKeysOf } from '../../../src/corpus/store/store.js';
import { doc, storeContract, TINY } from './contract.js';
import { admin, describeWithPg, freshDatabase, PG_URL } from './pg-server.js';

if (PG_URL !== undefined) storeContract('PostgresStore', async (params) => openPostgresStore(await freshDatabase(), { create: params }));

/** Opening fails with an IndexError matching `message`. */
async function refused(open: Promise<unknown>, message: RegExp): Promise<void> {
  const error = await open.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(IndexError);
  expect((error as Error).message).toMatch(message);
}

const tables = (url: string) => admin<{ name: string }>("SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public' ORDER BY 1", [], url).then((r) => r.map((t) => t.name));

it('tells a server URL from a file, and keeps passwords out of messages', () => {
  expect(['postgres://h/db', 'postgresql://u@h:5433/db', 'POSTGRES://h/db'].map(isPostgresUrl)).toEqual([true, true, true]);
  expect(['index.db', './postgres/index.db', 'postgres.db'].map(isPostgresUrl)).toEqual([false, false, false]);
  expect(redactedUrl('postgres://ann:s3cret@db.example:5432/news')).toBe('postgres://ann:***@db.example:5432/news');
  expect(redactedUrl('postgres://ann@db.example/news?password=s3cret&sslmode=require')).toBe('postgres://ann@db.example/news?password=***&sslmode=require');
});

it('refuses a URL whose password holds an unencoded / # or ? as a usage error that says how to write it, without echoing it', async () => {
  for (const url of ['postgres://ann:pa/ss@db.example/news', 'postgres://ann:p#ss@db.example/news', 'postgres://ann:p?ss@db.example/news']) {
    const refusal = await openPostgresStore(url, {}).then(() => undefined, (error: unknown) => error);
    expect(refusal).toBeInstanceOf(UsageError);
    expect((refusal as Error).message).toMatch(/^the --db URL does not parse: .*percent-encoded \(%2F %23 %3F %40 %3A %25\)/);
    expect((refusal as Error).message).not.toMatch(/pa\/ss|p#ss|p\?ss/);
  }
});

it('asks the driver to read sslmode as libpq does (require encrypts without checking the certificate), unless told otherwise', () => {
  expect(driverUrl('postgres://h/db?sslmode=require')).toBe('postgres://h/db?sslmode=require&uselibpqcompat=true');
  expect(driverUrl('postgres://h/db?sslmode=require&uselibpqcompat=false')).toBe('postgres://h/db?sslmode=require&uselibpqcompat=false');
  expect(driverUrl('postgres://h/db')).toBe('postgres://h/db');
});

it('gives up on a server that never answers within the connect timeout (5 s by default), with a clear message', async () => {
  // Accepts the connection and then says nothing, as a host behind a black-holing firewall would.
  const sockets: Socket[] = [];
  const silent = createServer((socket) => void sockets.push(socket));
  await new Promise<void>((done) => silent.listen(0, '127.0.0.1', done));
  const port = (silent.address() as { port: number }).port;
  const url = `postgres://neardup:pw@127.0.0.1:${port}/news`;
  const noAnswer = (seconds: number) => new RegExp(`cannot reach postgres://neardup:\\*\\*\\*@127\\.0\\.0\\.1:${port}/news: no answer within ${seconds} s`);
  try {
    // A timeout the caller sets, on the real clock.
    const started = Date.now();
    await refused(openPostgresStore(url, { connectTimeoutMs: 1000 }), noAnswer(1));
    const elapsed = Date.now() - started;
    expect(elapsed).toBeGreaterThanOrEqual(900);
    expect(elapsed).toBeLessThan(5000);
    // The default, on a fake clock (the wait itself is the one above): still waiting at 4,999 ms, given up at 5,000.
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    try {
      const accepted = sockets.length;
      let settled = false;
      const open = openPostgresStore(url).finally(() => void (settled = true));
      open.catch(() => {});
      const turn = () => new Promise<void>((done) => setImmediate(done));
      while (sockets.length === accepted) await turn();
      vi.advanceTimersByTime(4999);
      for (let i = 0; i < 20; i++) await turn();
      expect(settled).toBe(false);
      vi.advanceTimersByTime(1);
      for (let i = 0; i < 1000 && !settled; i++) await turn();
      expect(settled).toBe(true);
      await refused(open, noAnswer(5));
    } finally {
      vi.useRealTimers();
    }
  } finally {
    for (const socket of sockets) socket.destroy();
    silent.close();
  }
  await refused(openPostgresStore('postgres://neardup@127.0.0.1:1/news'), /cannot reach .*127\.0\.0\.1:1.*ECONNREFUSED/);
}, 15_000);

describeWithPg('PostgresStore on a server', () => {
  /** A new database holding an index of one article, "a", closed. */
  const indexOfOne = async (): Promise<string> => {
    const url = await freshDatabase();
    const store = await openPostgresStore(url, { create: TINY });
    await store.putBatch([doc('a', [1, 2, 3, 4])]);
    await store.close();
    return url;
  };

  it('creates its tables with a schema version, and reopens the index with its params', async () => {
    const url = await freshDatabase();
    const store = await openPostgresStore(url, { create: TINY });
    await store.putBatch([doc('a', [1, 2, 3, 4])]);
    await store.close();
    expect(await tables(url)).toEqual(['neardup_bands', 'neardup_docs', 'neardup_meta', 'neardup_schema']);
    expect(await admin('SELECT version FROM neardup_schema', [], url)).toEqual([{ version: PG_SCHEMA_VERSION }]);
    const again = await openPostgresStore(url, { readonly: true });
    expect(again.params).toEqual(TINY);
    expect(await again.count()).toBe(1);
    expect(await again.integrityCheck()).toEqual(['ok']);
    await expect(again.putBatch([doc('b', [1, 2, 3, 4])])).rejects.toThrow(/opened for reading only/);
    await again.close();
  });

  it('says there is no index rather than making one, unless asked to create it', async () => {
    const url = await freshDatabase();
    // The server's URL has a password: the command to copy does not carry the mask in its place.
    expect(new URL(url).password).not.toBe('');
    await refused(openPostgresStore(url, {}), /no neardup index in postgres:\/\/[^:]+:\*\*\*@[^ ]+: create one with "neardup index add <paths\.\.\.> --db" and the same URL$/);
    expect(await tables(url)).toEqual([]);
  });

  it('refuses other binding params, naming them, and writes nothing', async () => {
    const url = await freshDatabase();
    (await openPostgresStore(url, { create: TINY })).close();
    const before = await admin("SELECT name, value FROM neardup_meta ORDER BY name", [], url);
    await refused(openPostgresStore(url, { create: { ...TINY, numPerm: 8 }, require: { numPerm: 8, seed: 2 } }), /seed 2, the index has 1; num-perm 8, the index has 4/);
    await refused(openPostgresStore(url, { require: { probe: 'other' } }), /hashing changed/);
    expect(await admin("SELECT name, value FROM neardup_meta ORDER BY name", [], url)).toEqual(before);
    expect(await admin('SELECT count(*)::int AS n FROM neardup_docs', [], url)).toEqual([{ n: 0 }]);
  });

  it("refuses another program's database, and leaves it as it is", async () => {
    const url = await freshDatabase();
    await admin("CREATE TABLE notes (body text); INSERT INTO notes VALUES ('mine')", [], url);
    await refused(openPostgresStore(url, { create: TINY }), /holds tables of another program \(notes\) and no neardup index; it was left as it is/);
    expect(await tables(url)).toEqual(['notes']);
    expect(await admin('SELECT body FROM notes', [], url)).toEqual([{ body: 'mine' }]);
  });

  it('refuses an index of an older schema version, untouched', async () => {
    const url = await indexOfOne();
    await admin('UPDATE neardup_schema SET version = 0', [], url);
    await refused(openPostgresStore(url, { create: TINY }), /schema version 0; this neardup uses version 1\. It was left as it is/);
    expect(await admin('SELECT version FROM neardup_schema', [], url)).toEqual([{ version: 0 }]);
    expect(await admin('SELECT id FROM neardup_docs', [], url)).toEqual([{ id: 'a' }]);
  });

  it('says vacuum did not happen when the server skipped the tables (a user who does not own them), rather than reporting it done', async () => {
    const url = await freshDatabase();
    const store = await openPostgresStore(url, { create: TINY });
    await store.putBatch([doc('a', [1, 2, 3, 4])]);
    await store.compact();
    await store.close();
    const role = `neardup_reader_${process.pid}`;
    await admin(`DROP ROLE IF EXISTS ${role}`).catch(() => {});
    await admin(`CREATE ROLE ${role} LOGIN PASSWORD 'pw'`);
    try {
      await admin(`GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO ${role}`, [], url);
      const asReader = new URL(url);
      asReader.username = role;
      asReader.password = 'pw';
      const other = await openPostgresStore(asReader.toString(), {});
      try {
        await refused(other.compact(), /was not vacuumed: the server said ".*neardup_schema.*" \(and 3 more such warnings\)\. Run vacuum as the owner of the tables$/);
      } finally {
        await other.close();
      }
    } finally {
      await admin(`REVOKE ALL ON ALL TABLES IN SCHEMA public FROM ${role}`, [], url).catch(() => {});
      await admin(`DROP ROLE IF EXISTS ${role}`).catch(() => {});
    }
  });

  it('refuses an index whose tables were dropped or whose params were damaged by hand as unusable (IndexError), untouched', async () => {
    const url = await indexOfOne();
    await admin("UPDATE neardup_meta SET value = '{garbage' WHERE name = 'params'", [], url);
    await refused(openPostgresStore(url, {}), /parameters are not JSON \(damaged\)/);
    await admin("UPDATE neardup_meta SET value = $1 WHERE name = 'params'", [JSON.stringify({ ...TINY })], url);
    await admin('DROP TABLE neardup_bands', [], url);
    const again = await openPostgresStore(url, {});
    try {
      await refused(again.candidates(bandKeysOf(Int32Array.from([1, 2, 3, 4]), TINY)), /cannot be used: relation "neardup_bands" does not exist \(the server's code 42P01\)/);
    } finally {
      await again.close();
    }
  });

  it('stores an article two writers add at once exactly once, and a changed text replaces the old one', async () => {
    const url = await freshDatabase();
    const params = { ...TINY, storedText: true };
    const [one, two] = await Promise.all([openPostgresStore(url, { create: params }), openPostgresStore(url, { create: params })]);
    const batch = (from: number) => Array.from({ length: 200 }, (_, i) => doc(`d${from + i}`, [from + i, 1, 2, from + i], { text: `text of d${from + i}` }));
    // Overlapping halves, written at the same moment by two connections.
    const [a, b] = await Promise.all([one.putBatch(batch(0)), two.putBatch(batch(100))]);
    expect(a.added + b.added).toBe(300);
    expect(a.unchanged + b.unchanged).toBe(100);
    expect(await one.count()).toBe(300);
    expect(await one.integrityCheck()).toEqual(['ok']);
    // Both replace the same article with the same new text: one replaces, the other finds it unchanged.
    const changed = doc('d150', [9, 9, 9, 9], { contentHash: 'new', text: 'the new text' });
    const [c, d] = await Promise.all([one.putBatch([changed]), two.putBatch([changed])]);
    expect([c.replaced + d.replaced, c.unchanged + d.unchanged]).toEqual([1, 1]);
    const stored = (await two.byId('d150'))!;
    expect([stored.contentHash, await two.text(stored.key)]).toEqual(['new', 'the new text']);
    expect((await one.documents(await one.candidates(bandKeysOf(Int32Array.from([150, 1, 0, 0]), TINY)))).map((x) => x.id)).toEqual([]);
    expect(await one.count()).toBe(300);
    expect(await one.integrityCheck()).toEqual(['ok']);
    await Promise.all([one.close(), two.close()]);
  });

  it('takes up a dropped connection again, reading as if nothing happened', async () => {
    const url = await freshDatabase();
    const store = await openPostgresStore(url, { create: TINY });
    await store.putBatch([doc('a', [1, 2, 3, 4]), doc('b', [1, 2, 9, 9])]);
    const keys = bandKeysOf(Int32Array.from([1, 2, 3, 4]), TINY);
    const before = await store.bandHits(keys, 0);
    await admin('SELECT pg_terminate_backend($1)', [await store.backendPid()]);
    expect(await store.bandHits(keys, 0)).toEqual(before);
    await store.putBatch([doc('c', [1, 2, 7, 7])]);
    await admin('SELECT pg_terminate_backend($1)', [await store.backendPid()]);
    expect((await store.putBatch([doc('d', [5, 5, 5, 5])])).added).toBe(1);
    expect(await store.count()).toBe(4);
    await store.close();
  });

  it('gives up with a clear message when the server does not come back', async () => {
    const url = await freshDatabase();
    const store = await openPostgresStore(url, { create: TINY, reconnectMs: 1000 });
    const name = new URL(url).pathname.slice(1);
    await admin(`ALTER DATABASE ${name} ALLOW_CONNECTIONS false`);
    await admin('SELECT pg_terminate_backend($1)', [await store.backendPid()]);
    const error = await store.putBatch([doc('a', [1, 2, 3, 4])]).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(IndexError);
    expect((error as Error).message).toMatch(/lost the connection to .* and could not connect again within 1 s/);
    await store.close();
    await admin(`ALTER DATABASE ${name} ALLOW_CONNECTIONS true`);
  });

  it('refuses a wrong password with a clear message', async () => {
    const wrong = new URL(PG_URL!);
    wrong.password = 'not-the-password';
    const accepted = await admin('SELECT 1', [], wrong.toString()).then(
      () => true,
      () => false,
    );
    if (accepted) {
      console.warn('skipping the wrong-password check: this server lets anyone in (trust authentication)');
      return;
    }
    await refused(openPostgresStore(wrong.toString(), { create: TINY }), /cannot log in to postgres:\/\/.*:\*\*\*@.*password authentication failed/);
  });
});
