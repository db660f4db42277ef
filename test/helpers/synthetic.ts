import { seededRandom } from '../../src/sketch/minhash.js';

/** A vocabulary of pronounceable made-up words, the same for every seed. */
const VOCABULARY = (() => {
  const next = seededRandom(7);
  const syllables = ['ka', 'ro', 'mi', 'te', 'su', 'na', 'lo', 'vi', 'de', 'pa', 'zu', 'ge', 'bo', 'ri', 'fa', 'ne'];
  return Array.from({ length: 20_000 }, () => {
    const n = 2 + ((next() >>> 0) % 3);
    let w = '';
    for (let i = 0; i < n; i++) w += syllables[(next() >>> 0) % syllables.length];
    return w;
  });
})();

/** The text of synthetic article `n`: `words` random words, the same for the same n and seed. */
export function syntheticText(n: number, words = 80, seed = 1): string {
  const next = seededRandom(seed * 1_000_003 + n);
  const out: string[] = [];
  for (let i = 0; i < words; i++) out.push(VOCABULARY[(next() >>> 0) % VOCABULARY.length]!);
  return `${out.join(' ')}.`;
}

/** JSONL of synthetic articles `from` … `to - 1`, ids `${prefix}${n}`. */
export function syntheticJsonl(from: number, to: number, prefix = 'doc-', words = 80): string {
  const lines: string[] = [];
  for (let n = from; n < to; n++) lines.push(JSON.stringify({ id: `${prefix}${n}`, text: syntheticText(n, words) }));
  return `${lines.join('\n')}\n`;
}
