/**
 * SellerCloud's value conventions, read and written: .NET's MinValue date meaning "not set",
 * offset-less dates kept as sent or read as UTC, identifiers where empty means absent, absent
 * values as null, and the date formats of query filters (`mm/dd/yyyy hh:mm`) and JSON bodies.
 */

/** .NET's DateTime.MinValue means "not set". Dates come without an offset; they are kept as sent. */
export function scDate(value: string | null | undefined): string | null {
  if (!value) return null;
  if (value.startsWith("0001-01-01")) return null;
  return value;
}

/** A SellerCloud date string as a Date, reading an offset-less value as UTC (the zone is undocumented). */
export function scDateToDate(value: string | null | undefined): Date | null {
  const text = scDate(value);
  if (!text) return null;
  const hasZone = /(?:Z|[+-]\d{2}:?\d{2})$/i.test(text);
  const date = new Date(hasZone ? text : `${text}Z`);
  return Number.isNaN(date.getTime()) ? null : date;
}

/** Identifiers: trimmed, and empty means absent (an empty UPC must never match another empty UPC). */
export function scIdentifier(value: string | null | undefined): string | null {
  if (value == null) return null;
  const trimmed = value.trim();
  return trimmed ? trimmed : null;
}

/** A string field as sent, or null when absent. */
export const textOrNull = (value: string | null | undefined): string | null => (value == null ? null : value);
/** A number field as sent, or null when absent. */
export const numberOrNull = (value: number | null | undefined): number | null => (value == null ? null : value);

/**
 * Formats a date for SellerCloud's DateTime query filters: `mm/dd/yyyy hh:mm` (24 h), the
 * documented format. Uses UTC fields; SellerCloud's zone is undocumented, so callers overlap windows.
 */
export function formatFilterDate(date: Date): string {
  const p = (v: number) => String(v).padStart(2, "0");
  return `${p(date.getUTCMonth() + 1)}/${p(date.getUTCDate())}/${date.getUTCFullYear()} ${p(date.getUTCHours())}:${p(date.getUTCMinutes())}`;
}

/** ISO 8601 without offset for JSON bodies (ShipDate), matching what SellerCloud sends back. */
export function formatBodyDate(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, "");
}
