/**
 * A sandbox tenant's settings (`SandboxConfig`: seed, sizes, login, token lifetime, clock and time
 * zone, carrier strictness, order growth) and the defaults every sandbox starts from.
 */
import { DEFAULT_TENANT_TIME_ZONE } from "../tenant-clock";

export interface SandboxConfig {
  seed: number;
  products: number;
  orders: number;
  username: string;
  password: string;
  tokenTtlSeconds: number;
  /** Orders are spread over the `orderSpanDays` before this instant (default: start time, to the minute). */
  epochMs: number;
  orderSpanDays: number;
  /** Fixed item count per order (benchmarks); default 1–4. */
  itemsPerOrder?: number;
  /** Share of In Process orders (default 0.7); the rest spread over every other status. */
  inProcessShare?: number;
  /** SellerCloud's behaviour for an unknown carrier/service is undocumented; the sandbox refuses by default. */
  acceptUnknownCarriers: boolean;
  /**
   * The zone of the tenant's server clock (IANA name, default "UTC"). Every date the sandbox
   * emits (CreatedOn, ShipDate…), every date filter it reads and the "Ship Date cannot be in the
   * future" check use this zone's wall-clock time without an offset, as SellerCloud does.
   */
  timeZone: string;
  /** The real clock (ms since the epoch, UTC); `SandboxState.now()` is its wall-clock reading. */
  now: () => number;
  /**
   * New orders keep arriving at the seeded rate (`orders` per `orderSpanDays`, about 50 a day)
   * once the clock passes the epoch, added when a request comes (`catchUp`). Off by default (a
   * test's order count stays fixed); the app's per-workspace tenants turn it on.
   */
  growOrders?: boolean;
}

export const DEFAULT_SANDBOX_CONFIG = {
  seed: 42,
  products: 2000,
  orders: 500,
  username: "sandbox@conduit.local",
  password: "sandbox",
  tokenTtlSeconds: 3600,
  orderSpanDays: 10,
  acceptUnknownCarriers: false,
  timeZone: DEFAULT_TENANT_TIME_ZONE,
} as const;

/** The settings a reset may change (the rest stay as the tenant was made). */
export type SandboxResetChanges = Partial<
  Pick<SandboxConfig, "seed" | "products" | "orders" | "itemsPerOrder" | "inProcessShare" | "orderSpanDays" | "epochMs">
>;

/** A copy of `value` without its undefined fields, so they leave the defaults in place. */
export function stripUndefined<T extends object>(value: T): Partial<T> {
  const out: Partial<T> = {};
  for (const [k, v] of Object.entries(value)) if (v !== undefined) (out as Record<string, unknown>)[k] = v;
  return out;
}
