import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONFIG_KEYS, loadConfig, parseConfig } from '../../src/cli/config.js';
import { UsageError } from '../../src/errors.js';
import type { Report } from '../../src/report/scan-report.js';
import { repoRoot, seedsDir } from '../helpers/paths.js';
import { runInProcess } from '../helpers/in-process.js';

const schema = JSON.parse(readFileSync(join(repoRoot, 'schema/config.schema.json'), 'utf8')) as {
  $defs: { settings: { properties: Record<string, { type?: string; enum?: string[] }> } };
};
const validate = new Ajv2020({ allErrors: true, strict: false }).compile(schema);

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'neardup-config-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('parseConfig', () => {
  it('gives numbers as the command line would, and paths against the config file\'s folder', () => {
    const config = parseConfig('{"threshold": 0.8, "prefer": ["*afp*"], "rewrites": false, "baseline": "ci/base.json", "check": {"format": "json"}}', '/repo/sub/neardup.config.json')!;
    expect(config.values).toEqual({ threshold: '0.8', prefer: ['*afp*'], rewrites: false, baseline: '/repo/sub/ci/base.json' });
    expect(config.check).toEqual({ format: 'json' });
  });

  it('reads a file an editor saved with a byte-order mark', () => {
    expect(parseConfig('\uFEFF{"threshold": 0.7}\r\n', '/repo/.neardup.json')!.values).toEqual({ threshold: '0.7' });
  });

  it('refuses unknown settings, wrong types and broken JSON, naming the file', () => {
    expect(() => parseConfig('{"treshold": 0.8}', 'x.json')).toThrow(/x\.json: unknown setting "treshold"/);
    expect(() => parseConfig('{"threshold": "high"}', 'x.json')).toThrow(/"threshold" takes a number, got "high"/);
    expect(() => parseConfig('{"ignore": "drafts"}', 'x.json')).toThrow(/"ignore" takes a list of strings/);
    expect(() => parseConfig('{"check": {"seed": true}}', 'x.json')).toThrow(/"check\.seed" takes a number/);
    expect(() => parseConfig('{', 'x.json')).toThrow(UsageError);
  });

  it('reads package.json only for its "neardup" key', () => {
    expect(parseConfig('{"name": "x"}', '/p/package.json')).toBeUndefined();
    expect(parseConfig('{"name": "x", "neardup": {"seed": 7}}', '/p/package.json')!.values).toEqual({ seed: '7' });
  });
});

describe('config.schema.json', () => {
  it('names exactly the settings the CLI reads, with the same types', () => {
    const properties = schema.$defs.settings.properties;
    expect(Object.keys(properties).sort()).toEqual(Object.keys(CONFIG_KEYS).sort());
    for (const [key, kind] of Object.entries(CONFIG_KEYS)) {
      const type = properties[key]!.type ?? (properties[key]!.enum ? 'string' : undefined);
      expect({ key, type: type === 'integer' ? 'number' : type === 'array' ? 'strings' : type }).toEqual({ key, type: kind });
    }
  });

  it('accepts a full config and refuses a misspelt key, at the top and in "check"', () => {
    expect(validate({ $schema: './schema/config.schema.json', threshold: 0.8, ignore: ['drafts/**'], format: 'github', check: { format: 'json' } })).toBe(true);
    expect(validate({ treshold: 0.8 })).toBe(false);
    expect(validate({ check: { treshold: 0.8 } })).toBe(false);
  });
});

describe('loadConfig', () => {
  it('finds neardup.config.json, .neardup.json or package.json\'s key from the working folder upward; --config wins', () => {
    const top = join(dir, 'find');
    const deep = join(top, 'a', 'b');
    mkdirSync(deep, { recursive: true });
    expect(loadConfig(deep).file).toBeUndefined();
    writeFileSync(join(top, 'package.json'), '{"neardup": {"seed": 3}}');
    expect(loadConfig(deep)).toMatchObject({ file: join(top, 'package.json'), values: { seed: '3' } });
    writeFileSync(join(top, 'a', 'package.json'), '{"name": "no key"}');
    writeFileSync(join(top, 'a', '.neardup.json'), '{"seed": 4}');
    expect(loadConfig(deep)).toMatchObject({ file: join(top, 'a', '.neardup.json'), values: { seed: '4' } });
    writeFileSync(join(top, 'a', 'neardup.config.json'), '{"seed": 5}');
    expect(loadConfig(deep).values).toEqual({ seed: '5' });
    writeFileSync(join(dir, 'other.json'), '{"seed": 6}');
    expect(loadConfig(deep, join(dir, 'other.json')).values).toEqual({ seed: '6' });
    expect(() => loadConfig(deep, join(dir, 'missing.json'))).toThrow(/cannot read config .*missing\.json: no such file/);
  });

  it('passes over, with a warning, a package.json on the way up that is not JSON; one named by --config, or a broken config file of its own, stops the run', () => {
    const top = join(dir, 'broken-package');
    const deep = join(top, 'a');
    mkdirSync(deep, { recursive: true });
    writeFileSync(join(top, '.neardup.json'), '{"seed": 7}');
    writeFileSync(join(deep, 'package.json'), '{"name": "half-written",');
    const warnings: string[] = [];
    expect(loadConfig(deep, undefined, (m) => warnings.push(m))).toMatchObject({ file: join(top, '.neardup.json'), values: { seed: '7' } });
    expect(warnings).toEqual([expect.stringMatching(/a\/package\.json: not valid JSON \(.*\): passed over, so a "neardup" key in it is not read$/)]);
    expect(() => loadConfig(deep, 'package.json')).toThrow(/package\.json: not valid JSON/);
    writeFileSync(join(deep, '.neardup.json'), '{"seed": ');
    expect(() => loadConfig(deep)).toThrow(/\.neardup\.json: not valid JSON/);
  });
});

describe('a scan with a config file', () => {
  const scanJson = async (cwd: string, ...args: string[]) => {
    const run = await runInProcess(['scan', seedsDir, '--format', 'json', '--quiet', ...args], cwd);
    expect(run.stderr).toBe('');
    return { status: run.status, report: JSON.parse(run.stdout) as Report };
  };

  it('takes its settings, lets flags win, and names the file in params.config', async () => {
    const project = join(dir, 'project');
    mkdirSync(join(project, 'sub'), { recursive: true });
    const none = await scanJson(project);
    expect(none.report.params).toMatchObject({ threshold: 0.7, shingleSize: 5, config: null });
    writeFileSync(join(project, 'neardup.config.json'), '{"threshold": 0.9, "shingleSize": 4, "rewrites": false}');
    const configured = await scanJson(join(project, 'sub'));
    expect(configured.report.params).toMatchObject({ threshold: 0.9, shingleSize: 4, rewrites: false, config: '../neardup.config.json' });
    // Fewer links at 0.9 without rewrites than the defaults find.
    expect(configured.report.summary.duplicates).toBeLessThan(none.report.summary.duplicates);
    const flagged = await scanJson(join(project, 'sub'), '--threshold', '0.7', '--shingle-size', '5');
    expect(flagged.report.params).toMatchObject({ threshold: 0.7, shingleSize: 5, rewrites: false });
  });

  it('lets a flag turn back on or off what the config turned off or on (--rewrites, --boilerplate, --no-fail-on-duplicates)', async () => {
    const project = join(dir, 'booleans');
    mkdirSync(project);
    writeFileSync(join(project, 'neardup.config.json'), '{"rewrites": false, "boilerplate": false, "failOnDuplicates": true}');
    const configured = await scanJson(project);
    expect(configured.status).toBe(1);
    expect(configured.report.params).toMatchObject({ rewrites: false });
    const flagged = await scanJson(project, '--rewrites', '--boilerplate', '--no-fail-on-duplicates');
    expect(flagged.status).toBe(0);
    expect(flagged.report.params).toMatchObject({ rewrites: true });
    expect(flagged.report.summary.duplicates).toBeGreaterThan(configured.report.summary.duplicates);
  });

  it('refuses a setting in the "check" section that check does not have, naming it; at the top it is scan\'s and left out', async () => {
    const project = join(dir, 'check-section');
    mkdirSync(project);
    writeFileSync(join(project, 'neardup.config.json'), '{"check": {"within": 3}}');
    const stray = await runInProcess(['check', seedsDir, '--db', join(project, 'none.db')], project);
    expect(stray.status).toBe(2);
    expect(stray.stderr).toMatch(/neardup\.config\.json: "check\.within" is not a setting of neardup check \(it has no --within\)/);
    writeFileSync(join(project, 'neardup.config.json'), '{"within": 3}');
    const top = await runInProcess(['check', seedsDir, '--db', join(project, 'none.db')], project);
    expect(top.stderr).not.toMatch(/within/);
  });

  it('blames a value out of range on the config file\'s setting, not on a flag the user never typed; a flag\'s own value on the flag', async () => {
    const project = join(dir, 'blame');
    mkdirSync(project);
    writeFileSync(join(project, 'neardup.config.json'), '{"threshold": 2, "check": {"threshold": 3}}');
    const scanned = await runInProcess(['scan', seedsDir, '--quiet'], project);
    expect(scanned.status).toBe(2);
    expect(scanned.stderr).toMatch(/neardup\.config\.json: "threshold" \(--threshold\) takes a number from 0\.01 to 1, got "2"/);
    const checked = await runInProcess(['check', seedsDir, '--db', join(project, 'none.db')], project);
    expect(checked.status).toBe(2);
    expect(checked.stderr).toMatch(/neardup\.config\.json: "check\.threshold" \(--threshold\) takes a number from 0\.01 to 1, got "3"/);
    const flagged = await runInProcess(['scan', seedsDir, '--quiet', '--threshold', '5'], project);
    expect(flagged.stderr).toMatch(/^neardup: --threshold takes a number from 0\.01 to 1, got "5"/m);
  });

  it('writes its format setting through, and a wrong setting is a usage error naming the file', async () => {
    const project = join(dir, 'formats');
    mkdirSync(project);
    writeFileSync(join(project, '.neardup.json'), '{"format": "markdown"}');
    const run = await runInProcess(['scan', seedsDir, '--quiet'], project);
    expect(run.stdout.startsWith('## neardup: near-duplicate articles\n')).toBe(true);
    writeFileSync(join(project, '.neardup.json'), '{"format": "xml"}');
    const bad = await runInProcess(['scan', seedsDir, '--quiet'], project);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/\.neardup\.json: "format" takes table, json, github, sarif, markdown, html for scan, got "xml"/);
  });

  it('guards a baseline the same whether its parameters came from the config or the flags', async () => {
    const project = join(dir, 'guard');
    mkdirSync(project);
    writeFileSync(join(project, 'neardup.config.json'), '{"threshold": 0.8, "writeBaseline": "base.json"}');
    expect((await scanJson(project)).status).toBe(0);
    rmSync(join(project, 'neardup.config.json'));
    // The same threshold by flag: accepted.
    expect((await scanJson(project, '--threshold', '0.8', '--baseline', join(project, 'base.json'))).status).toBe(0);
    // Another threshold by config: refused, as a flag would be.
    writeFileSync(join(project, 'neardup.config.json'), '{"threshold": 0.75, "baseline": "base.json"}');
    const refused = await runInProcess(['scan', seedsDir, '--quiet'], project);
    expect(refused.status).toBe(5);
    expect(refused.stderr).toMatch(/threshold/);
  });
});
