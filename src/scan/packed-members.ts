/**
 * Clusters whose members are held packed: their JSON, deflated. A scan holds every member until its report, and a
 * million much-copied articles' members were nearly all of the live heap (about 770 bytes a member as objects, about
 * 110 packed), and V8 lets the heap grow about half as much again above what is live.
 */
import { deflateRawSync, inflateRawSync } from 'node:zlib';
import type { MemberResult } from '../judge/member.js';
import type { ClusterResult } from './groups.js';

/**
 * Deflate's fastest level, a 4 KiB window and small tables: a member repeats its keys within a few hundred bytes, and a
 * scan packs a cluster at a time, tens of thousands of them, each call setting up (and zeroing) its tables afresh.
 */
const DEFLATE = { level: 1, windowBits: 12, memLevel: 4 };
const INFLATE = { windowBits: 12 };

/** How many members a packed cluster has, without unpacking them. */
const MEMBER_COUNT = Symbol('member count');

/**
 * The cluster with its members packed. `members` is unpacked each time it is read (an equal, new array): a reader
 * takes it once per cluster. JSON gives the members back exactly: plain objects of strings, finite numbers and
 * booleans, keys in their order.
 */
export function packedCluster(cluster: ClusterResult): ClusterResult {
  // Copied: deflate's answer is a view of its 16 KiB output chunk, which it would keep for the scan's length. A copy of
  // under 4 KiB takes its room in Buffer's shared pool.
  const packed = Buffer.from(deflateRawSync(JSON.stringify(cluster.members), DEFLATE));
  const result = { canonical: cluster.canonical, canonicalReason: cluster.canonicalReason };
  Object.defineProperty(result, 'members', { enumerable: true, get: (): MemberResult[] => JSON.parse(inflateRawSync(packed, INFLATE).toString('utf8')) as MemberResult[] });
  Object.defineProperty(result, MEMBER_COUNT, { value: cluster.members.length });
  return (cluster.related ? Object.assign(result, { related: cluster.related }) : result) as ClusterResult;
}

/** The number of a cluster's members, packed or not, without unpacking them. */
export function memberCount(cluster: ClusterResult): number {
  return (cluster as { [MEMBER_COUNT]?: number })[MEMBER_COUNT] ?? cluster.members.length;
}
