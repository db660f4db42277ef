import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixturesDir, repoRoot, SEED } from '../helpers/paths.js';
import { countRows, integrity } from '../helpers/index-file.js';
import { runCli } from '../helpers/run-cli.js';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'neardup-index-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let n = 0;
const freshDb = () => join(dir, `corpus-${++n}.neardup.db`);
const json = (stdout: string) => JSON.parse(stdout) as Record<string, any>;

describe('neardup index add', () => {
  it('indexes the fixtures, and a second add of the same files is a no-op', async () => {
    const db = freshDb();
    const first = await runCli(['index', 'add', 'fixtures/afp-kim-putin', '--db', db, '--format', 'json']);
    expect(first.status).toBe(0);
    expect(first.stderr).toBe('');
    expect(json(first.stdout)).toMatchObject({ kind: 'add', read: 5, added: 5, replaced: 0, unchanged: 5 - 5, documents: 5 });
    const second = await runCli(['index', 'add', 'fixtures/afp-kim-putin', '--db', db]);
    expect(second.status).toBe(0);
    expect(second.stdout).toBe('5 articles read: 0 added, 0 replaced, 5 unchanged. The index holds 5 articles.\n');
    expect(countRows(db)).toBe(5);
  });

  it('replaces an article whose text changed, and leaves the others', async () => {
    const db = freshDb();
    const corpus = join(dir, 'changing');
    cpSync(join(fixturesDir, 'afp-kim-putin'), corpus, { recursive: true });
    expect((await runCli(['index', 'add', corpus, '--db', db])).status).toBe(0);
    const spun = join(corpus, '004_fe1fa3bedf862f6b.txt');
    writeFileSync(spun, `${readFileSync(spun, 'utf8')}\nA correction was appended to this story on Friday.\n`);
    const again = await runCli(['index', 'add', corpus, '--db', db, '--format', 'json']);
    expect(json(again.stdout)).toMatchObject({ read: 5, added: 0, replaced: 1, unchanged: 4, documents: 5 });
  });

  it('reports its parameters, size and integrity', async () => {
    const db = freshDb();
    await runCli(['index', 'add', 'fixtures/afp-kim-putin', '--db', db]);
    const stats = await runCli(['index', 'stats', '--db', db, '--format', 'json', '--integrity']);
    expect(stats.status).toBe(0);
    expect(json(stats.stdout)).toMatchObject({
      kind: 'stats',
      documents: 5,
      sources: 5,
      bandRows: 5 * (33 + 31),
      params: { seed: 1, numPerm: 128, shingleSize: 5, normalizationVersion: 1, bands: 33, rows: 2, rewriteBands: 31, rewriteRows: 2, metric: 'containment', threshold: 0.7 },
      integrity: ['ok'],
    });
    expect(json(stats.stdout).bytes.database).toBeGreaterThan(0);
    expect((await runCli(['index', 'stats', '--db', db])).stdout).toContain('33 bands × 2 rows (tuned to containment 0.7)');
  });

  it('removes articles by id or by source folder, and vacuums', async () => {
    const db = freshDb();
    await runCli(['index', 'add', 'fixtures/afp-kim-putin', '--db', db]);
    const byId = await runCli(['index', 'remove', SEED.spun, 'no-such-id', '--db', db, '--format', 'json']);
    expect(byId.status).toBe(0);
    expect(json(byId.stdout)).toEqual({ schemaVersion: 1, kind: 'remove', removed: 1, notFound: ['no-such-id'], documents: 4 });
    expect(byId.stderr).toBe('neardup: not in the index: no-such-id\n');
    const bySource = await runCli(['index', 'remove', '--source', 'fixtures', '--db', db]);
    expect(bySource.stdout).toBe('4 articles removed. The index holds 0 articles.\n');
    const vacuum = await runCli(['index', 'vacuum', '--db', db]);
    expect(vacuum.status).toBe(0);
    expect(vacuum.stdout).toMatch(/\d (bytes|kB|MB) before, \S+ (bytes|kB|MB) after\.\n$/);
    expect(integrity(db)).toBe('ok');
  });
});

describe('neardup check', () => {
  let db: string;
  let incoming: string;
  beforeAll(async () => {
    db = freshDb();
    expect((await runCli(['index', 'add', 'fixtures/afp-kim-putin', '--db', db])).status).toBe(0);
    incoming = join(dir, 'incoming');
    mkdirSync(incoming);
    cpSync(resolve(repoRoot, SEED.boilerplate), join(incoming, 'syndicated.txt'));
    writeFileSync(join(incoming, 'unrelated.txt'), 'Markets closed higher on Tuesday as oil prices rose for a third day in a row, traders said.');
  });

  it('finds the indexed articles a new copy of a seed copies, with the figures and divergence scan reports', async () => {
    const run = await runCli(['check', incoming, '--db', db, '--format', 'json']);
    expect(run.status).toBe(0);
    expect(run.stderr).toBe('');
    const report = json(run.stdout);
    expect(report).toMatchObject({ schemaVersion: 1, kind: 'check', index: { documents: 5, bands: 33, rows: 2 }, summary: { checked: 2, withCopies: 1, unverified: 0 } });
    const [doc] = report.documents;
    expect(doc.id).toBe(`${incoming}/syndicated.txt`);
    const byOriginal = Object.fromEntries(doc.matches.map((m: any) => [m.original.id, m]));
    expect(byOriginal[SEED.boilerplate]).toMatchObject({ verified: true, relation: 'copy', jaccard: 1, added: [], missing: [] });
    // The same pair scan reports in the README: the teaser copy as canonical, the boilerplate copy as member.
    expect(byOriginal[SEED.teaser]).toMatchObject({
      verified: true,
      relation: 'copy-with-additions',
      basis: 'shingles',
      jaccard: 0.639,
      containment: { memberInCanonical: 0.6872, canonicalInMember: 0.901 },
      original: { id: SEED.teaser, source: resolve(repoRoot, SEED.teaser), words: 780 },
    });
    expect(byOriginal[SEED.teaser].added).toContainEqual(expect.objectContaining({ at: 'end', words: 281 }));
    // The content farm's re-wording, found through the content-stem bands and linked on aligned sentences.
    expect(byOriginal[SEED.spun]).toMatchObject({ verified: true, relation: 'rewritten', basis: 'sentences' });
  });

  it('prints a table, and exits 1 with --fail-on-duplicates', async () => {
    const run = await runCli(['check', incoming, '--db', db, '--fail-on-duplicates']);
    expect(run.status).toBe(1);
    expect(run.stdout).toMatch(/^2 articles checked against an index of 5 articles: 1 with copies of indexed articles \(\d+ matches\)\n/);
    expect(run.stdout).toMatch(/copy with additions\s+0\.64\s+0\.69\s+0\.90\s+780\s+fixtures\/afp-kim-putin\/002_3afb60d8cb355dca\.txt/);
    expect(run.stdout).toContain('+ 281 words at the end: "ALSO READ-Kim Jong-un');
    const clean = await runCli(['check', join(incoming, 'unrelated.txt'), '--db', db, '--fail-on-duplicates']);
    expect(clean.status).toBe(0);
    expect(clean.stdout).toContain('No copies of indexed articles found.');
  });

  it('refuses to write its report over the index, the index\'s other files or an input, leaving them as they were', async () => {
    const before = readFileSync(db);
    const wal = existsSync(`${db}-wal`) ? readFileSync(`${db}-wal`) : undefined;
    const input = readFileSync(join(incoming, 'unrelated.txt'));
    for (const [args, message] of [
      [['check', incoming, '--db', db, '-o', db], `--output ${db} is the index (--db) or one of its files; refusing to overwrite it`],
      [['check', incoming, '--db', db, '-o', `${db}-wal`], `--output ${db}-wal is the index (--db) or one of its files; refusing to overwrite it`],
      [['check', incoming, '--db', db, '-o', join(incoming, 'unrelated.txt')], `--output ${join(incoming, 'unrelated.txt')} is one of the inputs; refusing to overwrite it`],
      [['scan', incoming, '--db', db, '-o', db], `--output ${db} is the index (--db) or one of its files; refusing to overwrite it`],
      [['scan', incoming, '--db', db, '--write-baseline', db], `--write-baseline ${db} is the index (--db) or one of its files; refusing to overwrite it`],
    ] as const) {
      const run = await runCli(args);
      expect(run.status, args.join(' ')).toBe(2);
      expect(run.stderr).toBe(`neardup: ${message}\n`);
    }
    const viaEnvironment = await runCli(['check', incoming, '-o', db], { env: { NEARDUP_DB: db } });
    expect(viaEnvironment.status).toBe(2);
    expect(readFileSync(db).equals(before)).toBe(true);
    expect(existsSync(`${db}-wal`) ? readFileSync(`${db}-wal`) : undefined).toEqual(wal);
    expect(readFileSync(join(incoming, 'unrelated.txt')).equals(input)).toBe(true);
  });

  it('reports a match on the estimate only, and says so, when the original is gone from disk', async () => {
    const gone = freshDb();
    const corpus = join(dir, 'vanishing');
    cpSync(join(fixturesDir, 'afp-kim-putin'), corpus, { recursive: true });
    await runCli(['index', 'add', corpus, '--db', gone]);
    rmSync(join(corpus, '002_3afb60d8cb355dca.txt'));
    const report = json((await runCli(['check', incoming, '--db', gone, '--format', 'json'])).stdout);
    const teaser = report.documents[0].matches.find((m: any) => m.original.id.endsWith('002_3afb60d8cb355dca.txt'));
    expect(teaser).toMatchObject({ verified: false, reason: 'original not found on disk' });
    expect(teaser.estimate.jaccard).toBeGreaterThan(0.5);
    expect(report.summary.unverified).toBe(1);
  });

  it('re-reads a JSONL original from its line', async () => {
    const feed = freshDb();
    const jsonl = join(dir, 'feed.jsonl');
    const lines = [SEED.updated, SEED.teaser, SEED.shortened].map((p, i) => JSON.stringify({ id: `wire-${i}`, body: readFileSync(resolve(repoRoot, p), 'utf8') }));
    writeFileSync(jsonl, `${lines.join('\r\n')}\r\n`);
    expect((await runCli(['index', 'add', jsonl, '--db', feed, '--text-field', 'body'])).status).toBe(0);
    const report = json((await runCli(['check', incoming, '--db', feed, '--format', 'json'])).stdout);
    const teaser = report.documents[0].matches.find((m: any) => m.original.id === 'wire-1');
    expect(teaser).toMatchObject({ verified: true, relation: 'copy-with-additions', jaccard: 0.639, original: { source: jsonl, line: 2 } });
  });

  it('re-reads a JSONL original that held only a page, by the --html-field check is given', async () => {
    const pages = freshDb();
    const jsonl = join(dir, 'pages.jsonl');
    const page = (p: string) => `<html><body><article>${readFileSync(resolve(repoRoot, p), 'utf8').split('\n\n').map((t) => `<p>${t}</p>`).join('')}</article></body></html>`;
    writeFileSync(jsonl, `${JSON.stringify({ id: 'wire-page', page: page(SEED.teaser) })}\n`);
    expect((await runCli(['index', 'add', jsonl, '--db', pages, '--html-field', 'page'])).status).toBe(0);
    const copy = join(dir, 'page-copy.jsonl');
    writeFileSync(copy, `${JSON.stringify({ id: 'copy-page', page: page(SEED.teaser) })}\n`);
    const report = json((await runCli(['check', copy, '--db', pages, '--html-field', 'page', '--format', 'json'])).stdout);
    expect(report.documents[0].matches[0]).toMatchObject({ verified: true, relation: 'copy', original: { id: 'wire-page', line: 1 } });
  });

  it('re-reads an unchanged JSONL original where it now is, after a line was added above it and the file added again', async () => {
    const moving = freshDb();
    const jsonl = join(dir, 'moving.jsonl');
    const line = (p: string, i: number, date: string) => JSON.stringify({ id: `wire-${i}`, text: readFileSync(resolve(repoRoot, p), 'utf8'), date });
    const lines = [SEED.updated, SEED.teaser, SEED.shortened].map((p, i) => line(p, i, '2023-09-12'));
    writeFileSync(jsonl, `${lines.join('\n')}\n`);
    expect((await runCli(['index', 'add', jsonl, '--db', moving])).status).toBe(0);
    const note = JSON.stringify({ id: 'note', text: 'An unrelated note about the weather in Lisbon, where it rained all week.' });
    writeFileSync(jsonl, `${[note, ...lines.slice(0, 2), line(SEED.shortened, 2, '2023-09-13')].join('\n')}\n`);
    const again = await runCli(['index', 'add', jsonl, '--db', moving]);
    expect(again.stdout).toContain('1 added, 0 replaced, 3 unchanged');
    const report = json((await runCli(['check', incoming, '--db', moving, '--format', 'json'])).stdout);
    expect(report.summary.unverified).toBe(0);
    const byId = Object.fromEntries(report.documents[0].matches.map((m: any) => [m.original.id, m]));
    expect(byId['wire-1']).toMatchObject({ verified: true, relation: 'copy-with-additions', original: { source: jsonl, line: 3 } });
    expect(byId['wire-2']).toMatchObject({ verified: true, original: { line: 4, date: '2023-09-13T00:00:00.000Z' } });
  });
});

describe('an index that cannot be used: exit 4, one line on stderr, the file untouched', () => {
  let db: string;
  beforeAll(async () => {
    db = freshDb();
    await runCli(['index', 'add', 'fixtures/afp-kim-putin', '--db', db]);
  });

  it('refuses other parameters than the index was built with', async () => {
    const add = await runCli(['index', 'add', 'fixtures/afp-kim-putin', '--db', db, '--num-perm', '64']);
    expect(add.status).toBe(4);
    expect(add.stderr).toBe(`neardup: ${db} was built with other parameters: num-perm 64, the index has 128. Use its parameters, or build a new index\n`);
    const check = await runCli(['check', 'fixtures/afp-kim-putin', '--db', db, '--seed', '2', '--shingle-size', '4']);
    expect(check.status).toBe(4);
    expect(check.stderr).toContain('seed 2, the index has 1; shingle-size 4, the index has 5');
    const threshold = await runCli(['index', 'add', 'fixtures/afp-kim-putin', '--db', db, '--threshold', '0.9']);
    expect(threshold.status).toBe(4);
    const said = `neardup: ${db} was built for containment 0.7: --metric and --threshold choose an index's bands when it is created; leave them out to add to this index, or build a new one\n`;
    expect(threshold.stderr).toBe(said);
    const metric = await runCli(['index', 'add', 'fixtures/afp-kim-putin', '--db', db, '--metric', 'jaccard']);
    expect(metric.status).toBe(4);
    expect(metric.stderr).toBe(said);
    // Its own threshold, given, is no mismatch.
    expect((await runCli(['index', 'add', 'fixtures/afp-kim-putin', '--db', db, '--threshold', '0.7'])).status).toBe(0);
  });

  it('refuses a file that is not an index, a foreign SQLite database and a corrupt index, leaving their bytes alone', async () => {
    const text = join(dir, 'notes.txt');
    writeFileSync(text, 'These are my notes, not an index.\n');
    const foreign = join(dir, 'app.sqlite');
    const app = new Database(foreign);
    app.exec("CREATE TABLE users (name TEXT); INSERT INTO users VALUES ('ada')");
    app.close();
    const corrupt = freshDb();
    await runCli(['index', 'add', 'fixtures/afp-kim-putin', '--db', corrupt]);
    const bytes = readFileSync(corrupt);
    for (let i = 4096; i < bytes.length; i++) bytes[i] = (i * 31) & 0xff;
    writeFileSync(corrupt, bytes);

    for (const [file, message] of [
      [text, 'is not a neardup index (not an SQLite database); it was left as it is'],
      [foreign, 'is an SQLite database but not a neardup index; it was left as it is'],
      [corrupt, 'is corrupt ('],
    ] as const) {
      const before = readFileSync(file);
      for (const args of [['index', 'add', 'fixtures/afp-kim-putin'], ['check', 'fixtures/afp-kim-putin'], ['index', 'stats'], ['fixtures/afp-kim-putin']]) {
        const run = await runCli([...args, '--db', file]);
        expect(run.status, `${args.join(' ')} --db ${file}`).toBe(4);
        expect(run.stderr).toContain(message);
        expect(run.stderr.trim().split('\n')).toHaveLength(1);
        expect(run.stdout).toBe('');
      }
      expect(readFileSync(file).equals(before)).toBe(true);
    }
  });

  it('refuses a folder, and a device, as the index file, writing nothing beside them', async () => {
    const folder = join(dir, 'a-folder');
    mkdirSync(folder);
    const cases: Array<readonly [string, string]> = [[folder, 'is a folder, not an index file']];
    if (existsSync('/dev/null')) cases.push(['/dev/null', 'is not a regular file (a device, FIFO or socket), not an index file']);
    for (const [file, message] of cases) {
      for (const args of [['index', 'add', 'fixtures/afp-kim-putin'], ['check', 'fixtures/afp-kim-putin'], ['index', 'stats'], ['fixtures/afp-kim-putin']]) {
        const run = await runCli([...args, '--db', file]);
        expect(run.status, `${args.join(' ')} --db ${file}`).toBe(4);
        expect(run.stderr).toBe(`neardup: ${file} ${message}\n`);
      }
      for (const companion of ['-journal', '-wal', '-shm']) expect(existsSync(`${file}${companion}`), `${file}${companion}`).toBe(false);
    }
  });

  it('says there is no index to check against, without creating one', async () => {
    const missing = join(dir, 'missing.db');
    const run = await runCli(['check', 'fixtures/afp-kim-putin', '--db', missing]);
    expect(run.status).toBe(4);
    expect(run.stderr).toMatch(/no index at .*missing\.db/);
    expect(existsSync(missing)).toBe(false);
  });
});

describe('neardup scan --db', () => {
  it('stores the fingerprints it computes, reuses them for unchanged articles, and reports exactly as without', async () => {
    const db = freshDb();
    const folder = join(dir, 'grown');
    cpSync(resolve(fixturesDir, 'afp-kim-putin'), folder, { recursive: true });
    const plain = await runCli([folder, '--format', 'json']);
    const first = await runCli([folder, '--format', 'json', '--db', db]);
    expect(first.status).toBe(0);
    expect(first.stdout).toBe(plain.stdout);
    expect(first.stderr).toBe(`neardup: fingerprints of 0 articles reused from ${db}, 5 computed and stored\n`);
    expect(countRows(db)).toBe(5);

    const again = await runCli([folder, '--format', 'json', '--db', db]);
    expect(again.stdout).toBe(plain.stdout);
    expect(again.stderr).toBe(`neardup: fingerprints of 5 articles reused from ${db}, 0 computed and stored\n`);

    // The folder grows by one article and another changes: only those two are fingerprinted.
    const name = (seed: string) => seed.slice(seed.lastIndexOf('/') + 1);
    writeFileSync(join(folder, 'later.txt'), readFileSync(join(folder, name(SEED.shortened)), 'utf8').replace(/Kim/g, 'Kim Jong Un'));
    writeFileSync(join(folder, name(SEED.spun)), `${readFileSync(join(folder, name(SEED.spun)), 'utf8')}\nAn editor's note added later.\n`);
    const grown = await runCli([folder, '--format', 'json', '--db', db]);
    expect(grown.stderr).toBe(`neardup: fingerprints of 4 articles reused from ${db}, 2 computed and stored\n`);
    expect(grown.stdout).toBe((await runCli([folder, '--format', 'json'])).stdout);
    expect(countRows(db)).toBe(6);
    // What scan stored is an index like any other: check finds the copies in it.
    const check = await runCli(['check', resolve(repoRoot, SEED.shortened), '--db', db, '--format', 'json']);
    expect(json(check.stdout).summary.withCopies).toBe(1);
  });

  it('records where a reused article now is: a JSONL line moved down is read again there', async () => {
    const db = freshDb();
    const jsonl = join(dir, 'scanned.jsonl');
    const lines = [SEED.updated, SEED.teaser].map((p, i) => JSON.stringify({ id: `wire-${i}`, text: readFileSync(resolve(repoRoot, p), 'utf8') }));
    writeFileSync(jsonl, `${lines.join('\n')}\n`);
    expect((await runCli([jsonl, '--db', db, '-q'])).status).toBe(0);
    writeFileSync(jsonl, `${JSON.stringify({ id: 'note', text: 'An unrelated note about the weather in Lisbon, where it rained all week.' })}\n${lines.join('\n')}\n`);
    expect((await runCli([jsonl, '--db', db])).stderr).toBe(`neardup: fingerprints of 2 articles reused from ${db}, 1 computed and stored\n`);
    const check = json((await runCli(['check', resolve(repoRoot, SEED.boilerplate), '--db', db, '--format', 'json'])).stdout);
    expect(check.summary.unverified).toBe(0);
    expect(check.documents[0].matches.find((m: any) => m.original.id === 'wire-1')).toMatchObject({ verified: true, original: { source: jsonl, line: 3 } });
  });
});
