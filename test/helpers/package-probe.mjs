// Preloaded into the built binary (NODE_OPTIONS=--import) by test/e2e/binary.test.ts: writes "loaded NAME" on standard
// error for each package of PROBED_PACKAGES (comma-separated) the process loads. Imported packages are seen as they
// resolve (a module hook, on the loader's thread); packages required on first use, from require's cache on exit.
import { createRequire, register } from 'node:module';

const packages = (process.env.PROBED_PACKAGES ?? '').split(',').filter(Boolean);
const named = (path) => packages.find((p) => path.includes(`/node_modules/${p}/`));

register(new URL(import.meta.url), { data: packages });

const reported = new Set();
const report = (name) => {
  if (name === undefined || reported.has(name)) return;
  reported.add(name);
  process.stderr.write(`loaded ${name}\n`);
};
const cache = createRequire(import.meta.url).cache;
process.on('exit', () => {
  for (const path of Object.keys(cache)) report(named(path));
});

// The module hooks, run on the loader's thread (it writes to the same standard error).
let hooked = [];
const seen = new Set();
export function initialize(data) {
  hooked = data;
}
export async function resolve(specifier, context, next) {
  const result = await next(specifier, context);
  const name = hooked.find((p) => result.url.includes(`/node_modules/${p}/`));
  if (name !== undefined && !seen.has(name)) {
    seen.add(name);
    process.stderr.write(`loaded ${name}\n`);
  }
  return result;
}
