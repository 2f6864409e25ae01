/**
 * The tenant's clock: SellerCloud reads and writes date-times without an offset, in its server's
 * local time, which need not be UTC (public client code computes SellerCloud date filters in US
 * Eastern time; sellercloud-api.md §2.2 and pitfall 10). Conduit keeps real instants and converts
 * at the edge: a "wall-clock" Date here is a Date whose UTC fields read as the tenant's local time
 * (what formatFilterDate / formatBodyDate print, and what scDateToDate reads back).
 */

/** The zone used when a channel names none: UTC (Conduit's behaviour before the setting existed). */
export const DEFAULT_TENANT_TIME_ZONE = "UTC";

/**
 * The widest offset behind UTC a tenant may run on (UTC-12, plus two hours of margin): a wall-clock
 * time this far behind UTC's is in the past on every server, whatever its zone.
 */
export const MAX_BEHIND_UTC_MS = 14 * 3_600_000;

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(zone: string): Intl.DateTimeFormat {
  let f = formatters.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat("en-US", {
      timeZone: zone,
      hourCycle: "h23",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
    });
    formatters.set(zone, f);
  }
  return f;
}

/** Whether `zone` is an IANA time zone name this runtime knows (e.g. "America/New_York", "UTC"). */
export function isTimeZone(zone: string): boolean {
  if (!zone.trim()) return false;
  try {
    formatter(zone);
    return true;
  } catch {
    return false;
  }
}

/**
 * The tenant's offset from UTC at `instant`, in milliseconds (America/New_York in winter:
 * -18,000,000). An unknown zone throws RangeError (check with isTimeZone first).
 */
export function tenantOffsetMs(instant: Date, zone: string): number {
  if (zone === "UTC") return 0;
  const parts = formatter(zone).formatToParts(instant);
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  const wall = Date.UTC(get("year"), get("month") - 1, get("day"), get("hour"), get("minute"), get("second"));
  const whole = Math.floor(instant.getTime() / 1000) * 1000;
  return wall - whole;
}

/**
 * The tenant's local time at `instant` as a wall-clock Date (its UTC fields are the tenant's
 * local fields; milliseconds kept). 2026-01-15T17:00:00Z in America/New_York -> 2026-01-15T12:00:00Z.
 */
export function toTenantWallClock(instant: Date, zone: string): Date {
  return new Date(instant.getTime() + tenantOffsetMs(instant, zone));
}

/**
 * The real instant of a tenant wall-clock Date (the inverse of toTenantWallClock; in a daylight
 * saving fall-back hour the earlier instant). 2026-01-15T12:00:00 read as America/New_York ->
 * 2026-01-15T17:00:00Z.
 */
export function fromTenantWallClock(wall: Date, zone: string): Date {
  const guess = wall.getTime() - tenantOffsetMs(wall, zone);
  const corrected = wall.getTime() - tenantOffsetMs(new Date(guess), zone);
  return new Date(corrected);
}

/** Short label of a zone for the UI: "America/New_York (UTC-05:00 now)". */
export function describeTimeZone(zone: string, now: Date = new Date()): string {
  if (!isTimeZone(zone)) return zone;
  const minutes = Math.round(tenantOffsetMs(now, zone) / 60_000);
  const sign = minutes < 0 ? "-" : "+";
  const abs = Math.abs(minutes);
  const hhmm = `${String(Math.floor(abs / 60)).padStart(2, "0")}:${String(abs % 60).padStart(2, "0")}`;
  return zone === "UTC" ? "UTC" : `${zone} (UTC${sign}${hhmm} now)`;
}
