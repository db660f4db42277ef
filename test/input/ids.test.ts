import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { memoryFileSystem } from '../../src/input/file-system.js';
import { type ArticlePiece, DEFAULT_READ_OPTIONS, duplicateIdReason, PiecePlaces, readInputs, readPiece } from '../../src/input/read.js';

const key = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex').slice(0, 16);

describe('ids of JSONL lines without an id field', () => {
  it('come from the text, with -2, -3 for the same text again in that file, and stay when lines are added above', async () => {
    const line = (text: string) => JSON.stringify({ text });
    const ids = async (lines: string[]) => {
      const out: string[] = [];
      for await (const event of readInputs(['feed.jsonl'], memoryFileSystem({ 'feed.jsonl': lines.join('\n') }))) if (event.kind === 'document') out.push(event.document.id);
      return out;
    };
    const same = [line('Same story.'), line('Other story.'), line('Same story.'), line('Same story.')];
    const expected = [`feed.jsonl#${key('Same story.')}`, `feed.jsonl#${key('Other story.')}`, `feed.jsonl#${key('Same story.')}-2`, `feed.jsonl#${key('Same story.')}-3`];
    expect(await ids(same)).toEqual(expected);
    expect(await ids([line('A new first line.'), ...same])).toEqual([`feed.jsonl#${key('A new first line.')}`, ...expected]);
  });

  it('are the same when a record is placed twice (a scan with --db places each record twice)', () => {
    const bytes = new TextEncoder().encode(`${JSON.stringify({ text: 'Same story.' })}\n${JSON.stringify({ text: 'Same story.' })}\n`);
    const piece: ArticlePiece = { kind: 'lines', source: 'feed.jsonl', offset: 0, bytes };
    const { records } = readPiece(piece, DEFAULT_READ_OPTIONS);
    const places = new PiecePlaces();
    const first = records.map((r) => places.place(piece, r).id);
    expect(records.map((r) => places.place(piece, r).id)).toEqual(first);
    expect(first).toEqual([`feed.jsonl#${key('Same story.')}`, `feed.jsonl#${key('Same story.')}-2`]);
  });
});

describe('duplicateIdReason', () => {
  it('names where the id was first seen, and, across files, what to do about ids each file numbers', () => {
    expect(duplicateIdReason('7', { source: 'a.jsonl', line: 2 }, 'a.jsonl')).toBe('duplicate id "7" (first seen at a.jsonl:2)');
    expect(duplicateIdReason('7', { source: 'a.jsonl', line: 2 }, 'b.jsonl')).toBe(
      'duplicate id "7" (first seen at a.jsonl:2): ids must be unique across the inputs; where each file numbers its own, give --id-field a field that is unique, or one the records lack to name each by its file and text',
    );
  });

});

describe('numeric ids', () => {
  const read = async (text: string) => {
    const ids: string[] = [];
    const skipped: string[] = [];
    for await (const event of readInputs(['feed.jsonl'], memoryFileSystem({ 'feed.jsonl': text }))) {
      if (event.kind === 'document') ids.push(event.document.id);
      else if (event.kind === 'skipped') skipped.push(event.skipped.reason);
    }
    return { ids, skipped };
  };

  it('keep the digits written, so ids over 2^53 a unit apart stay two articles', async () => {
    const lines = ['{"id": 9007199254740993, "text": "First story."}', '{"id":9007199254740992,"text":"Second story."}', '{"id": 7, "text": "Third story."}'];
    expect(await read(lines.join('\n'))).toEqual({ ids: ['9007199254740993', '9007199254740992', '7'], skipped: [] });
  });

  it('skip, with the reason, an id over 2^53 whose digits cannot be told apart from another field of the same name', async () => {
    const line = '{"id": 9007199254740993, "text": "First story.", "meta": {"id": 12345678901234567890}}';
    const { ids, skipped } = await read(line);
    expect(ids).toEqual([]);
    expect(skipped).toEqual(['"id" field is a number too large to read exactly (over 2^53); write it as a string']);
  });
});
