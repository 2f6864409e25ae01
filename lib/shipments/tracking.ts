/**
 * Tracking numbers as carriers define them, whatever way a person typed them: carriers print them
 * in groups ("1Z 999 AA1 01 2345 6784") and people copy them with spaces, dashes or in lower case,
 * but the number is the letters and digits. Every way a shipment is recorded (order page, CSV,
 * API) stores the normalised form, and comparisons (already recorded on this order, already on the
 * SellerCloud order) compare normalised forms, so existing entries typed with spaces still match.
 */

/** Whitespace (including no-break spaces) and dashes (ASCII and Unicode hyphens, dashes, minus). */
const SEPARATORS = /[\s\-\u2010-\u2015\u2212]+/g;

/**
 * "1Z 999 AA1 01 2345 6784" -> "1Z999AA10123456784": removes spaces and dashes, upper-cases.
 * Other characters are kept as they are (the schemas refuse what no tracking number holds).
 */
export function normalizeTrackingNumber(text: string): string {
  return text.replace(SEPARATORS, "").toUpperCase();
}

/** Whether two tracking numbers are the same once normalised. */
export function sameTrackingNumber(a: string, b: string): boolean {
  return normalizeTrackingNumber(a) === normalizeTrackingNumber(b);
}
