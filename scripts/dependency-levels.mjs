// Prints the import graph of src/ as levels (a module's level is one more than the highest level it imports) and
// fails on import circles: `npm run check:deps`. Type-only imports count, as they shape what a reader must know.
import madge from 'madge';

const graph = await madge('src', { fileExtensions: ['ts'], tsConfig: 'tsconfig.json' });
const circles = graph.circular();
const deps = graph.obj();
const level = new Map();
const levelOf = (file, path = new Set()) => {
  if (level.has(file)) return level.get(file);
  if (path.has(file)) return 0;
  path.add(file);
  const below = (deps[file] ?? []).map((d) => levelOf(d, path));
  path.delete(file);
  const l = below.length === 0 ? 0 : Math.max(...below) + 1;
  level.set(file, l);
  return l;
};
for (const file of Object.keys(deps)) levelOf(file);
const levels = Math.max(...level.values()) + 1;
// The same picture by stage: a folder of src/ (or a top-level file) is one unit.
const unitOf = (file) => (file.includes('/') ? `${file.split('/')[0]}/` : file);
const unitDeps = new Map();
for (const [file, imports] of Object.entries(deps)) {
  const unit = unitOf(file);
  if (!unitDeps.has(unit)) unitDeps.set(unit, new Set());
  for (const d of imports) if (unitOf(d) !== unit) unitDeps.get(unit).add(unitOf(d));
}
const unitLevel = new Map();
const unitLevelOf = (unit, path = new Set()) => {
  if (unitLevel.has(unit)) return unitLevel.get(unit);
  if (path.has(unit)) return 0;
  path.add(unit);
  const below = [...(unitDeps.get(unit) ?? [])].map((d) => unitLevelOf(d, path));
  path.delete(unit);
  const l = below.length === 0 ? 0 : Math.max(...below) + 1;
  unitLevel.set(unit, l);
  return l;
};
for (const unit of unitDeps.keys()) unitLevelOf(unit);
// A circle between stage folders (a module of scan/ importing corpus/ while one of corpus/ imports scan/) is a circle
// of the layout even when no module circle exists: each one found is printed with the imports that make it.
const reaches = (from, to, seen = new Set()) => {
  if (from === to) return true;
  if (seen.has(from)) return false;
  seen.add(from);
  return [...(unitDeps.get(from) ?? [])].some((d) => reaches(d, to, seen));
};
const stageCircles = [];
for (const [unit, below] of [...unitDeps].sort(([a], [b]) => (a < b ? -1 : 1))) {
  for (const d of [...below].sort()) {
    if (unit < d && reaches(d, unit)) {
      const imports = Object.entries(deps).flatMap(([f, is]) => is.filter((i) => (unitOf(f) === unit && unitOf(i) === d) || (unitOf(f) === d && unitOf(i) === unit)).map((i) => `${f} -> ${i}`));
      stageCircles.push(`${unit} <-> ${d}${imports.length > 0 ? ` (${imports.join(', ')})` : ' (through other stages)'}`);
    }
  }
}
console.log(`${Object.keys(deps).length} modules on ${levels} levels; ${circles.length} import circle(s); ${stageCircles.length} circle(s) between stages`);
console.log(`stages, bottom up: ${[...unitLevel].sort((a, b) => a[1] - b[1] || (a[0] < b[0] ? -1 : 1)).map(([u, l]) => `${l}:${u}`).join(' ')}`);
if (process.argv.includes('--verbose')) {
  for (let l = levels - 1; l >= 0; l--) console.log(`${l}: ${[...level].filter(([, v]) => v === l).map(([f]) => f).sort().join(' ')}`);
}
for (const circle of circles) console.log(`circle: ${circle.join(' > ')}`);
for (const circle of stageCircles) console.log(`stage circle: ${circle}`);
process.exitCode = circles.length > 0 || stageCircles.length > 0 ? 1 : 0;
