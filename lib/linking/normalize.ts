/**
 * Identifier normalisation for linking. Two values link only when their normalised keys are
 * equal, so every rule about "the same identifier" lives here and nowhere else.
 */

import type { LinkPair, ListingField, SellerCloudProductField } from "@/lib/channels/settings";

export type Normalized =
  | { kind: "empty" }
  | { kind: "value"; key: string }
  | { kind: "invalid"; value: string; reason: string };

const EMPTY: Normalized = { kind: "empty" };

/** SKU, ASIN, MPN and anything else compared as text: trimmed, case-insensitive. */
export function normalizeText(raw: string | null | undefined): Normalized {
  if (raw == null) return EMPTY;
  const trimmed = raw.trim();
  if (trimmed === "") return EMPTY;
  return { kind: "value", key: trimmed.toUpperCase() };
}

/** The key under which a SKU is stored and compared (also the variants.sku_key column). */
export function skuKey(sku: string): string {
  return sku.trim().toUpperCase();
}

/** GS1 mod-10 check digit of the first 13 digits of a GTIN-14. */
export function gtinCheckDigit(first13: string): number {
  let sum = 0;
  for (let i = 0; i < 13; i++) {
    // Weights alternate 3,1,3,… starting from the leftmost digit of a GTIN-14.
    sum += (first13.charCodeAt(i) - 48) * (i % 2 === 0 ? 3 : 1);
  }
  return (10 - (sum % 10)) % 10;
}

const GTIN_LENGTHS = new Set([8, 12, 13, 14]);

function isDigits(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}

/**
 * UPC-A (12), EAN-13 (13), GTIN-14 (14) and GTIN-8 (8) normalised to GTIN-14 by left-padding
 * with zeros, so 012345678905, 0012345678905 and 00012345678905 share one key. Spaces and
 * hyphens are ignored (codes are often printed in groups). A wrong length or check digit is
 * invalid: it is reported and never matched, because a mistyped code could link the wrong product.
 */
export function normalizeGtin(raw: string | null | undefined): Normalized {
  if (raw == null) return EMPTY;
  const trimmed = raw.trim();
  if (trimmed === "") return EMPTY;
  // Most codes are plain digits: skip the regular expressions for them (200k products a run).
  const digits = isDigits(trimmed) ? trimmed : trimmed.replace(/[\s-]/g, "");
  if (digits === "" || !isDigits(digits)) {
    const reason = /^\d(\.\d+)?e\+\d+$/i.test(digits)
      ? "is in scientific notation (a spreadsheet changed it); re-export the column as text"
      : "contains characters other than digits";
    return { kind: "invalid", value: trimmed, reason };
  }
  if (!GTIN_LENGTHS.has(digits.length)) {
    const hint = digits.length === 11 ? "; a spreadsheet may have dropped a leading zero" : "";
    return {
      kind: "invalid",
      value: trimmed,
      reason: `has ${digits.length} digits; a UPC/EAN/GTIN has 8, 12, 13 or 14${hint}`,
    };
  }
  const gtin14 = digits.padStart(14, "0");
  const expected = gtinCheckDigit(gtin14.slice(0, 13));
  if (expected !== gtin14.charCodeAt(13) - 48) {
    return { kind: "invalid", value: trimmed, reason: `has a wrong check digit (expected ${expected})` };
  }
  return { kind: "value", key: gtin14 };
}

export type CompareKind = "gtin" | "text";

const CODE_LISTING_FIELDS: ReadonlySet<ListingField> = new Set(["upc", "ean", "gtin"]);
const CODE_SELLERCLOUD_FIELDS: ReadonlySet<SellerCloudProductField> = new Set(["UPC", "EAN", "GTIN"]);

/**
 * How a pair compares. Codes compare as GTIN-14 only when both sides are codes; a cross pair such
 * as SKU→UPC compares as text, because a SKU is not expected to carry a valid check digit.
 */
export function compareKindOf(pair: LinkPair): CompareKind {
  return CODE_LISTING_FIELDS.has(pair.listingField) && CODE_SELLERCLOUD_FIELDS.has(pair.sellercloudField)
    ? "gtin"
    : "text";
}

export function normalizeAs(kind: CompareKind, raw: string | null | undefined): Normalized {
  return kind === "gtin" ? normalizeGtin(raw) : normalizeText(raw);
}

/**
 * normalizeAs's key alone, for the hot loops of matching (every product and variant, each field of
 * the priority): the key string, null when the value is empty, undefined when it is invalid (ask
 * normalizeAs for the reason). It makes no result object, and a code that is already a valid
 * GTIN-14 needs no new string; any other shape takes normalizeGtin's path, so both always agree
 * (normalize.test.ts).
 */
export function compareKey(kind: CompareKind, raw: string | null | undefined): string | null | undefined {
  if (raw == null) return null;
  if (kind === "text") {
    const trimmed = raw.trim();
    return trimmed === "" ? null : trimmed.toUpperCase();
  }
  const length = raw.length;
  if (GTIN_LENGTHS.has(length) && isDigits(raw)) {
    // The GS1 mod-10 check over the code as if padded to 14 digits: weight 3 where the padded
    // position is even. A wrong check digit goes the long way, for its reason.
    let sum = 0;
    for (let i = 0; i < length - 1; i++) sum += (raw.charCodeAt(i) - 48) * ((i + 14 - length) % 2 === 0 ? 3 : 1);
    if ((10 - (sum % 10)) % 10 === raw.charCodeAt(length - 1) - 48) {
      return length === 14 ? raw : raw.padStart(14, "0");
    }
  }
  const normalized = normalizeGtin(raw);
  return normalized.kind === "value" ? normalized.key : normalized.kind === "empty" ? null : undefined;
}
