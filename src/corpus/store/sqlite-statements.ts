import type Database from 'better-sqlite3';
import { IndexError } from '../../errors.js';
import { type DocRow, PLACE_COLUMNS, type PlaceRow } from './rows.js';

const DOC_COLUMNS = 'doc, id, source, line, offset, field, hash, date, words, shingles, signature, stems, stem_signature';

type Statement<P extends unknown[], R = unknown> = Database.Statement<P, R>;

/** The statements an SQLite store runs: reads always; writes unless the file is open for reading only; texts where it keeps them. */
export interface Statements {
  readonly hashOf: Statement<[string], { hash: string }>;
  readonly idOf: Statement<[number], string>;
  /** The places of the articles whose ids a JSON array holds: one statement for a batch. */
  readonly placesOf: Statement<[string], PlaceRow>;
  readonly byId: Statement<[string], DocRow>;
  readonly byKey: Statement<[number], DocRow>;
  readonly text?: Statement<[number], Buffer>;
  readonly bucket: Statement<[number, number, number], number>;
  /** Changes when another connection commits (PRAGMA data_version). */
  readonly dataVersion: Statement<[], number>;
  readonly insertDoc?: Statement<unknown[]>;
  readonly deleteDoc?: Statement<[number]>;
  readonly relocateDoc?: Statement<unknown[]>;
  readonly insertPending?: Statement<[number, number, number]>;
  readonly deletePending?: Statement<[number]>;
  readonly deleteBand?: Statement<[number, number, number]>;
  readonly insertText?: Statement<[number, Buffer]>;
  readonly deleteText?: Statement<[number]>;
  readonly touch?: Statement<[string]>;
}

/** Prepares a store's statements once. */
export function prepareStatements(db: Database.Database, storedText: boolean): Statements {
  return {
    hashOf: db.prepare<[string], { hash: string }>('SELECT hash FROM docs WHERE id = ?'),
    idOf: db.prepare<[number], string>('SELECT id FROM docs WHERE doc = ?').pluck(),
    placesOf: db.prepare<[string], PlaceRow>(`SELECT ${PLACE_COLUMNS.sqlite} FROM docs WHERE id IN (SELECT value FROM json_each(?))`),
    byId: db.prepare<[string], DocRow>(`SELECT ${DOC_COLUMNS} FROM docs WHERE id = ?`),
    byKey: db.prepare<[number], DocRow>(`SELECT ${DOC_COLUMNS} FROM docs WHERE doc = ?`),
    ...(storedText ? { text: db.prepare<[number], Buffer>('SELECT text FROM texts WHERE doc = ?').pluck() } : {}),
    bucket: db.prepare<[number, number, number], number>('SELECT doc FROM bands WHERE band = ? AND key = ? LIMIT ?').pluck(),
    dataVersion: db.prepare<[], number>('PRAGMA data_version').pluck(),
    ...(db.readonly
      ? {}
      : {
          insertDoc: db.prepare(
            'INSERT INTO docs (id, source, line, offset, field, hash, date, words, shingles, signature, stems, stem_signature) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
          ),
          deleteDoc: db.prepare<[number]>('DELETE FROM docs WHERE doc = ?'),
          relocateDoc: db.prepare('UPDATE docs SET source = ?, line = ?, offset = ?, field = ?, date = ? WHERE id = ?'),
          insertPending: db.prepare<[number, number, number]>('INSERT INTO pending (doc, band, key) VALUES (?, ?, ?)'),
          deletePending: db.prepare<[number]>('DELETE FROM pending WHERE doc = ?'),
          deleteBand: db.prepare<[number, number, number]>('DELETE FROM bands WHERE band = ? AND key = ? AND doc = ?'),
          ...(storedText
            ? {
                insertText: db.prepare<[number, Buffer]>('INSERT INTO texts (doc, text) VALUES (?, ?)'),
                deleteText: db.prepare<[number]>('DELETE FROM texts WHERE doc = ?'),
              }
            : {}),
          touch: db.prepare<[string]>("INSERT INTO meta (name, value) VALUES ('lastWrite', ?) ON CONFLICT (name) DO UPDATE SET value = excluded.value"),
        }),
  };
}

/** The write statements, or an IndexError where `path` was opened for reading only. */
export function writeStatements(s: Statements, path: string): Required<Pick<Statements, 'insertDoc' | 'deleteDoc' | 'relocateDoc' | 'insertPending' | 'deletePending' | 'deleteBand' | 'touch'>> {
  if (!s.insertDoc || !s.deleteDoc || !s.relocateDoc || !s.insertPending || !s.deletePending || !s.deleteBand || !s.touch) throw new IndexError(`${path} was opened for reading only`);
  return { insertDoc: s.insertDoc, deleteDoc: s.deleteDoc, relocateDoc: s.relocateDoc, insertPending: s.insertPending, deletePending: s.deletePending, deleteBand: s.deleteBand, touch: s.touch };
}
