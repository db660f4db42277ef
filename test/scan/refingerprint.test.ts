import { describe, expect, it } from 'vitest';
import { memoryFileSystem } from '../../src/input/file-system.js';
import { withDefaults } from '../../src/options.js';
import { DocumentLoader } from '../../src/scan/loader.js';
import { shinglesAgain } from '../../src/scan/refingerprint.js';
import { MinHasher } from '../../src/sketch/minhash.js';
import { BandSigner, SHINGLE_SALT } from '../../src/sketch/piece-fingerprints.js';
import { CorpusTable } from '../../src/sketch/sketch-table.js';
import { analyze } from '../../src/text/analyze.js';
import { lineKeys } from '../../src/text/boilerplate.js';
import { textDigest } from '../../src/text/token-hashes.js';
import { syntheticText } from '../helpers/synthetic.js';

const footer = 'Subscribe to our newsletter for daily updates from the harbour.';
const texts = [`${syntheticText(1, 60)}\n${footer}`, footer, `${syntheticText(2, 60)}\n${footer}`];
const signing = { numPerm: 16, seed: 1, banding: { bands: 4, rows: 4 } };

/** The texts kept as standard input's are (so they are read back without a file system), the second's digest wrong. */
function loaderOf(): DocumentLoader {
  const table = new CorpusTable(signing.numPerm, signing.banding, undefined);
  texts.forEach((text, i) => {
    const counts = { words: 1, shingles: 1, contentStems: 0, digest: textDigest(i === 1 ? 'changed' : text) };
    table.add({ id: `d${i}`, source: '-' }, counts, new Int32Array(signing.numPerm), new Int32Array(signing.banding.bands), undefined, undefined, text);
  });
  return new DocumentLoader({ directory: table, fs: memoryFileSystem({}), read: withDefaults({ paths: ['-'] }).read, shingleSize: 5, boilerplate: new Set(lineKeys(footer)) });
}

describe('shinglesAgain', () => {
  it("signs each document's shingles without its learned lines, and marks one that cannot be read again", async () => {
    const again = await shinglesAgain(Int32Array.from([0, 1, 2]), loaderOf(), signing);
    expect([...again.docs]).toEqual([0, 1, 2]);
    expect([...again.read]).toEqual([1, 0, 1]);
    const signer = new BandSigner(new MinHasher({ numPerm: signing.numPerm, seed: signing.seed }), signing.banding, SHINGLE_SALT);
    for (const n of [0, 2]) {
      const set = analyze({ id: `d${n}`, source: '-', text: texts[n]! }, 5, new Set(lineKeys(footer))).shingleSet;
      expect(set.length).toBeLessThan(analyze({ id: `d${n}`, source: '-', text: texts[n]! }, 5).shingleSet.length);
      signer.sign(set, n);
      expect(again.shingles[n]).toBe(set.length);
      expect([...again.signatures.subarray(n * 16, (n + 1) * 16)]).toEqual([...signer.signature]);
      expect([...again.bandKeys.subarray(n * 4, (n + 1) * 4)]).toEqual([...signer.keys]);
    }
    expect(again.shingles[1]).toBe(0);
  });
});
