/**
 * Money as integer cents, converted from decimal text without binary floating point. People type
 * amounts as text ("12.99", "$1,234.50", "12,99" in a semicolon-separated file); SellerCloud sends
 * JSON numbers, which are read through their shortest round-trip decimal form (`String(n)`) so that
 * 1.005 stays 1.005 (its binary value is 1.00499999999999989...) and rounds to 101 cents, not 100.
 */

export type CentsResult =
  | {
      ok: true;
      cents: number;
      /** True when the text had more than two decimals and was rounded (half away from zero). */
      rounded: boolean;
    }
  | { ok: false; reason: string };

export interface DecimalToCentsOptions {
  /**
   * The decimal separator is a comma ("12,99", "1.234,50"), as in files from European spreadsheet
   * programs (semicolon-separated). Default: a point, with commas as thousands separators.
   */
  decimalComma?: boolean;
}

const CURRENCY = /^[$€£]/;
const PLAIN = /^(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/;

/**
 * Converts a decimal amount written as text to integer cents, exactly: digits are shifted, never
 * multiplied as floats. Accepts a sign, a leading currency symbol ($ € £), thousands separators in
 * groups of three (`,` by default; `.`, space or no-break space with `decimalComma`), any number of
 * decimals and an exponent (`1e-7`, as `String(n)` writes small and large numbers). More than two
 * decimals are rounded half away from zero at the cent (1.005 -> 101, -1.005 -> -101) and the
 * result says so (`rounded`), so a caller can tell the person who typed it.
 *
 * For a JSON number use `decimalToCents(String(n))`: `Number.prototype.toString` gives the shortest
 * decimal that reads back as the same number, i.e. what the sender wrote (ECMA-262 Number::toString).
 *
 * Returns `{ ok: false, reason }` for text that is not an amount or whose cents exceed
 * Number.MAX_SAFE_INTEGER; callers add their own range checks (a column's size, no negatives).
 */
export function decimalToCents(text: string, options: DecimalToCentsOptions = {}): CentsResult {
  let value = text.trim();
  const shown = value.length > 40 ? `${value.slice(0, 40)}…` : value;
  const bad: CentsResult = {
    ok: false,
    reason: `"${shown}" is not an amount like ${options.decimalComma ? "12,99" : "12.99"}`,
  };
  if (value === "") return bad;
  let negative = false;
  if (value.startsWith("-") || value.startsWith("+")) {
    negative = value.startsWith("-");
    value = value.slice(1).trim();
  }
  if (CURRENCY.test(value)) value = value.slice(1).trim();
  if (!negative && (value.startsWith("-") || value.startsWith("+"))) {
    negative = value.startsWith("-");
    value = value.slice(1).trim();
  }
  if (options.decimalComma) {
    if (/^\d{1,3}([. \u00A0]\d{3})+(,\d*)?$/.test(value)) value = value.replace(/[. \u00A0]/g, "");
    if (/^\d*,\d*$/.test(value)) value = value.replace(",", ".");
  } else if (/^\d{1,3}(,\d{3})+(\.\d*)?$/.test(value)) {
    value = value.replace(/,/g, "");
  }
  const match = PLAIN.exec(value);
  if (!match) return bad;
  const [, whole = "", fraction = "", exponentText] = match;
  if (whole === "" && fraction === "") return bad;
  const exponent = exponentText === undefined ? 0 : Number(exponentText);
  if (!Number.isSafeInteger(exponent) || Math.abs(exponent) > 400) return bad;

  // The digits without leading zeros; `point` is how many of them stand before the decimal point
  // (negative or beyond their length when the exponent moves it). Cents end two places after it.
  const all = `${whole}${fraction}`;
  const digits = all.replace(/^0+/, "");
  if (digits === "") return { ok: true, cents: 0, rounded: false };
  const point = whole.length + exponent - (all.length - digits.length);
  const centsEnd = point + 2;
  if (centsEnd > 20) return { ok: false, reason: `"${shown}" is too large` };
  let kept: string;
  let dropped: string;
  if (centsEnd <= 0) {
    kept = "0";
    dropped = "0".repeat(-centsEnd) + digits;
  } else if (centsEnd >= digits.length) {
    kept = digits + "0".repeat(centsEnd - digits.length);
    dropped = "";
  } else {
    kept = digits.slice(0, centsEnd);
    dropped = digits.slice(centsEnd);
  }
  let cents = BigInt(kept);
  if (dropped !== "" && dropped[0]! >= "5") cents += 1n;
  const rounded = /[1-9]/.test(dropped);
  if (cents > BigInt(Number.MAX_SAFE_INTEGER)) return { ok: false, reason: `"${shown}" is too large` };
  const result = Number(cents);
  return { ok: true, cents: negative && result !== 0 ? -result : result, rounded };
}

/** Integer cents as a decimal with two places: 1299 -> "12.99", -5 -> "-0.05". */
export function centsToDecimal(cents: number): string {
  const sign = cents < 0 ? "-" : "";
  const abs = Math.abs(cents);
  return `${sign}${Math.trunc(abs / 100)}.${String(abs % 100).padStart(2, "0")}`;
}

/**
 * `cents × percent / 100`, rounded half away from zero at the cent, exactly: the percent is read
 * from its decimal text (`String(percent)` for a number), so 12.5 % of 1999 cents is 249.875 -> 250.
 */
export function percentOfCents(cents: number, percent: number | string): number {
  const text = typeof percent === "number" ? String(percent) : percent;
  // The percent in hundred-thousandths of a cent-unit: decimalToCents gives percent × 100 exactly
  // for up to two decimals; more are rounded (a percent is a setting, not an amount).
  const scaled = decimalToCents(text);
  if (!scaled.ok) throw new RangeError(`Not a percent: ${text}`);
  // cents × (percent × 100) / 10000
  const product = BigInt(cents) * BigInt(scaled.cents);
  const negative = product < 0n;
  const abs = negative ? -product : product;
  let quotient = abs / 10000n;
  if ((abs % 10000n) * 2n >= 10000n) quotient += 1n;
  return Number(negative ? -quotient : quotient);
}
