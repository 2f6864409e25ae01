/**
 * SellerCloud's wire formats as the sandbox writes and reads them: the loose JSON record type of its
 * records, its offset-less dates (and the "unset" date), the filter dates it accepts, and amounts
 * rounded to cents.
 */

export type Json = Record<string, unknown>;

export const round2 = (v: number) => Math.round(v * 100) / 100;

/** "2025-05-12T09:41:17": SellerCloud's offset-less date format. */
export function scDateString(ms: number): string {
  return new Date(ms).toISOString().slice(0, 19);
}

export const UNSET_DATE = "0001-01-01T00:00:00";

/**
 * Parses `mm/dd/yyyy hh:mm`, `mm/dd/yyyy` and ISO dates as wall-clock ms (the tenant's local time
 * read as if it were UTC, the sandbox's internal time scale); an explicit offset is honoured as is.
 */
export function parseFilterDate(value: string): number | undefined {
  const us = /^(\d{1,2})\/(\d{1,2})\/(\d{4})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?)?$/.exec(value.trim());
  if (us) {
    const [, m, d, y, h = "0", min = "0", s = "0"] = us;
    return Date.UTC(Number(y), Number(m) - 1, Number(d), Number(h), Number(min), Number(s));
  }
  const hasZone = /(?:Z|[+-]\d{2}:?\d{2})$/i.test(value);
  const ms = Date.parse(hasZone ? value : `${value}${value.includes("T") ? "Z" : ""}`);
  return Number.isFinite(ms) ? ms : undefined;
}
