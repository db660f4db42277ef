import { isDeepStrictEqual } from 'node:util';
import { describe, expect, it } from 'vitest';
import { analyze, analyzeFingerprinted } from '../../src/text/analyze.js';
import { Fingerprinter, type TokenizerBackend } from '../../src/text/token-hashes.js';
import { agrees, BACKENDS, plain, reference } from '../helpers/fast-paths.js';
import { hasReuters, reutersTexts } from '../helpers/paths.js';

/**
 * The fast paths against the reference analyze() on every Reuters story: the Fingerprinter with either tokeniser
 * (token-hashes.test.ts on small texts) and analyzeFingerprinted (analyze.test.ts). The reference analysis is the slow
 * part, so it is made once per story for all three.
 */
describe.skipIf(!hasReuters('test/text/reuters-fast-paths.test.ts'))('the fast paths on the Reuters corpus', () => {
  it('agree with analyze() on every one of the 19,043 stories: the Fingerprinter with either tokeniser, and analyzeFingerprinted', () => {
    const texts = reutersTexts();
    expect(texts.length).toBe(19_043);
    // A fingerprinter of its own for analyzeFingerprinted, as analyze.test.ts gives it: the checks of the other two
    // leave it nothing (no stems cached, no buffers grown).
    const analyzer = new Fingerprinter();
    const disagreeing: Record<TokenizerBackend, string[]> = { wasm: [], js: [] };
    const differing: string[] = [];
    for (const text of texts) {
      const source = { id: 'x', source: 'x', text };
      const doc = analyze(source, 5);
      const expected = reference(text, [3], doc);
      for (const backend of BACKENDS) if (!agrees(text, backend, [3], expected)) disagreeing[backend].push(text);
      if (!isDeepStrictEqual(plain(analyzeFingerprinted(analyzer, source, 5), false), plain(doc, false))) differing.push(text);
    }
    for (const backend of BACKENDS) expect(disagreeing[backend], backend).toEqual([]);
    expect(differing).toEqual([]);
  }, 240_000);
});
