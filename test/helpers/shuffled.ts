import type { ScanResult } from '../../src/scan/scan.js';

/** The lines in an order drawn from a seed (Fisher–Yates over a small LCG). */
export function shuffled(lines: readonly string[], seed: number): string[] {
  const out = [...lines];
  let x = seed;
  for (let i = out.length - 1; i > 0; i--) {
    x = (Math.imul(x, 1103515245) + 12345) >>> 0;
    const j = x % (i + 1);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

/** A scan's clusters as sorted sets of ids, sorted: what must not change with the order of the input. */
export function clusterIdSets(result: ScanResult): string[] {
  return result.clusters.map((c) => c.members.map((m) => m.id).sort().join(' ')).sort();
}
