/**
 * The sandbox's log of served API requests (method, path, query, body with passwords masked,
 * status, time, faults fired), kept in memory up to a limit, for tests and GET /__sandbox/requests.
 */
import type { FaultKind } from "./faults";
import type { Json } from "./wire-format";

export interface LoggedRequest {
  seq: number;
  at: string;
  method: string;
  /** Path under /rest, e.g. "/api/Orders". */
  path: string;
  query: Record<string, string[]>;
  /** Parsed JSON body with any password replaced by "***". */
  body?: unknown;
  status: number;
  ms: number;
  faults: FaultKind[];
}

export class RequestLog {
  private entries: LoggedRequest[] = [];
  private seq = 0;
  constructor(private readonly limit = 20_000) {}

  push(entry: Omit<LoggedRequest, "seq">): LoggedRequest {
    const full = { ...entry, seq: ++this.seq };
    this.entries.push(full);
    if (this.entries.length > this.limit) this.entries = this.entries.slice(-Math.floor(this.limit / 2));
    return full;
  }

  /** Requests served, oldest first; filter by path (exact, case-insensitive), method, or seq > since. */
  list(filter: { path?: string; method?: string; since?: number } = {}): LoggedRequest[] {
    const path = filter.path?.toLowerCase();
    const method = filter.method?.toUpperCase();
    return this.entries.filter(
      (e) =>
        (filter.since === undefined || e.seq > filter.since) &&
        (!path || e.path.toLowerCase() === path) &&
        (!method || e.method === method),
    );
  }

  count(filter: { path?: string; method?: string } = {}): number {
    return this.list(filter).length;
  }

  get lastSeq(): number {
    return this.seq;
  }

  clear(): void {
    this.entries = [];
  }
}

/** A request body as logged: any field whose name holds "password" becomes "***". */
export function scrubBody(body: unknown): unknown {
  if (!body || typeof body !== "object" || Array.isArray(body)) return body;
  const out: Json = {};
  for (const [k, v] of Object.entries(body as Json)) out[k] = /password/i.test(k) ? "***" : v;
  return out;
}

/** Query parameters as logged: name -> every value given. */
export function queryRecord(search: URLSearchParams): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const [k, v] of search) {
    const list = out[k];
    if (list) list.push(v);
    else out[k] = [v];
  }
  return out;
}
