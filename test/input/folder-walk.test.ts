import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { nodeFileSystem } from '../../src/input/file-system.js';
import { escapedName, inputPathName, nameBytes } from '../../src/input/input-path.js';
import { type ReadEvent, readInputs } from '../../src/input/read.js';

async function events(paths: string[]): Promise<ReadEvent[]> {
  const out: ReadEvent[] = [];
  for await (const event of readInputs(paths, nodeFileSystem())) out.push(event);
  return out;
}

const docs = (all: ReadEvent[]) => all.flatMap((e) => (e.kind === 'document' ? [e.document.id] : []));
const skips = (all: ReadEvent[]) => all.flatMap((e) => (e.kind === 'skipped' ? [`${e.skipped.path}: ${e.skipped.reason}`] : []));

describe('walking folders with symbolic links (a real file system in a temp folder)', () => {
  let dir: string;
  const at = (...parts: string[]) => join(dir, ...parts);
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'neardup-walk-'));
    mkdirSync(at('in', 'sub'), { recursive: true });
    for (const name of ['a', 'b', 'c']) writeFileSync(at('in', `${name}.txt`), `Story ${name} about the harbour wall and the ferry.`);
    writeFileSync(at('in', 'sub', 'd.txt'), 'Story d about the harbour wall and the ferry.');
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('reads each real file once and reports a loop once, where it was read 21 times before', async () => {
    symlinkSync('..', at('in', 'sub', 'loop'));
    const got = await events([at('in')]);
    expect(docs(got)).toEqual(['a', 'b', 'c'].map((n) => at('in', `${n}.txt`)).concat(at('in', 'sub', 'd.txt')));
    expect(skips(got)).toEqual([`${at('in', 'sub', 'loop')}: symbolic link loop: leads back to ${at('in')}`]);
  });

  it('does not hang on two loop links, and reports each once', async () => {
    symlinkSync('..', at('in', 'sub', 'loop1'));
    symlinkSync('../..', at('in', 'sub', 'loop2'));
    symlinkSync('.', at('in', 'self'));
    const started = Date.now();
    const got = await events([at('in')]);
    expect(Date.now() - started).toBeLessThan(5000);
    expect(docs(got)).toHaveLength(4);
    expect(skips(got)).toEqual([
      `${at('in', 'self')}: symbolic link loop: leads back to ${at('in')}`,
      `${at('in', 'sub', 'loop1')}: symbolic link loop: leads back to ${at('in')}`,
      `${at('in', 'sub', 'loop2')}: symbolic link to ${dir}, outside the folders given (name it as an input to read it)`,
    ]);
  });

  it.skipIf(spawnSync('mkfifo', ['--version']).status !== 0)('says why a FIFO or a link to a device named as an article is not read, and passes over other special files', async () => {
    expect(spawnSync('mkfifo', [at('in', 'pipe.txt'), at('in', 'control.sock')]).status).toBe(0);
    if (existsSync('/dev/zero')) symlinkSync('/dev/zero', at('in', 'zero.jsonl'));
    const got = await events([at('in')]);
    expect(docs(got)).toEqual(['a', 'b', 'c'].map((n) => at('in', `${n}.txt`)).concat(at('in', 'sub', 'd.txt')));
    const special = 'not a regular file (a device, FIFO or socket)';
    expect(skips(got)).toEqual([`${at('in', 'pipe.txt')}: ${special}`, ...(existsSync('/dev/zero') ? [`${at('in', 'zero.jsonl')}: ${special}`] : [])]);
    expect(got.filter((e) => e.kind === 'ignored')).toHaveLength(1);
  });

  // Only a user other than root meets the permission (root may search any folder): as root this test is skipped.
  it.skipIf(process.getuid?.() === 0)('says a folder can be listed but its files not opened, once, rather than passing them over', async () => {
    chmodSync(at('in', 'sub'), 0o644);
    try {
      expect(skips(await events([at('in')]))).toEqual([`${at('in', 'sub')}: permission denied: its names can be listed, but not its files opened`]);
    } finally {
      chmodSync(at('in', 'sub'), 0o755);
    }
  });

  it('reads a file reached by two paths once (a link, or the same input twice), and says where it was read', async () => {
    symlinkSync('a.txt', at('in', 'also-a.txt'));
    const got = await events([at('in'), at('in', 'b.txt')]);
    expect(docs(got)).toEqual(['a', 'b', 'c'].map((n) => at('in', `${n}.txt`)).concat(at('in', 'sub', 'd.txt')));
    expect(skips(got)).toEqual([`${at('in', 'also-a.txt')}: same file as ${at('in', 'a.txt')} (read there)`, `${at('in', 'b.txt')}: same file as ${at('in', 'b.txt')} (read there)`]);
  });

  it('reports links that leave the folders given, and dangling links, instead of following or ignoring them', async () => {
    mkdirSync(at('elsewhere'));
    writeFileSync(at('elsewhere', 'secret.txt'), 'Not meant to be read.');
    symlinkSync('../elsewhere', at('in', 'out'));
    symlinkSync('../elsewhere/secret.txt', at('in', 'out.txt'));
    symlinkSync('nothing-here.txt', at('in', 'dangling.txt'));
    const got = await events([at('in')]);
    expect(docs(got)).toHaveLength(4);
    expect(skips(got)).toEqual([
      `${at('in', 'dangling.txt')}: symbolic link that leads nowhere (or round in a loop)`,
      `${at('in', 'out')}: symbolic link to ${at('elsewhere')}, outside the folders given (name it as an input to read it)`,
      `${at('in', 'out.txt')}: symbolic link to ${at('elsewhere', 'secret.txt')}, outside the folders given (name it as an input to read it)`,
    ]);
    // With the other folder named as an input too, its links are followed, and each file read once, where first met:
    // inputs are read in order of their names, whatever order they were given in.
    for (const given of [[at('in'), at('elsewhere')], [at('elsewhere'), at('in')]]) {
      const both = await events(given);
      expect(docs(both)).toEqual([at('elsewhere', 'secret.txt'), ...['a', 'b', 'c'].map((n) => at('in', `${n}.txt`)), at('in', 'sub', 'd.txt')]);
      expect(skips(both)).toEqual([
        `${at('in', 'dangling.txt')}: symbolic link that leads nowhere (or round in a loop)`,
        `${at('in', 'out')}: same folder as ${at('elsewhere')} (read there)`,
        `${at('in', 'out.txt')}: same file as ${at('elsewhere', 'secret.txt')} (read there)`,
      ]);
    }
  });
});

describe('a file removed while its folder is read', () => {
  it('is skipped with why, where it would have been read; a removed file of another kind is only counted as ignored', async () => {
    const fs = nodeFileSystem();
    const dir = mkdtempSync(join(tmpdir(), 'neardup-walk-gone-'));
    try {
      writeFileSync(join(dir, 'kept.txt'), 'Story kept about the harbour wall and the ferry.');
      // The listing still names two files that are gone by the time each is looked at.
      const listing = { ...fs, list: async (path: string) => [...(await fs.list(path)), 'gone.txt', 'gone.png'] };
      const all: ReadEvent[] = [];
      for await (const event of readInputs([dir], listing)) all.push(event);
      expect(docs(all)).toEqual([join(dir, 'kept.txt')]);
      expect(skips(all)).toEqual([`${join(dir, 'gone.txt')}: removed while the folder was being read`]);
      expect(all.filter((e) => e.kind === 'ignored').map((e) => e.kind === 'ignored' && e.path)).toEqual([join(dir, 'gone.png')]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('file names that are not UTF-8', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'neardup-names-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('are read, with an id that escapes the bytes outside UTF-8 and round-trips to the file', async () => {
    // "café.txt" as Latin-1 writes it: é is the single byte E9.
    const latin1 = Buffer.concat([Buffer.from(`${dir}/caf`), Buffer.from([0xe9]), Buffer.from('.txt')]);
    writeFileSync(latin1, 'A story filed under a Latin-1 name.');
    writeFileSync(join(dir, 'plain.txt'), 'A story filed under a plain name.');
    const fs = nodeFileSystem();
    const got: ReadEvent[] = [];
    for await (const event of readInputs([dir], fs)) got.push(event);
    expect(docs(got)).toEqual([`${dir}/caf%E9.txt`, `${dir}/plain.txt`]);
    expect(skips(got)).toEqual([]);
    // Read again by its id, as a scan's second pass does (here and on a thread of its own).
    expect(new TextDecoder().decode(await fs.readBytes(`${dir}/caf%E9.txt`))).toBe('A story filed under a Latin-1 name.');
    expect(new TextDecoder().decode(await nodeFileSystem().readBytes(`${dir}/caf%E9.txt`))).toBe('A story filed under a Latin-1 name.');
    expect(readFileSync(nameBytes(`${dir}/caf%E9.txt`), 'utf8')).toBe('A story filed under a Latin-1 name.');
  });

  it('give a name spelled like an escape an id of its own: both files are read, each by its id', async () => {
    writeFileSync(Buffer.concat([Buffer.from(`${dir}/b`), Buffer.from([0xff]), Buffer.from('c.txt')]), 'The story under the byte FF.');
    writeFileSync(join(dir, 'b%FFc.txt'), 'The story under a percent sign.');
    const fs = nodeFileSystem();
    const got: ReadEvent[] = [];
    for await (const event of readInputs([dir], fs)) got.push(event);
    expect(skips(got)).toEqual([]);
    expect(docs(got)).toEqual([`${dir}/b%25FFc.txt`, `${dir}/b%FFc.txt`]);
    expect(new TextDecoder().decode(await fs.readBytes(`${dir}/b%FFc.txt`))).toBe('The story under the byte FF.');
    expect(new TextDecoder().decode(await nodeFileSystem().readBytes(`${dir}/b%25FFc.txt`))).toBe('The story under a percent sign.');
  });

  it('escape only what is not UTF-8, and "%" in such a name or where it reads as an escape, so every name round-trips', () => {
    const cases = [Buffer.from('café.txt'), Buffer.from([0x61, 0xe9, 0x62]), Buffer.from([0x25, 0xff, 0x41]), Buffer.from([0xe2, 0x82]), Buffer.from([0xed, 0xa0, 0x80]), Buffer.from('b%FFc 100%.txt')];
    expect(cases.map((c) => escapedName(c))).toEqual(['café.txt', 'a%E9b', '%25%FFA', '%E2%82', '%ED%A0%80', 'b%25FFc 100%.txt']);
    for (const c of cases) expect(nameBytes(escapedName(c)).equals(c)).toBe(true);
  });
});

describe('inputPathName: one spelling of an input, whatever the user typed', () => {
  it('gives in, ./in, in/ and $PWD/in the same name, relative to the current folder', () => {
    const cwd = '/home/user/news';
    expect(['in', './in', 'in/', './in//', `${cwd}/in`, `${cwd}/./x/../in`].map((p) => inputPathName(p, cwd))).toEqual(Array(6).fill('in'));
    expect(['.', './', cwd].map((p) => inputPathName(p, cwd))).toEqual(['.', '.', '.']);
    expect(inputPathName('in/a.txt', cwd)).toBe('in/a.txt');
    expect(inputPathName('-', cwd)).toBe('-');
  });

  it('names an input outside the current folder by its absolute path, whichever way it was spelled', () => {
    const cwd = '/home/user/news';
    expect(['../shared/seeds', '/home/user/shared/seeds', '/home/user/shared/seeds/'].map((p) => inputPathName(p, cwd))).toEqual(Array(3).fill('/home/user/shared/seeds'));
  });
});
