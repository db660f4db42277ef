// Preloaded into the built binary (NODE_OPTIONS=--import) by test/e2e/binary.test.ts: writes "loaded NAME" on standard
// error for each package of PROBED_PACKAGES (comma-separated) the process loads. Imported packages are seen as they
// resolve (package-probe-hooks.mjs, on the loader's thread); packages required on first use, from require's cache on exit.
import { createRequire, register } from 'node:module';

const packages = (process.env.PROBED_PACKAGES ?? '').split(',').filter(Boolean);
register(new URL('./package-probe-hooks.mjs', import.meta.url), { data: packages });

const cache = createRequire(import.meta.url).cache;
process.on('exit', () => {
  const required = new Set(Object.keys(cache).flatMap((path) => packages.filter((p) => path.includes(`/node_modules/${p}/`))));
  for (const name of required) process.stderr.write(`loaded ${name}\n`);
});
