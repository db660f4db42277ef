import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { memoryFileSystem } from '../../../src/input/file-system.js';
import { withDefaults } from '../../../src/options.js';
import { checkPageTexts, clusteredArticles, readArticleTexts, readOriginalTexts, TEXT_CHANGED, TEXT_FROM_STDIN, TEXT_GONE } from '../../../src/report/article-texts.js';
import { buildReport } from '../../../src/report/scan-report.js';
import { embeddedReport, htmlChunks, renderHtml, scriptSafeJson } from '../../../src/report/render/html.js';
import { renderJson } from '../../../src/report/render/json.js';
import { reporters } from '../../../src/report/render/index.js';
import { palette } from '../../../src/report/render/color.js';
import { scan } from '../../../src/scan/scan.js';
import { syntheticText } from '../../helpers/synthetic.js';
import { REUSE_FILES } from '../../helpers/reuse-corpus.js';
import { addToIndex } from '../../../src/corpus/add.js';
import { checkAgainstIndex } from '../../../src/corpus/check.js';
import { indexParams } from '../../../src/corpus/params.js';
import { MemoryStore } from '../../../src/corpus/store/memory.js';
import { readInputs } from '../../../src/input/read.js';
import { buildCheckReport, type CheckReport } from '../../../src/report/check-report.js';
import { PAGE_SCRIPT } from '../../../src/report/render/html/page-script.js';

const HOSTILE_ID = 'in/</script><script>alert(1)</script>&amp;\u0007.txt';
const HOSTILE_LINE = '</script><script>window.pwned = 1</script> <!-- &lt;b&gt; \u0001';

/** Two planted copies of a story, one under a hostile file name with a hostile line, and an article on its own. */
function files(): Record<string, string> {
  const story = syntheticText(1, 150);
  return {
    'in/a.txt': story,
    [HOSTILE_ID]: `${HOSTILE_LINE}\n\n${story}`,
    'in/alone.txt': syntheticText(2, 150),
  };
}

async function scanned(fileSet = files()) {
  const fs = memoryFileSystem(fileSet);
  const options = withDefaults({ paths: ['in'] });
  const result = await scan(options, fs);
  return { fs, options, result, report: buildReport(result) };
}

/** The bodies of the page's script elements, in order. */
function scriptBodies(page: string): string[] {
  return [...page.matchAll(/<script\b[^>]*>([\s\S]*?)<\/script>/g)].map((m) => m[1]!);
}

describe('scriptSafeJson', () => {
  it('writes every "<" as \\u003c, which parses back to the same value', () => {
    const value = { id: '</script><!--', text: 'a < b' };
    const safe = scriptSafeJson(JSON.stringify(value));
    expect(safe).not.toContain('<');
    expect(safe).toContain('\\u003c/script>');
    expect(JSON.parse(safe)).toEqual(value);
  });
});

describe('the html reporter', () => {
  it('embeds the JSON report itself: parsed back from the page, it is what --format json writes', async () => {
    const { report } = await scanned();
    expect(report.clusters).toHaveLength(1);
    const page = renderHtml(report);
    expect(embeddedReport(page)).toEqual(JSON.parse(renderJson(report)));
  });

  it('keeps a hostile id and text as data: no element closes early, the page has exactly its own three scripts', async () => {
    const { fs, options, result, report } = await scanned();
    const texts = await readArticleTexts(clusteredArticles(result.clusters), fs, options.read);
    expect(texts.texts.get(HOSTILE_ID)).toContain(HOSTILE_LINE);
    const page = renderHtml(report, { articles: texts.texts, missing: texts.missing });
    const scripts = scriptBodies(page);
    expect(scripts).toHaveLength(3);
    expect(page.match(/<\/script>/g)).toHaveLength(3);
    expect(page).not.toContain('alert(1)</script>');
    const data = JSON.parse(scripts[1]!) as { articles: Record<string, string> };
    expect(data.articles[HOSTILE_ID]).toContain(HOSTILE_LINE);
    expect((embeddedReport(page) as { clusters: Array<{ members: Array<{ id: string }> }> }).clusters[0]!.members.map((m) => m.id)).toContain(HOSTILE_ID);
  });

  it('allows its one script by hash and fetches nothing: no src, no external link, a policy forbidding network', async () => {
    const { report } = await scanned();
    const page = renderHtml(report);
    const policy = /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(page)![1]!;
    expect(policy).toContain("default-src 'none'");
    const script = scriptBodies(page)[2]!;
    expect(policy).toContain(`'sha256-${createHash('sha256').update(script).digest('base64')}'`);
    expect(page).not.toMatch(/\ssrc=/);
    expect(page).not.toMatch(/(href|url)\(?=?["']?(https?:|\/\/)/i);
  });

  it('is the same page for the same input, given in pieces that join to the whole', async () => {
    const first = await scanned();
    const second = await scanned();
    const pieces = [...htmlChunks(first.report)];
    expect(pieces.length).toBeGreaterThan(3);
    expect(pieces.join('')).toBe(renderHtml(second.report));
    expect([...reporters.html(first.report, palette(false))].join('')).toBe(renderHtml(first.report));
  });

  it('carries the texts it is given, sorted by id, and the spelling variants the page folds words with', async () => {
    const { report } = await scanned();
    const page = renderHtml(report, { articles: new Map([['b', 'second'], ['a', 'first']]), missing: new Map([['c', TEXT_FROM_STDIN]]) });
    const data = JSON.parse(scriptBodies(page)[1]!) as { articles: Record<string, string>; missing: Record<string, string>; spellings: Record<string, string> };
    expect(Object.keys(data.articles)).toEqual(['a', 'b']);
    expect(data.missing).toEqual({ c: TEXT_FROM_STDIN });
    expect(data.spellings.defence).toBe('defense');
  });

  it('titles the page in words that agree with the numbers', async () => {
    const { report } = await scanned();
    expect(renderHtml(report)).toContain('<title>neardup: 1 cluster in 3 articles</title>');
    expect(renderHtml({ ...report, clusters: [report.clusters[0]!, { ...report.clusters[0]!, id: 2 }], summary: { ...report.summary, clusters: 2, documents: 1 } })).toContain(
      '<title>neardup: 2 clusters in 1 article</title>',
    );
    // A text reported only as the source of related articles is not a cluster of near-duplicates.
    const sourceOnly = { ...report.clusters[0]!, members: report.clusters[0]!.members.slice(0, 1), related: [] };
    expect(renderHtml({ ...report, clusters: [sourceOnly] })).toContain('<title>neardup: 0 clusters in 3 articles</title>');
  });

  it('carries the text of an article whose id is __proto__ or another name objects inherit', async () => {
    const { report } = await scanned();
    const page = renderHtml(report, { articles: new Map([['__proto__', 'first'], ['constructor', 'second']]) });
    const data = JSON.parse(scriptBodies(page)[1]!) as { articles: Record<string, string> };
    expect(Object.entries(data.articles)).toEqual([['__proto__', 'first'], ['constructor', 'second']]);
  });
});

describe('readArticleTexts', () => {
  it('reads back the clustered articles only, normalised (NFKC), each source once', async () => {
    const story = syntheticText(3, 150);
    const { fs, options, result } = await scanned({ 'in/a.txt': `ﬁrst ${story}`, 'in/b.txt': story, 'in/alone.txt': syntheticText(4, 150) });
    const texts = await readArticleTexts(clusteredArticles(result.clusters), fs, options.read);
    expect([...texts.texts.keys()].sort()).toEqual(['in/a.txt', 'in/b.txt']);
    expect(texts.texts.get('in/a.txt')).toBe(`first ${story}`);
    expect(texts.missing.size).toBe(0);
  });

  it('reads back the articles related to a cluster too, each once, and leaves one out when it changed since the scan', async () => {
    const files = Object.fromEntries(Object.entries(REUSE_FILES).map(([name, sentences]) => [`in/${name}`, sentences.join(' ')]));
    const { options, result } = await scanned(files);
    expect(result.clusters.map((c) => (c.related ?? []).map((r) => r.id))).toEqual([['in/feature.txt']]);
    const wanted = clusteredArticles(result.clusters);
    expect(wanted.map((w) => w.id).sort()).toEqual(['in/feature.txt', 'in/wire-rewritten.txt', 'in/wire.txt']);
    const texts = await readArticleTexts(wanted, memoryFileSystem(files), options.read);
    expect(texts.texts.get('in/feature.txt')).toBe(files['in/feature.txt']);
    const changed = await readArticleTexts(wanted, memoryFileSystem({ ...files, 'in/feature.txt': `${files['in/feature.txt']} One more line.` }), options.read);
    expect([...changed.texts.keys()].sort()).toEqual(['in/wire-rewritten.txt', 'in/wire.txt']);
    expect(Object.fromEntries(changed.missing)).toEqual({ 'in/feature.txt': TEXT_CHANGED });
  });

  it('lists an article once though it is related to several clusters, or related to one and a member of another', () => {
    const at = (id: string) => ({ id, source: `in/${id}`, words: 30 });
    const clusters = [
      { members: [at('a'), at('b')], related: [at('r'), at('c')] },
      { members: [at('c'), at('d')], related: [at('r')] },
    ];
    expect(clusteredArticles(clusters).map((w) => w.id)).toEqual(['a', 'b', 'r', 'c', 'd']);
  });

  it('reads JSONL lines by id, and says why a text is missing: stdin, gone, or changed since the scan', async () => {
    const lines = [
      { id: 'x', text: syntheticText(5, 100) },
      { id: 'y', text: syntheticText(6, 100) },
      { id: 'z', text: syntheticText(7, 100) },
    ];
    const fs = memoryFileSystem({ 'in/c.jsonl': lines.map((l) => JSON.stringify(l)).join('\n') });
    const wanted = [
      { id: 'x', source: 'in/c.jsonl', words: 100 },
      { id: 'y', source: 'in/c.jsonl', words: 99 },
      { id: 'w', source: 'in/c.jsonl', words: 100 },
      { id: 's', source: '-', words: 10 },
    ];
    const texts = await readArticleTexts(wanted, fs, withDefaults({ paths: ['in'] }).read);
    expect([...texts.texts.keys()]).toEqual(['x']);
    expect(texts.texts.get('x')).toBe(lines[0]!.text);
    expect(Object.fromEntries(texts.missing)).toEqual({ y: TEXT_CHANGED, w: TEXT_GONE, s: TEXT_FROM_STDIN });
  });
});

describe('a check page', () => {
  it("carries each match's derived sentences as ranges of the texts it embeds (normalised: a ligature is two letters there)", async () => {
    const options = withDefaults({ paths: ['old'] });
    const disk = { 'old/wire.txt': REUSE_FILES['wire.txt']!.join(' ') };
    const store = new MemoryStore(indexParams(options));
    await addToIndex(store, readInputs(['old'], memoryFileSystem(disk)), { batchSize: 10, locate: (d) => ({ source: d.source }) });
    // "ﬁxed" is one UTF-16 unit longer once normalised (NFKC): the ranges after it hold only in the normalised text.
    const rewritten = REUSE_FILES['wire-rewritten.txt']!.map((line) => line.replace('fixed', 'ﬁxed'));
    const fs = memoryFileSystem({ 'new/rewritten.txt': rewritten.join(' ') });
    const reader = { read: async () => ({ text: disk['old/wire.txt'] }) };
    const result = await checkAgainstIndex(store, readInputs(['new'], fs), reader, options);
    const page = renderHtml(buildCheckReport(result), await checkPageTexts(result, fs, options.read, reader));
    const report = embeddedReport(page) as CheckReport;
    const texts = JSON.parse(scriptBodies(page)[1]!) as { articles: Record<string, string>; originals: Record<string, string> };
    const match = report.documents[0]!.matches[0]!;
    const derived = match.verified ? match.derivedSentences! : [];
    const sentence = (line: string) => line.normalize('NFKC').replace(/\.$/, '');
    expect(derived.map((d) => texts.articles['new/rewritten.txt']!.slice(...d.member))).toEqual([0, 2, 3, 4, 6].map((n) => sentence(rewritten[n]!)));
    expect(derived.flatMap((d) => d.canonical.map((r) => texts.originals['old/wire.txt']!.slice(...r)))).toEqual([0, 2, 3, 5, 5, 7].map((n) => sentence(REUSE_FILES['wire.txt']![n]!)));
  });

  it('draws linked sentences from the report alone: the script has no guess of its own at re-worded pairs', () => {
    expect(PAGE_SCRIPT).toContain('sentenceLinks(m.derivedSentences)');
    expect(PAGE_SCRIPT).not.toContain('rewordedPairs');
  });
});

describe('readOriginalTexts', () => {
  it('reads each indexed original once through the reader, keeping only those with the words the check counted', async () => {
    const asked: unknown[] = [];
    const reader = {
      read: async (location: { source: string; line?: number; field?: string }) => {
        asked.push(location);
        if (location.source === '/gone.txt') return { reason: 'original not found on disk' };
        return { text: location.line === undefined ? 'one two three' : 'four five' };
      },
    };
    const texts = await readOriginalTexts(
      [
        { id: 'a', source: '/a.txt', words: 3 },
        { id: 'a', source: '/a.txt', words: 3 },
        { id: 'b', source: '/b.jsonl', line: 4, words: 3 },
        { id: 'c', source: '/gone.txt', words: 1 },
      ],
      reader,
      'body',
    );
    expect(Object.fromEntries(texts.texts)).toEqual({ a: 'one two three' });
    expect(Object.fromEntries(texts.missing)).toEqual({ b: TEXT_CHANGED, c: 'original not found on disk' });
    expect(asked).toEqual([{ source: '/a.txt' }, { source: '/b.jsonl', line: 4, field: 'body' }, { source: '/gone.txt' }]);
  });
});
