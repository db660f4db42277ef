import { existsSync, readFileSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import type { Command } from 'commander';
import { UsageError } from '../errors.js';
import { isPostgresUrl } from '../corpus/store/postgres.js';
import type { RawScanOptions } from './options.js';

/** File names a folder's config may have, in the order they are looked for; then a "neardup" key in package.json. */
export const CONFIG_FILES = ['neardup.config.json', '.neardup.json'] as const;

type ValueKind = 'string' | 'number' | 'boolean' | 'strings';

/**
 * Every option a config file may set, by its name there (the long option in camelCase) and the JSON type it takes.
 * schema/config.schema.json says the same for editors; a test holds the two together.
 */
export const CONFIG_KEYS = {
  format: 'string',
  output: 'string',
  metric: 'string',
  threshold: 'number',
  shingleSize: 'number',
  numPerm: 'number',
  seed: 'number',
  bands: 'number',
  rows: 'number',
  rewrites: 'boolean',
  rewriteThreshold: 'number',
  minAligned: 'number',
  idField: 'string',
  textField: 'string',
  dateField: 'string',
  htmlField: 'string',
  maxArticleBytes: 'number',
  prefer: 'strings',
  within: 'number',
  boilerplate: 'boolean',
  boilerplateMinDocs: 'number',
  jobs: 'number',
  db: 'string',
  failOnDuplicates: 'boolean',
  baseline: 'string',
  writeBaseline: 'string',
  ignore: 'strings',
  gitignore: 'boolean',
  color: 'boolean',
  quiet: 'boolean',
} as const satisfies Record<string, ValueKind>;

export type ConfigKey = keyof typeof CONFIG_KEYS;

/** Config values that name files: read against the config file's folder, not the working directory. */
const PATH_KEYS: ReadonlySet<ConfigKey> = new Set(['output', 'db', 'baseline', 'writeBaseline']);

/** Settings as a config file gives them: each as the command line would (numbers as their text), paths made absolute. */
export type ConfigValues = Partial<Record<ConfigKey, string | boolean | string[]>>;

export interface Config {
  /** The file the settings came from, as found or named; undefined when there is none. */
  readonly file?: string;
  /** Settings for every command that has the option. */
  readonly values: ConfigValues;
  /** Settings for `neardup check` only (its "check" section), over the others. */
  readonly check: ConfigValues;
}

export const NO_CONFIG: Config = { values: {}, check: {} };

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** The settings of one object of a config file, checked key by key. */
function settingsOf(object: Record<string, unknown>, file: string, where: string, folder: string): ConfigValues {
  const values: ConfigValues = {};
  for (const [key, value] of Object.entries(object)) {
    if (key === '$schema' || (key === 'check' && where === '')) continue;
    if (!Object.hasOwn(CONFIG_KEYS, key)) throw new UsageError(`${file}: unknown setting "${where}${key}" (settings are long options in camelCase, e.g. "shingleSize")`);
    const name = key as ConfigKey;
    const kind: ValueKind = CONFIG_KEYS[name];
    const wrong = () => new UsageError(`${file}: "${where}${key}" takes ${kind === 'strings' ? 'a list of strings' : `a ${kind}`}, got ${JSON.stringify(value)}`);
    if (kind === 'strings') {
      if (!Array.isArray(value) || !value.every((v) => typeof v === 'string')) throw wrong();
      values[name] = [...(value as string[])];
    } else if (kind === 'number') {
      if (typeof value !== 'number') throw wrong();
      values[name] = String(value);
    } else if (typeof value !== kind) throw wrong();
    // A server (--db postgres://…) is no file: it is kept as written.
    else values[name] = PATH_KEYS.has(name) && !(name === 'db' && isPostgresUrl(value as string)) ? resolve(folder, value as string) : (value as string | boolean);
  }
  return values;
}

/** Parses a config file's text: a config object, or for package.json its "neardup" key (undefined when it has none). */
export function parseConfig(text: string, file: string): Config | undefined {
  let parsed: unknown;
  try {
    // A byte-order mark, as some editors save it, is not JSON.
    parsed = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    throw new UsageError(`${file}: not valid JSON (${(error as Error).message})`);
  }
  const inPackage = file.endsWith('package.json');
  const object = inPackage && isObject(parsed) ? parsed['neardup'] : parsed;
  if (inPackage && object === undefined) return undefined;
  if (!isObject(object)) throw new UsageError(`${file}: ${inPackage ? 'the "neardup" key' : 'the config'} must be a JSON object`);
  const folder = dirname(resolve(file));
  const check = object['check'];
  if (check !== undefined && !isObject(check)) throw new UsageError(`${file}: "check" must be a JSON object`);
  return { file, values: settingsOf(object, file, '', folder), check: check === undefined ? {} : settingsOf(check, file, 'check.', folder) };
}

function readConfig(file: string): Config | undefined {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new UsageError(`cannot read config ${file}: ${code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a folder' : (error as Error).message}`);
  }
  return parseConfig(text, file);
}

/**
 * The config in force: the file named by --config, else the first of neardup.config.json, .neardup.json or a
 * package.json with a "neardup" key, in the working folder or the nearest folder above it that has one. A package.json
 * found so that is not JSON is passed over, said through `warn`.
 */
export function loadConfig(cwd: string, named?: string, warn: (message: string) => void = () => {}): Config {
  if (named !== undefined) {
    if (named.trim() === '') throw new UsageError('--config needs a file name');
    const config = readConfig(resolve(cwd, named));
    if (config === undefined) throw new UsageError(`${named}: package.json has no "neardup" key`);
    return { ...config, file: resolve(cwd, named) };
  }
  for (let folder = resolve(cwd); ; folder = dirname(folder)) {
    for (const name of [...CONFIG_FILES, 'package.json']) {
      const file = join(folder, name);
      if (!existsSync(file)) continue;
      let config: Config | undefined;
      try {
        config = readConfig(file);
      } catch (error) {
        // A package.json is the project's, found on the way up, not named: one that is not JSON must not stop every run.
        if (name !== 'package.json' || !(error instanceof UsageError) || !/: not valid JSON /.test(error.message)) throw error;
        warn(`${error.message}: passed over, so a "neardup" key in it is not read`);
      }
      if (config !== undefined) return config;
    }
    if (dirname(folder) === folder) return NO_CONFIG;
  }
}

/** The config file as the report names it: relative to the working folder, POSIX separators; null for none. */
export function configInReport(config: Config, cwd: string): string | null {
  if (config.file === undefined) return null;
  const path = relative(resolve(cwd), config.file);
  return (path === '' || isAbsolute(path) ? config.file : path).split(sep).join('/');
}

/**
 * Commander's values with the config's settings under them: a setting applies where the command has the option and
 * the command line did not give it (a default gives way). Values the command does not know are left out.
 */
export function withConfig<T extends RawScanOptions>(raw: T, command: Command, config: Config, section: 'scan' | 'check'): T {
  const settings: ConfigValues = section === 'check' ? { ...config.values, ...config.check } : config.values;
  if (section === 'check') {
    // A top-level setting check has no option for is scan's; one in the "check" section is a mistake.
    const known = new Set(command.options.map((option) => option.attributeName()));
    const stray = Object.keys(config.check).find((key) => !known.has(key));
    if (stray !== undefined) throw new UsageError(`${config.file}: "check.${stray}" is not a setting of neardup check (it has no --${kebab(stray)})`);
  }
  const merged: Record<string, unknown> = { ...(raw as Record<string, unknown>) };
  for (const option of command.options) {
    const key = option.attributeName();
    if (!Object.hasOwn(settings, key) || command.getOptionValueSource(key) === 'cli') continue;
    const value = settings[key as ConfigKey];
    if (key === 'format' && option.argChoices && !option.argChoices.includes(value as string)) {
      if (section === 'check' && !Object.hasOwn(config.check, key)) continue;
      throw new UsageError(`${config.file}: "format" takes ${option.argChoices.join(', ')} for ${section}, got "${String(value)}"`);
    }
    merged[key] = value;
  }
  return merged as T;
}

/** A setting's flag name: writeBaseline → write-baseline. */
const kebab = (key: string) => key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);

/**
 * Runs `work`, saying a usage error about a flag whose value came from the config file as an error of the file's
 * setting: `--threshold takes a number from 0.01 to 1, got "2"` blames a flag the user never typed.
 */
export async function blamingConfig<T>(command: Command, config: Config, section: 'scan' | 'check', work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    const flagged = error instanceof UsageError && config.file !== undefined ? /^(--[a-z][a-z-]*) ([\s\S]*)$/.exec(error.message) : null;
    const option = flagged ? command.options.find((o) => o.long === flagged[1]) : undefined;
    if (!flagged || option === undefined) throw error;
    const key = option.attributeName();
    const inCheck = section === 'check' && Object.hasOwn(config.check, key);
    if ((!inCheck && !Object.hasOwn(config.values, key)) || command.getOptionValueSource(key) === 'cli') throw error;
    throw new UsageError(`${config.file}: "${inCheck ? `check.${key}` : key}" (${flagged[1]}) ${flagged[2]}`);
  }
}
