import { existsSync, mkdtempSync, readdirSync, readlinkSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { type FileSystem, type Line, type LinePiece, lineRanges, memoryFileSystem, nodeFileSystem, splitLines, wholeLinePieces } from '../../src/input/file-system.js';
import { seededRandom } from '../../src/sketch/minhash.js';

async function split(chunks: Array<string | Buffer>): Promise<Line[]> {
  const out: Line[] = [];
  for await (const line of splitLines(chunks.map((c) => (typeof c === 'string' ? Buffer.from(c, 'utf8') : c)))) out.push(line);
  return out;
}

/** Which of `paths` this process holds open (Linux; elsewhere none, and checks of it pass vacuously). */
function heldOpen(paths: readonly string[]): string[] {
  if (!existsSync('/proc/self/fd')) return [];
  const targets = readdirSync('/proc/self/fd').map((fd) => {
    try {
      return readlinkSync(`/proc/self/fd/${fd}`);
    } catch {
      return '';
    }
  });
  return paths.filter((path) => targets.includes(realpathSync(path)));
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

describe('linePieces', () => {
  const dir = mkdtempSync(join(tmpdir(), 'neardup-pieces-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  /** Lines of random lengths (some \r\n, some blank, multi-byte characters), `total` bytes or a little more. */
  function linesOf(total: number, seed: number): Buffer {
    const next = seededRandom(seed);
    const parts: string[] = [];
    let length = 0;
    while (length < total) {
      const line = `{"id":"${length}","text":"${'é word '.repeat((next() >>> 0) % 900)}"}${(next() >>> 0) % 5 === 0 ? '\r\n' : '\n'}`;
      parts.push(line);
      length += Buffer.byteLength(line);
    }
    return Buffer.from(parts.join(''));
  }

  async function piecesOf(fs: FileSystem, path: string): Promise<LinePiece[]> {
    const pieces: LinePiece[] = [];
    for await (const piece of fs.linePieces(path)) pieces.push({ offset: piece.offset, bytes: Uint8Array.from(piece.bytes) });
    return pieces;
  }

  it('cut a file on disk where a stream of it in MiB chunks is cut, each piece whole lines at its offset', async () => {
    const content = linesOf(3.5 * (1 << 20), 11);
    const path = join(dir, 'a.jsonl');
    writeFileSync(path, content);
    const pieces = await piecesOf(nodeFileSystem(), path);
    expect(pieces.length).toBe(4);
    let offset = 0;
    for (const [i, piece] of pieces.entries()) {
      expect(piece.offset).toBe(offset);
      if (i < pieces.length - 1) expect(piece.bytes.at(-1)).toBe(0x0a);
      offset += piece.bytes.length;
    }
    expect(Buffer.concat(pieces.map((p) => p.bytes)).equals(content)).toBe(true);
    const streamed = await piecesOf(memoryFileSystem({ [path]: content }, 1 << 20), path);
    expect(streamed.map((p) => [p.offset, p.bytes.length])).toEqual(pieces.map((p) => [p.offset, p.bytes.length]));
  });

  it('read a line longer than a piece whole, and the file\'s last line without a break', async () => {
    const long = `${'x'.repeat(2.5 * (1 << 20))}\n`;
    const content = Buffer.from(`short\n${long}after\nlast`);
    const path = join(dir, 'long.jsonl');
    writeFileSync(path, content);
    const pieces = await piecesOf(nodeFileSystem(), path);
    // The first MiB ends within the long line: the piece is cut after "short", and the next is read on to the end.
    expect(pieces.map((p) => p.offset)).toEqual([0, 'short\n'.length]);
    expect(Buffer.from(pieces[1]!.bytes).toString().endsWith('x\nafter\nlast')).toBe(true);
    expect(Buffer.concat(pieces.map((p) => p.bytes)).equals(content)).toBe(true);
  });

  it('give nothing for an empty file, fail for a missing one, and close the file when the reader stops early', async () => {
    const empty = join(dir, 'empty.jsonl');
    writeFileSync(empty, '');
    expect(await piecesOf(nodeFileSystem(), empty)).toEqual([]);
    await expect(piecesOf(nodeFileSystem(), join(dir, 'missing.jsonl'))).rejects.toThrow(/ENOENT/);
    const path = join(dir, 'b.jsonl');
    writeFileSync(path, linesOf(3 * (1 << 20), 12));
    for await (const piece of nodeFileSystem().linePieces(path)) {
      expect(piece.offset).toBe(0);
      break;
    }
    expect(heldOpen([path])).toEqual([]);
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

  it('reads two files in turn, and holds no file open once the event loop turns', async () => {
    const a = join(dir, 'a.jsonl');
    const b = join(dir, 'b.jsonl');
    writeFileSync(a, 'a0\na1\n');
    writeFileSync(b, 'b0\nb1\n');
    // Which of the two this process holds open (Linux; elsewhere the check passes vacuously).
    const held = () => heldOpen([a, b]);
    const fs = nodeFileSystem();
    const read: string[] = [];
    for (const [path, offset] of [[a, 0], [a, 3], [b, 3], [a, 0], [b, 0]] as const) read.push(await fs.lineAt(path, offset));
    expect(read).toEqual(['a0', 'a1', 'b1', 'a0', 'b0']);
    expect(held()).toEqual([b]);
    await new Promise((resolve) => setImmediate(resolve));
    expect(held()).toEqual([]);
  });
});

describe('wholeLinePieces and lineRanges', () => {
  /** Lines as splitLines gives them, from pieces cut by wholeLinePieces and split by lineRanges. */
  async function viaPieces(bytes: Uint8Array, chunkSize: number, pieceSize: number): Promise<Line[]> {
    const chunks: Uint8Array[] = [];
    for (let at = 0; at < bytes.length; at += chunkSize) chunks.push(bytes.subarray(at, at + chunkSize));
    const lines: Line[] = [];
    let expectedOffset = 0;
    for await (const piece of wholeLinePieces(chunks, pieceSize)) {
      expect(piece.offset).toBe(expectedOffset);
      expect(piece.bytes.byteOffset).toBe(0);
      expect(piece.bytes.buffer.byteLength).toBe(piece.bytes.length);
      expectedOffset += piece.bytes.length;
      for (const [start, end] of lineRanges(piece.bytes)) {
        lines.push({ text: Buffer.from(piece.bytes.subarray(start, end)).toString('utf8'), offset: piece.offset + start });
      }
    }
    expect(expectedOffset).toBe(bytes.length);
    return lines;
  }

  it('cut only after a \\n and give splitLines\'s lines, for any chunk and piece size', async () => {
    const next = seededRandom(3);
    const alphabet = ['a', 'b', ' ', 'é', '€', '\n', '\r', '\r\n', '\n\n'];
    for (let round = 0; round < 60; round++) {
      let text = '';
      const length = (next() >>> 0) % 120;
      for (let i = 0; i < length; i++) text += alphabet[(next() >>> 0) % alphabet.length];
      const bytes = new TextEncoder().encode(text);
      const expected = await split([Buffer.from(bytes)]);
      for (const [chunkSize, pieceSize] of [
        [1, 1],
        [3, 7],
        [16, 5],
        [1000, 1 << 20],
      ] as const) {
        expect(await viaPieces(bytes, chunkSize, pieceSize)).toEqual(expected);
      }
    }
  });

  it('keeps gathering a line longer than a piece until its break', async () => {
    const long = `${'x'.repeat(5000)}\nshort\n`;
    const pieces: number[] = [];
    for await (const piece of wholeLinePieces([Buffer.from(long)].flatMap((b) => [b.subarray(0, 100), b.subarray(100, 4000), b.subarray(4000)]), 64)) {
      pieces.push(piece.bytes.length);
    }
    expect(pieces).toEqual([long.length]);
  });
});

describe('wholeLinePieces, pieces moved away as they come', () => {
  it('gives every piece its offset though the consumer transfers each piece\'s buffer (a worker thread would)', async () => {
    const lines = Array.from({ length: 400 }, (_, i) => `line ${i} ${'x'.repeat(i % 37)}\n`);
    const stream = Buffer.from(lines.join(''));
    const chunks = Array.from({ length: Math.ceil(stream.length / 500) }, (_, k) => new Uint8Array(stream.subarray(k * 500, (k + 1) * 500)));
    const offsets: number[] = [];
    const pieces: Uint8Array[] = [];
    for await (const piece of wholeLinePieces(chunks, 1024)) {
      offsets.push(piece.offset);
      // As ScanPool.fingerprint does: the buffer is moved, and empty here after.
      pieces.push(structuredClone(piece.bytes, { transfer: [piece.bytes.buffer as ArrayBuffer] }));
      expect(piece.bytes.length).toBe(0);
    }
    expect(pieces.length).toBeGreaterThan(3);
    let at = 0;
    pieces.forEach((bytes, i) => {
      expect(offsets[i]).toBe(at);
      expect(Buffer.from(bytes).equals(stream.subarray(at, at + bytes.length))).toBe(true);
      at += bytes.length;
    });
    expect(at).toBe(stream.length);
  });
});
