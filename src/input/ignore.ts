import picomatch from 'picomatch';
import { type FileSystem, joinPath } from './file-system.js';

/** What to leave out of folder walks. */
export interface IgnoreRules {
  /** Globs (picomatch, dot-files included) matched against paths relative to the folder given as input. */
  readonly patterns: readonly string[];
  /** Also leave out what .gitignore files in the given folders and below name. */
  readonly gitignore: boolean;
}

/** One line of a .gitignore, as a matcher on paths relative to the walked folder. */
interface GitignoreRule {
  readonly negated: boolean;
  readonly directoryOnly: boolean;
  readonly matches: (path: string) => boolean;
}

/**
 * The rules of a .gitignore in folder `base` (relative to the walked folder, '' for itself): blank lines and # comments
 * skipped, ! negates, a trailing / matches folders only, a / elsewhere anchors the pattern to `base`, otherwise it
 * matches at any depth below. Not supported: backslash escapes (\#, \!, trailing spaces).
 */
export function parseGitignore(text: string, base: string): GitignoreRule[] {
  const rules: GitignoreRule[] = [];
  for (const raw of text.split(/\r?\n/)) {
    let line = raw.trimEnd();
    if (line === '' || line.startsWith('#')) continue;
    const negated = line.startsWith('!');
    if (negated) line = line.slice(1);
    const directoryOnly = line.endsWith('/');
    if (directoryOnly) line = line.replace(/\/+$/, '');
    if (line === '') continue;
    const anchored = line.includes('/');
    const pattern = line.replace(/^\/+/, '');
    const prefix = base === '' ? '' : `${base}/`;
    const glob = anchored ? `${prefix}${pattern}` : `${prefix}**/${pattern}`;
    rules.push({ negated, directoryOnly, matches: picomatch(glob, { dot: true }) });
  }
  return rules;
}

/** Whether the last rule that matches a path leaves it out. */
function ignoredByGitignore(rules: readonly GitignoreRule[], path: string, isDirectory: boolean): boolean {
  let ignored = false;
  for (const rule of rules) {
    if (rule.directoryOnly && !isDirectory) continue;
    if (rule.matches(path)) ignored = !rule.negated;
  }
  return ignored;
}

const normalized = (given: string) => given.replace(/\\/g, '/').replace(/(.)\/+$/, '$1');

/**
 * A file system whose folder listings leave out what the rules name, counting what they leave out (a folder counts
 * once: it is not entered). Only walks are filtered: a file given by name is read even when a rule names it.
 */
export function ignoringFileSystem(fs: FileSystem, roots: readonly string[], rules: IgnoreRules): { fs: FileSystem; ignored: () => number } {
  const folders = roots.filter((r) => r !== '-').map(normalized).sort((a, b) => b.length - a.length);
  const patterns = rules.patterns.length === 0 ? undefined : picomatch([...rules.patterns], { dot: true });
  const gitignores = new Map<string, Promise<GitignoreRule[]>>();
  let ignored = 0;

  /** The walked folder a path is under, and the path relative to it; undefined outside every given folder. */
  const placeOf = (path: string): { root: string; relative: string } | undefined => {
    for (const root of folders) {
      if (path === root) return { root, relative: '' };
      if (root === '.' || path.startsWith(`${root}/`)) return { root, relative: root === '.' ? path : path.slice(root.length + 1) };
    }
    return undefined;
  };

  /** The .gitignore rules in force in a folder: its parents' and then its own. */
  const gitignoreRules = (root: string, relative: string): Promise<GitignoreRule[]> => {
    const key = `${root}\u0000${relative}`;
    let known = gitignores.get(key);
    if (known === undefined) {
      const parent = relative === '' ? Promise.resolve([]) : gitignoreRules(root, relative.includes('/') ? relative.slice(0, relative.lastIndexOf('/')) : '');
      const folder = relative === '' ? root : joinPath(root, relative);
      known = parent.then(async (inherited) => {
        let text: string;
        try {
          text = new TextDecoder().decode(await fs.readBytes(joinPath(folder, '.gitignore')));
        } catch {
          return inherited;
        }
        return [...inherited, ...parseGitignore(text, relative)];
      });
      gitignores.set(key, known);
    }
    return known;
  };

  const leftOut = async (path: string, root: string, relative: string): Promise<boolean> => {
    const isDirectory = (await fs.kind(path)) === 'directory';
    if (patterns && (patterns(relative) || (isDirectory && patterns(`${relative}/`)))) return true;
    if (!rules.gitignore) return false;
    const folder = relative.includes('/') ? relative.slice(0, relative.lastIndexOf('/')) : '';
    return ignoredByGitignore(await gitignoreRules(root, folder), relative, isDirectory);
  };

  const filtered: FileSystem = {
    ...fs,
    ...(fs.sharedWithWorkers ? { sharedWithWorkers: true } : {}),
    kind: (path) => fs.kind(path),
    readBytes: (path) => fs.readBytes(path),
    lines: (path) => fs.lines(path),
    linePieces: (path) => fs.linePieces(path),
    lineAt: (path, offset) => fs.lineAt(path, offset),
    async list(dir) {
      const names = await fs.list(dir);
      const place = placeOf(normalized(dir));
      if (place === undefined) return names;
      const kept: string[] = [];
      for (const name of names) {
        const relative = place.relative === '' ? name : `${place.relative}/${name}`;
        if (!name.startsWith('.') && (await leftOut(joinPath(dir, name), place.root, relative))) ignored++;
        else kept.push(name);
      }
      return kept;
    },
  };
  return { fs: filtered, ignored: () => ignored };
}
