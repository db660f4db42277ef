import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { safeText } from '../../../src/report/render/safe-text.js';
import { runCliInProcess } from '../../helpers/in-process-cli.js';
import { syntheticText } from '../../helpers/synthetic.js';

/** What a hostile id or text may carry to take over a terminal. */
const HOSTILE = {
  newline: 'a\nb',
  clear: 'a\u001b[2Jb',
  title: 'a\u001b]0;pwned\u0007b',
  bell: 'a\u0007b',
  carriageReturn: 'a\rb',
  link: '\u001b]8;;https://evil.example/\u001b\\click\u001b]8;;\u001b\\',
  rightToLeft: 'a\u202etxt.exe',
  c1: 'a\u009b2Jb',
};

/** Any unit that acts on a terminal or reorders text: none may reach a human-readable output raw. */
const RAW_CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;

describe('safeText', () => {
  it('shows each control and bidi character as an escape', () => {
    expect(safeText(HOSTILE.newline)).toBe('a\\nb');
    expect(safeText(HOSTILE.clear)).toBe('a\\e[2Jb');
    expect(safeText(HOSTILE.title)).toBe('a\\e]0;pwned\\u0007b');
    expect(safeText(HOSTILE.carriageReturn)).toBe('a\\rb');
    expect(safeText(HOSTILE.link)).toBe('\\e]8;;https://evil.example/\\e\\click\\e]8;;\\e\\');
    expect(safeText(HOSTILE.rightToLeft)).toBe('a\\u202etxt.exe');
    expect(safeText(HOSTILE.c1)).toBe('a\\u009b2Jb');
  });

  it('leaves ordinary text, tabs and every script alone', () => {
    for (const text of ['reuters-1090', 'Zürich — «quoted»\ttab', 'ملخص الأخبار', '東京の天気', 'שלום']) expect(safeText(text)).toBe(text);
  });
});

describe('hostile ids and texts in every human-readable output', () => {
  let dir: string;
  let corpus: string;
  let incoming: string;
  const db = () => join(dir, 'index.db');
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'neardup-hostile-'));
    const story = syntheticText(1, 120);
    const lines = Object.entries(HOSTILE).map(([name, evil], n) =>
      JSON.stringify({ id: `${name}-${evil}`, text: n === 0 ? story : `${story} ${evil} ${syntheticText(100 + n, 12)}` }),
    );
    corpus = join(dir, 'corpus.jsonl');
    writeFileSync(corpus, `${lines.join('\n')}\n${JSON.stringify({ id: `empty-${HOSTILE.clear}`, text: '' })}\n`);
    incoming = join(dir, 'incoming.jsonl');
    writeFileSync(incoming, `${JSON.stringify({ id: `new-${HOSTILE.title}${HOSTILE.rightToLeft}`, text: `${story} ${HOSTILE.link}` })}\n`);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('the scan table and its warnings show escapes, not controls', async () => {
    const run = await runCliInProcess([corpus]);
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('8 articles compared: 1 cluster of near-duplicates, 7 duplicates');
    expect(run.stdout).toContain('clear-a\\e[2Jb');
    expect(run.stdout).toContain('rightToLeft-a\\u202etxt.exe');
    expect(run.stdout.replaceAll('\n', '')).not.toMatch(RAW_CONTROL);
    expect(run.stdout.split('\n').filter((line) => line.includes('newline-'))).toEqual([expect.stringContaining('newline-a\\nb')]);
    expect(run.stderr.replaceAll('\n', '')).not.toMatch(RAW_CONTROL);
  });

  it('the JSON report keeps the ids exactly', async () => {
    const run = await runCliInProcess([corpus, '--format', 'json']);
    const ids = (JSON.parse(run.stdout) as { clusters: Array<{ members: Array<{ id: string }> }> }).clusters[0]!.members.map((m) => m.id);
    expect(ids).toContain(`title-${HOSTILE.title}`);
    expect(ids).toContain(`link-${HOSTILE.link}`);
  });

  it('the check table and index messages show escapes, not controls', async () => {
    const add = await runCliInProcess(['index', 'add', corpus, '--db', db()]);
    expect(add.status).toBe(0);
    expect(add.stderr.replaceAll('\n', '')).not.toMatch(RAW_CONTROL);
    const check = await runCliInProcess(['check', incoming, '--db', db()]);
    expect(check.status).toBe(0);
    expect(check.stdout).toContain('new-a\\e]0;pwned\\u0007ba\\u202etxt.exe');
    expect(check.stdout).toContain('newline-a\\nb');
    expect(check.stdout.replaceAll('\n', '')).not.toMatch(RAW_CONTROL);
    const removed = await runCliInProcess(['index', 'remove', `gone-${HOSTILE.clear}`, '--db', db()]);
    expect(removed.stderr).toBe('neardup: not in the index: gone-a\\e[2Jb\n');
  });

  it('an error message naming a hostile path shows escapes', async () => {
    const run = await runCliInProcess([join(dir, `missing-${HOSTILE.clear}.txt`)]);
    expect(run.stderr).toContain('missing-a\\e[2Jb.txt');
    expect(run.stderr.replaceAll('\n', '')).not.toMatch(RAW_CONTROL);
  });
});
