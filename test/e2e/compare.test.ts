import { describe, expect, it } from 'vitest';
import { SEED } from '../helpers/paths.js';
import { hasBuild, runBinary } from '../helpers/run-binary.js';

// The exit codes of `neardup compare` as main.ts sets them on the real process.
describe.skipIf(!hasBuild('test/e2e/compare.test.ts'))('neardup compare, built', () => {
  it('exits 0 with the JSON report, 5 naming a missing file, 2 for a usage error', () => {
    const run = runBinary(['compare', SEED.spun, SEED.teaser, '--format', 'json']);
    expect(run.status).toBe(0);
    expect(run.stderr).toBe('');
    expect(JSON.parse(run.stdout).relation).toMatchObject({ member: SEED.spun, canonical: SEED.teaser, relation: 'rewritten' });
    const missing = runBinary(['compare', 'no-such-article.txt', SEED.teaser]);
    expect(missing.status).toBe(5);
    expect(missing.stdout).toBe('');
    expect(missing.stderr).toBe('neardup: A, no-such-article.txt: no readable article: no such file or directory\n');
    expect(runBinary(['compare', SEED.spun]).status).toBe(2);
  });
});
