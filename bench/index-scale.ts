/**
 * Scale of the persistent index: adds N synthetic articles through the real CLI (`neardup index add`), in three
 * steps (N/100, N/10, N), and after each step checks the same M new articles (`neardup check`), a tenth of which are
 * edited copies of indexed ones. Prints the time of each add and check, and the size of the database file, so one
 * can see that checking does not grow with the size of the index.
 *
 *   npm run build && npx tsc -p tsconfig.bench.json && node dist-bench/bench/index-scale.js --docs 1000000 --checks 10000
 *
 * Articles are 150 words by default: two in five from 20 English function words, the rest made-up content words
 * drawn with a Zipf-like skew. Options: --docs N (default 100000), --checks M (default 10000), --words W per article,
 * --dir D (default a new temporary folder, removed at the end unless --keep).
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { seededRandom } from '../src/sketch/minhash.js';
import { madeUpArticle, writeJsonl } from './made-up-articles.js';

const args = process.argv.slice(2);
const option = (name: string, fallback: number) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? Number(args[i + 1]) : fallback;
};
const docs = option('docs', 100_000);
const checks = option('checks', 10_000);
const words = option('words', 150);
const keep = args.includes('--keep');
const dirIndex = args.indexOf('--dir');
const dir = dirIndex >= 0 ? resolve(args[dirIndex + 1]!) : mkdtempSync(join(tmpdir(), 'neardup-index-scale-'));
mkdirSync(dir, { recursive: true });

const bin = resolve(fileURLToPath(import.meta.url), '../../../bin/neardup.js');

/**
 * New article m: every tenth is an article of the first step with five words swapped and a sentence added (so it has
 * an original at every step); the rest are fresh.
 */
function incoming(m: number, firstStep: number): string {
  if (m % 10 !== 0) return JSON.stringify({ id: `new-${m}`, text: `${madeUpArticle(m, 2, words).join(' ')}.` });
  const text = madeUpArticle(m % firstStep, 1, words);
  const next = seededRandom(m);
  for (let k = 0; k < 5; k++) text[(next() >>> 0) % text.length] = 'changed';
  return JSON.stringify({ id: `new-${m}`, text: `${text.join(' ')}. An editor added this sentence at the end.` });
}

function run(argv: string[]): { seconds: number; stdout: string } {
  const started = performance.now();
  const result = spawnSync(process.execPath, [bin, ...argv], { encoding: 'utf8', maxBuffer: 1 << 30, env: { ...process.env, NO_COLOR: '1' } });
  const seconds = (performance.now() - started) / 1000;
  if (result.status !== 0 && result.status !== 1) throw new Error(`neardup ${argv.join(' ')} failed (${result.status}): ${result.stderr}`);
  return { seconds, stdout: result.stdout };
}

const size = (path: string) => {
  try {
    return statSync(path).size;
  } catch {
    return 0;
  }
};
const mb = (bytes: number) => `${(bytes / 1e6).toFixed(0)} MB`;

const db = join(dir, 'corpus.neardup.db');
const newPath = join(dir, 'new.jsonl');
const steps = [...new Set([Math.ceil(docs / 100), Math.ceil(docs / 10), docs])];
writeJsonl(newPath, 0, checks, (m) => incoming(m, steps[0]!));
console.log(`index scale: ${docs} articles of ${words} words in steps ${steps.join(', ')}, ${checks} checked after each step (${dir})`);
console.log('indexed    add (s)  articles/s   check (s)  checks/s   copies found  unverified  db size');
let from = 0;
for (const to of steps) {
  const part = join(dir, `corpus-${from}-${to}.jsonl`);
  writeJsonl(part, from, to, (n) => JSON.stringify({ id: `doc-${n}`, text: `${madeUpArticle(n, 1, words).join(' ')}.` }));
  const add = run(['index', 'add', part, '--db', db, '--format', 'json', '-q']);
  const check = run(['check', newPath, '--db', db, '--format', 'json', '-q']);
  const report = JSON.parse(check.stdout) as { summary: { withCopies: number; unverified: number } };
  console.log(
    `${String(to).padStart(8)} ${add.seconds.toFixed(1).padStart(9)} ${((to - from) / add.seconds).toFixed(0).padStart(11)} ` +
      `${check.seconds.toFixed(1).padStart(10)} ${(checks / check.seconds).toFixed(0).padStart(9)} ${String(report.summary.withCopies).padStart(14)} ` +
      `${String(report.summary.unverified).padStart(11)}  ${mb(size(db) + size(`${db}-wal`))}`,
  );
  from = to;
}
const stats = run(['index', 'stats', '--db', db, '--format', 'json']);
console.log(`stats: ${stats.seconds.toFixed(1)} s; ${JSON.stringify(JSON.parse(stats.stdout).bytes)}`);
if (!keep && dirIndex < 0) rmSync(dir, { recursive: true, force: true });
