import { realpathSync, rmSync, writeSync } from 'node:fs';
import { chmod, chown, lstat, open, readlink, realpath, rename, rm, stat } from 'node:fs/promises';
import type { Stats } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { OutputError, UsageError } from '../errors.js';
import { isArticleFile } from '../input/read.js';

/** Where text goes that the CLI writes: "-" is stdout, anything else a path as the user gave it. */
export interface OutputFileContext {
  readonly cwd: string;
  readonly stdout: NodeJS.WritableStream;
}

/** Whether two paths name one file (through links), or, for paths that do not exist, are the same path. */
export function sameFile(a: string, b: string): boolean {
  // A file not made yet is where its folder really is: "lnk/new.json" and "new.json" are one file when lnk links to ".".
  const real = (p: string) => {
    try {
      return realpathSync(p);
    } catch {
      try {
        return join(realpathSync(dirname(p)), basename(p));
      } catch {
        return resolve(p);
      }
    }
  };
  return real(a) === real(b);
}

/** What a command reads, which nothing it writes may replace: its inputs as given, and its index file if any. */
export interface ReadPaths {
  readonly inputs: readonly string[];
  /** The --db index as a file path (a postgres:// URL is no file); its journal, WAL and shared-memory files go with it. */
  readonly index?: string;
  /** Other files the command reads, by what they are: the --baseline, the config file. */
  readonly files?: ReadonlyArray<{ readonly what: string; readonly path: string }>;
}

/** SQLite's files beside a database, which hold its latest writes or its lock: replacing one loses them. */
const INDEX_COMPANIONS = ['', '-wal', '-shm', '-journal'];

/**
 * Throws a usage error when writing `given` (the file of `option`) would replace what the command reads: a file named
 * as input, an article file inside an input folder, or the index with its companion files.
 */
export function refuseOverwritingReads(option: string, given: string, reads: ReadPaths, cwd: string): void {
  if (given === '-') return;
  const target = resolve(cwd, given);
  const isInput = reads.inputs.some((path) => {
    if (path === '-') return false;
    const input = resolve(cwd, path);
    if (sameFile(input, target)) return true;
    const inside = target.startsWith(`${input}/`) || sameFile(dirname(target), input);
    return inside && isArticleFile(target);
  });
  if (isInput) throw new UsageError(`${option} ${given} is one of the inputs; refusing to overwrite it`);
  const index = reads.index;
  if (index !== undefined && INDEX_COMPANIONS.some((suffix) => sameFile(resolve(cwd, `${index}${suffix}`), target))) {
    throw new UsageError(`${option} ${given} is the index (--db) or one of its files; refusing to overwrite it`);
  }
  const other = reads.files?.find((file) => sameFile(resolve(cwd, file.path), target));
  if (other !== undefined) throw new UsageError(`${option} ${given} is the ${other.what} this run reads; refusing to overwrite it`);
}

/** Signals a write may be interrupted by, with the exit code a shell gives a process they end (128 + number). */
const SIGNAL_EXIT: Readonly<Record<'SIGINT' | 'SIGTERM' | 'SIGHUP', number>> = { SIGINT: 130, SIGTERM: 143, SIGHUP: 129 };

/** Most symbolic links followed to a file that does not exist yet, as the kernel's own limit (ELOOP). */
const MAX_LINK_HOPS = 40;

/** Why a write failed, in the words a user reads (the system's code, where it has one they would not). */
export function writeFailureReason(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'ENOSPC') return 'no space left on the device';
  if (code === 'EROFS') return 'read-only file system';
  if (code === 'EISDIR') return 'it is a folder';
  if (code === 'ELOOP') return 'too many levels of symbolic links';
  if (code === 'ENOTDIR') return 'a part of the path is not a folder';
  return error instanceof Error ? error.message : String(error);
}

/** The file a path that does not exist yet would create: the end of its chain of (dangling) links, or the path. */
async function creationTarget(path: string, given: string): Promise<string> {
  let at = path;
  for (let hop = 0; hop < MAX_LINK_HOPS; hop++) {
    const link = await lstat(at).catch(() => undefined);
    if (!link?.isSymbolicLink()) return at;
    at = resolve(dirname(at), await readlink(at));
  }
  throw new OutputError(`cannot write ${given}: too many levels of symbolic links`);
}

/** The descriptor a /dev/fd/N (or /proc/self/fd/N) path names: written to as it is, since reopening a socket fails. */
function inheritedDescriptor(path: string): number | undefined {
  const m = /^\/(?:dev|proc\/self)\/fd\/(\d+)$/.exec(path);
  return m ? Number(m[1]) : undefined;
}

function writeToDescriptor(fd: number, text: string | Iterable<string>): void {
  for (const piece of typeof text === 'string' ? [text] : text) {
    const bytes = Buffer.from(piece, 'utf8');
    for (let at = 0; at < bytes.length; ) at += writeSync(fd, bytes, at);
  }
}

async function writePieces(path: string, flags: string, text: string | Iterable<string>, mode?: number): Promise<void> {
  const file = await open(path, flags, mode);
  try {
    if (typeof text === 'string') await file.write(text);
    else for (const piece of text) await file.write(piece);
  } finally {
    await file.close();
  }
}

/**
 * Removes `temp` if the process is interrupted while it exists, then ends the process as the signal would have; the
 * returned function stops watching. Without this, Ctrl-C during a long write leaves `.PID.neardup-….tmp` behind.
 */
function removeOnSignal(temp: string): () => void {
  return onInterrupt(() => rmSync(temp, { force: true }));
}

/**
 * Runs `last` if the process is interrupted (SIGINT, SIGTERM, SIGHUP), then ends it with 128 + the signal's number as
 * a shell would; the returned function stops watching.
 */
export function onInterrupt(last: () => void): () => void {
  const handlers = Object.entries(SIGNAL_EXIT).map(([signal, code]) => {
    const handler = () => {
      last();
      stop();
      process.exit(code);
    };
    process.once(signal, handler);
    return [signal, handler] as const;
  });
  const stop = () => {
    for (const [signal, handler] of handlers) process.removeListener(signal, handler);
  };
  return stop;
}

/**
 * Where a path is written: a device or FIFO that exists (written to as it is), or a regular file, new or replaced, by
 * its target (a symbolic link followed) and the folder that holds it. An OutputError when it cannot be.
 */
async function placeOf(path: string, given: string): Promise<{ kind: 'device' } | { kind: 'file'; existing: Stats | undefined; target: string; folder: string }> {
  const existing = await stat(path).catch(() => undefined);
  if (existing?.isDirectory()) throw new OutputError(`cannot write ${given}: it is a folder`);
  if (existing && !existing.isFile()) return { kind: 'device' };
  const target = existing ? await realpath(path) : await creationTarget(path, given);
  const folder = dirname(target);
  const folderInfo = await stat(folder).catch(() => undefined);
  if (folderInfo === undefined) throw new OutputError(`cannot write ${given}: folder ${dirname(given)} does not exist`);
  if (!folderInfo.isDirectory()) throw new OutputError(`cannot write ${given}: ${dirname(given)} is not a folder`);
  return { kind: 'file', existing, target, folder };
}

/**
 * Throws the OutputError writeOutputFile would meet before writing a byte (the path a folder, its folder missing), so a
 * command finds it before its work rather than after: a scan of a large corpus must not end on a mistyped folder.
 */
export async function assertWritable(given: string, context: Pick<OutputFileContext, 'cwd'>): Promise<void> {
  if (given === '-') return;
  const path = resolve(context.cwd, given);
  if (inheritedDescriptor(path) !== undefined) return;
  await placeOf(path, given);
}

/**
 * Writes what a command produces (a report, a baseline) to the path the user gave:
 * - "-" is standard output;
 * - an existing path that is not a regular file (a device, a FIFO) is written to directly, as a shell's `>` would:
 *   renaming over it would replace the device or leave the reader of the FIFO waiting; /dev/fd/N (from `>(…)`) is
 *   written through that descriptor;
 * - a regular file, or a new one, is written beside its target first and renamed over it, so a failed or interrupted
 *   run never leaves half a file; a symbolic link is followed and its target replaced, keeping the target's mode (and
 *   owner, where allowed);
 * - no temp file survives SIGINT, SIGTERM or SIGHUP: it is removed and the process exits with 128 + the signal number.
 * Failures are an OutputError naming the path as the user gave it.
 */
export async function writeOutputFile(given: string, text: string | Iterable<string>, context: OutputFileContext): Promise<void> {
  if (given === '-') {
    if (typeof text === 'string') context.stdout.write(text);
    else for (const piece of text) context.stdout.write(piece);
    return;
  }
  const path = resolve(context.cwd, given);
  const fd = inheritedDescriptor(path);
  if (fd !== undefined) {
    try {
      writeToDescriptor(fd, text);
    } catch (error) {
      throw new OutputError(`cannot write ${given}: ${writeFailureReason(error)}`);
    }
    return;
  }
  const place = await placeOf(path, given);
  if (place.kind === 'device') {
    try {
      await writePieces(path, 'w', text);
    } catch (error) {
      throw new OutputError(`cannot write ${given}: ${writeFailureReason(error)}`);
    }
    return;
  }
  const { existing, target, folder } = place;
  const temp = resolve(folder, `.${process.pid}.neardup-${Date.now()}.tmp`);
  const stopWatching = removeOnSignal(temp);
  try {
    await writePieces(temp, 'wx', text, existing ? existing.mode & 0o7777 : undefined);
    if (existing) {
      // open() applies the umask to the mode it creates with: set it again, exactly.
      await chmod(temp, existing.mode & 0o7777);
      await chown(temp, existing.uid, existing.gid).catch(() => undefined);
    }
    await rename(temp, target);
  } catch (error) {
    await rm(temp, { force: true });
    throw new OutputError(`cannot write ${given}: ${writeFailureReason(error)}`);
  } finally {
    stopWatching();
  }
}
