import {
  type ArticlePlace,
  bandKeysOf,
  checkStorable,
  countBucketHits,
  hasMoved,
  type IndexedDocument,
  type IndexParams,
  type IndexStats,
  type PutResult,
  type SignatureStore,
  type StoredDocument,
} from './store.js';

/** A SignatureStore in memory: the reference behaviour the SQLite and PostgreSQL stores are tested against, and a store for tests. */
export class MemoryStore implements SignatureStore {
  readonly params: IndexParams;
  private readonly byKey = new Map<number, IndexedDocument>();
  private readonly keyOfId = new Map<string, number>();
  private readonly texts = new Map<number, string>();
  /** Bucket per band: band key → document keys. */
  private readonly buckets: Array<Map<number, Set<number>>>;
  private nextKey = 1;
  private readonly created: string;
  private lastWrite: string | undefined;
  private readonly now: () => string;

  /** `now` gives ISO times for stats (default: the clock). */
  constructor(params: IndexParams, now: () => string = () => new Date().toISOString()) {
    this.params = params;
    this.now = now;
    this.created = now();
    this.buckets = Array.from({ length: params.bands + params.rewriteBands }, () => new Map<number, Set<number>>());
  }

  async contentHashes(ids: readonly string[]): Promise<Map<string, string>> {
    const out = new Map<string, string>();
    for (const id of ids) {
      const key = this.keyOfId.get(id);
      if (key !== undefined) out.set(id, this.byKey.get(key)!.contentHash);
    }
    return out;
  }

  async relocate(places: readonly ArticlePlace[]): Promise<number> {
    let moved = 0;
    for (const place of places) {
      const key = this.keyOfId.get(place.id);
      if (key === undefined) continue;
      const stored = this.byKey.get(key)!;
      if (!hasMoved(stored, place)) continue;
      const { source: _source, line: _line, offset: _offset, field: _field, date: _date, ...kept } = stored;
      this.byKey.set(key, { ...kept, ...place });
      moved++;
    }
    if (moved > 0) this.lastWrite = this.now();
    return moved;
  }

  async putBatch(documents: readonly StoredDocument[]): Promise<PutResult> {
    let added = 0;
    let replaced = 0;
    let unchanged = 0;
    // Checked before anything changes, so a bad batch stores nothing, as a rolled-back transaction would.
    checkStorable(documents, this.params);
    for (const doc of documents) {
      const old = this.keyOfId.get(doc.id);
      if (old !== undefined) {
        if (this.byKey.get(old)!.contentHash === doc.contentHash) {
          unchanged++;
          continue;
        }
        this.delete(old);
        replaced++;
      } else added++;
      const key = this.nextKey++;
      const stemSignature = this.params.rewriteBands > 0 && doc.stemSignature ? Int32Array.from(doc.stemSignature) : undefined;
      const { stems, stemSignature: _, text, ...rest } = doc;
      this.byKey.set(key, { ...rest, signature: Int32Array.from(doc.signature), ...(stemSignature ? { stems: stems!, stemSignature } : {}), key });
      this.keyOfId.set(doc.id, key);
      if (this.params.storedText && text !== undefined) this.texts.set(key, text);
      bandKeysOf(doc.signature, this.params, stemSignature).forEach((bandKey, band) => {
        const bucket = this.buckets[band]!;
        let members = bucket.get(bandKey);
        if (!members) bucket.set(bandKey, (members = new Set()));
        members.add(key);
      });
    }
    if (documents.length > 0) this.lastWrite = this.now();
    return { added, replaced, unchanged };
  }

  private delete(key: number): void {
    const doc = this.byKey.get(key)!;
    bandKeysOf(doc.signature, this.params, doc.stemSignature).forEach((bandKey, band) => {
      const bucket = this.buckets[band]!;
      const members = bucket.get(bandKey);
      members?.delete(key);
      if (members?.size === 0) bucket.delete(bandKey);
    });
    this.byKey.delete(key);
    this.keyOfId.delete(doc.id);
    this.texts.delete(key);
  }

  async candidates(bandKeys: Int32Array): Promise<number[]> {
    return [...(await this.bandHits(bandKeys, 0)).keys()].sort((a, b) => a - b);
  }

  async bandHits(bandKeys: Int32Array, first: number): Promise<Map<number, number>> {
    const hits = new Map<number, number>();
    bandKeys.forEach((bandKey, i) => {
      const members = this.buckets[first + i]?.get(bandKey);
      if (members) countBucketHits(hits, first + i, members, this.params);
    });
    return hits;
  }

  async documents(keys: readonly number[]): Promise<IndexedDocument[]> {
    return [...keys]
      .sort((a, b) => a - b)
      .flatMap((key) => {
        const doc = this.byKey.get(key);
        return doc ? [doc] : [];
      });
  }

  async idsOf(keys: readonly number[]): Promise<Map<number, string>> {
    const out = new Map<number, string>();
    for (const key of keys) {
      const doc = this.byKey.get(key);
      if (doc) out.set(key, doc.id);
    }
    return out;
  }

  async text(key: number): Promise<string | undefined> {
    return this.texts.get(key);
  }

  async count(): Promise<number> {
    return this.byKey.size;
  }

  async byId(id: string): Promise<IndexedDocument | undefined> {
    const key = this.keyOfId.get(id);
    return key === undefined ? undefined : this.byKey.get(key);
  }

  async remove(ids: readonly string[]): Promise<number> {
    let removed = 0;
    for (const id of new Set(ids)) {
      const key = this.keyOfId.get(id);
      if (key !== undefined) {
        this.delete(key);
        removed++;
      }
    }
    if (removed > 0) this.lastWrite = this.now();
    return removed;
  }

  async idsFromSource(source: string): Promise<string[]> {
    const folder = source.endsWith('/') ? source : `${source}/`;
    return [...this.byKey.values()]
      .filter((d) => d.source === source || d.source.startsWith(folder))
      .map((d) => d.id)
      .sort();
  }

  async stats(): Promise<IndexStats> {
    const docs = [...this.byKey.values()];
    const dates = docs.flatMap((d) => (d.date === undefined ? [] : [d.date])).sort();
    return {
      params: this.params,
      documents: docs.length,
      bandRows: docs.length * (this.params.bands + this.params.rewriteBands),
      sources: new Set(docs.map((d) => d.source)).size,
      ...(dates.length ? { dates: { earliest: dates[0]!, latest: dates[dates.length - 1]! } } : {}),
      created: this.created,
      ...(this.lastWrite === undefined ? {} : { lastWrite: this.lastWrite }),
    };
  }

  async flush(): Promise<void> {}

  async compact(): Promise<void> {}

  async close(): Promise<void> {}
}
