import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixturesDir } from '../helpers/paths.js';
import { runCliInProcess } from '../helpers/in-process-cli.js';

describe('check --threshold and --metric measure with the index\'s bands', () => {
  let dir: string;
  const db = () => join(dir, 'index.db');
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'neardup-check-threshold-'));
    expect((await runCliInProcess(['index', 'add', join(fixturesDir, 'afp-kim-putin/002_3afb60d8cb355dca.txt'), '--db', db(), '-q'])).status).toBe(0);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const matches = (stdout: string) => (JSON.parse(stdout) as { summary: { matches: number } }).summary.matches;

  it('a lower threshold works, with a warning that the index was tuned higher', async () => {
    const run = await runCliInProcess(['check', fixturesDir, '--db', db(), '--threshold', '0.4', '--format', 'json']);
    expect(run.status).toBe(0);
    expect(run.stderr).toBe('neardup: the index was tuned to containment 0.7: copies less similar than that may be missed at containment 0.4\n');
    expect(matches(run.stdout)).toBeGreaterThanOrEqual(1);
  });

  it('a higher threshold works without a warning and finds no more than the index\'s own', async () => {
    const own = await runCliInProcess(['check', fixturesDir, '--db', db(), '--format', 'json']);
    const higher = await runCliInProcess(['check', fixturesDir, '--db', db(), '--threshold', '0.95', '--format', 'json']);
    expect(higher.status).toBe(0);
    expect(higher.stderr).toBe('');
    expect(matches(higher.stdout)).toBeLessThanOrEqual(matches(own.stdout));
  });

  it('--metric jaccard works on a containment index', async () => {
    const run = await runCliInProcess(['check', fixturesDir, '--db', db(), '--metric', 'jaccard', '--format', 'json']);
    expect(run.status).toBe(0);
    const report = JSON.parse(run.stdout) as { params: { metric: string; threshold: number }; index: { bands: number } };
    expect(report.params).toMatchObject({ metric: 'jaccard', threshold: 0.5 });
    expect(report.index.bands).toBe(33);
  });

  it('--bands still binds: other bands than the index\'s are refused (exit 4)', async () => {
    const run = await runCliInProcess(['check', fixturesDir, '--db', db(), '--bands', '10', '--rows', '3']);
    expect(run.status).toBe(4);
    expect(run.stderr).toMatch(/^neardup: .*index\.db was built with other parameters: bands/);
  });
});
