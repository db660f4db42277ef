/** The news-like corpus: Reuters stories repeated with light edits, made by ../shared/tools/make-news-corpus.js. */
import { spawnSync } from 'node:child_process';
import { existsSync, renameSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { log } from './log.js';
import { int } from './table.js';

/** Where a news-like corpus of `docs` articles is cached in the benchmark's output folder. */
export const newsLikePath = (dir: string, docs: number) => join(dir, `news-like-${docs}.jsonl`);

/**
 * The news-like corpus of `docs` articles, made once with the generator's default seed (`node TOOL N OUT`, as the
 * docs give it) and cached in `dir`; written under another name first, so a run stopped half-way leaves no corpus
 * that looks whole. Returns its path and size.
 */
export function newsLikeCorpus(dir: string, docs: number, tool: string): { path: string; bytes: number } {
  const path = newsLikePath(dir, docs);
  if (!existsSync(path)) {
    const partial = `${path}.partial`;
    const t = process.hrtime.bigint();
    const made = spawnSync(process.execPath, [tool, String(docs), partial], { stdio: ['ignore', 'pipe', 'inherit'], encoding: 'utf8' });
    if (made.status !== 0) throw new Error(`${tool} ${docs} failed (${made.error?.message ?? `exit ${made.status ?? made.signal}`})`);
    renameSync(partial, path);
    log(`news-like corpus of ${int(docs)} articles generated in ${(Number(process.hrtime.bigint() - t) / 1e9).toFixed(1)} s: ${path}`);
  } else log(`news-like corpus of ${int(docs)} articles cached: ${path}`);
  return { path, bytes: statSync(path).size };
}
