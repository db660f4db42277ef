/**
 * Clusters whose members are held packed: their JSON, deflated. A scan holds every member until its report, and a
 * million much-copied articles' members were nearly all of the live heap (about 770 bytes a member as objects, about
 * 110 packed), and V8 lets the heap grow about half as much again above what is live.
 */
import { deflateRawSync, inflateRawSync } from 'node:zlib';
import type { MemberResult } from '../judge/member.js';
import type { ClusteredGroups, ClusterResult } from './groups.js';
import type { ReadFailure } from './verify-candidates.js';

/**
 * Deflate's fastest level, a 4 KiB window and small tables: a member repeats its keys within a few hundred bytes, and a
 * scan packs a cluster at a time, tens of thousands of them, each call setting up (and zeroing) its tables afresh.
 */
const DEFLATE = { level: 1, windowBits: 12, memLevel: 4 };
const INFLATE = { windowBits: 12 };

/** How many members a packed cluster has, without unpacking them. */
const MEMBER_COUNT = Symbol('member count');

/**
 * A cluster with its members packed, as plain data: what a worker thread sends back (a structured clone copies it
 * as it is, where the members' objects would be copied one by one) and what clusterOfPacked makes a ClusterResult of.
 */
export interface PackedCluster {
  readonly canonical: string;
  readonly canonicalReason: ClusterResult['canonicalReason'];
  readonly memberCount: number;
  /** The members' JSON, deflated. */
  readonly members: Uint8Array;
  readonly related?: ClusterResult['related'];
}

/** Packs a cluster's members. JSON gives them back exactly: plain objects of strings, finite numbers and booleans, keys in order. */
export function packCluster(cluster: ClusterResult): PackedCluster {
  // Copied to memory of its own size: deflate's answer is a view of its 16 KiB output chunk, which it would keep for the
  // scan's length, and a structured clone copies the whole memory under a view (a pooled Buffer's is 8 KiB).
  const members = Uint8Array.prototype.slice.call(deflateRawSync(JSON.stringify(cluster.members), DEFLATE));
  return { canonical: cluster.canonical, canonicalReason: cluster.canonicalReason, memberCount: cluster.members.length, members, ...(cluster.related ? { related: cluster.related } : {}) };
}

/**
 * The cluster of packed members: `members` is unpacked each time it is read (an equal, new array), so a reader takes
 * it once per cluster.
 */
export function clusterOfPacked(packed: PackedCluster): ClusterResult {
  const bytes = packed.members;
  return withMembersOnRead(
    { canonical: packed.canonical, canonicalReason: packed.canonicalReason },
    (): MemberResult[] => JSON.parse(inflateRawSync(bytes, INFLATE).toString('utf8')) as MemberResult[],
    packed.related,
    packed.memberCount,
  );
}

/**
 * `fields`, then `members` made by `read` each time they are read, then `related` where there are any: an enumerable
 * getter in a cluster's key order, which JSON.stringify and every reader take as they take a value. `count`, the
 * members' number, is kept out of sight for memberCount.
 */
export function withMembersOnRead<Fields extends object, Member, Related>(
  fields: Fields,
  read: () => Member[],
  related: Related | undefined,
  count: number,
): Fields & { readonly members: Member[]; readonly related?: Related } {
  Object.defineProperty(fields, 'members', { enumerable: true, get: read });
  Object.defineProperty(fields, MEMBER_COUNT, { value: count });
  return (related === undefined ? fields : Object.assign(fields, { related })) as Fields & { readonly members: Member[]; readonly related?: Related };
}

/** The number of a cluster's members (a scan's or a report's), packed or not, without unpacking them. */
export function memberCount(cluster: { readonly members: readonly unknown[] }): number {
  return (cluster as { [MEMBER_COUNT]?: number })[MEMBER_COUNT] ?? cluster.members.length;
}

/** ClusteredGroups with each cluster's members packed: how pass 2 takes clustered groups, from any thread. */
export interface PackedClusteredGroups {
  readonly clusters: PackedCluster[];
  readonly failures: ReadFailure[];
}

/** The clustered groups with their members packed. */
export function packedGroups(groups: ClusteredGroups): PackedClusteredGroups {
  return { clusters: groups.clusters.map(packCluster), failures: groups.failures };
}
