/**
 * The review page as a person sees it, in Debian's chromium driven by playwright-core (no browser download). Skips with
 * a notice where no chromium is found (CHROMIUM_PATH, else /usr/bin/chromium; .ci/chromium-install installs it).
 */
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { pathToFileURL } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/program.js';
import { memoryFileSystem } from '../../src/input/file-system.js';
import { withDefaults } from '../../src/options.js';
import { clusteredArticles, readArticleTexts } from '../../src/report/article-texts.js';
import type { CheckReport } from '../../src/report/check-report.js';
import { baselineFromReport, compareWithBaseline } from '../../src/report/baseline.js';
import { buildReport, type Report, type ReportCluster, type ReportPassage } from '../../src/report/scan-report.js';
import type { DerivedSentenceRanges } from '../../src/judge/member.js';
import { renderHtml } from '../../src/report/render/html.js';
import { scan } from '../../src/scan/scan.js';
import { syntheticText } from '../helpers/synthetic.js';
import { REUSE_FILES } from '../helpers/reuse-corpus.js';
import { repoRoot, seedsDir } from '../helpers/paths.js';

/** The few DOM names the functions run in the page use: the project's typecheck has no DOM library. */
interface PageNode {
  readonly textContent: string | null;
  querySelector(selector: string): PageNode | null;
  querySelectorAll(selector: string): Iterable<PageNode>;
  getAttribute(name: string): string | null;
  readonly parentElement: PageNode | null;
}
declare const document: PageNode & { readonly activeElement: PageNode | null; createRange(): { setStart(node: PageNode, offset: number): void; setEndBefore(node: PageNode): void; toString(): string } };
declare const window: { pwned?: number; getComputedStyle(node: PageNode): { color: string; backgroundColor: string; display: string; outlineStyle: string; outlineWidth: string } };

const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const hasChromium = existsSync(executablePath);
if (!hasChromium) console.warn(`[test/browser/html-report.test.ts] skipping browser tests: no chromium at ${executablePath} (run .ci/chromium-install or set CHROMIUM_PATH)`);

let browser: Browser;
let dir: string;

/** Writes a page through the CLI, in-process, as `neardup <args> --format html -o <file>` would. */
async function cliPage(name: string, args: string[]): Promise<string> {
  const file = join(dir, `${name}.html`);
  await cli([...args, '--format', 'html', '-o', file]);
  return file;
}

let fixturesPageFile: Promise<string> | undefined;

/** The page of fixtures/ (the same scan with the same options for every test that reads it), written once. */
function fixturesPage(): Promise<string> {
  return (fixturesPageFile ??= cliPage('fixtures', ['fixtures/']));
}

let reusePage: Promise<{ work: string; file: string }> | undefined;

/** The reuse corpus (a wire story, its rewrite, a feature) written out and scanned once, for every test that reads its page. */
function reuseCorpusPage(): Promise<{ work: string; file: string }> {
  return (reusePage ??= (async () => {
    const work = join(dir, 'reuse');
    mkdirSync(work);
    for (const [name, sentences] of Object.entries(REUSE_FILES)) writeFileSync(join(work, name), sentences.join(' '));
    return { work, file: await cliPage('reuse', [work]) };
  })());
}

async function cli(args: string[]): Promise<void> {
  const sink = () => new PassThrough().resume();
  expect(await runCli([...args, '-q'], { stdout: sink(), stderr: sink(), stdin: new PassThrough(), env: {}, cwd: repoRoot })).toBe(0);
}

/** The report and texts a page embeds, read back from the page file itself. */
function pageData<R = Report>(file: string): { report: R; texts: Record<string, string>; originals: Record<string, string> } {
  const page = readFileSync(file, 'utf8');
  const block = (id: string) => JSON.parse(new RegExp(`<script type="application/json" id="${id}">([\\s\\S]*?)</script>`).exec(page)![1]!);
  const texts = block('neardup-texts') as { articles: Record<string, string>; originals?: Record<string, string> };
  return { report: block('neardup-report') as R, texts: texts.articles, originals: texts.originals ?? {} };
}

interface Opened {
  readonly page: Page;
  /** Console errors and uncaught exceptions. */
  readonly errors: string[];
  /** Every request other than the page itself, each aborted. */
  readonly requests: string[];
}

/**
 * The one tab every test opens its page in, each time a fresh document. A new page costs chromium three renderer
 * processes, which took more CPU than the tests themselves (8 s of the file's 12); a navigation reuses the tab's.
 */
let tab: Page | undefined;

/** Loads `file` afresh in the tab, with nothing left of the last test's page: its listeners, routes and media. */
async function open(file: string, colorScheme: 'light' | 'dark' = 'light'): Promise<Opened> {
  tab ??= await browser.newPage({ viewport: { width: 1400, height: 1000 } });
  const page = tab;
  for (const event of ['console', 'pageerror', 'dialog'] as const) page.removeAllListeners(event);
  await page.unrouteAll();
  await page.emulateMedia({ media: null, colorScheme });
  const errors: string[] = [];
  const requests: string[] = [];
  const url = pathToFileURL(file).href;
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('dialog', (d) => {
    errors.push(`dialog: ${d.message()}`);
    void d.dismiss();
  });
  await page.route('**', (route) => {
    if (route.request().url() === url) return route.continue();
    requests.push(route.request().url());
    return route.abort();
  });
  await page.goto(url);
  await page.waitForSelector('html[data-ready]');
  return { page, errors, requests };
}

/** Each highlighted passage of a column: its text joined over its pieces, and its offset in the column's text. */
function passagesShown(page: Page, column: 'ref' | 'copy', tag: 'ins' | 'del') {
  return page.evaluate(
    ([column, tag]) => {
      const text = document.querySelector(`#detail .column.${column} .text`)!;
      const byIndex = new Map<string, { start: number; text: string }>();
      for (const node of text.querySelectorAll(tag)) {
        const range = document.createRange();
        range.setStart(text, 0);
        range.setEndBefore(node);
        const index = node.getAttribute('data-passage')!;
        const seen = byIndex.get(index);
        if (seen) seen.text += node.textContent;
        else byIndex.set(index, { start: range.toString().length, text: node.textContent! });
      }
      return { whole: text.textContent!, passages: [...byIndex.values()] };
    },
    [column, tag] as const,
  );
}

/** A sentence the page links, as drawn: its range in the column's text (over all its pieces) and its derived sentences. */
interface LinkedShown {
  readonly start: number;
  readonly end: number;
  readonly links: number[];
}

/** The linked sentences of a column, by the offsets of their pieces in the column's text, ordered by start. */
function linksShown(page: Page, column: 'ref' | 'copy'): Promise<LinkedShown[]> {
  return page.evaluate((column) => {
    const text = document.querySelector(`#detail .column.${column} .text`)!;
    const bySentence = new Map<string, { start: number; end: number; links: Set<number> }>();
    for (const node of text.querySelectorAll('.linked')) {
      const range = document.createRange();
      range.setStart(text, 0);
      range.setEndBefore(node);
      const start = range.toString().length;
      const end = start + node.textContent!.length;
      const links = node.getAttribute('data-links')!.split(' ').map(Number);
      const seen = bySentence.get(node.getAttribute('data-sentence')!);
      if (!seen) bySentence.set(node.getAttribute('data-sentence')!, { start, end, links: new Set(links) });
      else {
        if (start !== seen.end) throw new Error(`a sentence drawn in pieces that are not contiguous (${seen.end}, ${start})`);
        seen.end = end;
        for (const l of links) seen.links.add(l);
      }
    }
    return [...bySentence.values()].map((s) => ({ start: s.start, end: s.end, links: [...s.links].sort((a, b) => a - b) })).sort((a, b) => a.start - b.start);
  }, column);
}

/** What the page should draw for derived sentences as the report gives them: each copy sentence, each distinct source sentence with all it feeds. */
function expectedLinks(derived: readonly DerivedSentenceRanges[]): { ref: LinkedShown[]; copy: LinkedShown[] } {
  const ref = new Map<string, LinkedShown>();
  derived.forEach((d, n) => {
    for (const [start, end] of d.canonical) {
      const known = ref.get(`${start}:${end}`);
      if (known) known.links.push(n);
      else ref.set(`${start}:${end}`, { start, end, links: [n] });
    }
  });
  return {
    ref: [...ref.values()].sort((a, b) => a.start - b.start),
    copy: derived.map((d, n) => ({ start: d.member[0], end: d.member[1], links: [n] })).sort((a, b) => a.start - b.start),
  };
}

/** The ranges of a column's sentences lit up (class paired) now. */
function litRanges(page: Page, column: 'ref' | 'copy'): Promise<Array<[number, number]>> {
  return page.evaluate((column) => {
    const text = document.querySelector(`#detail .column.${column} .text`)!;
    const out: Array<[number, number]> = [];
    for (const node of text.querySelectorAll('.linked.paired')) {
      const range = document.createRange();
      range.setStart(text, 0);
      range.setEndBefore(node);
      const start = range.toString().length;
      const last = out[out.length - 1];
      if (last && last[1] === start) last[1] = start + node.textContent!.length;
      else out.push([start, start + node.textContent!.length]);
    }
    return out;
  }, column);
}

/** One comparison the page offers: the article of reference (left), the copy (right), and the report's passages. */
interface Compared {
  readonly refText: string;
  readonly copyId: string;
  readonly copyText: string;
  readonly added: readonly ReportPassage[];
  readonly missing: readonly ReportPassage[];
}

/** Opens each comparison in turn: the added and missing passages the report gives, at their offsets in the texts. */
async function expectPassagesInPlace(page: Page, compared: readonly Compared[]): Promise<void> {
  for (let i = 0; i < compared.length; i++) {
    const c = compared[i]!;
    await page.locator('button.compare').nth(i).click();
    await expect.poll(() => page.locator('#detail button.compare[aria-pressed="true"]').getAttribute('data-pair-index')).toBe(String(i));
    expect(await page.locator('#detail .column.copy h4 .id').textContent()).toBe(c.copyId);
    const copy = await passagesShown(page, 'copy', 'ins');
    const ref = await passagesShown(page, 'ref', 'del');
    expect(copy.whole).toBe(c.copyText);
    expect(ref.whole).toBe(c.refText);
    expect(copy.passages).toEqual(c.added.map((p) => ({ start: p.start, text: c.copyText.slice(p.start, p.end) })));
    expect(ref.passages).toEqual(c.missing.map((p) => ({ start: p.start, text: c.refText.slice(p.start, p.end) })));
  }
}

/** A scan cluster's comparisons: the canonical against each other member. */
function clusterCompared(cluster: ReportCluster, texts: Record<string, string>): Compared[] {
  return cluster.members.slice(1).map((m) => ({ refText: texts[cluster.canonical]!, copyId: m.id, copyText: texts[m.id]!, added: m.added, missing: m.missing }));
}

/** A story and its copies: one shortened, one with a paragraph added; a second story with a copy; one hostile copy. */
function plantedFiles(): Record<string, string> {
  const story = (n: number) => Array.from({ length: 6 }, (_, k) => `${syntheticText(n * 10 + k, 30)}`).join('\n\n');
  const first = story(1);
  const second = story(2);
  const third = story(3);
  return {
    'in/first.txt': first,
    'in/first-shortened.txt': first.split('\n\n').slice(0, 4).join('\n\n'),
    'in/second.txt': second,
    'in/second-extended.txt': `${second}\n\nAn added paragraph about the zebrafish harbour, written only for this outlet today.`,
    'in/third.txt': third,
    'in/<script>alert(1)</script>.txt': `<script>window.pwned = 1</script> &amp; \u0007\n\n${third}`,
  };
}

/** The planted page; with `baselineWithout`, the report compared with a baseline of a scan that lacked that file. */
async function plantedPage(baselineWithout?: string): Promise<string> {
  const files = plantedFiles();
  const fs = memoryFileSystem(files);
  const options = withDefaults({ paths: ['in'] });
  const result = await scan(options, fs);
  const texts = await readArticleTexts(clusteredArticles(result.clusters), fs, options.read);
  let report = buildReport(result);
  if (baselineWithout !== undefined) {
    const before = Object.fromEntries(Object.entries(files).filter(([path]) => path !== baselineWithout));
    const baseline = baselineFromReport(buildReport(await scan(options, memoryFileSystem(before))));
    report = { ...report, baseline: { file: 'baseline.json', ...compareWithBaseline(report, baseline) } };
  }
  const file = join(dir, `planted${baselineWithout === undefined ? '' : '-baseline'}.html`);
  writeFileSync(file, renderHtml(report, { articles: texts.texts, missing: texts.missing }));
  return file;
}

describe.skipIf(!hasChromium)('the html review page in chromium', () => {
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'neardup-html-'));
    // Imported here: where the tests skip, the driver's half second of loading is not paid.
    const { chromium } = await import('playwright-core');
    browser = await chromium.launch({ executablePath, args: ['--no-sandbox'] });
  });
  afterAll(async () => {
    await browser?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('shows the five AFP copies of fixtures/ as one cluster, each added and missing passage where the report puts it', async () => {
    const file = await fixturesPage();
    const { report, texts } = pageData(file);
    const { page, errors, requests } = await open(file);
    await expect.poll(() => page.locator('#cluster-list li').count()).toBe(1);
    expect(await page.locator('#summary-figures').textContent()).toBe('Articles5Clusters1Duplicates4Skipped0');
    expect(await page.locator('table.members tbody tr').count()).toBe(5);
    expect(await page.locator('table.members tbody tr th').allTextContents()).toEqual(report.clusters[0]!.members.map((m) => m.id));
    // The boilerplate copy's site header is the first thing it adds, at the very start of its text.
    const boilerplateCopy = report.clusters[0]!.members.findIndex((m) => m.id.includes('000_')) - 1;
    await page.locator('button.compare').nth(boilerplateCopy).click();
    expect(await page.locator('#detail .column.copy .text > :first-child').evaluate((e) => [e.tagName, e.textContent!.slice(0, 6)])).toEqual(['INS', 'Today:']);
    await expectPassagesInPlace(page, clusterCompared(report.clusters[0]!, texts));
    expect(errors).toEqual([]);
    expect(requests).toEqual([]);
  });

  it('says why a member too short to judge is linked: an exact copy of the same words', async () => {
    const work = join(dir, 'short');
    mkdirSync(work);
    const notice = 'The case was adjourned until tomorrow at the county court in Leeds.';
    writeFileSync(join(work, 'a.txt'), notice);
    writeFileSync(join(work, 'b.txt'), notice);
    const file = await cliPage('short', [work]);
    expect(pageData(file).report.clusters[0]!.members[1]).toMatchObject({ reason: 'too-short-to-judge' });
    const { page, errors } = await open(file);
    await page.locator('button.compare').first().click();
    expect(await page.locator('#detail .comparison .figures').textContent()).toContain('Too short to judge (under 25 words): linked only as an exact copy of the same words.');
    expect(errors).toEqual([]);
  });

  it('shows the html-sites cluster with its passages in place, and links re-worded sentences to their source', async () => {
    const file = await cliPage('sites', ['test/fixtures/html-sites']);
    const { report, texts } = pageData(file);
    const { page, errors, requests } = await open(file);
    expect(await page.locator('table.members tbody tr').count()).toBe(5);
    await expectPassagesInPlace(page, clusterCompared(report.clusters[0]!, texts));
    const rewritten = report.clusters[0]!.members.findIndex((m) => m.relation === 'rewritten') - 1;
    await page.locator('button.compare').nth(rewritten).click();
    const linked = page.locator('#detail .column.copy .linked');
    expect(await linked.count()).toBeGreaterThan(0);
    await linked.first().hover();
    const pair = (await linked.first().getAttribute('data-links'))!;
    const partner = page.locator(`#detail .column.ref .linked[data-links~="${pair}"]`);
    await expect.poll(() => partner.first().evaluate((e) => e.classList.contains('paired'))).toBe(true);
    // The sentences linked are the report's derived sentences, not the page's guess.
    const derived = report.clusters[0]!.members[rewritten + 1]!.derivedSentences!;
    expect(await linksShown(page, 'copy')).toEqual(expectedLinks(derived).copy);
    expect(await linksShown(page, 'ref')).toEqual(expectedLinks(derived).ref);
    expect(errors).toEqual([]);
    expect(requests).toEqual([]);
  });

  it("draws a rewritten member's derived sentences as the report gives them, and lists and opens a related article beside its source", async () => {
    const { work, file } = await reuseCorpusPage();
    const { report, texts } = pageData(file);
    expect(report.clusters).toHaveLength(1);
    const cluster = report.clusters[0]!;
    const member = cluster.members.find((m) => m.relation === 'rewritten')!;
    const related = cluster.related![0]!;
    expect([cluster.members.length, member.id, cluster.related!.length, related.id, related.of]).toEqual([2, join(work, 'wire.txt'), 1, join(work, 'feature.txt'), member.id]);
    // The related article's text is embedded too, with the clustered ones.
    expect(Object.keys(texts).sort()).toEqual(['feature.txt', 'wire-rewritten.txt', 'wire.txt'].map((name) => join(work, name)));
    // The same report with a second cluster whose first derived sentence is widened over the copy's first added passage:
    // a derived sentence that overlaps a passage (the scan keeps them apart, the page must not rely on it).
    const passage = member.added[0]!;
    const widened: DerivedSentenceRanges[] = member.derivedSentences!.map((d, n) => (n === 0 ? { ...d, member: [d.member[0], passage.end] as const } : d));
    const { related: _, ...unrelated } = cluster;
    const overlapping = { ...unrelated, id: 2, members: [cluster.members[0]!, { ...member, derivedSentences: widened }] };
    const both = { ...report, summary: { ...report.summary, clusters: 2 }, clusters: [cluster, overlapping] };
    const bothFile = join(dir, 'reuse-both.html');
    writeFileSync(bothFile, renderHtml(both, { articles: new Map(Object.entries(texts)) }));
    const { page, errors, requests } = await open(bothFile);

    // The list says the cluster has a related article, and a search for the related article's id finds that cluster alone.
    expect(await page.locator('#summary-figures').textContent()).toBe('Articles3Clusters2Duplicates1Related (partial reuse)1Skipped0');
    expect(await page.locator('#row-cluster-1 .badge').allTextContents()).toEqual(['rewritten', '1 related']);
    await page.fill('#search', 'feature.txt');
    await expect.poll(() => page.locator('#list-count').textContent()).toBe('1 of 2 clusters');
    expect(await page.locator('#cluster-list a').getAttribute('data-key')).toBe('cluster-1');
    await page.fill('#search', 'no-such-id.txt');
    await expect.poll(() => page.locator('#cluster-list li').count()).toBe(0);
    await page.fill('#search', '');
    await expect.poll(() => page.locator('#cluster-list li').count()).toBe(2);
    await page.locator('#cluster-list a').first().click();

    // The rewritten member: its sentences and their sources are the report's derived sentences, passages still in place.
    await page.locator('button.compare').first().click();
    const { ref, copy } = expectedLinks(member.derivedSentences!);
    expect(await linksShown(page, 'copy')).toEqual(copy);
    expect(await linksShown(page, 'ref')).toEqual(ref);
    await expectPassagesInPlace(page, clusterCompared(cluster, texts));
    const a = member.alignedSentences!;
    expect(await page.locator('#detail .figures').textContent()).toContain(
      `; ${a.count} of the copy's sentences derive from the canonical's (${Math.round(a.shareOfMember * 100)}% of the copy's, ${Math.round(a.shareOfCanonical * 100)}% of the canonical's used).`,
    );
    expect(await page.locator('#detail .figures').textContent()).not.toContain('in order');
    // Pointing at the sentence that condenses two of the canonical's lights up those two; at a canonical sentence that
    // two copy sentences come from, both.
    const condensing = member.derivedSentences!.findIndex((d) => d.canonical.length === 2);
    expect(condensing).toBeGreaterThanOrEqual(0);
    await page.locator(`#detail .column.copy .linked[data-sentence="copy-${condensing}"]`).first().hover();
    await expect.poll(() => litRanges(page, 'ref')).toEqual(member.derivedSentences![condensing]!.canonical);
    expect(await litRanges(page, 'copy')).toEqual([member.derivedSentences![condensing]!.member]);
    const shared = ref.find((r) => r.links.length === 2)!;
    expect(shared).toBeDefined();
    await page.locator(`#detail .column.ref .linked[data-links="${shared.links.join(' ')}"]`).first().hover();
    await expect.poll(() => litRanges(page, 'copy')).toEqual(shared.links.map((n) => member.derivedSentences![n]!.member));
    expect(await litRanges(page, 'ref')).toEqual([[shared.start, shared.end]]);

    // The related article: listed under the members with its figures, and shown beside the member it took passages from.
    const relatedRows = page.locator('table.related-articles tbody tr');
    expect(await relatedRows.count()).toBe(1);
    expect(await relatedRows.first().locator('th, td').allTextContents()).toEqual([
      related.id, related.of, String(related.words), '', String(related.derivedSentences),
      `${Math.round(related.shareOfArticle * 100)}%`, `${Math.round(related.shareOfSource * 100)}%`,
    ]);
    await page.locator('button.open-related').first().click();
    await expect.poll(() => page.locator('#detail button.open-related').getAttribute('aria-pressed')).toBe('true');
    expect(await page.locator('#detail .column.ref h4 .id').textContent()).toBe(related.of);
    expect(await page.locator('#detail .column.copy h4 .id').textContent()).toBe(related.id);
    expect(await page.locator('#detail .column.copy .text').textContent()).toBe(texts[related.id]);
    expect(await page.locator('#detail .column.ref .text').textContent()).toBe(texts[related.of]);
    expect(await linksShown(page, 'copy')).toEqual(expectedLinks(related.sentences).copy);
    expect(await linksShown(page, 'ref')).toEqual(expectedLinks(related.sentences).ref);
    expect(await page.locator('#detail .column ins, #detail .column del, #detail .column mark').count()).toBe(0);
    const taken = related.sentences[0]!;
    await page.locator('#detail .column.copy .linked[data-sentence="copy-0"]').first().hover();
    await expect.poll(() => litRanges(page, 'ref')).toEqual(taken.canonical);
    expect(await page.locator('#detail .figures').textContent()).toContain(`${related.derivedSentences} of the article's sentences derive from the member's`);

    // The widened sentence is drawn over the passage: its pieces inside the passage are the passage's own element, linked.
    await page.locator('#cluster-list a').nth(1).click();
    await expect.poll(() => page.locator('#detail .group').getAttribute('data-key')).toBe('cluster-2');
    await page.locator('button.compare').first().click();
    expect(await linksShown(page, 'copy')).toEqual(expectedLinks(widened).copy);
    expect(await page.locator('#detail .column.copy ins.linked[data-sentence="copy-0"]').allTextContents()).toEqual([texts[member.id]!.slice(passage.start, passage.end)]);
    await expectPassagesInPlace(page, clusterCompared(overlapping, texts));
    await page.locator('#detail .column.copy ins.linked').first().hover();
    await expect.poll(() => litRanges(page, 'ref')).toEqual(widened[0]!.canonical);
    expect(errors).toEqual([]);
    expect(requests).toEqual([]);
  });

  it('reaches linked sentences from the keyboard: one stop each, saying what it links to, Enter or Space lights its partners', async () => {
    const { file } = await reuseCorpusPage();
    const { report, texts } = pageData(file);
    const cluster = report.clusters[0]!;
    const member = cluster.members.find((m) => m.relation === 'rewritten')!;
    const derived = member.derivedSentences!;
    const { page, errors } = await open(file);
    await page.locator('button.compare').first().click();
    // One stop per sentence drawn, on either side, each a button.
    const stops = (column: 'ref' | 'copy') => page.locator(`#detail .column.${column} .linked[tabindex="0"]`);
    expect(await stops('copy').count()).toBe((await linksShown(page, 'copy')).length);
    expect(await stops('ref').count()).toBe((await linksShown(page, 'ref')).length);
    expect(await page.locator('#detail .linked[tabindex="0"]:not([role="button"])').count()).toBe(0);

    // The sentence that condenses two of the canonical's says so by their opening words; Enter lights them up.
    const condensing = derived.findIndex((d) => d.canonical.length === 2);
    const opening = (range: readonly [number, number]) => {
      const words = texts[cluster.canonical]!.slice(...range).split(/\s+/);
      return `“${words.slice(0, 6).join(' ')}${words.length > 6 ? ' …' : ''}”`;
    };
    const sentence = page.locator(`#detail .column.copy .linked[data-sentence="copy-${condensing}"][tabindex="0"]`);
    expect(await sentence.getAttribute('title')).toBe(
      `Derived from the canonical's sentences ${derived[condensing]!.canonical.map(opening).join(' and ')}: point at it, select it or press Enter to light them up.`,
    );
    await sentence.focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => litRanges(page, 'ref')).toEqual(derived[condensing]!.canonical);
    expect(await litRanges(page, 'copy')).toEqual([derived[condensing]!.member]);

    // Space on a canonical sentence that two copy sentences come from lights both; its title names them.
    const shared = expectedLinks(derived).ref.find((r) => r.links.length === 2)!;
    const source = page.locator(`#detail .column.ref .linked[data-links="${shared.links.join(' ')}"][tabindex="0"]`);
    expect(await source.getAttribute('title')).toMatch(/^Source of the copy's sentences “.+” and “.+”: point at it, select it or press Enter to light them up\.$/);
    await source.focus();
    await page.keyboard.press(' ');
    await expect.poll(() => litRanges(page, 'copy')).toEqual(shared.links.map((n) => derived[n]!.member));

    // Tab moves to the next sentence, and the focus shows.
    const first = stops('copy').first();
    await first.focus();
    await page.keyboard.press('Tab');
    const focused = await page.evaluate(() => {
      const node = document.activeElement!;
      const style = window.getComputedStyle(node);
      return { sentence: node.getAttribute('data-sentence'), outline: `${style.outlineStyle} ${style.outlineWidth}` };
    });
    expect(focused).toEqual({ sentence: await stops('copy').nth(1).getAttribute('data-sentence'), outline: 'solid 3px' });
    expect(errors).toEqual([]);
  });

  it('filters by relation, searches ids and words, moves between clusters with j/k, and shows a script-bearing article as text', async () => {
    const file = await plantedPage();
    const { report } = pageData(file);
    expect(report.clusters).toHaveLength(3);
    const { page, errors, requests } = await open(file);
    const rows = page.locator('#cluster-list li');
    await expect.poll(() => rows.count()).toBe(3);

    // A relation only one cluster has a copy of: the filter keeps that cluster alone and opens it.
    const relations = report.clusters.map((c) => new Set(c.members.slice(1).map((m) => m.relation)));
    const single = [...new Set(relations.flatMap((r) => [...r]))].find((r) => relations.filter((set) => set.has(r)).length === 1)!;
    expect(single).toBeDefined();
    await page.selectOption('#filter-relation', single);
    await expect.poll(() => rows.count()).toBe(1);
    expect(await page.locator('#detail h2 .id').textContent()).toBe(report.clusters[relations.findIndex((set) => set.has(single))]!.canonical);
    await page.selectOption('#filter-relation', '');
    await expect.poll(() => rows.count()).toBe(3);

    const canonicalWith = (id: string) => report.clusters.find((c) => c.members.some((m) => m.id === id))!.canonical;
    await page.fill('#search', 'zebrafish harbour');
    await expect.poll(() => rows.count()).toBe(1);
    expect(await page.locator('#detail h2 .id').textContent()).toBe(canonicalWith('in/second-extended.txt'));
    await page.fill('#search', 'FIRST-SHORT');
    await expect.poll(() => page.locator('#detail h2 .id').textContent()).toBe(canonicalWith('in/first-shortened.txt'));
    expect(await rows.count()).toBe(1);
    await page.fill('#search', 'no such words anywhere');
    await expect.poll(() => rows.count()).toBe(0);
    expect(await page.locator('#detail .empty').textContent()).toBe('No cluster matches the filter.');
    await page.fill('#search', '');
    await expect.poll(() => rows.count()).toBe(3);

    await page.locator('body').click({ position: { x: 5, y: 5 } });
    const current = () => page.locator('#cluster-list a[aria-current]').getAttribute('data-key');
    expect(await current()).toBe('cluster-1');
    await page.keyboard.press('j');
    await expect.poll(current).toBe('cluster-2');
    await page.keyboard.press('ArrowDown');
    await expect.poll(current).toBe('cluster-3');
    await page.keyboard.press('j');
    await expect.poll(current).toBe('cluster-3');
    await page.keyboard.press('k');
    await expect.poll(current).toBe('cluster-2');

    const hostile = report.clusters.findIndex((c) => c.members.some((m) => m.id.includes('<script>')));
    await page.goto(`${pathToFileURL(file).href}#cluster-${hostile + 1}`);
    await page.waitForSelector('html[data-ready]');
    await page.getByRole('button', { name: 'in/<script>alert(1)</script>.txt' }).click();
    expect(await page.locator('#detail .column.copy .text').textContent()).toContain('<script>window.pwned = 1</script> &amp; \u0007');
    expect(await page.locator('#detail .column.copy h4 .id').textContent()).toBe('in/<script>alert(1)</script>.txt');
    expect(await page.evaluate(() => window.pwned)).toBeUndefined();
    expect(await page.locator('script').count()).toBe(3);
    // A malformed escape in the address, followed to and loaded with: the page opens all the same.
    await page.goto(`${pathToFileURL(file).href}#%E0%A4%`);
    await page.reload();
    await page.waitForSelector('html[data-ready]');
    expect(errors).toEqual([]);
    expect(requests).toEqual([]);
  });

  it('shows a check: each new article with the indexed originals it copies, passages in place on both sides', async () => {
    const work = join(dir, 'check');
    const seeds = readdirSync(seedsDir).sort();
    for (const [folder, names] of [['old', seeds.slice(0, 3)], ['new', seeds.slice(3)]] as const) {
      mkdirSync(join(work, folder), { recursive: true });
      for (const name of names) copyFileSync(join(seedsDir, name), join(work, folder, name));
    }
    // Absolute paths: the in-process CLI reads from the process's working folder.
    await cli(['index', 'add', join(work, 'old'), '--db', join(work, 'index.db')]);
    const file = await cliPage('check', ['check', join(work, 'new'), '--db', join(work, 'index.db')]);
    const { report, texts, originals } = pageData<CheckReport>(file);
    expect(report.documents.map((d) => d.id)).toEqual(seeds.slice(3).map((name) => join(work, 'new', name)));
    const { page, errors, requests } = await open(file);
    await expect.poll(() => page.locator('#cluster-list li').count()).toBe(2);
    for (let d = 0; d < report.documents.length; d++) {
      const doc = report.documents[d]!;
      await page.locator('#cluster-list a').nth(d).click();
      await expect.poll(() => page.locator('#detail h2 .id').textContent()).toBe(doc.id);
      expect(await page.locator('table.members tbody tr').count()).toBe(doc.matches.length);
      const compared = doc.matches.map((m) => {
        if (!m.verified) throw new Error(`unverified match ${m.original.id}`);
        return { refText: originals[m.original.id]!, copyId: doc.id, copyText: texts[doc.id]!, added: m.added, missing: m.missing };
      });
      await expectPassagesInPlace(page, compared);
    }
    expect(errors).toEqual([]);
    expect(requests).toEqual([]);
  });

  it("draws a check's linked sentences from the report: the re-worded copy's derived sentences and their sources in the original", async () => {
    const work = join(dir, 'check-reuse');
    for (const [folder, name] of [['old', 'wire.txt'], ['new', 'wire-rewritten.txt']] as const) {
      mkdirSync(join(work, folder), { recursive: true });
      writeFileSync(join(work, folder, name), REUSE_FILES[name]!.join(' '));
    }
    await cli(['index', 'add', join(work, 'old'), '--db', join(work, 'index.db')]);
    const file = await cliPage('check-reuse', ['check', join(work, 'new'), '--db', join(work, 'index.db')]);
    const { report, texts, originals } = pageData<CheckReport>(file);
    const match = report.documents[0]!.matches[0]!;
    if (!match.verified) throw new Error('the re-written story is not verified');
    expect([match.relation, match.basis]).toEqual(['rewritten', 'sentences']);
    const derived = match.derivedSentences!;
    const { page, errors, requests } = await open(file);
    await expect.poll(() => page.locator('#detail h2 .id').textContent()).toBe(join(work, 'new', 'wire-rewritten.txt'));
    expect(await page.locator('#detail .column.copy .text').textContent()).toBe(texts[report.documents[0]!.id]);
    expect(await page.locator('#detail .column.ref .text').textContent()).toBe(originals[match.original.id]);
    // The sentences linked are the report's, not a guess of the page's. Here one copy sentence condenses two wire
    // sentences: the report lists it once with both sources, and the page draws it once, linked to both.
    expect(derived.filter((d) => d.canonical.length === 2)).toHaveLength(1);
    const expected = expectedLinks(derived);
    expect(await linksShown(page, 'copy')).toEqual(expected.copy);
    expect(await linksShown(page, 'ref')).toEqual(expected.ref);
    expect(await page.locator('#detail .column.copy .column-note').textContent()).toBe(
      `${derived.length} sentences derived from the original's: point at or select one to light up the sentence (or two it condenses) it comes from.`,
    );
    await page.locator('#detail .column.copy .linked[data-sentence="copy-0"]').first().hover();
    await expect.poll(() => litRanges(page, 'ref')).toEqual(derived[0]!.canonical);
    expect(errors).toEqual([]);
    expect(requests).toEqual([]);
  });

  it('filters on clusters with related articles, an option only where some cluster has them', async () => {
    const story = syntheticText(7, 200);
    const files = {
      ...Object.fromEntries(Object.entries(REUSE_FILES).map(([name, sentences]) => [`in/${name}`, sentences.join(' ')])),
      'in/story.txt': story,
      'in/story-copy.txt': `${story} A closing line of its own.`,
    };
    const fs = memoryFileSystem(files);
    const options = withDefaults({ paths: ['in'] });
    const result = await scan(options, fs);
    const report = buildReport(result);
    expect(report.clusters.map((c) => (c.related ?? []).length).sort()).toEqual([0, 1]);
    const withRelated = report.clusters.find((c) => c.related)!;
    const file = join(dir, 'related-filter.html');
    writeFileSync(file, renderHtml(report, { articles: (await readArticleTexts(clusteredArticles(result.clusters), fs, options.read)).texts }));
    const { page, errors } = await open(file);
    expect(await page.locator('#filter-relation option[value="related"]').textContent()).toBe('any relation, with related articles');
    await page.selectOption('#filter-relation', 'related');
    await expect.poll(() => page.locator('#list-count').textContent()).toBe('1 of 2 clusters');
    expect(await page.locator('#cluster-list a').getAttribute('data-key')).toBe(`cluster-${withRelated.id}`);
    expect(await page.locator('#cluster-list .badge.related').textContent()).toBe('1 related');
    await expect.poll(() => page.locator('#detail .group').getAttribute('data-key')).toBe(`cluster-${withRelated.id}`);
    await page.selectOption('#filter-relation', '');
    await expect.poll(() => page.locator('#cluster-list li').count()).toBe(2);
    expect(errors).toEqual([]);
    // A page no cluster of which has related articles does not offer the filter.
    const { page: planted } = await open(await plantedPage());
    expect(await planted.locator('#filter-relation option[value="related"]').count()).toBe(0);
  });

  it('with --baseline, counts and marks the duplicates the baseline lacks, and filters on them', async () => {
    const file = await plantedPage('in/second-extended.txt');
    const { report } = pageData(file);
    expect(report.baseline!.newDuplicates).toBe(1);
    const { page, errors } = await open(file);
    expect(await page.locator('#summary-figures div').last().textContent()).toBe('New since the baseline1');
    await page.selectOption('#filter-relation', 'new');
    await expect.poll(() => page.locator('#cluster-list li').count()).toBe(1);
    expect(await page.locator('#cluster-list li .badge.new').textContent()).toBe('1 new');
    const fresh = page.locator('table.members tbody tr', { has: page.locator('.badge.new') });
    expect(await fresh.count()).toBe(1);
    expect(await fresh.locator('th').textContent()).toBe('in/second-extended.txt');
    expect(errors).toEqual([]);
  });

  it('keeps marked text readable in the light and the dark scheme (contrast at least 4.5:1), and prints the open cluster without the list', async () => {
    const file = await fixturesPage();
    const { report } = pageData(file);
    const withChanges = report.clusters[0]!.members.findIndex((m) => m.changedWords > 0) - 1;
    const backgrounds: string[] = [];
    for (const scheme of ['light', 'dark'] as const) {
      const { page, errors } = await open(file, scheme);
      await page.locator('button.compare').nth(withChanges).click();
      const contrasts = await page.evaluate(() => {
        const rgb = (c: string) => (c.match(/[\d.]+/g) ?? []).map(Number);
        const luminance = ([r, g, b]: number[]) =>
          [r!, g!, b!].map((v) => (v / 255 <= 0.03928 ? v / 255 / 12.92 : ((v / 255 + 0.055) / 1.055) ** 2.4)).reduce((sum, v, i) => sum + v * [0.2126, 0.7152, 0.0722][i]!, 0);
        const background = (node: PageNode | null): string => {
          for (let n = node; n; n = n.parentElement) {
            const c = window.getComputedStyle(n).backgroundColor;
            if (rgb(c).length === 3 || rgb(c)[3] !== 0) return c;
          }
          return 'rgb(255, 255, 255)';
        };
        const out: Record<string, number> = {};
        for (const selector of ['#detail ins.added', '#detail del.missing', '#detail mark.changed', '#detail .column .text', 'table.members td', '#cluster-list .row-id', '.hint']) {
          const node = document.querySelector(selector)!;
          const [a, b] = [luminance(rgb(window.getComputedStyle(node).color)), luminance(rgb(background(node)))].sort((x, y) => y - x);
          out[selector] = (a! + 0.05) / (b! + 0.05);
        }
        return { out, body: window.getComputedStyle(document.querySelector('body')!).backgroundColor };
      });
      backgrounds.push(contrasts.body);
      for (const [selector, ratio] of Object.entries(contrasts.out)) expect(ratio, `${scheme} ${selector}`).toBeGreaterThanOrEqual(4.5);
      if (scheme === 'light') {
        await page.emulateMedia({ media: 'print' });
        expect(await page.locator('nav.clusters').evaluate((n) => window.getComputedStyle(n).display)).toBe('none');
        expect(await page.locator('#detail .columns').isVisible()).toBe(true);
      }
      expect(errors).toEqual([]);
    }
    expect(backgrounds[0]).not.toBe(backgrounds[1]);
  });

  it('opens 10,000 clusters quickly, building rows a page at a time as the list scrolls', async () => {
    const { report, texts } = pageData(await plantedPage());
    // A pair with a paragraph added: the common shape of a cluster in a large corpus (Reuters: 1.2 members besides the canonical).
    const cluster = report.clusters.find((c) => c.members.some((m) => m.id === 'in/second-extended.txt'))!;
    const clusters = Array.from({ length: 10_000 }, (_, i) => ({ ...cluster, id: i + 1 }));
    const big = { ...report, summary: { ...report.summary, clusters: clusters.length }, clusters };
    const bigFile = join(dir, 'big.html');
    writeFileSync(bigFile, renderHtml(big, { articles: new Map(Object.entries(texts)) }));
    const started = Date.now();
    const { page, errors } = await open(bigFile);
    const loadMs = Date.now() - started;
    expect(loadMs).toBeLessThan(15_000);
    const rows = page.locator('#cluster-list li');
    expect(await rows.count()).toBe(100);
    expect(await page.locator('#list-count').textContent()).toBe('10000 clusters');
    await page.locator('#list-more').scrollIntoViewIfNeeded();
    await expect.poll(() => rows.count()).toBeGreaterThan(100);
    expect(await rows.count()).toBeLessThan(10_000);
    expect(await page.locator('#detail .group').count()).toBe(1);
    expect(errors).toEqual([]);
  });
});
