import { BaselineError } from '../errors.js';
import { byCodeUnits } from '../input/folder-walk.js';
import { DEFAULT_OPTIONS, type Metric } from '../options.js';
import { type Banding, scanBandings } from '../sketch/lsh.js';

/** Version of the baseline file's shape; bumped on any incompatible change. */
export const BASELINE_VERSION = 1;

/** The parameters a baseline's clusters were found with; comparing with clusters found under others is refused. */
export interface BaselineParams {
  readonly metric: string;
  readonly threshold: number;
  readonly shingleSize: number;
  readonly numPerm: number;
  readonly seed: number;
  /** Whether re-worded copies were linked; absent from baselines recorded before it was kept, which are not checked on it. */
  readonly rewrites?: boolean;
  /** `--within` in days, null for no limit; absent from older baselines, as `rewrites`. */
  readonly withinDays?: number | null;
  /** `--rewrite-threshold` and `--min-aligned`; absent from older baselines, as `rewrites`. */
  readonly rewriteThreshold?: number;
  readonly minAlignedSentences?: number;
  /** LSH banding, given or derived from the threshold; absent from older baselines, as `rewrites`. */
  readonly bands?: number;
  readonly rows?: number;
}

/** What a scan's parameters are given as: a report's (bands and rows derived) or the options' (banding if given). */
export type ScanParams = BaselineParams & { readonly banding?: Banding | undefined };

/** The parameters of a scan, as a baseline records and compares them (`--within` unset is null). */
export function scanBaselineParams(p: ScanParams): BaselineParams {
  const banding = p.bands !== undefined && p.rows !== undefined ? { bands: p.bands, rows: p.rows } : scanBandings({ ...p, metric: p.metric as Metric }).banding;
  return {
    ...paramsOf(p),
    rewrites: p.rewrites ?? true,
    withinDays: p.withinDays ?? null,
    rewriteThreshold: p.rewriteThreshold ?? DEFAULT_OPTIONS.rewriteThreshold,
    minAlignedSentences: p.minAlignedSentences ?? DEFAULT_OPTIONS.minAlignedSentences,
    bands: banding.bands,
    rows: banding.rows,
  };
}

/** One accepted cluster: its canonical when it was recorded, and all its member ids (canonical included), sorted. */
export interface BaselineCluster {
  readonly canonical: string;
  readonly members: readonly string[];
}

/** The baseline file (`--write-baseline`, `--baseline`): the clusters accepted so far. */
export interface Baseline {
  readonly neardupBaseline: typeof BASELINE_VERSION;
  readonly params: BaselineParams;
  /** Sorted by their smallest member id; no id is in two clusters. */
  readonly clusters: readonly BaselineCluster[];
}

/** What a baseline is made from and compared with: a scan report's parameters and clusters. */
export interface ClusteredReport {
  readonly params: BaselineParams;
  readonly clusters: ReadonlyArray<{ readonly id: number; readonly canonical: string; readonly members: ReadonlyArray<{ readonly id: string }> }>;
}

/** `known`: every duplicate is in the baseline; `new`: none of it is; `grown`: an accepted cluster with new duplicates. */
export type ClusterStatus = 'known' | 'grown' | 'new';

export interface ClusterComparison {
  /** The report cluster's id. */
  readonly cluster: number;
  readonly status: ClusterStatus;
  readonly knownDuplicates: number;
  /** One id per new duplicate, in report order. */
  readonly newMembers: readonly string[];
}

/** How a report's clusters stand against a baseline (see compareWithBaseline for the rule). */
export interface BaselineComparison {
  readonly knownDuplicates: number;
  readonly newDuplicates: number;
  /** One entry per report cluster, in report order. */
  readonly clusters: readonly ClusterComparison[];
  /** Baseline clusters of which no two members are in one cluster any more. */
  readonly resolved: readonly BaselineCluster[];
}

/** The `baseline` section of a JSON report: the comparison and the file it was made against. */
export interface ReportBaseline extends BaselineComparison {
  readonly file: string;
}


function sortedClusters(clusters: readonly BaselineCluster[]): BaselineCluster[] {
  return clusters
    .map((c) => ({ canonical: c.canonical, members: [...c.members].sort(byCodeUnits) }))
    .sort((a, b) => byCodeUnits(a.members[0] ?? '', b.members[0] ?? ''));
}

function paramsOf(p: BaselineParams): BaselineParams {
  return {
    metric: p.metric,
    threshold: p.threshold,
    shingleSize: p.shingleSize,
    numPerm: p.numPerm,
    seed: p.seed,
    ...(p.rewrites === undefined ? {} : { rewrites: p.rewrites }),
    ...(p.withinDays === undefined ? {} : { withinDays: p.withinDays }),
    ...(p.rewriteThreshold === undefined ? {} : { rewriteThreshold: p.rewriteThreshold }),
    ...(p.minAlignedSentences === undefined ? {} : { minAlignedSentences: p.minAlignedSentences }),
    ...(p.bands === undefined ? {} : { bands: p.bands }),
    ...(p.rows === undefined ? {} : { rows: p.rows }),
  };
}

/**
 * The baseline that accepts every cluster of the report. A cluster of one article (the source of related articles,
 * with no copies) holds no duplicate to accept, and is left out.
 */
export function baselineFromReport(report: ClusteredReport): Baseline {
  const clusters = report.clusters.map((c) => ({ canonical: c.canonical, members: c.members.map((m) => m.id) }));
  return {
    neardupBaseline: BASELINE_VERSION,
    params: scanBaselineParams(report.params),
    clusters: sortedClusters(clusters.filter((c) => c.members.length > 1)),
  };
}

/** The baseline file's text: fixed key order, sorted ids and clusters, two-space indent, trailing newline, so it diffs well. */
export function serializeBaseline(baseline: Baseline): string {
  const ordered: Baseline = { neardupBaseline: BASELINE_VERSION, params: paramsOf(baseline.params), clusters: sortedClusters(baseline.clusters) };
  return `${JSON.stringify(ordered, null, 2)}\n`;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const shown = (v: unknown) => (v === undefined ? 'nothing' : JSON.stringify(v));

/** Reads a baseline file's text; `file` names it in errors. Throws BaselineError for invalid JSON, a wrong shape or version. */
export function parseBaseline(text: string, file: string): Baseline {
  const invalid = (problem: string) => new BaselineError(file, `${file} is not a neardup baseline: ${problem}`);
  let data: unknown;
  try {
    data = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    throw invalid(`invalid JSON (${error instanceof Error ? error.message : String(error)})`);
  }
  if (!isObject(data)) throw invalid('expected a JSON object');
  const version = data.neardupBaseline;
  if (version === undefined) throw invalid('no "neardupBaseline" field');
  if (version !== BASELINE_VERSION) {
    if (typeof version === 'number' && Number.isInteger(version) && version > BASELINE_VERSION) {
      throw new BaselineError(file, `${file} is a version ${version} neardup baseline; this neardup reads version ${BASELINE_VERSION}`);
    }
    throw invalid(`"neardupBaseline" must be ${BASELINE_VERSION}, got ${shown(version)}`);
  }

  const p = data.params;
  if (!isObject(p)) throw invalid('"params" must be an object');
  if (p.metric !== 'containment' && p.metric !== 'jaccard') throw invalid(`params.metric must be "containment" or "jaccard", got ${shown(p.metric)}`);
  if (typeof p.threshold !== 'number' || !(p.threshold > 0 && p.threshold <= 1)) throw invalid(`params.threshold must be a number from 0 to 1, got ${shown(p.threshold)}`);
  const whole = (name: 'shingleSize' | 'numPerm' | 'seed', min: number): number => {
    const v = p[name];
    if (typeof v !== 'number' || !Number.isInteger(v) || v < min) throw invalid(`params.${name} must be a whole number of at least ${min}, got ${shown(v)}`);
    return v;
  };
  if (p.rewrites !== undefined && typeof p.rewrites !== 'boolean') throw invalid(`params.rewrites must be true or false, got ${shown(p.rewrites)}`);
  if (p.withinDays !== undefined && p.withinDays !== null && !(typeof p.withinDays === 'number' && p.withinDays >= 0)) {
    throw invalid(`params.withinDays must be null or a number of days, got ${shown(p.withinDays)}`);
  }
  const optional = (name: 'rewriteThreshold' | 'minAlignedSentences' | 'bands' | 'rows', whole: boolean): number | undefined => {
    const v = p[name];
    if (v === undefined) return undefined;
    if (typeof v !== 'number' || !(v > 0) || (whole && !Number.isInteger(v))) throw invalid(`params.${name} must be a ${whole ? 'whole ' : ''}number above 0, got ${shown(v)}`);
    return v;
  };
  const params = paramsOf({
    metric: p.metric,
    threshold: p.threshold,
    shingleSize: whole('shingleSize', 1),
    numPerm: whole('numPerm', 1),
    seed: whole('seed', 0),
    rewrites: p.rewrites,
    withinDays: p.withinDays as number | null | undefined,
    rewriteThreshold: optional('rewriteThreshold', false),
    minAlignedSentences: optional('minAlignedSentences', true),
    bands: optional('bands', true),
    rows: optional('rows', true),
  });

  if (!Array.isArray(data.clusters)) throw invalid('"clusters" must be an array');
  const owner = new Map<string, number>();
  const clusters = data.clusters.map((c: unknown, i: number): BaselineCluster => {
    const at = `clusters[${i}]`;
    if (!isObject(c)) throw invalid(`${at} must be an object`);
    if (typeof c.canonical !== 'string') throw invalid(`${at}.canonical must be an id (a string), got ${shown(c.canonical)}`);
    const members = c.members;
    if (!Array.isArray(members) || members.length === 0 || !members.every((m): m is string => typeof m === 'string')) {
      throw invalid(`${at}.members must be a non-empty array of ids (strings)`);
    }
    if (!members.includes(c.canonical)) throw invalid(`${at}.members does not hold its canonical ${shown(c.canonical)}`);
    for (const m of members) {
      const other = owner.get(m);
      if (other === i) throw invalid(`${at}.members holds ${shown(m)} twice`);
      if (other !== undefined) throw invalid(`${shown(m)} is in both clusters[${other}] and ${at}`);
      owner.set(m, i);
    }
    return { canonical: c.canonical, members };
  });
  // A cluster of its canonical alone accepts nothing: earlier versions wrote such clusters (sources of related articles).
  return { neardupBaseline: BASELINE_VERSION, params, clusters: sortedClusters(clusters.filter((c) => c.members.length > 1)) };
}

/** How a parameter's value is named in messages: as the option that sets it. */
const PARAM_OPTIONS: ReadonlyArray<[keyof BaselineParams, (value: unknown) => string]> = [
  ['metric', (v) => `--metric ${v}`],
  ['threshold', (v) => `--threshold ${v}`],
  ['shingleSize', (v) => `--shingle-size ${v}`],
  ['numPerm', (v) => `--num-perm ${v}`],
  ['seed', (v) => `--seed ${v}`],
  ['rewrites', (v) => (v ? 'rewrites on' : '--no-rewrites')],
  ['withinDays', (v) => (v === null ? 'no --within' : `--within ${v}`)],
  ['rewriteThreshold', (v) => `--rewrite-threshold ${v}`],
  ['minAlignedSentences', (v) => `--min-aligned ${v}`],
  ['bands', (v) => `--bands ${v}`],
  ['rows', (v) => `--rows ${v}`],
];

/**
 * The parameters in which `params` differ from the baseline's, as `--threshold 0.8 (the baseline has --threshold 0.7)`;
 * empty when none. A parameter an older baseline does not record is not compared.
 */
export function baselineParamsMismatch(baseline: Baseline, params: ScanParams): string[] {
  const ours = scanBaselineParams(params);
  const differs = (key: keyof BaselineParams) => baseline.params[key] !== undefined && baseline.params[key] !== ours[key];
  // Bands and rows follow from these unless given: their own difference is named only where these agree.
  const derived = differs('metric') || differs('threshold') || differs('numPerm');
  return PARAM_OPTIONS.filter(([key]) => differs(key) && !(derived && (key === 'bands' || key === 'rows'))).map(
    ([key, named]) => `${named(ours[key])} (the baseline has ${named(baseline.params[key])})`,
  );
}

/** Throws BaselineError when `params` differ from the baseline's: clusters found under other settings do not compare. */
export function assertSameParams(baseline: Baseline, params: ScanParams, file = 'the baseline'): void {
  const differences = baselineParamsMismatch(baseline, params);
  if (differences.length === 0) return;
  throw new BaselineError(
    file,
    `${file} was made with other parameters: ${differences.join(', ')}; run with the baseline's parameters, or record a new baseline with --write-baseline and no --baseline`,
  );
}

/**
 * Compares the report's clusters with the accepted ones. Each cluster is split into groups: the members that share one
 * baseline cluster form a group, and a member in no baseline cluster, or the only one here of its baseline cluster, is
 * a group of its own. The largest group (the first in report order on a tie) is the cluster's accepted core; every
 * other group is one new duplicate, named by its first member in report order. So a new copy is reported even when it
 * became the canonical, a change of canonical reports nothing, two accepted clusters that merge report one new
 * duplicate, and a cluster with nothing accepted reports every member but its canonical.
 * Throws BaselineError when the report was made with other parameters than the baseline.
 */
export function compareWithBaseline(report: ClusteredReport, baseline: Baseline): BaselineComparison {
  assertSameParams(baseline, report.params);
  const owner = new Map<string, number>();
  baseline.clusters.forEach((c, i) => {
    for (const m of c.members) owner.set(m, i);
  });
  const seen = new Set<number>();
  let knownDuplicates = 0;
  let newDuplicates = 0;
  const clusters = report.clusters.map((cluster): ClusterComparison => {
    const ids = cluster.members.map((m) => m.id);
    const here = new Map<number, number>();
    for (const id of ids) {
      const o = owner.get(id);
      if (o !== undefined) here.set(o, (here.get(o) ?? 0) + 1);
    }
    // Groups in order of their first member, so the first group holds the canonical.
    const groups = new Map<string, string[]>();
    for (const id of ids) {
      const o = owner.get(id);
      const key = o !== undefined && (here.get(o) ?? 0) >= 2 ? `baseline ${o}` : `alone ${id}`;
      const group = groups.get(key);
      if (group) group.push(id);
      else groups.set(key, [id]);
    }
    for (const [o, n] of here) if (n >= 2) seen.add(o);
    const list = [...groups.values()];
    const core = list.reduce((best, g) => (g.length > best.length ? g : best));
    const newMembers = list.filter((g) => g !== core).map((g) => g[0]!);
    const known = ids.length - list.length;
    knownDuplicates += known;
    newDuplicates += newMembers.length;
    const status: ClusterStatus = newMembers.length === 0 ? 'known' : core.length >= 2 ? 'grown' : 'new';
    return { cluster: cluster.id, status, knownDuplicates: known, newMembers };
  });
  const resolved = baseline.clusters.filter((_, i) => !seen.has(i)).map((c) => ({ canonical: c.canonical, members: [...c.members] }));
  return { knownDuplicates, newDuplicates, clusters, resolved };
}
