/**
 * What the stores of one sandbox tenant share: its settings, its clock, and the cache of query
 * results (product and order index lists) that every mutation invalidates, so paging through a
 * filtered list is a slice, not a scan.
 */
import type { SandboxConfig } from "../config";

/** Query results (index lists) kept until the next mutation. */
export class QueryCache {
  /** Bumped on every mutation; cached results carry the version they were built at. */
  private version = 0;
  private readonly entries = new Map<string, { version: number; value: Int32Array }>();

  /** The cached result for `key`, or `build()` stored under it (at most 64 kept). */
  cached(key: string, build: () => Int32Array): Int32Array {
    const hit = this.entries.get(key);
    if (hit && hit.version === this.version) return hit.value;
    const value = build();
    if (this.entries.size > 64) this.entries.clear();
    this.entries.set(key, { version: this.version, value });
    return value;
  }

  /** Data changed: every cached result is stale. */
  touch(): void {
    this.version++;
  }

  clear(): void {
    this.entries.clear();
  }
}

export interface StoreContext {
  /** The tenant's settings (one object, changed in place by a reset). */
  readonly config: SandboxConfig;
  /** The tenant's wall-clock time (ms, its local fields read as UTC): what the server calls "now". */
  now(): number;
  readonly cache: QueryCache;
}
