import { describe, expect, it } from 'vitest';
import { memoryFileSystem } from '../../src/input/file-system.js';
import { ignoringFileSystem, parseGitignore } from '../../src/input/ignore.js';
import { readInputs } from '../../src/input/read.js';

const TREE = {
  'corpus/a.txt': 'alpha story',
  'corpus/a.bak.txt': 'backup story',
  'corpus/drafts/d.txt': 'draft story',
  'corpus/news/b.txt': 'beta story',
  'corpus/news/old/c.txt': 'gamma story',
  'corpus/news/keep.log.txt': 'kept story',
  'corpus/build/x.txt': 'built story',
  'corpus/.gitignore': '# comments and blanks are skipped\n\n*.log.txt\nbuild/\n/drafts\n',
  'corpus/news/.gitignore': 'old/\n!keep.log.txt\n',
  'elsewhere/drafts/e.txt': 'other draft',
};

async function idsRead(paths: string[], patterns: string[], gitignore: boolean) {
  const { fs, ignored } = ignoringFileSystem(memoryFileSystem(TREE), paths, { patterns, gitignore });
  const ids: string[] = [];
  for await (const event of readInputs(paths, fs)) if (event.kind === 'document') ids.push(event.document.id);
  return { ids, ignored: ignored() };
}

describe('ignoringFileSystem', () => {
  it('leaves out what --ignore globs match, relative to each folder given, and counts it (a folder once)', async () => {
    expect(await idsRead(['corpus/'], ['drafts/**', '**/*.bak.txt'], false)).toEqual({
      ids: ['corpus/a.txt', 'corpus/build/x.txt', 'corpus/news/b.txt', 'corpus/news/keep.log.txt', 'corpus/news/old/c.txt'],
      ignored: 2,
    });
    // Relative to the folder given: elsewhere/drafts is a folder "drafts" under "elsewhere" too.
    expect((await idsRead(['elsewhere'], ['drafts/**'], false)).ids).toEqual([]);
    // Without a match, nothing is left out.
    expect(await idsRead(['corpus'], ['nothing/**'], false)).toMatchObject({ ignored: 0 });
  });

  it('honours .gitignore files: anchored and unanchored lines, folder-only rules, negation in a folder below', async () => {
    expect(await idsRead(['corpus'], [], true)).toEqual({
      ids: ['corpus/a.bak.txt', 'corpus/a.txt', 'corpus/news/b.txt', 'corpus/news/keep.log.txt'],
      ignored: 3,
    });
  });

  it('reads a file named as input even when a rule names it', async () => {
    expect((await idsRead(['corpus/drafts/d.txt'], ['**'], true)).ids).toEqual(['corpus/drafts/d.txt']);
  });
});

describe('parseGitignore', () => {
  it('anchors patterns with a slash to their folder and lets others match at any depth', () => {
    const [anchored, anywhere] = parseGitignore('/top.txt\nname.txt\n', 'sub');
    expect(anchored!.matches('sub/top.txt')).toBe(true);
    expect(anchored!.matches('sub/deeper/top.txt')).toBe(false);
    expect(anywhere!.matches('sub/x/y/name.txt')).toBe(true);
    expect(anywhere!.matches('other/name.txt')).toBe(false);
  });
});
