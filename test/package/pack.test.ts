import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { publint } from 'publint';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Report } from '../../src/report/scan-report.js';
import { repoRoot } from '../helpers/paths.js';

const built = existsSync(resolve(repoRoot, 'dist/index.js'));
if (!built) console.warn('[test/package/pack.test.ts] skipping package checks: dist/ is not built (npm run build)');

const npm = (args: string[], cwd: string) => spawnSync('npm', args, { cwd, encoding: 'utf8', env: { ...process.env, npm_config_loglevel: 'error' } });

describe.skipIf(!built)('the npm package', () => {
  let dir: string;
  let tarball: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'neardup-pack-'));
    // Scripts skipped: `prepare` would build again, and dist/ is built.
    const packed = npm(['pack', '--ignore-scripts', '--json', '--pack-destination', dir], repoRoot);
    expect(packed.status, packed.stderr).toBe(0);
    const [info] = JSON.parse(packed.stdout) as Array<{ filename: string; files: Array<{ path: string }> }>;
    tarball = join(dir, info!.filename);
    files = info!.files.map((f) => f.path).sort();
  }, 60_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  let files: string[] = [];

  it('holds the binary, the built library with its types, the schemas, the fixtures and the papers, and no sources or tests', () => {
    for (const path of ['bin/neardup.js', 'dist/index.js', 'dist/index.d.ts', 'dist/cli/main.js', 'schema/report.schema.json', 'schema/config.schema.json', 'fixtures/afp-kim-putin/002_3afb60d8cb355dca.txt', 'LICENSE', 'CHANGELOG.md', 'README.md', 'package.json']) {
      expect(files, path).toContain(path);
    }
    expect(files.filter((f) => f.startsWith('src/') || f.startsWith('test/') || f.startsWith('bench/'))).toEqual([]);
    const pkg = JSON.parse(readFileSync(resolve(repoRoot, 'package.json'), 'utf8')) as { version: string; engines: { node: string } };
    expect(pkg.engines.node).toMatch(/^>=20/);
    expect(readFileSync(resolve(repoRoot, 'CHANGELOG.md'), 'utf8')).toContain(`## ${pkg.version}`);
  });

  it('passes publint with no message at any level', async () => {
    const bytes = readFileSync(tarball);
    const { messages } = await publint({ pack: { tarball: bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.length) }, level: 'suggestion' });
    expect(messages).toEqual([]);
  });

  it('has types @arethetypeswrong/cli finds right for ESM consumers', () => {
    const attw = resolve(repoRoot, 'node_modules/@arethetypeswrong/cli/dist/index.js');
    const run = spawnSync(process.execPath, [attw, tarball, '--profile', 'esm-only', '--format', 'json'], { encoding: 'utf8' });
    const result = JSON.parse(run.stdout) as { problems?: Record<string, Array<{ kind: string; resolutionKind?: string }>>; analysis: { types: { kind: string } } };
    expect(result.analysis.types.kind).toBe('included');
    // The only problems attw may name are the CommonJS resolutions the esm-only profile ignores.
    const problems = Object.values(result.problems ?? {}).flat();
    expect(problems.filter((p) => p.resolutionKind !== 'node10' && p.resolutionKind !== 'node16-cjs')).toEqual([]);
    expect(run.status).toBe(0);
  }, 60_000);

  // Packed once for every test of the package (npm pack is slow to start): this one was test/e2e/pipelines.test.ts's.
  it('npm pack gives a package whose binary runs on its own fixtures', () => {
    const unpacked = join(dir, 'unpacked');
    mkdirSync(unpacked);
    expect(spawnSync('tar', ['-xzf', tarball, '-C', unpacked]).status).toBe(0);
    // Dependencies as an install would give them (this machine cannot fetch them again here).
    symlinkSync(resolve(repoRoot, 'node_modules'), join(unpacked, 'package', 'node_modules'));
    const run = spawnSync(process.execPath, ['package/bin/neardup.js', 'package/fixtures/', '--format', 'json'], { cwd: unpacked, encoding: 'utf8' });
    expect(run.status, run.stderr).toBe(0);
    const report = JSON.parse(run.stdout) as Report;
    expect(report.summary).toMatchObject({ documents: 5, clusters: 1, duplicates: 4 });
    expect(spawnSync(process.execPath, ['package/bin/neardup.js', '--version'], { cwd: unpacked, encoding: 'utf8' }).stdout.trim()).toBe(
      (JSON.parse(readFileSync(resolve(repoRoot, 'package.json'), 'utf8')) as { version: string }).version,
    );
  }, 60_000);
});
