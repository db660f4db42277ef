import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { type Line, memoryFileSystem, nodeFileSystem, splitLines } from '../src/io.js';

async function split(chunks: Array<string | Buffer>): Promise<Line[]> {
  const out: Line[] = [];
  for await (const line of splitLines(chunks.map((c) => (typeof c === 'string' ? Buffer.from(c, 'utf8') : c)))) out.push(line);
  return out;
}

describe('splitLines', () => {
  it('breaks at \\n, \\r\\n and a lone \\r, with byte offsets, and no line after a final break', async () => {
    expect(await split(['a\nbb\r\ncc\rd\n'])).toEqual([
      { text: 'a', offset: 0 },
      { text: 'bb', offset: 2 },
      { text: 'cc', offset: 6 },
      { text: 'd', offset: 9 },
    ]);
    expect(await split(['last line without break'])).toEqual([{ text: 'last line without break', offset: 0 }]);
    expect(await split([''])).toEqual([]);
    expect(await split(['\n\n'])).toEqual([
      { text: '', offset: 0 },
      { text: '', offset: 1 },
    ]);
  });

  it('joins lines cut across chunks, including a \\r\\n cut in two and a character cut in its bytes', async () => {
    const euro = Buffer.from('€', 'utf8');
    expect(await split(['ab', 'c\r', '\nd', Buffer.from([0x65, euro[0]!]), Buffer.concat([euro.subarray(1), Buffer.from('\n')])])).toEqual([
      { text: 'abc', offset: 0 },
      { text: 'de€', offset: 5 },
    ]);
  });

  it('counts offsets in bytes, not characters', async () => {
    expect(await split(['ünï\ncode\n'])).toEqual([
      { text: 'ünï', offset: 0 },
      { text: 'code', offset: 6 },
    ]);
  });
});

describe('lineAt', () => {
  const dir = mkdtempSync(join(tmpdir(), 'neardup-io-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('reads back every line lines() gave, from its offset, on disk and in memory', async () => {
    const long = 'x'.repeat(40_000);
    const content = `{"a":1}\r\n{"b":"ü"}\n${long}\rtail`;
    const path = join(dir, 'f.jsonl');
    writeFileSync(path, content);
    for (const fs of [nodeFileSystem(), memoryFileSystem({ [path]: content })]) {
      const lines: Line[] = [];
      for await (const line of fs.lines(path)) lines.push(line);
      expect(lines.map((l) => l.text)).toEqual(['{"a":1}', '{"b":"ü"}', long, 'tail']);
      for (const line of lines) expect(await fs.lineAt(path, line.offset)).toBe(line.text);
    }
  });
});
