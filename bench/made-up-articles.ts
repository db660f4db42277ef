/**
 * Made-up articles for the index benches: two words in five from 20 English function words (stop words, which carry no
 * content stems), as in news copy, the rest made-up content words drawn with a Zipf-like skew. Fixed seeds: the same
 * arguments give the same words.
 */
import { closeSync, openSync, writeSync } from 'node:fs';
import { seededRandom } from '../src/sketch/minhash.js';

const FUNCTION_WORDS = ['the', 'of', 'and', 'to', 'in', 'a', 'is', 'that', 'for', 'on', 'with', 'as', 'was', 'at', 'by', 'it', 'from', 'be', 'an', 'have'];

/** Made-up content words, Zipf-like: low ranks come up more often. */
const VOCABULARY = (() => {
  const next = seededRandom(7);
  const syllables = ['ka', 'ro', 'mi', 'te', 'su', 'na', 'lo', 'vi', 'de', 'pa', 'zu', 'ge', 'bo', 'ri', 'fa', 'ne'];
  return Array.from({ length: 50_000 }, () => {
    let w = '';
    for (let i = 2 + ((next() >>> 0) % 3); i > 0; i--) w += syllables[(next() >>> 0) % syllables.length];
    return w;
  });
})();

/** The words of made-up article `n` of series `seed`, `words` long (default 150). */
export function madeUpArticle(n: number, seed = 1, words = 150): string[] {
  const next = seededRandom(seed * 1_000_003 + n);
  const out: string[] = [];
  for (let i = 0; i < words; i++) {
    const u = (next() >>> 0) / 2 ** 32;
    if (u < 0.4) out.push(FUNCTION_WORDS[Math.floor((u / 0.4) * FUNCTION_WORDS.length)]!);
    else out.push(VOCABULARY[Math.floor(VOCABULARY.length * ((u - 0.4) / 0.6) ** 2)]!);
  }
  return out;
}

/** Writes the JSONL lines `line(from)` … `line(to - 1)` into `path`, a MiB at a time; returns `path`. */
export function writeJsonl(path: string, from: number, to: number, line: (n: number) => string): string {
  const fd = openSync(path, 'w');
  try {
    let chunk = '';
    for (let n = from; n < to; n++) {
      chunk += `${line(n)}\n`;
      if (chunk.length > 1 << 20) {
        writeSync(fd, chunk);
        chunk = '';
      }
    }
    writeSync(fd, chunk);
  } finally {
    closeSync(fd);
  }
  return path;
}
