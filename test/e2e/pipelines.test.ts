import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Report } from '../../src/report/scan-report.js';
import { hasBuild, runBinary } from '../helpers/run-binary.js';
import { runCli } from '../helpers/run-cli.js';
import { syntheticText } from '../helpers/synthetic.js';

/** Issue 21 end to end, through the built binary: --jobs, which runs worker threads from dist/ (config, ignore, input formats and CI reporters in this process: test/cli/pipelines.test.ts; the package: test/package/pack.test.ts). */
let dir: string;
const json = (stdout: string) => JSON.parse(stdout) as Report;
/** A report's clusters as canonical and member ids, which do not depend on where the articles were read from. */
const clusterIds = (report: Report) => report.clusters.map((c) => ({ canonical: c.canonical, members: c.members.map((m) => m.id) }));

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'neardup-e2e-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe.skipIf(!hasBuild('test/e2e/pipelines.test.ts'))('5. --jobs', () => {
  it('gives byte-identical JSON for 1, 2 and the default (all cores) on input large enough for workers', async () => {
    const lines: string[] = [];
    for (let g = 0; g < 700; g++) {
      const text = syntheticText(g, 220);
      lines.push(JSON.stringify({ id: `d${g}`, text }));
      if (g % 5 === 0) lines.push(JSON.stringify({ id: `d${g}-copy`, text: `${text} One more closing sentence here.` }));
    }
    writeFileSync(join(dir, 'big.jsonl'), `${lines.join('\n')}\n`);
    expect(readFileSync(join(dir, 'big.jsonl')).length).toBeGreaterThan(1 << 20);
    // One thread in this process, from the sources (no worker threads to start); the threads through the build.
    const args = ['big.jsonl', '--format', 'json', '--no-rewrites'];
    const outputs = [await runCli([...args, '--jobs', '1'], { cwd: dir }), ...[['--jobs', '2'], []].map((jobs) => runBinary([...args, ...jobs], { cwd: dir }))];
    expect(outputs.map((o) => o.status)).toEqual([0, 0, 0]);
    expect(json(outputs[0]!.stdout).summary.clusters).toBe(140);
    expect(outputs[1]!.stdout).toBe(outputs[0]!.stdout);
    expect(outputs[2]!.stdout).toBe(outputs[0]!.stdout);
    // A decoded input re-read by worker threads from its spill: the same clusters as the JSONL.
    writeFileSync(join(dir, 'big.jsonl.gz'), gzipSync(readFileSync(join(dir, 'big.jsonl'))));
    const gz = runBinary(['big.jsonl.gz', '--format', 'json', '--no-rewrites', '--jobs', '2'], { cwd: dir });
    expect(json(gz.stdout).skipped).toEqual([]);
    expect(clusterIds(json(gz.stdout))).toEqual(clusterIds(json(outputs[0]!.stdout)));
  }, 120_000);
});
