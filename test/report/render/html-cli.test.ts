import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../../src/cli/program.js';
import { foldText } from '../../../src/text/normalize.js';
import { tokenizeAndHash } from '../../../src/text/tokenize.js';
import { repoRoot } from '../../helpers/paths.js';

/** Runs the CLI in-process, as the binary would; returns its status, stdout and stderr. */
async function run(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const collect = () => {
    const stream = new PassThrough();
    const chunks: Buffer[] = [];
    stream.on('data', (c: Buffer) => chunks.push(c));
    return { stream, text: () => Buffer.concat(chunks).toString('utf8') };
  };
  const stdout = collect();
  const stderr = collect();
  const code = await runCli(args, { stdout: stdout.stream, stderr: stderr.stream, stdin: new PassThrough(), env: {}, cwd: repoRoot });
  return { code, stdout: stdout.text(), stderr: stderr.text() };
}

const dataBlock = (page: string, id: string) => new RegExp(`<script type="application/json" id="${id}">\\n?([\\s\\S]*?)</script>`).exec(page)![1]!;

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'neardup-html-cli-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('neardup --format html', () => {
  it('writes a page whose data is, byte for byte, the JSON report of the same run, with the five clustered texts', async () => {
    const file = join(dir, 'report.html');
    const html = await run(['fixtures/', '--format', 'html', '-o', file]);
    expect(html.code).toBe(0);
    expect(html.stderr).toContain(`report written to ${file}`);
    const json = await run(['fixtures/', '--format', 'json']);
    const page = readFileSync(file, 'utf8');
    expect(dataBlock(page, 'neardup-report')).toBe(json.stdout.replace(/</g, '\\u003c'));
    const report = JSON.parse(json.stdout) as { clusters: Array<{ members: Array<{ id: string; words: number }> }> };
    const texts = (JSON.parse(dataBlock(page, 'neardup-texts')) as { articles: Record<string, string> }).articles;
    const members = report.clusters[0]!.members;
    expect(Object.keys(texts).sort()).toEqual(members.map((m) => m.id).sort());
    for (const m of members) expect(tokenizeAndHash(foldText(texts[m.id]!)).tokens.count).toBe(m.words);
  });

  it('is offered by --help and named when a format is unknown', async () => {
    expect((await run(['scan', '--help'])).stdout).toMatch(/choices:\s+"table",\s+"json",(\s+"\w+",)*\s+"html"/);
    expect((await run(['check', '--help'])).stdout).toMatch(/choices:\s+"table",\s+"json",\s+"html"/);
    const wrong = await run(['fixtures/', '--format', 'pdf']);
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toContain('html');
  });
});
