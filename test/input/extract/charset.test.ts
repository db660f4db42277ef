import { describe, expect, it } from 'vitest';
import { declaredCharset, decodeDeclared } from '../../../src/input/extract/charset.js';
import { articleFromFile } from '../../../src/input/article.js';
import { memoryFileSystem } from '../../../src/input/file-system.js';
import { readInputs } from '../../../src/input/read.js';
import { UTF16_JSONL } from '../../../src/input/walk.js';

const latin1 = (text: string) => new Uint8Array(Buffer.from(text, 'latin1'));
const page = (head: string, body: string) => latin1(`<html><head>${head}</head><body><article><p>${body}</p></article></body></html>`);
const BODY = 'Le café crème et la crème brûlée: un déjeuner à Paris, près de la Seine, où les serveurs parlent français.';

describe('declaredCharset', () => {
  it('finds <meta charset> and the http-equiv form, in the first 1,024 bytes only', () => {
    expect(declaredCharset(page('<meta charset="ISO-8859-1">', ''))).toBe('iso-8859-1');
    expect(declaredCharset(page('<meta http-equiv="Content-Type" content="text/html; charset=windows-1251">', ''))).toBe('windows-1251');
    expect(declaredCharset(page("<meta charset='shift_jis' />", ''))).toBe('shift_jis');
    expect(declaredCharset(page('<title>No declaration</title>', ''))).toBeUndefined();
    expect(declaredCharset(page(`<!--${' '.repeat(1100)}--><meta charset="iso-8859-1">`, ''))).toBeUndefined();
    expect(declaredCharset(page('<!-- <meta charset="shift_jis"> --><meta charset="iso-8859-1">', ''))).toBe('iso-8859-1');
    expect(declaredCharset(page('<!-- <meta charset="shift_jis"> -->', ''))).toBeUndefined();
  });
});

describe('decodeDeclared', () => {
  it('decodes by the declared charset, and says why it cannot', () => {
    expect(decodeDeclared(page('<meta charset="iso-8859-1">', 'café'))).toEqual({ text: '<html><head><meta charset="iso-8859-1"></head><body><article><p>café</p></article></body></html>' });
    expect(decodeDeclared(page('', 'café'))).toEqual({ reason: 'not valid UTF-8 text, and no charset declared' });
    expect(decodeDeclared(page('<meta charset="x-martian">', 'café'))).toEqual({ reason: 'not valid UTF-8 text, and its declared charset "x-martian" is not one this runtime decodes' });
    expect(decodeDeclared(page('<meta charset="utf8">', 'café'))).toEqual({ reason: 'not valid UTF-8 text, though it declares "utf8"' });
  });

  it('reads windows-1252 bytes 0x80-0x9F as the curly quotes, dashes and euro sign they are, under every label for it', () => {
    const bytes = (head: string) => new Uint8Array([...latin1(`<meta charset="${head}"><p>`), 0x93, 0x48, 0x69, 0x94, 0x20, 0x96, 0x20, 0x80, 0x35, 0x20, 0x64, 0x6f, 0x6e, 0x92, 0x74, 0x81]);
    for (const label of ['windows-1252', 'iso-8859-1', 'latin1', 'us-ascii']) {
      expect(decodeDeclared(bytes(label))).toEqual({ text: `<meta charset="${label}"><p>\u201cHi\u201d \u2013 \u20ac5 don\u2019t\u0081` });
    }
  });

  it('takes a declared UTF-16 for UTF-8, as browsers do: a page whose <meta> was read as ASCII is not UTF-16', () => {
    for (const label of ['utf-16', 'UTF-16LE', 'utf-16be']) {
      expect(decodeDeclared(page(`<meta charset="${label}">`, 'café'))).toEqual({ reason: `not valid UTF-8 text; it declares "${label.toLowerCase()}", which a page's <meta> means as UTF-8 (as browsers read it)` });
    }
    const utf8 = new Uint8Array(Buffer.from(`<html><head><meta charset="utf-16"></head><body><article><p>${BODY}</p></article></body></html>`, 'utf8'));
    expect(articleFromFile('declares-utf16.html', utf8)).toMatchObject({ text: BODY });
  });
});

describe('articleFromFile with pages that are not UTF-8', () => {
  it('reads a Latin-1 page by its declaration, and a UTF-8 page as UTF-8 whatever it declares', () => {
    expect(articleFromFile('old-site.html', page('<meta charset="iso-8859-1">', BODY))).toMatchObject({ text: BODY });
    const utf8 = new Uint8Array(Buffer.from(`<html><head><meta charset="iso-8859-1"></head><body><article><p>${BODY}</p></article></body></html>`, 'utf8'));
    expect(articleFromFile('mislabelled.html', utf8)).toMatchObject({ text: BODY });
  });

  it('still skips a plain-text file that is not UTF-8: it declares nothing', () => {
    expect(articleFromFile('notes.txt', latin1(BODY))).toEqual({ reason: 'not valid UTF-8 text' });
  });
});

describe('files in UTF-16', () => {
  const utf16le = (text: string) => new Uint8Array(Buffer.from(`\uFEFF${text}`, 'utf16le'));
  const utf16be = (text: string) => new Uint8Array(Buffer.from(`\uFEFF${text}`, 'utf16le').swap16());

  it('reads a text file or a page that opens with a UTF-16 byte-order mark, either byte order', () => {
    expect(articleFromFile('notepad.txt', utf16le(BODY))).toEqual({ text: BODY });
    expect(articleFromFile('big-endian.txt', utf16be(BODY))).toEqual({ text: BODY });
    expect(articleFromFile('page.html', utf16le(`<html><body><article><p>${BODY}</p></article></body></html>`))).toMatchObject({ text: BODY });
    expect(articleFromFile('blank.txt', utf16le('   '))).toEqual({ reason: 'empty file' });
  });

  it('refuses JSONL in UTF-16 with one message, not one per line', async () => {
    const lines = `${JSON.stringify({ id: 'a', text: BODY })}\r\n${JSON.stringify({ id: 'b', text: BODY })}\r\n`;
    const events = [];
    for await (const event of readInputs(['wide.jsonl'], memoryFileSystem({ 'wide.jsonl': utf16le(lines) }))) events.push(event);
    expect(events).toEqual([{ kind: 'skipped', skipped: { path: 'wide.jsonl', reason: UTF16_JSONL } }]);
  });
});
