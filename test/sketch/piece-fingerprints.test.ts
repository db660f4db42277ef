import { describe, expect, it } from 'vitest';
import { DistinctCounter, Fingerprinter, textDigest } from '../../src/text/token-hashes.js';
import { bandKeysInto } from '../../src/sketch/lsh.js';
import { MinHasher } from '../../src/sketch/minhash.js';
import { COUNT_FIELDS, type FingerprintSettings, PieceFingerprinter } from '../../src/sketch/piece-fingerprints.js';
import { DEFAULT_READ_OPTIONS } from '../../src/input/read.js';
import { syntheticText } from '../helpers/synthetic.js';

const settings: FingerprintSettings = {
  numPerm: 64,
  seed: 3,
  shingleSize: 5,
  banding: { bands: 8, rows: 8 },
  contentBanding: { bands: 16, rows: 4 },
  lineKeys: true,
  read: DEFAULT_READ_OPTIONS,
};

const bytes = (text: string) => new TextEncoder().encode(text);

describe('PieceFingerprinter', () => {
  const texts = [syntheticText(1, 120), `Line one of a story here\n${syntheticText(2, 60)}\nLine one of a story here`, 'the of and to'];
  const jsonl = [
    JSON.stringify({ id: 'a', text: texts[0], date: '2024-03-01' }),
    '{broken',
    '',
    JSON.stringify({ id: 'b', text: texts[1] }),
    JSON.stringify({ text: texts[2] }),
    JSON.stringify({ id: 'symbols', text: '— !!! —' }),
  ].join('\n');

  it('reads the piece\'s records in order, problems in place, lines counted from the piece\'s first', () => {
    const piece = new PieceFingerprinter(settings).fingerprint({ kind: 'lines', source: 'f.jsonl', offset: 100, bytes: bytes(jsonl) });
    expect(piece.lines).toBe(6);
    expect(piece.nonBlank).toBe(5);
    expect(piece.records.map((r) => [r.kind, r.line])).toEqual([
      ['article', 1],
      ['problem', 2],
      ['article', 4],
      ['article', 5],
      ['article', 6],
    ]);
    const first = piece.records[0]!;
    expect(first.kind === 'article' && [first.id, first.offset, first.article.date, first.article.text]).toEqual(['a', 100, '2024-03-01T00:00:00.000Z', '']);
  });

  it('fingerprints each article exactly as the Fingerprinter and MinHasher do', () => {
    const piece = new PieceFingerprinter(settings).fingerprint({ kind: 'lines', source: 'f.jsonl', offset: 0, bytes: bytes(jsonl) });
    const fp = new Fingerprinter();
    const counter = new DistinctCounter();
    const hasher = new MinHasher({ numPerm: 64, seed: 3 });
    texts.forEach((text, n) => {
      const words = fp.tokenize(text);
      const shingles = fp.shingles(5);
      const signature = hasher.signature(shingles).values;
      const keys = new Int32Array(8);
      bandKeysInto(signature, 0, settings.banding, keys, 0);
      expect([...piece.counts.subarray(n * COUNT_FIELDS, n * COUNT_FIELDS + 4)]).toEqual([
        words,
        counter.count(shingles),
        counter.count(fp.contentStems()),
        textDigest(text),
      ]);
      expect([...piece.signatures.subarray(n * 64, n * 64 + 64)]).toEqual([...signature]);
      expect([...piece.bandKeys.subarray(n * 8, n * 8 + 8)]).toEqual([...keys]);
      expect([...piece.lineKeys.subarray(piece.lineKeyStarts[n]!, piece.lineKeyStarts[n + 1]!)]).toEqual([...fp.lineKeys()]);
    });
    // Only stop words: no content stems, so no content signature (the scan gives such an article keys of its own).
    expect(piece.counts[2 * COUNT_FIELDS + 2]).toBe(0);
    expect([...piece.contentKeys.subarray(2 * 16, 3 * 16)].every((k) => k === 0)).toBe(true);
    // No words at all: counted as 0 words, and nothing else.
    expect([...piece.counts.subarray(3 * COUNT_FIELDS, 4 * COUNT_FIELDS)]).toEqual([0, 0, 0, 0]);
  });

  it('keeps the text only of what standard input gave, which cannot be read twice', () => {
    const line = bytes(JSON.stringify({ id: 's', text: 'From standard input, kept.' }));
    const fromStdin = new PieceFingerprinter(settings).fingerprint({ kind: 'lines', source: '-', offset: 0, bytes: line });
    const record = fromStdin.records[0]!;
    expect(record.kind === 'article' && record.article.text).toBe('From standard input, kept.');
  });

  it('reads a file piece as one article, or says why it is none', () => {
    const fingerprinter = new PieceFingerprinter({ ...settings, lineKeys: false });
    const ok = fingerprinter.fingerprint({ kind: 'file', path: 'a.txt', bytes: bytes('PARIS, Sept 12, 2023 (AFP) - A story.') });
    expect(ok.records).toEqual([{ kind: 'article', article: { text: '', date: '2023-09-12T00:00:00.000Z' } }]);
    expect(ok.lineKeys.length).toBe(0);
    const binary = fingerprinter.fingerprint({ kind: 'file', path: 'b.txt', bytes: new Uint8Array([0x89, 0, 1]) });
    expect(binary.records).toEqual([{ kind: 'problem', reason: 'binary file (contains NUL bytes)' }]);
    expect(binary.counts.length).toBe(0);
  });
});
