/**
 * Typed values. A mapped value is a string (text, money as a fixed 2-decimal string, dates as
 * `YYYY-MM-DDTHH:mm:ss`), a number (number, integer) or null (empty). Money stays a string so
 * no float ever reaches a numeric column, and is converted from decimal text (lib/money/cents.ts):
 * a JSON number from SellerCloud through its shortest round-trip form, so 1.005 is 1.01.
 */
import { centsToDecimal, decimalToCents } from "@/lib/money/cents";
import type { ValueType } from "./targets";

export type MappedValue = string | number | null;

export type Coerced = { ok: true; value: MappedValue } | { ok: false; reason: string };

/** .NET DateTime.MinValue: SellerCloud's "not set" date. */
const UNSET_DATE = /^0001-01-01(T00:00:00(\.0+)?)?(Z|[+-]00:00)?$/;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?)?(Z|[+-]\d{2}:?\d{2})?$/;
const US_DATE = /^(\d{1,2})\/(\d{1,2})\/(\d{4})(?: (\d{1,2}):(\d{2})(?::(\d{2}))?)?$/;

export function isUnsetDate(value: unknown): boolean {
  return typeof value === "string" && UNSET_DATE.test(value.trim());
}

/** Empty for every mode and operator: null, blank text, SellerCloud's unset date, an empty list. */
export function isEmptyRaw(value: unknown): boolean {
  if (value === null || value === undefined) return true;
  if (typeof value === "string") return value.trim() === "" || isUnsetDate(value);
  if (Array.isArray(value)) return value.length === 0;
  return false;
}

/** A raw SellerCloud value as text: used by text targets and text comparisons. */
export function rawToText(value: unknown): string {
  if (isEmptyRaw(value)) return "";
  if (typeof value === "string") return value.trim();
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  if (Array.isArray(value)) return value.map(rawToText).filter(Boolean).join(", ");
  return JSON.stringify(value);
}

/** Parses numbers as SellerCloud and people write them: 12, "12.50", "1,234.50", "$12", " 3 ". */
export function parseNumber(value: unknown): number | null {
  if (typeof value === "number") return Number.isFinite(value) ? value : null;
  if (typeof value !== "string") return null;
  const cleaned = value
    .trim()
    .replace(/^[$€£]/, "")
    .replace(/,(?=\d{3}(\D|$))/g, "");
  if (!/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(cleaned)) return null;
  const n = Number(cleaned);
  return Number.isFinite(n) ? n : null;
}

/**
 * A money value in cents, from its decimal text, never through `n * 100`: a JSON number as
 * `String(n)` (its shortest round-trip decimal), text as written ("$1,299.5", "12.345"); more than
 * two decimals round half away from zero. Null when it is not an amount.
 */
function moneyCents(value: unknown): number | null {
  if (typeof value === "number" && !Number.isFinite(value)) return null;
  if (typeof value !== "number" && typeof value !== "string") return null;
  const result = decimalToCents(String(value));
  return result.ok ? result.cents : null;
}

function pad(n: number, width = 2): string {
  return String(n).padStart(width, "0");
}

/**
 * Normalises a date to `YYYY-MM-DDTHH:mm:ss`. SellerCloud returns dates without an offset in an
 * undocumented zone; those are kept as they are (no guessing). A value with an offset is
 * converted to UTC. Returns undefined when the text is not a date.
 */
export function normaliseDate(value: string): string | undefined {
  const text = value.trim();
  const iso = ISO_DATE.exec(text);
  if (iso) {
    const [, y, mo, d, h = "00", mi = "00", s = "00", zone] = iso;
    const parts = [Number(y), Number(mo), Number(d), Number(h), Number(mi), Number(s)] as const;
    if (!validParts(...parts)) return undefined;
    if (zone) {
      const date = new Date(
        `${y}-${mo}-${d}T${h}:${mi}:${s}${zone === "Z" ? "Z" : zone.replace(/^([+-]\d{2})(\d{2})$/, "$1:$2")}`,
      );
      if (Number.isNaN(date.getTime())) return undefined;
      return date.toISOString().slice(0, 19);
    }
    return `${y}-${mo}-${d}T${h}:${mi}:${s}`;
  }
  const us = US_DATE.exec(text);
  if (us) {
    const [, mo, d, y, h = "0", mi = "0", s = "0"] = us;
    const parts = [Number(y), Number(mo), Number(d), Number(h), Number(mi), Number(s)] as const;
    if (!validParts(...parts)) return undefined;
    return `${y}-${pad(parts[1])}-${pad(parts[2])}T${pad(parts[3])}:${pad(parts[4])}:${pad(parts[5])}`;
  }
  return undefined;
}

function validParts(y: number, mo: number, d: number, h: number, mi: number, s: number): boolean {
  if (mo < 1 || mo > 12 || d < 1 || h > 23 || mi > 59 || s > 59) return false;
  const days = new Date(Date.UTC(y, mo, 0)).getUTCDate();
  return d <= days;
}

function describe(value: unknown): string {
  return typeof value === "string"
    ? `"${value.length > 40 ? `${value.slice(0, 40)}…` : value}"`
    : JSON.stringify(value);
}

/** Turns a raw SellerCloud (or typed-in) value into the target's type. */
export function coerce(value: unknown, type: ValueType): Coerced {
  if (isEmptyRaw(value)) return { ok: true, value: null };
  if (typeof value === "object" && !Array.isArray(value))
    return { ok: false, reason: "is an object, not a single value" };
  switch (type) {
    case "text":
      return { ok: true, value: rawToText(value) };
    case "number": {
      const n = parseNumber(value);
      return n === null ? { ok: false, reason: `${describe(value)} is not a number` } : { ok: true, value: n };
    }
    case "integer": {
      const n = parseNumber(value);
      if (n === null) return { ok: false, reason: `${describe(value)} is not a number` };
      if (!Number.isInteger(n)) return { ok: false, reason: `${describe(value)} is not a whole number` };
      return { ok: true, value: n };
    }
    case "money": {
      const cents = moneyCents(value);
      if (cents === null) return { ok: false, reason: `${describe(value)} is not a money amount` };
      if (Math.abs(cents) >= 1e14) return { ok: false, reason: `${describe(value)} is too large for a money amount` };
      return { ok: true, value: centsToDecimal(cents) };
    }
    case "date": {
      if (typeof value !== "string") return { ok: false, reason: `${describe(value)} is not a date` };
      const date = normaliseDate(value);
      return date === undefined ? { ok: false, reason: `${describe(value)} is not a date` } : { ok: true, value: date };
    }
  }
}
