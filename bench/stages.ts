/**
 * One scan, stage by stage, with the wall and CPU time of each and the candidates the second pass gets: where the time
 * goes, with or without rewrites. `node dist-bench/bench/stages.js FILE [--no-rewrites] [--jobs N] [--until STAGE]`
 * (after `npm run build && npx tsc -p tsconfig.bench.json`); `--until boilerplate` or `candidates` stops after that
 * stage, for a profile of the stages before it.
 */
import { parseArgs } from 'node:util';
import { nodeFileSystem } from '../src/input/file-system.js';
import { sentenceFeatureCache } from '../src/judge/member.js';
import { withDefaults } from '../src/options.js';
import { learnAndRemoveBoilerplate } from '../src/scan/boilerplate-step.js';
import { candidatePairs } from '../src/scan/candidates.js';
import { candidateGroups } from '../src/scan/groups.js';
import { fingerprintInputs } from '../src/scan/pass1-fingerprint.js';
import { verifyAndCluster } from '../src/scan/pass2.js';
import type { CandidatePairs } from '../src/scan/verify-candidates.js';
import type { ScanPool } from '../src/scan/worker-pool.js';
import { scanBandings } from '../src/sketch/lsh.js';

const { values, positionals } = parseArgs({ allowPositionals: true, options: { 'no-rewrites': { type: 'boolean' }, jobs: { type: 'string' }, until: { type: 'string' } } });
const STAGES = ['pass 1', 'boilerplate', 'candidates', 'pass 2'];
const until = values.until ?? 'pass 2';
if (!STAGES.includes(until)) throw new Error(`--until takes one of ${STAGES.join(', ')}, got "${until}"`);
const options = withDefaults({ paths: positionals, rewrites: !values['no-rewrites'], jobs: Number(values.jobs ?? 1) });
const fs = nodeFileSystem();

let wall = performance.now();
let cpu = process.cpuUsage();
const lap = (stage: string) => {
  const used = process.cpuUsage(cpu);
  console.log(`${stage.padEnd(12)} ${(performance.now() - wall).toFixed(0).padStart(7)} ms wall ${((used.user + used.system) / 1000).toFixed(0).padStart(7)} ms CPU ${(process.resourceUsage().maxRSS / 1024).toFixed(0).padStart(6)} MiB peak so far`);
  wall = performance.now();
  cpu = process.cpuUsage();
};

const workers: { pool?: ScanPool } = {};
try {
  const { banding } = scanBandings(options);
  const { table, lines, sentences, skip } = await fingerprintInputs(options, fs, {}, banding, undefined, undefined, workers);
  lap('pass 1');
  if (until === 'pass 1') process.exit(0);
  const featuresOf = sentenceFeatureCache();
  const boilerplate = lines && (await learnAndRemoveBoilerplate(table, lines, fs, options, workers.pool));
  lap('boilerplate');
  if (until === 'boilerplate') process.exit(0);
  let candidates: CandidatePairs | undefined = await candidatePairs(table, options, banding, sentences, workers.pool);
  lap('candidates');
  if (until === 'candidates') process.exit(0);
  const pairs = `candidate pairs: ${candidates.shingle.length / 2} shingle, ${candidates.rewrite.length / 2} rewrite`;
  const groups = candidateGroups(table.count, candidates);
  // Held by groups only, as a scan holds them: pass 2 lets go of each group's as it goes.
  candidates = undefined;
  const inGroups = groups.reduce((sum, g) => sum + g.docs.length, 0);
  const largest = groups.reduce((most, g) => Math.max(most, g.docs.length), 0);
  const groupCount = groups.length;
  const { clusters } = await verifyAndCluster(groups, { table, lines, boilerplate: boilerplate?.keys, fs, options, observer: {}, featuresOf, skip, pool: workers.pool });
  lap('pass 2');
  console.log(`${table.count} articles; ${pairs}; ${inGroups} articles in ${groupCount} groups, the largest ${largest}; ${clusters.length} clusters`);
} finally {
  await workers.pool?.close();
}
