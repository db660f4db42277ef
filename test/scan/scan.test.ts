import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it, vi } from 'vitest';
import { memoryFileSystem, nodeFileSystem } from '../../src/input/file-system.js';
import { withDefaults } from '../../src/options.js';
import { DEFAULT_READ_OPTIONS } from '../../src/input/read.js';
import { buildReport } from '../../src/report/scan-report.js';
import { scan } from '../../src/scan/scan.js';
import { repoRoot } from '../helpers/paths.js';
import { syntheticText } from '../helpers/synthetic.js';

const workersBuilt = existsSync(resolve(repoRoot, 'dist/scan/worker.js'));
if (!workersBuilt) console.warn('[test/scan.test.ts] skipping the worker-thread scan test: no build in dist/ (npm test builds first)');

/**
 * Runs `run` with the built library (worker threads run the compiled scripts) on `lines` written to a corpus file of its
 * own (workers read articles from the real file system), with the pool's `task` spied on; removes both after.
 */
async function withBuiltScan(
  lines: readonly string[],
  task: 'cluster' | 'refingerprint',
  run: (built: typeof import('../../src/index.js'), corpus: string, spied: { mock: { calls: unknown[] } }) => Promise<void>,
): Promise<void> {
  const built = (await import(pathToFileURL(resolve(repoRoot, 'dist/index.js')).href)) as typeof import('../../src/index.js');
  const { ScanPool } = (await import(pathToFileURL(resolve(repoRoot, 'dist/scan/worker-pool.js')).href)) as typeof import('../../src/scan/worker-pool.js');
  const dir = mkdtempSync(join(tmpdir(), 'neardup-workers-'));
  const spied = vi.spyOn(ScanPool.prototype, task);
  try {
    writeFileSync(join(dir, 'corpus.jsonl'), `${lines.join('\n')}\n`);
    await run(built, join(dir, 'corpus.jsonl'), spied);
  } finally {
    spied.mockRestore();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Six unrelated stories of one site, each with the site's footer; one of them copied, without the footer, elsewhere. */
const subjects = ['the harbour ferry timetable', 'a new school library', 'the river flood defences', 'the summer music festival', 'a hospital car park', 'the county cricket final'];
const story = (subject: string) =>
  Array.from({ length: 6 }, (_, i) => `Paragraph ${i + 1} about ${subject} tells readers what the council decided and why ${subject} matters to ${i + 2} families.`).join(' ');
const footer = 'Subscribe to our daily newsletter for more local stories, sent to your inbox every morning.';
const files: Record<string, string> = Object.fromEntries(subjects.map((s, i) => [`site/${i}.txt`, `${story(s)}\n${footer}\n`]));
files['elsewhere/copy.txt'] = story(subjects[0]!);

describe('scan with boilerplate learned from the corpus', () => {
  it("learns the site's footer, leaves it out of similarity, and still shows it in the divergence, marked", async () => {
    const result = await scan(withDefaults({ paths: ['site', 'elsewhere'] }), memoryFileSystem(files));
    expect(result.boilerplate).toEqual({ minDocuments: 5, lines: [{ text: 'Subscribe to our daily newsletter for more local stories, sent to your inbox …', documents: 6 }], removedLines: 6 });
    expect(result.clusters).toHaveLength(1);
    const [cluster] = buildReport(result).clusters;
    // The page and the copy tie on completeness; the page, the longer text, is canonical, and the copy lacks its footer.
    expect(cluster!.canonical).toBe('site/0.txt');
    const copy = cluster!.members.find((m) => m.id === 'elsewhere/copy.txt')!;
    // Without the footer, the page is its story alone: the copy is exact on the similarity set.
    expect(copy).toMatchObject({ relation: 'copy', jaccard: 1, added: [] });
    expect(copy.missing).toEqual([expect.objectContaining({ at: 'end', words: 15, boilerplate: true })]);
  });

  it('learns nothing with boilerplate learning off, or below the minimum of documents', async () => {
    expect((await scan(withDefaults({ paths: ['site', 'elsewhere'], boilerplateMinDocuments: 0 }), memoryFileSystem(files))).boilerplate).toBeUndefined();
    expect((await scan(withDefaults({ paths: ['site', 'elsewhere'], boilerplateMinDocuments: 7 }), memoryFileSystem(files))).boilerplate).toBeUndefined();
  });
});

describe('scan with a group of candidates too large to be one task', () => {
  // 1,030 copies of one story, each with a word of its own (over the 1,024 articles above which a group of candidates
  // is verified on the scan's thread first), then three copies each of 100 other stories, groups of the ordinary size.
  const edited = (base: string, n: number) => {
    const words = base.split(' ');
    words[n % words.length] = `edit${n}`;
    return words.join(' ');
  };
  const big = syntheticText(1, 300);
  const smallStories = 100;
  const lines = [
    ...Array.from({ length: 1030 }, (_, n) => ({ id: `big-${n}`, text: edited(big, n) })),
    ...Array.from({ length: smallStories * 3 }, (_, n) => ({ id: `small-${n}`, text: edited(syntheticText(2 + Math.floor(n / 3), 300), n) })),
  ].map((record) => JSON.stringify(record));
  const corpus = memoryFileSystem({ 'corpus.jsonl': `${lines.join('\n')}\n` });

  it('verifies the large group first, with progress, then clusters it beside the small one', async () => {
    const options = withDefaults({ paths: ['corpus.jsonl'], metric: 'jaccard', threshold: 0.8, rewrites: false });
    const verifying: Array<[number, number | undefined]> = [];
    const result = await scan(options, corpus, { progress: (stage, done, total) => stage === 'verifying' && verifying.push([done, total]) });
    // Counted: the large group's candidate pairs alone, at least a star over its 1,030 articles (LSH buckets of more than
    // 64 give one), at most all its pairs.
    const total = verifying[0]![1]!;
    expect(verifying[0]).toEqual([0, total]);
    expect(total).toBeGreaterThanOrEqual(1029);
    expect(total).toBeLessThanOrEqual((1030 * 1029) / 2);
    expect(verifying.at(-1)).toEqual([total, total]);
    expect(result.clusters.map((c) => c.members.length)).toEqual([1030, ...Array<number>(smallStories).fill(3)]);
    expect(result.documents).toBe(1030 + smallStories * 3);

    // Without a large group there is no such stage.
    const stages = new Set<string>();
    const smallOnly = memoryFileSystem({ 'corpus.jsonl': `${lines.slice(1030).join('\n')}\n` });
    const alone = await scan(options, smallOnly, { progress: (stage) => stages.add(stage) });
    expect(alone.clusters).toHaveLength(smallStories);
    expect(stages.has('verifying')).toBe(false);
    expect(stages.has('clustering')).toBe(true);
  }, 60_000);

  // Worker threads run the compiled scripts, so this takes scan from the build (npm test builds first).
  it.skipIf(!workersBuilt)('gives the same report with worker threads, which cluster the linked groups the large one falls into', async () => {
    // Workers start above 1 MiB of input (this is about 3 MB).
    await withBuiltScan(lines, 'cluster', async (built, corpus, clusterTask) => {
      const options = (jobs: number) => built.withDefaults({ paths: [corpus], metric: 'jaccard', threshold: 0.8, rewrites: false, jobs });
      const report = async (jobs: number) => JSON.stringify(built.buildReport(await built.scan(options(jobs), built.nodeFileSystem())));
      const one = await report(1);
      expect(JSON.parse(one).summary.clusters).toBe(1 + smallStories);
      expect(await report(2)).toBe(one);
      // Batches of groups were offered to the pool. How many a worker takes depends on when it is ready (one or two of
      // five here), so that is not asserted: test/worker-pool.test.ts checks a worker's clustering against this thread's.
      expect(clusterTask).toHaveBeenCalled();
    });
  }, 60_000);

  it.skipIf(!workersBuilt)("reads a caller's in-memory files again on this thread only, with worker threads as without", async () => {
    const built = (await import(pathToFileURL(resolve(repoRoot, 'dist/index.js')).href)) as typeof import('../../src/index.js');
    // Over 1 MiB, so workers start and fingerprint pieces; they could not read these files again (they once tried, and
    // every article they were given was dropped as changed).
    const files = built.memoryFileSystem({ 'corpus.jsonl': `${lines.join('\n')}\n` });
    const report = async (jobs: number) => {
      // With rewrites (the default), candidates are verified on sets and not kept analysed: batches of groups are sent.
      const result = await built.scan(built.withDefaults({ paths: ['corpus.jsonl'], jobs }), files);
      expect(result.skipped).toEqual([]);
      return JSON.stringify(built.buildReport(result));
    };
    const one = await report(1);
    expect(JSON.parse(one).summary.clusters).toBe(1 + smallStories);
    expect(await report(2)).toBe(one);
  }, 60_000);
});

describe('scan with worker threads and learned boilerplate', () => {
  it.skipIf(!workersBuilt)('fingerprints again on worker threads, in batches, the documents that hold learned lines, as one thread does', async () => {
    // 700 unrelated stories of one site, each closing with its footer (over 1 MiB, so workers start), and three copies
    // of the first without it: the footer is learned, and every page holding it is fingerprinted again.
    const pages = Array.from({ length: 700 }, (_, n) => ({ id: `page-${n}`, text: `${syntheticText(5000 + n, 300)}\n${footer}` }));
    const copies = [1, 2, 3].map((n) => ({ id: `copy-${n}`, text: syntheticText(5000, 300) }));
    await withBuiltScan([...pages, ...copies].map((r) => JSON.stringify(r)), 'refingerprint', async (built, corpus, refingerprintTask) => {
      const report = async (jobs: number) => JSON.stringify(built.buildReport(await built.scan(built.withDefaults({ paths: [corpus], jobs }), built.nodeFileSystem())));
      const one = await report(1);
      expect(JSON.parse(one).boilerplate).toMatchObject({ learned: [{ text: expect.stringMatching(/^Subscribe to our daily newsletter/), documents: 700 }], removedLines: 700 });
      expect(JSON.parse(one).clusters.map((c: { members: unknown[] }) => c.members.length)).toEqual([4]);
      expect(await report(2)).toBe(one);
      expect(refingerprintTask).toHaveBeenCalled();
    });
  }, 60_000);
});

describe('scan of a JSONL file that opens with a byte-order mark and ends lines with CR LF', () => {
  it('clusters the first line with its copy: read again, it is read as the first reading read it', async () => {
    const text = syntheticText(7, 120);
    const dir = mkdtempSync(join(tmpdir(), 'neardup-bom-'));
    try {
      writeFileSync(join(dir, 'marked.jsonl'), `\uFEFF${JSON.stringify({ id: 'first', text })}\r\n${JSON.stringify({ id: 'copy', text })}\r\n`);
      const result = await scan(withDefaults({ paths: [join(dir, 'marked.jsonl')] }), nodeFileSystem());
      expect(result.skipped).toEqual([]);
      expect(result.clusters.map((c) => c.members.map((m) => m.id).sort())).toEqual([['copy', 'first']]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('scan of files that number their own articles', () => {
  it('lets a scan read both files when --id-field names a field the records lack', async () => {
    const text = syntheticText(3, 120);
    const files = { 'a.jsonl': `${JSON.stringify({ id: '1', text })}\n`, 'b.jsonl': `${JSON.stringify({ id: '1', text })}\n` };
    const numbered = await scan(withDefaults({ paths: ['a.jsonl', 'b.jsonl'] }), memoryFileSystem(files));
    expect(numbered.skipped.map((s) => s.reason)).toEqual([expect.stringContaining('ids must be unique across the inputs')]);
    const byText = await scan(withDefaults({ paths: ['a.jsonl', 'b.jsonl'], read: { ...DEFAULT_READ_OPTIONS, idField: 'none' } }), memoryFileSystem(files));
    expect(byText.skipped).toEqual([]);
    expect(byText.clusters.map((c) => c.members.length)).toEqual([2]);
  });
});

describe('notes on dates a feed writes one way neardup does not read', () => {
  it('are said for the first three articles of a file, then counted in one note', async () => {
    const lines = Array.from({ length: 6 }, (_, n) => JSON.stringify({ id: `s${n}`, text: syntheticText(n, 60), date: '12/09/2023' }));
    const other = JSON.stringify({ id: 'o', text: syntheticText(9, 60), date: 'soon' });
    const told: string[] = [];
    const result = await scan(withDefaults({ paths: ['feed.jsonl', 'other.jsonl'] }), memoryFileSystem({ 'feed.jsonl': `${lines.join('\n')}\n`, 'other.jsonl': `${other}\n` }), {
      note: (n) => told.push(`${n.path}: ${n.note.split(', not a date')[0]}`),
    });
    expect(told).toEqual([
      'feed.jsonl:1: "date" field holds "12/09/2023"',
      'feed.jsonl:2: "date" field holds "12/09/2023"',
      'feed.jsonl:3: "date" field holds "12/09/2023"',
      'other.jsonl:1: "date" field holds "soon"',
      'feed.jsonl: 3 more articles have a date field neardup does not read, as noted above: each is dated by its text, or undated',
    ]);
    expect(result.notes.map((n) => n.path)).toEqual(['feed.jsonl:1', 'feed.jsonl:2', 'feed.jsonl:3', 'other.jsonl:1', 'feed.jsonl']);
  });
});

describe('notes on JSONL and CSV that are not UTF-8', () => {
  it('read the article on with U+FFFD for the bytes, and say so for the first three of a file, then count the rest; a real U+FFFD is not noted', async () => {
    const latin1 = (text: string) => new Uint8Array(Buffer.from(text, 'latin1'));
    const lines = Array.from({ length: 5 }, (_, n) => JSON.stringify({ id: `j${n}`, text: `Caf\u00e9 ${syntheticText(n, 60)}` }));
    const csv = `id,text\nc1,"Cr\u00e8me ${syntheticText(7, 60)}"\nc2,"${syntheticText(8, 60)}"\n`;
    const files = {
      'feed.jsonl': latin1(`${lines.join('\n')}\n`),
      'rows.csv': latin1(csv),
      'good.jsonl': `${JSON.stringify({ id: 'g', text: `A real \ufffd ${syntheticText(9, 60)}` })}\n`,
    };
    const told: string[] = [];
    const result = await scan(withDefaults({ paths: ['feed.jsonl', 'rows.csv', 'good.jsonl'] }), memoryFileSystem(files), { note: (n) => told.push(`${n.path}: ${n.note.split(':')[0]}`) });
    expect(told).toEqual([
      'feed.jsonl:1: holds bytes that are not UTF-8, each read as U+FFFD (the replacement character)',
      'feed.jsonl:2: holds bytes that are not UTF-8, each read as U+FFFD (the replacement character)',
      'feed.jsonl:3: holds bytes that are not UTF-8, each read as U+FFFD (the replacement character)',
      'rows.csv:2: holds bytes that are not UTF-8, each read as U+FFFD (the replacement character)',
      'feed.jsonl: 2 more articles hold bytes that are not UTF-8, as noted above',
    ]);
    expect(result.skipped).toEqual([]);
    expect(result.documents).toBe(8);
  });
});

describe('a --prefer pattern no article matches', () => {
  it('is noted, so a typo does not pass unseen; one that matches an id or a source is not', async () => {
    const text = syntheticText(4, 120);
    const files = { 'site-a/story.txt': text, 'site-b/story.txt': text };
    const told: string[] = [];
    const result = await scan(withDefaults({ paths: ['site-a', 'site-b'], prefer: ['*afp.com*', 'site-b', 'agence'] }), memoryFileSystem(files), { note: (n) => told.push(`${n.path}: ${n.note}`) });
    expect(told).toEqual([
      '--prefer: "*afp.com*" matches no article read (a glob over the whole of each id and source path), so no canonical was chosen by it',
      '--prefer: "agence" matches no article read (looked for within each id and source path), so no canonical was chosen by it',
    ]);
    expect(result.notes.map((n) => n.path)).toEqual(['--prefer', '--prefer']);
    expect(result.clusters[0]!.canonical).toBe('site-b/story.txt');
  });
});
