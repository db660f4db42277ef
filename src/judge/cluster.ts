/**
 * Clustering without chaining. Linked pairs form groups (connected components); within a group the best-ranked
 * unassigned document becomes a canonical and takes every unassigned document that links to it directly. So every
 * member is close to its canonical, never merely to some other member: A~B and B~C do not put C with A. A preference
 * (`--prefer`) is applied only then, among the members: it never changes who is a member.
 */

export interface PlannedMember<L> {
  readonly index: number;
  readonly link: L;
}

export interface PlannedCluster<R, L> {
  readonly canonical: number;
  readonly reason: R;
  /** Members other than the canonical, in the order they were linked. */
  readonly members: Array<PlannedMember<L>>;
}

export interface ClusterStrategy<R, L> {
  /** Indices of a group, best canonical candidate first, each with the reason it would be chosen. */
  rank(group: readonly number[]): Array<{ index: number; reason: R }>;
  /** The link from a canonical to a member, or undefined when they are not copies. */
  link(canonical: number, member: number): L | undefined;
  /** The reason to make a document the canonical of its cluster when the user prefers it, else undefined. */
  preferred?(index: number): R | undefined;
}

/** Groups larger than this check a canonical only against its linked neighbours, not the whole group. */
export const FULL_CHECK_LIMIT = 400;

/** Connected components of the pairs, each sorted, in order of their smallest index. Singletons are left out. */
export function components(count: number, pairs: ReadonlyArray<readonly [number, number]>): number[][] {
  return componentsOf(count, (link) => {
    for (const [a, b] of pairs) link(a, b);
  });
}

/** Connected components of pairs given as columns (each i0, j0, i1, j1 …), as components() gives them. */
export function componentsOfColumns(count: number, ...columns: readonly Int32Array[]): number[][] {
  return componentsOf(count, (link) => {
    for (const column of columns) for (let p = 0; p < column.length; p += 2) link(column[p]!, column[p + 1]!);
  });
}

function componentsOf(count: number, forEachPair: (link: (a: number, b: number) => void) => void): number[][] {
  const parent = new Int32Array(count);
  for (let i = 0; i < count; i++) parent[i] = i;
  const find = (x: number): number => {
    while (parent[x] !== x) {
      parent[x] = parent[parent[x]!]!;
      x = parent[x]!;
    }
    return x;
  };
  forEachPair((a, b) => {
    const ra = find(a);
    const rb = find(b);
    if (ra !== rb) parent[Math.max(ra, rb)] = Math.min(ra, rb);
  });
  const groups = new Map<number, number[]>();
  for (let i = 0; i < count; i++) {
    const root = find(i);
    const group = groups.get(root);
    if (group) group.push(i);
    else groups.set(root, [i]);
  }
  return [...groups.values()].filter((g) => g.length > 1).sort((a, b) => a[0]! - b[0]!);
}

export function planClusters<R, L>(
  count: number,
  pairs: ReadonlyArray<readonly [number, number]>,
  strategy: ClusterStrategy<R, L>,
): Array<PlannedCluster<R, L>> {
  const neighbours = new Map<number, number[]>();
  for (const [a, b] of pairs) {
    (neighbours.get(a) ?? neighbours.set(a, []).get(a)!).push(b);
    (neighbours.get(b) ?? neighbours.set(b, []).get(b)!).push(a);
  }
  const plans: Array<PlannedCluster<R, L>> = [];
  const assigned = new Uint8Array(count);
  for (const group of components(count, pairs)) {
    const full = group.length <= FULL_CHECK_LIMIT;
    const ranked = strategy.rank(group);
    const rankOf = new Map(ranked.map(({ index }, place) => [index, place]));
    for (const { index: canonical, reason } of ranked) {
      if (assigned[canonical]) continue;
      const members: Array<PlannedMember<L>> = [];
      const others = full ? group : [...(neighbours.get(canonical) ?? [])].sort((a, b) => a - b);
      for (const other of others) {
        if (other === canonical || assigned[other]) continue;
        const link = strategy.link(canonical, other);
        if (link !== undefined) members.push({ index: other, link });
      }
      if (members.length === 0) continue;
      assigned[canonical] = 1;
      for (const m of members) assigned[m.index] = 1;
      plans.push(strategy.preferred ? withPreferredCanonical({ canonical, reason, members }, rankOf, strategy) : { canonical, reason, members });
    }
  }
  return plans;
}

/**
 * The cluster with a preferred document as its canonical: the canonical itself when preferred, else the best-ranked
 * preferred member that every other document of the cluster links to (so each is still judged against a text it is
 * close to). When no preferred member does, the cluster stays as it is.
 */
function withPreferredCanonical<R, L>(plan: PlannedCluster<R, L>, rankOf: ReadonlyMap<number, number>, strategy: ClusterStrategy<R, L>): PlannedCluster<R, L> {
  const own = strategy.preferred!(plan.canonical);
  if (own !== undefined) return { ...plan, reason: own };
  const byRank = [...plan.members].sort((a, b) => rankOf.get(a.index)! - rankOf.get(b.index)!);
  for (const { index } of byRank) {
    const reason = strategy.preferred!(index);
    if (reason === undefined) continue;
    const others = [plan.canonical, ...plan.members.map((m) => m.index).filter((m) => m !== index)].sort((a, b) => a - b);
    const members: Array<PlannedMember<L>> = [];
    for (const other of others) {
      const link = strategy.link(index, other);
      if (link === undefined) break;
      members.push({ index: other, link });
    }
    if (members.length === others.length) return { canonical: index, reason, members };
  }
  return plan;
}
