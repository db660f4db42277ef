import { isAbsolute, relative, resolve } from 'node:path';

/**
 * How an input named on the command line is spelled in ids and messages, so that `in`, `./in`, `in/` and `$PWD/in`
 * give the same ids (and a baseline recorded with one works with the others): relative to `cwd` when it lies inside it
 * (`.` for `cwd` itself), absolute otherwise, with / as the separator. "-" (standard input) stays as it is.
 */
export function inputPathName(given: string, cwd: string): string {
  if (given === '-') return given;
  const absolute = resolve(cwd, given.replace(/\\/g, '/'));
  const inside = relative(cwd, absolute);
  if (inside === '') return '.';
  if (inside === '..' || inside.startsWith('../') || isAbsolute(inside)) return absolute;
  return inside;
}

/**
 * A file name's bytes as a string that round-trips: UTF-8 where the bytes are UTF-8; where they are not (a name
 * from a Latin-1 system, say), each byte outside UTF-8, and each "%", as %XX. {@link nameBytes} undoes it. In a
 * UTF-8 name a "%" that reads as an escape (`b%FFc.txt`) is escaped too, or it would name the same as the byte FF.
 */
export function escapedName(bytes: Uint8Array): string {
  const strict = new TextDecoder('utf-8', { fatal: true });
  try {
    return strict.decode(bytes).replace(/%(?=[0-9A-F]{2})/g, '%25');
  } catch {
    // Not UTF-8 as a whole: decoded sequence by sequence below.
  }
  let name = '';
  for (let at = 0; at < bytes.length; ) {
    const lead = bytes[at]!;
    const length = lead < 0x80 ? 1 : lead >= 0xc2 && lead < 0xe0 ? 2 : lead >= 0xe0 && lead < 0xf0 ? 3 : lead >= 0xf0 && lead < 0xf5 ? 4 : 0;
    let char: string | undefined;
    if (length > 0 && at + length <= bytes.length) {
      try {
        char = strict.decode(bytes.subarray(at, at + length));
      } catch {
        char = undefined;
      }
    }
    if (char === undefined || char === '%') {
      name += `%${lead.toString(16).toUpperCase().padStart(2, '0')}`;
      at++;
    } else {
      name += char;
      at += length;
    }
  }
  return name;
}

/** The bytes of a name {@link escapedName} escaped (%XX back to its byte); a name without % is plain UTF-8. */
export function nameBytes(name: string): Buffer {
  if (!name.includes('%')) return Buffer.from(name, 'utf8');
  const parts: Buffer[] = [];
  let last = 0;
  for (const m of name.matchAll(/%([0-9A-F]{2})/g)) {
    parts.push(Buffer.from(name.slice(last, m.index), 'utf8'), Buffer.from([parseInt(m[1]!, 16)]));
    last = m.index + m[0].length;
  }
  parts.push(Buffer.from(name.slice(last), 'utf8'));
  return Buffer.concat(parts);
}
