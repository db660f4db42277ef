import { copyFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedsDir } from '../helpers/paths.js';
import { runCli } from '../helpers/run-cli.js';

const story =
  'Heavy rain flooded the coastal road on Sunday night and the ferry service was cancelled until the harbour wall is checked by ' +
  'engineers, the port authority said in a statement on Monday morning. Residents of the lower town were asked to move their cars ' +
  'to higher ground, and the school on the quay will stay closed for the rest of the week while the damage is assessed.';

describe('--baseline and --write-baseline', () => {
  let dir: string;
  const at = (...parts: string[]) => join(dir, ...parts);
  const run = (args: string[]) => runCli(args, { cwd: dir });

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'neardup-baseline-'));
    cpSync(seedsDir, at('in'), { recursive: true });
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('records the clusters deterministically, and a re-run against them passes --fail-on-duplicates', async () => {
    const write = await run(['in', '--format', 'json', '-o', 'report.json', '--write-baseline', 'neardup-baseline.json']);
    expect(write.status).toBe(0);
    expect(write.stderr).toContain('neardup: baseline of 1 cluster written to neardup-baseline.json');
    const text = readFileSync(at('neardup-baseline.json'), 'utf8');
    expect(JSON.parse(text)).toEqual({
      neardupBaseline: 1,
      params: {
        metric: 'containment', threshold: 0.7, shingleSize: 5, numPerm: 128, seed: 1, rewrites: true, withinDays: null,
        rewriteThreshold: 0.5, minAlignedSentences: 2, bands: 33, rows: 2,
      },
      clusters: [
        {
          canonical: 'in/002_3afb60d8cb355dca.txt',
          members: ['000_57b94c88e1d251a3', '001_1689a2795c3fa6a7', '002_3afb60d8cb355dca', '003_e9f2a0a8075f9824', '004_fe1fa3bedf862f6b'].map((f) => `in/${f}.txt`),
        },
      ],
    });
    expect((await run(['in', '--quiet', '--write-baseline', 'again.json'])).status).toBe(0);
    expect(readFileSync(at('again.json'), 'utf8')).toBe(text);

    const gate = await run(['in', '--baseline', 'neardup-baseline.json', '--fail-on-duplicates', '--format', 'json']);
    expect(gate.status).toBe(0);
    expect(gate.stderr).toBe('neardup: baseline: 4 known duplicates, no new ones\n');
    expect(JSON.parse(gate.stdout).baseline).toEqual({
      file: 'neardup-baseline.json',
      knownDuplicates: 4,
      newDuplicates: 0,
      clusters: [{ cluster: 1, status: 'known', knownDuplicates: 4, newMembers: [] }],
      resolved: [],
    });
    expect((await run(['in', '--baseline', 'neardup-baseline.json', '--fail-on-duplicates', '--quiet'])).stderr).toBe('');
  });

  it('exits 1 naming a new copy of an accepted story and a new pair, and 0 once they are accepted', async () => {
    mkdirSync(at('more'));
    copyFileSync(at('in', '002_3afb60d8cb355dca.txt'), at('more', 'copy-of-002.txt'));
    writeFileSync(at('more', 'flood-a.txt'), story);
    writeFileSync(at('more', 'flood-b.txt'), `${story}\n\nShare this story with your friends.`);
    const gate = await run(['in', 'more', '--baseline', 'neardup-baseline.json', '--fail-on-duplicates', '--format', 'json']);
    expect(gate.status).toBe(1);
    const report = JSON.parse(gate.stdout);
    expect(report.summary).toMatchObject({ clusters: 2, duplicates: 6 });
    expect(report.baseline).toMatchObject({ knownDuplicates: 4, newDuplicates: 2 });
    expect(report.baseline.clusters).toEqual([
      { cluster: 1, status: 'grown', knownDuplicates: 4, newMembers: ['more/copy-of-002.txt'] },
      { cluster: 2, status: 'new', knownDuplicates: 0, newMembers: [report.clusters[1].members[1].id] },
    ]);
    expect(gate.stderr).toMatch(/^neardup: baseline: 4 known duplicates, 2 new \(cluster 1: more\/copy-of-002\.txt; cluster 2: more\/flood-[ab]\.txt\)\n$/);

    // Without --fail-on-duplicates the comparison is reported and the run passes; the table marks each cluster.
    const table = await run(['in', 'more', '--baseline', 'neardup-baseline.json', '--quiet']);
    expect(table.status).toBe(0);
    expect(table.stdout).toContain('Cluster 1: 6 articles (in baseline, 1 new)');
    expect(table.stdout).toContain('Cluster 2: 2 articles (new)');

    // Accept them: compare with the old baseline and record the new one in the same run.
    const accept = await run(['in', 'more', '--baseline', 'neardup-baseline.json', '--write-baseline', 'neardup-baseline.json', '--fail-on-duplicates']);
    expect(accept.status).toBe(1);
    expect(JSON.parse(readFileSync(at('neardup-baseline.json'), 'utf8')).clusters).toHaveLength(2);
    expect((await run(['in', 'more', '--baseline', 'neardup-baseline.json', '--fail-on-duplicates'])).status).toBe(0);

    // Take the pair away: its baseline cluster is reported as no longer found.
    rmSync(at('more', 'flood-b.txt'));
    const fewer = await run(['in', 'more', '--baseline', 'neardup-baseline.json', '--fail-on-duplicates', '--format', 'json']);
    expect(fewer.status).toBe(0);
    expect(fewer.stderr).toBe('neardup: baseline: 5 known duplicates, no new ones; 1 baseline cluster no longer found\n');
    expect(JSON.parse(fewer.stdout).baseline.resolved).toEqual([{ canonical: expect.any(String), members: ['more/flood-a.txt', 'more/flood-b.txt'] }]);
  });

  it.each([
    ['not JSON', '{"neardupBaseline": 1, "params": ', /^neardup: bad\.json is not a neardup baseline: invalid JSON \(.+\)\n$/],
    ['another JSON file', '{"schemaVersion": 1, "clusters": []}\n', /^neardup: bad\.json is not a neardup baseline: no "neardupBaseline" field\n$/],
    ['a later version', '{"neardupBaseline": 2}\n', /^neardup: bad\.json is a version 2 neardup baseline; this neardup reads version 1\n$/],
  ])('exits 5 for a baseline that is %s, one line on stderr, the file untouched', async (_, text, message) => {
    writeFileSync(at('bad.json'), text);
    const bad = await run(['in', '--baseline', 'bad.json', '--fail-on-duplicates', '--write-baseline', 'bad.json']);
    expect(bad.status).toBe(5);
    expect(bad.stdout).toBe('');
    expect(bad.stderr).toMatch(message);
    expect(readFileSync(at('bad.json'), 'utf8')).toBe(text);
  });

  it('exits 5 for a missing baseline, and for one made with other parameters', async () => {
    const missing = await run(['in', '--baseline', 'nowhere.json']);
    expect(missing.status).toBe(5);
    expect(missing.stderr).toBe('neardup: cannot read baseline nowhere.json: no such file (record one with --write-baseline)\n');
    expect(existsSync(at('nowhere.json'))).toBe(false);

    const other = await run(['in', '--baseline', 'again.json', '--threshold', '0.8', '--fail-on-duplicates']);
    expect(other.status).toBe(5);
    expect(other.stdout).toBe('');
    expect(other.stderr).toBe(
      "neardup: again.json was made with other parameters: --threshold 0.8 (the baseline has --threshold 0.7); run with the baseline's parameters, or record a new baseline with --write-baseline and no --baseline\n",
    );
  });

  it('says so when no cluster of the baseline is found because the run names the inputs from another folder', async () => {
    expect((await run(['in', '--write-baseline', 'moved.json', '--quiet'])).status).toBe(0);
    const elsewhere = await runCli([at('in'), '--baseline', at('moved.json'), '--fail-on-duplicates'], { cwd: tmpdir() });
    expect(elsewhere.status).toBe(1);
    expect(elsewhere.stderr).toContain(
      `neardup: no cluster of the baseline was found: its ids (such as in/000_57b94c88e1d251a3.txt) may name the inputs from another folder than this run's (such as ${relative(tmpdir(), at('in', '002_3afb60d8cb355dca.txt'))}); ids are paths as given, so run the gate from the folder the baseline was written in\n`,
    );
    expect((await run(['in', '--baseline', 'moved.json', '--fail-on-duplicates'])).stderr).not.toContain('no cluster of the baseline');
  });

  it('refuses a baseline made with another rewrite threshold, minimum of aligned sentences or banding, naming each', async () => {
    await run(['in', '--rewrite-threshold', '0.9', '--min-aligned', '50', '--bands', '8', '--rows', '4', '--write-baseline', 'strict.json']);
    const gate = await run(['in', '--baseline', 'strict.json', '--fail-on-duplicates']);
    expect(gate.status).toBe(5);
    expect(gate.stderr).toBe(
      "neardup: strict.json was made with other parameters: --rewrite-threshold 0.5 (the baseline has --rewrite-threshold 0.9), --min-aligned 2 (the baseline has --min-aligned 50), --bands 33 (the baseline has --bands 8), --rows 2 (the baseline has --rows 4); run with the baseline's parameters, or record a new baseline with --write-baseline and no --baseline\n",
    );
    expect((await run(['in', '--baseline', 'strict.json', '--rewrite-threshold', '0.9', '--min-aligned', '50', '--bands', '8', '--rows', '4', '--fail-on-duplicates'])).status).toBe(0);
  });

  it('refuses to write the baseline over an input or over the report (exit 2)', async () => {
    const input = at('in', '000_57b94c88e1d251a3.txt');
    const before = readFileSync(input);
    const clash = await run(['in', '--write-baseline', 'in/000_57b94c88e1d251a3.txt']);
    expect(clash.status).toBe(2);
    expect(clash.stdout).toBe('');
    expect(clash.stderr).toBe('neardup: --write-baseline in/000_57b94c88e1d251a3.txt is one of the inputs; refusing to overwrite it\n');
    expect(readFileSync(input).equals(before)).toBe(true);

    const same = await run(['in', '-o', 'out.json', '--write-baseline', './out.json']);
    expect(same.status).toBe(2);
    expect(same.stderr).toBe('neardup: --output and --write-baseline name the same file\n');
    expect(existsSync(at('out.json'))).toBe(false);

    // The same new file through a link to its folder.
    symlinkSync('.', at('here'));
    const linked = await run(['in', '-o', 'fresh.json', '--write-baseline', 'here/fresh.json']);
    expect(linked.status).toBe(2);
    expect(linked.stderr).toBe('neardup: --output and --write-baseline name the same file\n');
    expect(existsSync(at('fresh.json'))).toBe(false);
  });

  it('refuses to write the report over the baseline or the config file it reads (exit 2), which stay as they were', async () => {
    await run(['in', '--write-baseline', 'kept.json']);
    const baseline = readFileSync(at('kept.json'));
    const over = await run(['in', '--baseline', 'kept.json', '-o', './kept.json', '--format', 'json']);
    expect(over.status).toBe(2);
    expect(over.stderr).toBe('neardup: --output ./kept.json is the baseline (--baseline) this run reads; refusing to overwrite it\n');
    expect(readFileSync(at('kept.json')).equals(baseline)).toBe(true);
    writeFileSync(at('settings.json'), '{"threshold": 0.7}');
    const config = await run(['in', '--config', 'settings.json', '-o', 'settings.json']);
    expect(config.status).toBe(2);
    expect(config.stderr).toBe('neardup: --output settings.json is the config file this run reads; refusing to overwrite it\n');
    expect(readFileSync(at('settings.json'), 'utf8')).toBe('{"threshold": 0.7}');
  });

  it('exits 5 when no article in the inputs is readable', async () => {
    mkdirSync(at('empty'));
    writeFileSync(at('empty', 'blank.txt'), '\n');
    const none = await run(['empty', '--baseline', 'again.json', '--fail-on-duplicates']);
    expect(none.status).toBe(5);
    expect(none.stdout).toBe('');
    expect(none.stderr).toContain('neardup: no readable articles in empty (1 skipped)');
  });
});
