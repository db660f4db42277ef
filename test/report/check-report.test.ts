import { describe, expect, it } from 'vitest';
import { addToIndex } from '../../src/corpus/add.js';
import { checkAgainstIndex, type OriginalReader } from '../../src/corpus/check.js';
import { indexParams } from '../../src/corpus/params.js';
import { MemoryStore } from '../../src/corpus/store/memory.js';
import { memoryFileSystem } from '../../src/input/file-system.js';
import { readInputs } from '../../src/input/read.js';
import { withDefaults } from '../../src/options.js';
import { checkPageTexts } from '../../src/report/article-texts.js';
import { buildCheckReport } from '../../src/report/check-report.js';
import { checkReporters } from '../../src/report/render/check.js';
import { Chalk } from 'chalk';
import { buildReport } from '../../src/report/scan-report.js';
import { scan } from '../../src/scan/scan.js';
import { REUSE_FILES } from '../helpers/reuse-corpus.js';

const options = withDefaults({ paths: ['corpus'] });
const story = (name: string) => REUSE_FILES[name]!.join(' ');
const corpus = { 'corpus/wire.txt': story('wire.txt') };
const incoming = { 'new/wire-rewritten.txt': story('wire-rewritten.txt') };
const reader: OriginalReader = { read: async ({ source }) => (source in corpus ? { text: corpus[source as keyof typeof corpus] } : { reason: 'original not found on disk' }) };

/** The re-written wire story checked against an index of the wire story: its report and the texts its page shows. */
async function checked() {
  const store = new MemoryStore(indexParams(options));
  await addToIndex(store, readInputs(['corpus'], memoryFileSystem(corpus)), { batchSize: 10, locate: (d) => ({ source: d.source }) });
  const fs = memoryFileSystem(incoming);
  const result = await checkAgainstIndex(store, readInputs(['new'], fs), reader, options);
  return { result, report: buildCheckReport(result), texts: await checkPageTexts(result, fs, options.read, reader) };
}

describe('buildCheckReport', () => {
  it("gives a re-worded copy's derived sentences as ranges of the new article and of the original", async () => {
    const { report, texts } = await checked();
    const [match] = report.documents[0]!.matches;
    expect(match).toMatchObject({ verified: true, original: { id: 'corpus/wire.txt' }, relation: 'rewritten', basis: 'sentences', alignedSentences: { count: 5 } });
    const derived = match!.verified ? match!.derivedSentences! : [];
    const copy = texts.articles.get('new/wire-rewritten.txt')!;
    const original = texts.originals!.get('corpus/wire.txt')!;
    // Sentences as the page's texts hold them: a range ends at the sentence's last word.
    const copySentence = (n: number) => REUSE_FILES['wire-rewritten.txt']![n]!.replace(/\.$/, '');
    const wireSentence = (n: number) => REUSE_FILES['wire.txt']![n]!.replace(/\.$/, '');
    // Copy sentence 2 condenses wire sentences 2 and 3: one entry with both sources.
    expect(derived.map((d) => copy.slice(...d.member))).toEqual([0, 2, 3, 4, 6].map(copySentence));
    expect(derived.map((d) => d.canonical.map((r) => original.slice(...r)))).toEqual([[0], [2, 3], [5], [5], [7]].map((c) => c.map(wireSentence)));
  });

  it('gives the derived sentences scan gives the same member, in the same place among the same fields', async () => {
    const { report } = await checked();
    const scanned = buildReport(await scan(withDefaults({ paths: ['in'], prefer: ['a-wire'] }), memoryFileSystem({ 'in/a-wire.txt': story('wire.txt'), 'in/b-rewritten.txt': story('wire-rewritten.txt') })));
    const member = scanned.clusters[0]!.members[1]!;
    expect(member.id).toBe('in/b-rewritten.txt');
    const { id: _id, source: _source, words: _words, date: _date, ...judged } = member;
    const { original: _original, verified: _verified, ...match } = report.documents[0]!.matches[0]!;
    expect(JSON.stringify(match)).toBe(JSON.stringify(judged));
  });

  it('gives the --html-field it read with, and the notes reading noted, as a scan report does', async () => {
    const store = new MemoryStore(indexParams(options));
    await addToIndex(store, readInputs(['corpus'], memoryFileSystem(corpus)), { batchSize: 10, locate: (d) => ({ source: d.source }) });
    const feed = { 'new/feed.jsonl': `${JSON.stringify({ id: 'late', text: story('wire-rewritten.txt'), date: 'next Tuesday' })}\n` };
    const report = buildCheckReport(await checkAgainstIndex(store, readInputs(['new'], memoryFileSystem(feed)), reader, options));
    expect(report.params.htmlField).toBe('html');
    expect(report.notes).toEqual([{ path: 'new/feed.jsonl:1', note: expect.stringContaining('"date" field holds "next Tuesday", not a date neardup reads') }]);
  });

  it('gives no derived sentences for a match resting on shingles', async () => {
    const store = new MemoryStore(indexParams(options));
    await addToIndex(store, readInputs(['corpus'], memoryFileSystem(corpus)), { batchSize: 10, locate: (d) => ({ source: d.source }) });
    const copy = { 'new/copy.txt': `${story('wire.txt')} The theatre said more dates would follow in the autumn.` };
    const report = buildCheckReport(await checkAgainstIndex(store, readInputs(['new'], memoryFileSystem(copy)), reader, options));
    const [match] = report.documents[0]!.matches;
    expect(match).toMatchObject({ verified: true, basis: 'shingles' });
    expect(match).not.toHaveProperty('derivedSentences');
  });

  it('says why a match of a text too short to judge is an exact copy, as scan says it of a member, and finds no near copy of it', async () => {
    const notice = 'The case was adjourned until tomorrow at the county court in Leeds.';
    const shortCorpus = { 'corpus/notice.txt': notice };
    const store = new MemoryStore(indexParams(options));
    await addToIndex(store, readInputs(['corpus'], memoryFileSystem(shortCorpus)), { batchSize: 10, locate: (d) => ({ source: d.source }) });
    const shortReader: OriginalReader = { read: async ({ source }) => ({ text: shortCorpus[source as keyof typeof shortCorpus] }) };
    const incomingShort = { 'new/same.txt': notice, 'new/one-word-changed.txt': notice.replace('Leeds', 'York') };
    const report = buildCheckReport(await checkAgainstIndex(store, readInputs(['new'], memoryFileSystem(incomingShort)), shortReader, options));
    expect(report.documents.map((d) => d.id)).toEqual(['new/same.txt']);
    const [match] = report.documents[0]!.matches;
    expect(match).toMatchObject({ verified: true, relation: 'copy', jaccard: 1, reason: 'too-short-to-judge', original: { id: 'corpus/notice.txt' } });
    const table = checkReporters.table(report, new Chalk({ level: 0 }));
    expect(table).toContain('too short to judge (under 25 words): matched only as an exact copy of the same words');
  });
});
