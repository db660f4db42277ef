import { describe, expect, it } from 'vitest';
import { memoryFileSystem } from '../../src/input/file-system.js';
import { DEFAULT_READ_OPTIONS } from '../../src/input/read.js';
import { articleAt } from '../../src/input/stored-article.js';
import { nodeOriginalReader, ORIGINAL_NOT_FOUND } from '../../src/corpus/store/originals.js';

const lines = ['{"id":"a","text":"First article."}', '{"id":"b","body":"Second, in another field."}', '[1, 2]', '{"id":"d"', 'null'];
const files = { 'wire.jsonl': `${lines.join('\n')}\n`, 'page.txt': 'A plain text article.' };
const fs = memoryFileSystem(files);
const offsetOf = (n: number) => Buffer.byteLength(lines.slice(0, n - 1).map((l) => `${l}\n`).join(''));

describe('articleAt', () => {
  it('reads a file, and a JSONL line by its byte offset or, without one, by its number', async () => {
    expect(await articleAt(fs, { source: 'page.txt' }, DEFAULT_READ_OPTIONS)).toEqual({ text: 'A plain text article.' });
    expect(await articleAt(fs, { source: 'wire.jsonl', line: 1, offset: 0 }, DEFAULT_READ_OPTIONS)).toEqual({ text: 'First article.' });
    expect(await articleAt(fs, { source: 'wire.jsonl', line: 2, field: 'body' }, DEFAULT_READ_OPTIONS)).toEqual({ text: 'Second, in another field.' });
    expect(await articleAt(fs, { source: 'wire.jsonl', line: 2, offset: offsetOf(2), field: 'body' }, DEFAULT_READ_OPTIONS)).toEqual({ text: 'Second, in another field.' });
  });

  it('reads a first line behind a byte-order mark, and lines ended by CR LF, as the first reading did', async () => {
    const withMark = memoryFileSystem({ 'marked.jsonl': '\uFEFF{"id":"a","text":"After the mark."}\r\n{"id":"b","text":"Second."}\r\n' });
    expect(await articleAt(withMark, { source: 'marked.jsonl', line: 1, offset: 0 }, DEFAULT_READ_OPTIONS)).toEqual({ text: 'After the mark.' });
    expect(await articleAt(withMark, { source: 'marked.jsonl', line: 1 }, DEFAULT_READ_OPTIONS)).toEqual({ text: 'After the mark.' });
    const second = Buffer.byteLength('\uFEFF{"id":"a","text":"After the mark."}\r\n');
    expect(await articleAt(withMark, { source: 'marked.jsonl', line: 2, offset: second }, DEFAULT_READ_OPTIONS)).toEqual({ text: 'Second.' });
  });

  it('says what went wrong, for each reader to word', async () => {
    const at = (location: Parameters<typeof articleAt>[1]) => articleAt(fs, location, DEFAULT_READ_OPTIONS);
    expect(await at({ source: 'gone.txt' })).toMatchObject({ problem: { kind: 'unreadable' } });
    expect(await at({ source: 'wire.jsonl', line: 9 })).toEqual({ problem: { kind: 'line-gone' } });
    expect(await at({ source: 'wire.jsonl', line: 3, offset: offsetOf(3) })).toEqual({ problem: { kind: 'not-object' } });
    expect(await at({ source: 'wire.jsonl', line: 4 })).toMatchObject({ problem: { kind: 'not-json' } });
    expect(await at({ source: 'wire.jsonl', line: 5 })).toEqual({ problem: { kind: 'not-object' } });
    expect(await at({ source: 'wire.jsonl', line: 2 })).toEqual({ problem: { kind: 'not-article', reason: 'no "text" or "html" string field' } });
  });
});

describe('nodeOriginalReader', () => {
  it('words each problem as check reports it, an array line included', async () => {
    const reader = nodeOriginalReader(fs);
    expect(await reader.read({ source: 'gone.txt' })).toEqual({ reason: ORIGINAL_NOT_FOUND });
    expect(await reader.read({ source: '-' })).toEqual({ reason: 'original was read from standard input' });
    expect(await reader.read({ source: 'wire.jsonl', line: 3 })).toEqual({ reason: 'original line 3 of wire.jsonl is not a JSON object' });
    expect(await reader.read({ source: 'wire.jsonl', line: 4 })).toEqual({ reason: 'original line 4 of wire.jsonl is no longer valid JSON' });
    expect(await reader.read({ source: 'wire.jsonl', line: 9 })).toEqual({ reason: 'original line 9 is gone from wire.jsonl' });
    // Read at its byte offset, a line that moved (a line added above it) lands in another line: it changed, and says so.
    expect(await reader.read({ source: 'wire.jsonl', line: 1, offset: 3 })).toEqual({
      reason: 'original changed on disk since it was indexed: no JSON record starts where line 1 of wire.jsonl was; run index add on the file again',
    });
    expect(await reader.read({ source: 'wire.jsonl', line: 2, field: 'body' })).toEqual({ text: 'Second, in another field.' });
  });
});
