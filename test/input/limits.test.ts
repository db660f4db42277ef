import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { type LinePiece, memoryFileSystem, nodeFileSystem, wholeLinePieces } from '../../src/input/file-system.js';
import { DEFAULT_MAX_ARTICLE_BYTES, DEFAULT_READ_OPTIONS, type ReadEvent, readInputs, type ReadOptions, readPiece, tooLargeReason } from '../../src/input/read.js';

const story = 'Heavy rain flooded the coastal road on Sunday night and the ferry service was cancelled.';
const limited: ReadOptions = { ...DEFAULT_READ_OPTIONS, maxArticleBytes: 200 };

async function events(paths: string[], fs = memoryFileSystem({}), options: ReadOptions = limited): Promise<ReadEvent[]> {
  const out: ReadEvent[] = [];
  for await (const event of readInputs(paths, fs, options)) out.push(event);
  return out;
}

const summary = (all: ReadEvent[]) =>
  all.map((e) => (e.kind === 'document' ? `doc ${e.document.id} line ${e.document.line ?? '-'} @${e.document.offset ?? '-'}` : e.kind === 'skipped' ? `skip ${e.skipped.path}: ${e.skipped.reason}` : `ignored ${e.path}`));

describe('--max-article-bytes: articles over the size limit are skipped, the rest read', () => {
  it('defaults to 10 MB', () => {
    expect(DEFAULT_MAX_ARTICLE_BYTES).toBe(10_000_000);
  });

  it('skips a file larger than the limit before reading it, and reads the others', async () => {
    const big = 'x '.repeat(150);
    const fs = memoryFileSystem({ 'in/a.txt': story, 'in/big.txt': big, 'in/c.txt': story.replace('rain', 'snow') });
    expect(summary(await events(['in'], fs))).toEqual(['doc in/a.txt line - @-', `skip in/big.txt: ${tooLargeReason(300, 200)}`, 'doc in/c.txt line - @-']);
  });

  it('skips an over-long JSONL line as it streams by, and numbers and places the lines after it right', async () => {
    const lines = [JSON.stringify({ id: 'a', text: story }), JSON.stringify({ id: 'huge', text: 'y'.repeat(5000) }), JSON.stringify({ id: 'c', text: story })];
    const feed = `${lines.join('\n')}\n`;
    const third = feed.indexOf('{"id":"c"');
    for (const chunkSize of [7, 64, 1000, feed.length]) {
      const got = summary(await events(['feed.jsonl'], memoryFileSystem({ 'feed.jsonl': feed }, chunkSize)));
      expect(got, `chunks of ${chunkSize}`).toEqual(['doc a line 1 @0', `skip feed.jsonl:2: ${tooLargeReason(lines[1]!.length, 200)}`, `doc c line 3 @${third}`]);
    }
  });

  it('never holds an over-long line whole while cutting a stream into pieces', async () => {
    const long = 'z'.repeat(10_000);
    const chunks = function* () {
      for (let at = 0; at < long.length; at += 100) yield Buffer.from(long.slice(at, at + 100));
      yield Buffer.from('\nshort\n');
    };
    const pieces: LinePiece[] = [];
    for await (const piece of wholeLinePieces(chunks(), 64, 500)) pieces.push(piece);
    expect(pieces.map((p) => ({ offset: p.offset, bytes: p.bytes.length, tooLong: p.tooLong }))).toEqual([
      { offset: 0, bytes: 0, tooLong: 10_000 },
      { offset: 10_001, bytes: 6, tooLong: undefined },
    ]);
  });

  it('reads a JSONL line after one too long from a real file, at the right offset (read again in pass 2)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'neardup-limits-'));
    try {
      const lines = [JSON.stringify({ id: 'a', text: story }), JSON.stringify({ id: 'huge', text: 'y'.repeat(3 << 20) }), JSON.stringify({ id: 'c', text: story })];
      writeFileSync(join(dir, 'feed.jsonl'), lines.join('\n'));
      const fs = nodeFileSystem();
      const got = await events([join(dir, 'feed.jsonl')], fs, { ...DEFAULT_READ_OPTIONS, maxArticleBytes: 1 << 20 });
      expect(got.map((e) => (e.kind === 'document' ? e.document.id : e.kind === 'skipped' ? e.skipped.reason : e.kind))).toEqual(['a', tooLargeReason(lines[1]!.length, 1 << 20), 'c']);
      const c = got[2]!;
      expect(c.kind === 'document' && (await fs.lineAt(c.document.source, c.document.offset!))).toBe(lines[2]);
      // A file too large is refused from its size, unread.
      writeFileSync(join(dir, 'big.txt'), 'w '.repeat(600));
      expect(await events([join(dir, 'big.txt')], fs)).toEqual([{ kind: 'skipped', skipped: { path: join(dir, 'big.txt'), reason: tooLargeReason(1200, 200) } }]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('skips an article whose reading fails, with the error as its reason, and goes on', () => {
    const failing = {
      ...DEFAULT_READ_OPTIONS,
      get textField(): string {
        throw new Error('this field cannot be read');
      },
    };
    const bytes = new TextEncoder().encode(`${JSON.stringify({ text: story })}\n`);
    expect(readPiece({ kind: 'lines', source: 'feed.jsonl', offset: 0, bytes }, failing).records).toEqual([
      { kind: 'problem', line: 1, reason: 'could not be read (this field cannot be read)' },
    ]);
  });
});
