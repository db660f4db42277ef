/**
 * Normalisation: the formatting differences between outlets that must not count as divergence.
 *
 * `normalizeText` applies Unicode NFKC; the result is the text every offset refers to and that reports quote.
 * `foldText` then maps each UTF-16 unit to exactly one unit (curly quotes, dashes, case, diacritics), so offsets in the
 * folded text are offsets in the NFKC text too.
 */

/** Bumped whenever normalisation or tokenisation changes what tokens a text yields (stored indexes record it). */
export const NORMALIZATION_VERSION = 1;

export function normalizeText(text: string): string {
  return text.normalize('NFKC');
}

const QUOTES_SINGLE = /[\u2018\u2019\u201A\u201B\u2032\u02BC\u00B4]/;
const QUOTES_DOUBLE = /["\u201C\u201D\u201E\u201F\u2033\u00AB\u00BB]/;
const DASHES = /[\u2010-\u2015\u2212\uFE58\uFE63\uFF0D]/;

const foldCache = new Map<number, number>();

/** The folded form of one non-ASCII UTF-16 unit, as one unit. */
export function foldUnit(code: number): number {
  const cached = foldCache.get(code);
  if (cached !== undefined) return cached;
  const ch = String.fromCharCode(code);
  let out = code;
  if (QUOTES_SINGLE.test(ch)) out = 0x27;
  else if (QUOTES_DOUBLE.test(ch)) out = 0x22;
  else if (DASHES.test(ch)) out = 0x2d;
  else if (code < 0xd800 || code > 0xdfff) {
    const lower = ch.toLowerCase();
    // Keep the unit if lower-casing changes the length (e.g. U+0130): offsets must not move.
    const base = (lower.length === 1 ? lower : ch).normalize('NFD');
    const first = base.charCodeAt(0);
    // Strip diacritics only when what follows the base letter is combining marks.
    out = base.length === 1 || /^[\u0300-\u036f]+$/.test(base.slice(1)) ? first : lower.length === 1 ? lower.charCodeAt(0) : code;
    // A capital whose lower case is longer (U+0130 → "i̇") still gets a lower-case base letter.
    const folded = String.fromCharCode(out).toLowerCase();
    if (folded.length === 1) out = folded.charCodeAt(0);
  }
  foldCache.set(code, out);
  return out;
}

/** Fold quotes, dashes, case and diacritics, one UTF-16 unit for one, so offsets are preserved. */
export function foldText(text: string): string {
  let ascii = true;
  for (let i = 0; i < text.length; i++) {
    if (text.charCodeAt(i) > 0x7f) {
      ascii = false;
      break;
    }
  }
  if (ascii) return text.toLowerCase();
  const units = new Uint16Array(text.length);
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    units[i] = c < 0x80 ? (c >= 65 && c <= 90 ? c + 32 : c) : foldUnit(c);
  }
  let out = '';
  const CHUNK = 8192;
  for (let i = 0; i < units.length; i += CHUNK) out += String.fromCharCode(...units.subarray(i, i + CHUNK));
  return out;
}

/**
 * British and American spellings of words that wire copy commonly re-spells, mapped to one form.
 * Applied to whole tokens after folding, so "armoured" and "armored" make the same shingle.
 */
const SPELLING_VARIANTS: ReadonlyMap<string, string> = new Map(Object.entries({
  armour: 'armor', armoured: 'armored', armoury: 'armory', honour: 'honor', honours: 'honors', honoured: 'honored',
  colour: 'color', colours: 'colors', favour: 'favor', favourite: 'favorite', labour: 'labor', neighbour: 'neighbor',
  neighbours: 'neighbors', neighbouring: 'neighboring', behaviour: 'behavior', harbour: 'harbor', rumour: 'rumor',
  rumours: 'rumors', endeavour: 'endeavor', vigour: 'vigor', defence: 'defense', offence: 'offense', licence: 'license',
  travelled: 'traveled', travelling: 'traveling', traveller: 'traveler', travellers: 'travelers', cancelled: 'canceled',
  cancelling: 'canceling', labelled: 'labeled', modelling: 'modeling', fuelled: 'fueled', signalled: 'signaled',
  characterise: 'characterize', characterised: 'characterized', organise: 'organize', organised: 'organized',
  organisation: 'organization', organisations: 'organizations', recognise: 'recognize', recognised: 'recognized',
  realise: 'realize', realised: 'realized', criticise: 'criticize', criticised: 'criticized', apologise: 'apologize',
  emphasise: 'emphasize', emphasised: 'emphasized', mobilise: 'mobilize', mobilised: 'mobilized', stabilise: 'stabilize',
  authorise: 'authorize', authorised: 'authorized', summarise: 'summarize', privatisation: 'privatization',
  programme: 'program', programmes: 'programs', centre: 'center', centres: 'centers', metre: 'meter', metres: 'meters',
  kilometre: 'kilometer', kilometres: 'kilometers', theatre: 'theater', litre: 'liter', litres: 'liters',
  catalogue: 'catalog', dialogue: 'dialog', analyse: 'analyze', analysed: 'analyzed', paralyse: 'paralyze',
  grey: 'gray', jewellery: 'jewelry', manoeuvre: 'maneuver', manoeuvres: 'maneuvers',
}));

/** The spelling every variant of a folded token maps to (the token itself when it has no variant). */
export function canonicalSpelling(token: string): string {
  // A Map, not an object literal: a token like "constructor" must not reach Object.prototype.
  return SPELLING_VARIANTS.get(token) ?? token;
}

export function spellingVariants(): ReadonlyMap<string, string> {
  return SPELLING_VARIANTS;
}
