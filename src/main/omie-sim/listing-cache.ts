/**
 * Remembers the last few filtered listings (keyed by filter and data version), so paging through
 * 100,000 records does not re-filter the whole store for every page.
 */
export class ListingCache<T> {
  private readonly entries = new Map<string, readonly T[]>();
  constructor(private readonly capacity = 6) {}

  get(filterKey: string, version: number, compute: () => readonly T[]): readonly T[] {
    const key = `${version}:${filterKey}`;
    const hit = this.entries.get(key);
    if (hit) {
      this.entries.delete(key);
      this.entries.set(key, hit);
      return hit;
    }
    const rows = compute();
    this.entries.set(key, rows);
    while (this.entries.size > this.capacity) {
      const oldest = this.entries.keys().next().value;
      if (oldest === undefined) break;
      this.entries.delete(oldest);
    }
    return rows;
  }
}
