import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { forgetOnExit, removeOnExit, removeTemporaryFiles } from '../../src/input/temp-files.js';

describe('temporary files of a run', () => {
  const dir = mkdtempSync(join(tmpdir(), 'neardup-temp-files-test-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('removes what it was given, files and folders, and forgets what its maker removed', () => {
    const file = join(dir, 'spill.jsonl');
    const folder = join(dir, 'keys');
    const kept = join(dir, 'kept.jsonl');
    writeFileSync(file, '{}\n');
    mkdirSync(folder);
    writeFileSync(join(folder, '0'), '');
    writeFileSync(kept, '{}\n');
    removeOnExit(file);
    removeOnExit(folder);
    removeOnExit(kept);
    forgetOnExit(kept);
    removeTemporaryFiles();
    expect([existsSync(file), existsSync(folder), existsSync(kept)]).toEqual([false, false, true]);
    // Removed once: a file of the same name made afterwards is not the run's.
    writeFileSync(file, '{}\n');
    removeTemporaryFiles();
    expect(existsSync(file)).toBe(true);
  });
});
