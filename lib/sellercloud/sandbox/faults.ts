/**
 * Fault injection: rules that make the next matching request(s) misbehave the ways SellerCloud
 * (or the network) does. Settable in-process (`sandbox.faults.add(...)`) or over HTTP
 * (`POST /__sandbox/faults`), so e2e tests in another process can use them too.
 */
import { z } from "zod";

export const FAULT_KINDS = [
  "throttle", // body { Error, RateLimitResetTime } (status 429 unless given)
  "retryAfter", // 429/503 with a Retry-After header
  "error", // a SellerCloud-shaped error, 500 unless given
  "slow", // answer after delayMs (longer than the client's timeout = a timeout)
  "drop", // close the connection without an answer
  "expireTokens", // every token stops working before this request is checked
  "malformed", // one or more records of a list page get a wrong-typed or missing field
  "newOrders", // new orders arrive just before this request is served
  "html", // a web page instead of JSON (wrong URL, proxy login page)
  "maintenance", // a 200 "down for maintenance" web page, as SellerCloud serves during maintenance or an outage
  "notFound", // 404, as SellerCloud answers when the user lacks a module permission
  "dirtyText", // text of list records gets NUL, control characters or a lone surrogate appended (as real tenants' data has)
  "ignoreFilter", // the server silently drops query filters (seen in public bug reports): other companies', statuses' rows come back
] as const;

/** Filters an `ignoreFilter` fault can drop, as named in the query (without `model.`). */
export const IGNORABLE_FILTERS = ["companyID", "orderStatus", "dropShipStatus", "createdOn"] as const;
export type FaultKind = (typeof FAULT_KINDS)[number];

export const faultSpecSchema = z.object({
  kind: z.enum(FAULT_KINDS),
  /** HTTP method to match (any if absent). */
  method: z.string().optional(),
  /** Path under /rest to match, case-insensitive, e.g. "/api/Orders"; a trailing * matches a prefix. */
  path: z.string().optional(),
  /** How many matching requests it affects (default 1; -1 = until cleared). */
  times: z.number().int().min(-1).default(1),
  /** Matching requests to let through before it starts. */
  after: z.number().int().min(0).default(0),
  status: z.number().int().min(100).max(599).optional(),
  /** throttle: RateLimitResetTime = now + resetMs (default 1000). */
  resetMs: z.number().min(0).optional(),
  /** retryAfter: header value in seconds (default 1; fractions allowed for fast tests). */
  retryAfterSeconds: z.number().min(0).optional(),
  /** error / notFound: response body (default a SellerCloud-style { Message }). */
  body: z.unknown().optional(),
  /** slow: delay in ms (default 2000). */
  delayMs: z.number().min(0).optional(),
  /** slow/drop/error: process the request (apply a write) before misbehaving. */
  applyFirst: z.boolean().optional(),
  /** newOrders: how many (default 5) and their fields. */
  count: z.number().int().min(1).optional(),
  order: z.record(z.string(), z.unknown()).optional(),
  /** malformed: which records of the page (default [0]), which field and what value. */
  records: z.array(z.number().int().min(0)).optional(),
  field: z.string().optional(),
  value: z.unknown().optional(),
  /**
   * dirtyText: which records (default [0]) and fields (default: orders ShippingAddress.StreetLine2
   * and Items[0].DisplayName; catalog/inventory ID and UPC) get `text` (default "\u0000") appended.
   * Only on the way out: the stored data stays clean.
   */
  fields: z.array(z.string()).optional(),
  text: z.string().optional(),
  /** ignoreFilter: the filters the server drops (default companyID and orderStatus); createdOn drops from and to. */
  filters: z.array(z.enum(IGNORABLE_FILTERS)).optional(),
});
export type FaultSpec = z.input<typeof faultSpecSchema>;
export type Fault = z.output<typeof faultSpecSchema> & { id: number; seen: number; fired: number };

export class FaultController {
  private faults: Fault[] = [];
  private nextId = 1;

  /** Adds a fault rule; returns its id. */
  add(spec: FaultSpec): number {
    const parsed = faultSpecSchema.parse(spec);
    const fault: Fault = { ...parsed, id: this.nextId++, seen: 0, fired: 0 };
    this.faults.push(fault);
    return fault.id;
  }

  remove(id: number): boolean {
    const before = this.faults.length;
    this.faults = this.faults.filter((f) => f.id !== id);
    return this.faults.length !== before;
  }

  clear(): void {
    this.faults = [];
  }

  list(): readonly Fault[] {
    return this.faults;
  }

  /** The faults that fire for this request, in the order they were added. */
  match(method: string, path: string): Fault[] {
    if (this.faults.length === 0) return [];
    const fired: Fault[] = [];
    const lower = path.toLowerCase();
    for (const fault of this.faults) {
      if (fault.method && fault.method.toUpperCase() !== method.toUpperCase()) continue;
      if (fault.path) {
        const want = fault.path.toLowerCase();
        const ok = want.endsWith("*") ? lower.startsWith(want.slice(0, -1)) : lower === want;
        if (!ok) continue;
      }
      fault.seen++;
      if (fault.seen <= fault.after) continue;
      if (fault.times !== -1 && fault.fired >= fault.times) continue;
      fault.fired++;
      fired.push(fault);
    }
    // Spent rules go away so the list stays short.
    this.faults = this.faults.filter((f) => f.times === -1 || f.fired < f.times);
    return fired;
  }
}
