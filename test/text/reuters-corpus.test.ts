import { readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AnalyzedDocument, analyze, analyzeFingerprinted, MIN_KEPT_SHARE, withBoilerplate } from '../../src/text/analyze.js';
import { DEFAULT_BOILERPLATE_MIN_DOCUMENTS, type LearnedBoilerplate, learnBoilerplate, lineKeys, lineWithKey } from '../../src/text/boilerplate.js';
import { MinHasher } from '../../src/sketch/minhash.js';
import { Fingerprinter, type TokenizerBackend } from '../../src/text/token-hashes.js';
import { agrees, BACKENDS, plain, reference } from '../helpers/fast-paths.js';
import { hasReuters, reutersPath, seedsDir } from '../helpers/paths.js';

/**
 * The text stage on every Reuters story: the fast paths against the reference analyze(), and boilerplate learned from
 * the corpus. One file, so that the slow part both need, the reference analysis and the line keys of every story, is
 * made once (the suite's workers take files from one queue: two files need not meet in one worker).
 */
const present = hasReuters('test/text/reuters-corpus.test.ts');

interface Story {
  readonly id: string;
  readonly text: string;
}

let corpus: { stories: Story[]; docs: AnalyzedDocument[]; keys: Int32Array[] } | undefined;

/** The 19,043 stories in corpus order, each analysed (shingles of 5) and line-keyed as the reference paths do it, made on first use. */
function analysedCorpus() {
  if (corpus === undefined) {
    const stories = readFileSync(reutersPath, 'utf8')
      .trimEnd()
      .split('\n')
      .map((line) => JSON.parse(line) as Story);
    corpus = {
      stories,
      docs: stories.map((s) => analyze({ id: s.id, source: s.id, text: s.text }, 5)),
      keys: stories.map((s) => lineKeys(s.text)),
    };
  }
  return corpus;
}
// The worker runs other files after this one, in the same process.
afterAll(() => {
  corpus = undefined;
});

describe.skipIf(!present)('the fast paths on the Reuters corpus', () => {
  it('agree with analyze() on every one of the 19,043 stories: the Fingerprinter with either tokeniser, and analyzeFingerprinted', () => {
    const { stories, docs, keys } = analysedCorpus();
    expect(stories.length).toBe(19_043);
    // A fingerprinter of its own for analyzeFingerprinted, as analyze.test.ts gives it: the checks of the other two
    // leave it nothing (no stems cached, no buffers grown).
    const analyzer = new Fingerprinter();
    const disagreeing: Record<TokenizerBackend, string[]> = { wasm: [], js: [] };
    const differing: string[] = [];
    stories.forEach(({ id, text }, i) => {
      const doc = docs[i]!;
      const expected = reference(text, [3], doc, keys[i]);
      for (const backend of BACKENDS) if (!agrees(text, backend, [3], expected)) disagreeing[backend].push(text);
      if (!isDeepStrictEqual(plain(analyzeFingerprinted(analyzer, { id, source: id, text }, 5), false), plain(doc, false))) differing.push(text);
    });
    for (const backend of BACKENDS) expect(disagreeing[backend], backend).toEqual([]);
    expect(differing).toEqual([]);
  }, 240_000);
});

const NUM_PERM = 128;
const SITE_PAGES = 8;

/**
 * Related: estimated Jaccard ≥ 0.3, or the smaller document estimated ≥ 50% contained in the larger. Containment as
 * well as Jaccard because a later, longer version of a story holds the earlier one's paragraphs at a Jaccard far
 * below 0.3, and those paragraphs are the story's, not furniture.
 */
function relatedBySignature(signatures: Int32Array[], sizes: number[]) {
  return (a: number, b: number): boolean => {
    const x = signatures[a]!;
    const y = signatures[b]!;
    let equal = 0;
    for (let p = 0; p < NUM_PERM; p++) if (x[p] === y[p]) equal++;
    const jaccard = equal / NUM_PERM;
    if (jaccard >= 0.3) return true;
    const smaller = Math.min(sizes[a]!, sizes[b]!);
    return smaller > 0 && (jaccard * (sizes[a]! + sizes[b]!)) / ((1 + jaccard) * smaller) >= 0.5;
  };
}

describe.skipIf(!present)('boilerplate learned from the Reuters-21578 corpus and the five seeds', () => {
  let rows: Array<{ id: string; text: string }>;
  let keys: Int32Array[];
  let docs: AnalyzedDocument[];
  let related: (a: number, b: number) => boolean;
  let learned: LearnedBoilerplate;
  let after: AnalyzedDocument[];
  /** The stories the site's furniture was appended to, by id, as they were. */
  const sitePages = new Map<string, string>();

  beforeAll(() => {
    const { stories, docs: storyDocs, keys: storyKeys } = analysedCorpus();
    rows = stories.map((s) => ({ ...s }));
    const seeds = readdirSync(seedsDir).sort().map((f) => ({ id: f, text: readFileSync(resolve(seedsDir, f), 'utf8') }));
    // A site: the furniture closing the Asian Lite seed's page (its "Previous Story" links, "Latest from -Top News"
    // teasers and "Don't Miss" box, 252 words), appended to eight unrelated Reuters stories of 400+ words.
    const asianLite = seeds[0]!.text;
    const furniture = asianLite.slice(asianLite.indexOf('\nPrevious Story\n') + 1);
    for (const row of rows) {
      if (sitePages.size < SITE_PAGES && row.text.split(/\s+/).length >= 400) {
        sitePages.set(row.id, row.text);
        row.text = `${row.text}\n\n${furniture}`;
      }
    }
    // A story syndicated to six more outlets: the teaser seed, which ends with its site's correction notice.
    const teaser = seeds[2]!;
    for (let i = 1; i <= 6; i++) rows.push({ id: `syndicated-${i}`, text: teaser.text });
    rows.push(...seeds);
    // The stories as the corpus has them were analysed and keyed above; the site's pages and the rest are done here.
    const asInCorpus = (i: number) => i < stories.length && rows[i]!.text === stories[i]!.text;
    keys = rows.map((r, i) => (asInCorpus(i) ? storyKeys[i]! : lineKeys(r.text)));
    docs = rows.map((r, i) => (asInCorpus(i) ? storyDocs[i]! : analyze({ id: r.id, source: r.id, text: r.text }, 5)));
    const hasher = new MinHasher({ numPerm: NUM_PERM, seed: 1 });
    related = relatedBySignature(
      docs.map((d) => hasher.signature(d.shingleSet).values),
      docs.map((d) => d.shingleSet.length),
    );
    learned = learnBoilerplate(
      { lineKeys: keys, related, lineText: (d, key) => lineWithKey(rows[d]!.text, key)! },
      { minDocuments: DEFAULT_BOILERPLATE_MIN_DOCUMENTS },
    );
    after = docs.map((d) => withBoilerplate(d, learned.keys));
    console.log(
      `[reuters-corpus] ${learned.lines.length} lines learned (in ${DEFAULT_BOILERPLATE_MIN_DOCUMENTS}+ documents each), ` +
        `${learned.lines.reduce((n, l) => n + l.documents, 0)} occurrences:\n` +
        learned.lines.map((l) => `${String(l.documents).padStart(5)}  ${l.text}`).join('\n'),
    );
  });

  it("learns the wire's formulae and templated lines", () => {
    expect(learned.lines.length).toBeGreaterThan(250);
    expect(learned.lines.length).toBeLessThan(450);
    const byText = new Map(learned.lines.map((l) => [l.text, l.documents]));
    expect(byText.get('In a filing with the Securities and Exchange Commission,')).toBe(109);
    expect(byText.get("Moody's Investors Service Inc said it")).toBe(87);
    expect(byText.get('Terms were not disclosed.')).toBe(60);
    expect(byText.get('The Bank of England said it provided the')).toBe(26);
    for (const l of learned.lines) expect(l.documents).toBeGreaterThanOrEqual(DEFAULT_BOILERPLATE_MIN_DOCUMENTS);
  });

  it('refuses lines that copies of one story share', () => {
    const frequency = new Map<number, number[]>();
    keys.forEach((ks, d) => {
      for (const k of ks) {
        const holders = frequency.get(k);
        if (holders) holders.push(d);
        else frequency.set(k, [d]);
      }
    });
    const refused = [...frequency].filter(([k, holders]) => holders.length >= DEFAULT_BOILERPLATE_MIN_DOCUMENTS && !learned.keys.has(k));
    console.log(
      `[reuters-corpus] ${refused.length} lines in ${DEFAULT_BOILERPLATE_MIN_DOCUMENTS}+ documents refused as copies' text:\n` +
        refused.map(([k, h]) => `${String(h.length).padStart(5)}  ${lineWithKey(rows[h[0]!]!.text, k)}`).join('\n'),
    );
    // The syndicated story's paragraphs, and its site's correction notice, are in seven related copies each.
    const teaser = rows.findIndex((r) => r.id === '002_3afb60d8cb355dca.txt');
    const refusedKeys = new Set(refused.map(([k]) => k));
    for (const k of keys[teaser]!) expect(refusedKeys.has(k)).toBe(true);
  });

  it("learns the site's furniture from its unrelated pages", () => {
    const byText = new Map(learned.lines.map((l) => [l.text, l.documents]));
    for (const line of ['Previous Story', "Don't Miss", 'Latest from -Top News', 'Harris affirms US commitment to UAE’s security', 'Turkey’s Jet Roars, West Watches']) {
      // Lines of fewer than three words are never keyed.
      if (line.split(' ').length >= 3) expect([line, byText.get(line)]).toEqual([line, SITE_PAGES + 1]);
    }
    const seed = after.find((d) => d.id === '000_57b94c88e1d251a3.txt')!;
    // "Previous Story" (two words) is not keyed; the next line is the first learned.
    expect(seed.boilerplateSpans[0]!.start).toBe(seed.text.indexOf('India, UK announce Infrastructure Financing Bridge'));
    expect(seed.boilerplateSpans.at(-1)!.end).toBe(seed.text.trimEnd().length);
    // Each page compares as its story alone, but for the two shingles that join the story's last words to the unkeyed
    // "Previous Story" line.
    expect(sitePages.size).toBe(SITE_PAGES);
    for (const [id, story] of sitePages) {
      const page = new Set(after.find((d) => d.id === id)!.shingleSet);
      const alone = analyze({ id, source: id, text: story }, 5, learned.keys).shingleSet;
      expect(alone.filter((h) => !page.has(h))).toEqual(new Int32Array(0));
      expect(page.size - alone.length).toBe(2);
    }
  });

  it('learns nothing from a story syndicated to related copies, nor from the other seeds', () => {
    const untouched = after.filter((d) => d.id.startsWith('syndicated-') || /^00[1-4]_/.test(d.id));
    expect(untouched).toHaveLength(10);
    for (const d of untouched) expect([d.id, d.boilerplateSpans]).toEqual([d.id, []]);
  });

  it('empties no document, and takes under half of any (a text mostly of learned lines is compared whole)', () => {
    // The Reuters stories as the wire sent them: the site's pages and seed are measured above.
    const words = docs.map((d) => (d.id.startsWith('reuters-') && !sitePages.has(d.id) ? d.tokens.words.length : 0));
    const lost = after.map((d, i) => (words[i] === 0 ? 0 : 1 - d.shingleSet.length / docs[i]!.shingleSet.length));
    const emptied = after.flatMap((d, i) => (d.shingleSet.length === 0 && words[i]! > 0 ? [i] : []));
    const maxLoss = (minWords: number) => Math.max(...lost.filter((_, i) => words[i]! >= minWords));
    console.log(
      `[reuters-corpus] ${lost.filter((x) => x > 0).length} documents touched, ${emptied.length} emptied ` +
        `${emptied.length ? `(at most ${Math.max(...emptied.map((i) => words[i]!))} words, e.g. ${JSON.stringify(rows[emptied[0]!]!.text)})` : ''}; ` +
        `largest share of shingles removed: ${[20, 50, 200].map((n) => `${(maxLoss(n) * 100).toFixed(1)}% at ${n}+ words`).join(', ')}`,
    );
    expect(emptied).toEqual([]);
    expect(maxLoss(1)).toBeLessThanOrEqual(1 - MIN_KEPT_SHARE);
    expect(maxLoss(200)).toBeLessThan(0.3);
  });

  it('learns the same lines in the same order again', () => {
    const again = learnBoilerplate(
      { lineKeys: keys, related, lineText: (d, key) => lineWithKey(rows[d]!.text, key)! },
      { minDocuments: DEFAULT_BOILERPLATE_MIN_DOCUMENTS },
    );
    expect(again.lines).toEqual(learned.lines);
  });
});
