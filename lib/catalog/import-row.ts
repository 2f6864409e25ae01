/**
 * One catalog CSV row and file as the import reads them: the row's validation under a column
 * mapping (parseCatalogRow: a row with any error is rejected whole; amounts rounded to the cent are
 * warnings), the row-error shape, and how the file was read (encoding, repeated headers, cleaned
 * cells, a stop). Used by the preview (lib/catalog/import-preview.ts) and the import (import.ts).
 */

import { type DuplicateHeader, duplicateHeaderMessage, rowWidthProblem } from "@/lib/csv/columns";
import type { CsvDelimiter } from "@/lib/csv/delimiter";
import type { CsvFormat, CsvSource, CsvStop, openCsv } from "@/lib/csv/read";
import { skuKey } from "@/lib/linking/normalize";
import {
  CATALOG_FIELD_LABELS,
  type CatalogField,
  type ColumnMapping,
  formatMoney,
  MONEY_FIELDS,
  parseMoney,
  parseQuantity,
  parseTags,
} from "./fields";

/** Bytes or text of a CSV file, whole or streamed. */
export type CsvInput = CsvSource;

/** A problem with one row of a catalog CSV (an error rejects the row; a warning does not). */
export interface CatalogRowError {
  /** Spreadsheet row: the header is row 1, the first data row is row 2. */
  row: number;
  /** The column key (its header) of the cell at fault, or null when the whole row is at fault. */
  column: string | null;
  field?: CatalogField;
  message: string;
}

export interface ParsedRow {
  row: number;
  sku: string;
  skuKey: string;
  listing?: string;
  title?: string;
  brand?: string | null;
  tags?: string[];
  upc?: string | null;
  ean?: string | null;
  gtin?: string | null;
  asin?: string | null;
  mpn?: string | null;
  /** Money in integer cents. */
  cost?: number | null;
  price?: number | null;
  msrp?: number | null;
  map?: number | null;
  quantity?: number | null;
  /** The vendor's code or name as written (resolved to a vendor by the upsert), its SKU and cost in cents. */
  vendor?: string | null;
  vendor_sku?: string | null;
  vendor_cost?: number | null;
}

/** How the file was read, for the preview and the result. */
export interface CatalogFileInfo {
  format: CsvFormat;
  /** Header names used by more than one column, with a sentence for each. */
  duplicateHeaders: Array<DuplicateHeader & { message: string }>;
  /** Cells that had control characters or broken characters removed. */
  cleanedCells: number;
  /** Set when reading stopped before the end of the file (a quote that never closes). */
  stopped: CsvStop | null;
}

/** The file facts for the preview and the result, from an opened CSV (lib/csv/read.ts). */
export function catalogFileInfo(file: Awaited<ReturnType<typeof openCsv>>): CatalogFileInfo {
  return {
    format: file.format,
    duplicateHeaders: file.duplicates.map((d) => ({ ...d, message: duplicateHeaderMessage(d) })),
    cleanedCells: file.cleanedCells,
    stopped: file.stopped,
  };
}

const MAX_SKU_LENGTH = 255;
const MAX_TEXT_LENGTH = 2000;

/**
 * Validates one record under a mapping. A row with any error is rejected whole: importing half a
 * row (say, the SKU without its bad price) would silently blank data the merchant meant to send.
 * A row whose cell count differs from the header's is rejected as such (its cells are shifted).
 * `columns` are the file's column keys; `delimiter` says whether amounts use decimal commas (";").
 */
export function parseCatalogRow(
  record: readonly string[],
  row: number,
  columns: readonly string[],
  mapping: ColumnMapping,
  delimiter: CsvDelimiter = ",",
): { row: ParsedRow; warnings: CatalogRowError[] } | { errors: CatalogRowError[] } {
  const errors: CatalogRowError[] = [];
  const warnings: CatalogRowError[] = [];
  const width = rowWidthProblem(record.length, columns.length, delimiter);
  if (width) return { errors: [{ row, column: null, message: width }] };
  const cell = (field: CatalogField): string | undefined => {
    const column = mapping[field];
    if (column === undefined) return undefined;
    return record[columns.indexOf(column)] ?? "";
  };
  const fail = (field: CatalogField, message: string) =>
    errors.push({ row, column: mapping[field] ?? null, field, message: `${CATALOG_FIELD_LABELS[field]} ${message}` });

  const sku = (cell("sku") ?? "").trim();
  if (sku === "") fail("sku", "is empty");
  else if (sku.length > MAX_SKU_LENGTH) fail("sku", `is longer than ${MAX_SKU_LENGTH} characters`);
  const parsed: ParsedRow = { row, sku, skuKey: skuKey(sku) };

  const listing = cell("listing")?.trim();
  if (listing) parsed.listing = listing;
  for (const field of ["title", "brand", "upc", "ean", "gtin", "asin", "mpn"] as const) {
    const value = cell(field);
    if (value === undefined) continue;
    const text = value.trim();
    if (text.length > MAX_TEXT_LENGTH) fail(field, `is longer than ${MAX_TEXT_LENGTH} characters`);
    // Identifiers are stored as given (trimmed); Link Listings validates codes and reports bad ones,
    // so a bad check digit never costs the merchant the rest of the row.
    if (field === "title") parsed.title = text;
    else parsed[field] = text === "" ? null : text;
  }
  const tags = cell("tags");
  if (tags !== undefined) parsed.tags = parseTags(tags);
  for (const field of ["vendor", "vendor_sku"] as const) {
    const value = cell(field);
    if (value === undefined) continue;
    const text = value.trim();
    if (text.length > MAX_TEXT_LENGTH) fail(field, `is longer than ${MAX_TEXT_LENGTH} characters`);
    parsed[field] = text === "" ? null : text;
  }
  for (const field of [...MONEY_FIELDS, "vendor_cost"] as const) {
    const value = cell(field);
    if (value === undefined) continue;
    const money = parseMoney(value, { decimalComma: delimiter === ";" });
    if ("error" in money) fail(field, money.error);
    else {
      parsed[field] = money.cents;
      if (money.rounded) {
        warnings.push({
          row,
          column: mapping[field] ?? null,
          field,
          message: `${CATALOG_FIELD_LABELS[field]} "${value.trim()}" has more than two decimals; it was rounded to ${formatMoney(money.cents)}`,
        });
      }
    }
  }
  const quantity = cell("quantity");
  if (quantity !== undefined) {
    const result = parseQuantity(quantity);
    if ("error" in result) fail("quantity", result.error);
    else parsed.quantity = result.quantity;
  }
  return errors.length > 0 ? { errors } : { row: parsed, warnings };
}
