import Database from 'better-sqlite3';

/** Articles in the index, read straight from the file as any SQLite client would. */
export function countRows(db: string): number {
  const raw = new Database(db, { readonly: true, fileMustExist: true });
  try {
    return raw.prepare('SELECT count(*) FROM docs').pluck().get() as number;
  } finally {
    raw.close();
  }
}

/** SQLite's own check of the index file: 'ok' when sound. */
export function integrity(db: string): string {
  const raw = new Database(db, { readonly: true });
  try {
    return raw.prepare('PRAGMA integrity_check').pluck().get() as string;
  } finally {
    raw.close();
  }
}
