/**
 * The identifiers of a SellerCloud catalog or inventory row, and nothing else: ID, CompanyID, UPC,
 * EAN, GTIN, ASIN and ManufacturerSKU, read by hand from the raw row. Link Listings pages every
 * product of a company twice (catalog, then inventory for EAN); the client's full product DTO
 * validates and copies ~25 fields per row, which at 200k products was the largest CPU cost of a
 * run, for fields linking never reads, and a schema library's per-row parse was still a visible
 * share of paging at 400k rows. Field names: `ProductCatalogDto` / `ProductInventoryDto` in the
 * 2022 swagger (/work/shared/reference/sellercloud-api.md, "Catalog" and "Inventory").
 */

import type { RecordCheck } from "./schemas";

/** A catalog or inventory row's identifiers; blank identifiers are null. */
export interface ScIdentifiersRow {
  /** The SellerCloud SKU (`ID`), trimmed. */
  id: string;
  /** `CompanyID`; null when the row does not say. */
  companyId: number | null;
  upc: string | null;
  /** Present on inventory rows; newer tenants may send it on catalog rows too. */
  ean: string | null;
  gtin: string | null;
  asin: string | null;
  /** `ManufacturerSKU`. */
  mpn: string | null;
  /**
   * `LastModifiedDate` as sent (SellerCloud's clock, no zone; the field `model.lastUpdatedFrom`
   * filters on), null when absent, blank or not a string.
   */
  lastModified: string | null;
}

const isIdentifierValue = (value: unknown): value is string | number | null | undefined =>
  value == null || typeof value === "string" || typeof value === "number";

/**
 * An identifier as text: trimmed, numbers written out (they appear where strings are expected),
 * and null for a missing or blank one (SellerCloud sends "" for a missing identifier). Unlike
 * transform.ts's scIdentifier it accepts numbers, since these rows are not schema-checked first.
 */
export function identifierText(value: string | number | null | undefined): string | null {
  if (value == null) return null;
  const text = String(value).trim();
  return text === "" ? null : text;
}

/**
 * A row's identifiers, or null when the row is not readable: ID must be a non-blank string or a
 * number; CompanyID a number or absent; each identifier a string, a number or absent.
 */
export function readIdentifiersRow(raw: unknown): ScIdentifiersRow | null {
  if (typeof raw !== "object" || raw === null || Array.isArray(raw)) return null;
  const r = raw as Record<string, unknown>;
  const id = r.ID;
  if (typeof id === "string") {
    if (id.trim() === "") return null;
  } else if (typeof id !== "number") return null;
  const companyId = r.CompanyID;
  if (companyId != null && typeof companyId !== "number") return null;
  const { UPC, EAN, GTIN, ASIN, ManufacturerSKU } = r;
  if (
    !isIdentifierValue(UPC) ||
    !isIdentifierValue(EAN) ||
    !isIdentifierValue(GTIN) ||
    !isIdentifierValue(ASIN) ||
    !isIdentifierValue(ManufacturerSKU)
  ) {
    return null;
  }
  return {
    id: typeof id === "string" ? id.trim() : String(id),
    companyId: companyId ?? null,
    upc: identifierText(UPC),
    ean: identifierText(EAN),
    gtin: identifierText(GTIN),
    asin: identifierText(ASIN),
    mpn: identifierText(ManufacturerSKU),
    lastModified:
      typeof r.LastModifiedDate === "string" && r.LastModifiedDate.trim() !== "" ? r.LastModifiedDate : null,
  };
}

/** readIdentifiersRow as a client record check: an unreadable row becomes an InvalidRecord. */
export function checkIdentifiersRow(raw: unknown, index: number, entity: string): RecordCheck<ScIdentifiersRow> {
  const value = readIdentifiersRow(raw);
  if (value) return { ok: true, value };
  const rawId = (raw as { ID?: unknown } | null)?.ID;
  const id = typeof rawId === "string" || typeof rawId === "number" ? String(rawId) : null;
  return {
    ok: false,
    invalid: {
      index,
      id,
      message: `${entity}${id ? ` ${id}` : ` at position ${index}`}: ID, CompanyID or an identifier (UPC, EAN, GTIN, ASIN, ManufacturerSKU) has the wrong type.`,
      raw,
    },
  };
}
