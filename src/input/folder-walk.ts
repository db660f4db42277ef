import { isArticleFile } from './article.js';
import { type FileSystem, joinPath, type PathIdentity } from './file-system.js';

/** What walking the inputs finds: a file to read (`explicit`: named as an input), or a path passed over and why. */
export type WalkEntry =
  | { readonly kind: 'file'; readonly path: string; readonly explicit: boolean }
  | { readonly kind: 'skipped'; readonly skipped: { readonly path: string; readonly reason: string } }
  | { readonly kind: 'ignored'; readonly path: string };

/** Deeper folders are not entered: with loops caught by device and inode, only a file system without links gets here. */
const MAX_DEPTH = 64;

/** Code-unit order, not locale order: the same on every machine (how folders are walked, and ids ordered). */
export const byCodeUnits = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

function isWithin(path: string, folder: string): boolean {
  return path === folder || path.startsWith(folder.endsWith('/') ? folder : `${folder}/`);
}

/**
 * Walks the files and folders given as inputs (folders recursively, sorted, dot-files left out), reading each real
 * file once however many links lead to it (by device and inode, where the file system knows them): a link back to a
 * folder being walked is a loop, reported once and not followed; a second way into a folder or file already read is
 * reported and passed over; a link found in a folder that leads outside every folder given is reported and not followed.
 */
export class InputWalk {
  /** Device and inode of every file read, and of every folder entered, to the path it was first reached by. */
  private readonly seen = new Map<string, string>();
  private readonly roots: string[] = [];

  private constructor(private readonly fs: FileSystem) {}

  /** A walk over `paths` (spelled as ids will have them); "-" is left to the caller. */
  static async of(fs: FileSystem, paths: readonly string[]): Promise<InputWalk> {
    const walk = new InputWalk(fs);
    if (fs.identify) {
      for (const path of paths) {
        if (path === '-') continue;
        const root = await fs.identify(path);
        if (root.kind === 'directory' && root.realPath !== undefined) walk.roots.push(root.realPath);
      }
    }
    return walk;
  }

  /** The entries under one input, in order. */
  async *entries(path: string): AsyncGenerator<WalkEntry> {
    const identity = await this.identify(path);
    if (identity.kind === 'missing') {
      yield { kind: 'skipped', skipped: { path, reason: identity.isLink ? 'symbolic link that leads nowhere (or round in a loop)' : 'no such file or directory' } };
    } else if (identity.kind === 'other') yield { kind: 'skipped', skipped: { path, reason: 'not a regular file or directory' } };
    else if (this.firstTime(path, identity)) {
      if (identity.kind === 'file') yield { kind: 'file', path, explicit: true };
      else yield* this.folder(path, identity, 0, new Set());
    } else yield this.again(path, identity);
  }

  private identify(path: string): Promise<PathIdentity> {
    if (this.fs.identify) return this.fs.identify(path);
    return this.fs.kind(path).then((kind) => ({ kind, isLink: false }));
  }

  /** Whether this file or folder is reached for the first time; remembers it. */
  private firstTime(path: string, identity: PathIdentity): boolean {
    if (identity.key === undefined) return true;
    if (this.seen.has(identity.key)) return false;
    this.seen.set(identity.key, path);
    return true;
  }

  private again(path: string, identity: PathIdentity): WalkEntry {
    const first = this.seen.get(identity.key!)!;
    const what = identity.kind === 'directory' ? 'folder' : 'file';
    return { kind: 'skipped', skipped: { path, reason: `same ${what} as ${first} (read there)` } };
  }

  private async *folder(dir: string, identity: PathIdentity, depth: number, ancestors: ReadonlySet<string>): AsyncGenerator<WalkEntry> {
    if (depth > MAX_DEPTH) {
      yield { kind: 'skipped', skipped: { path: dir, reason: `nested more than ${MAX_DEPTH} folders deep` } };
      return;
    }
    let names: string[];
    try {
      names = await this.fs.list(dir);
    } catch (error) {
      yield { kind: 'skipped', skipped: { path: dir, reason: listingError(error) } };
      return;
    }
    const within = identity.key === undefined ? ancestors : new Set([...ancestors, identity.key]);
    names.sort(byCodeUnits);
    for (const name of names) {
      if (name.startsWith('.')) continue;
      const path = joinPath(dir, name);
      const entry = await this.identify(path);
      if (entry.denied) {
        // The folder can be listed but not searched (read without execute permission): none of its entries can be read.
        yield { kind: 'skipped', skipped: { path: dir, reason: 'permission denied: its names can be listed, but not its files opened' } };
        return;
      }
      if (entry.kind === 'missing') {
        // A name listed but not there: a link that leads nowhere, one that is its own loop (a -> a), or a file removed
        // since the folder was listed (said so where it would have been read).
        if (entry.isLink) yield { kind: 'skipped', skipped: { path, reason: 'symbolic link that leads nowhere (or round in a loop)' } };
        else yield isArticleFile(path) ? { kind: 'skipped', skipped: { path, reason: 'removed while the folder was being read' } } : { kind: 'ignored', path };
        continue;
      }
      if (entry.kind === 'other') {
        // A FIFO, socket or device named as an article (or a link to one) is said so; anything else is not an article.
        yield isArticleFile(path) ? { kind: 'skipped', skipped: { path, reason: 'not a regular file (a device, FIFO or socket)' } } : { kind: 'ignored', path };
        continue;
      }
      if (entry.isLink && entry.realPath !== undefined && this.roots.length > 0 && !this.roots.some((root) => isWithin(entry.realPath!, root))) {
        yield { kind: 'skipped', skipped: { path, reason: `symbolic link to ${entry.realPath}, outside the folders given (name it as an input to read it)` } };
        continue;
      }
      if (entry.kind === 'directory' && entry.key !== undefined && within.has(entry.key)) {
        yield { kind: 'skipped', skipped: { path, reason: `symbolic link loop: leads back to ${this.seen.get(entry.key) ?? 'a folder above it'}` } };
        continue;
      }
      if (!this.firstTime(path, entry)) {
        yield this.again(path, entry);
        continue;
      }
      if (entry.kind === 'directory') yield* this.folder(path, entry, depth + 1, within);
      else yield { kind: 'file', path, explicit: false };
    }
  }
}

function listingError(error: unknown): string {
  const code = (error as { code?: string }).code;
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'ENOENT') return 'no such file or directory';
  return error instanceof Error ? error.message : String(error);
}
