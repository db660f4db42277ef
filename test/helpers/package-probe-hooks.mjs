// Module hooks of package-probe.mjs, run on the loader's thread: "loaded NAME" on standard error the first time a
// module of a probed package resolves.
let packages = [];
const seen = new Set();

export function initialize(data) {
  packages = data;
}

export async function resolve(specifier, context, next) {
  const result = await next(specifier, context);
  const name = packages.find((p) => result.url.includes(`/node_modules/${p}/`));
  if (name !== undefined && !seen.has(name)) {
    seen.add(name);
    process.stderr.write(`loaded ${name}\n`);
  }
  return result;
}
