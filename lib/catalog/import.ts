import { and, eq, inArray, or, type SQL, sql } from "drizzle-orm";
import { chunkForParameters } from "@/db/bulk";
import { analyzeAfterBulkWrite } from "@/db/analyze";
import type { Db } from "@/db/client";
import { listings, variants } from "@/db/schema/catalog";
import { type DuplicateHeader, duplicateHeaderMessage, rowWidthProblem } from "@/lib/csv/columns";
import type { CsvDelimiter } from "@/lib/csv/delimiter";
import { type CsvFormat, type CsvSource, type CsvStop, openCsv } from "@/lib/csv/read";
import { AppError } from "@/lib/errors";
import { skuKey } from "@/lib/linking/normalize";
import {
  CATALOG_FIELD_LABELS,
  type CatalogField,
  type ColumnMapping,
  checkColumnMapping,
  formatMoney,
  MONEY_FIELDS,
  parseMoney,
  parseQuantity,
  parseTags,
  suggestMapping,
} from "./fields";

/**
 * CSV import of the catalog, streamed: rows are parsed, validated and upserted a batch at a time,
 * so memory grows with the batch, not the file (only the set of SKU and listing keys seen is kept,
 * to report duplicates). Only mapped fields are written: re-importing a file that lacks a column
 * never blanks that field. Unchanged rows are not written at all, so a re-import changes nothing.
 * The file is read by lib/csv (encoding, delimiter, repeated headers, unclosed quotes, cleaning).
 */

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

export interface ImportResult extends CatalogFileInfo {
  /** Data rows read (excluding the header; rows after a stop were not read and are not counted). */
  rows: number;
  created: number;
  updated: number;
  unchanged: number;
  /** Rows not imported because of an error. */
  rejected: number;
  listingsCreated: number;
  listingsUpdated: number;
  /** The first `maxErrors` row errors; errorCount has them all. */
  errors: CatalogRowError[];
  errorCount: number;
  /** Rows imported with a note (an amount rounded to the cent): the first `maxErrors`, and the count. */
  warnings: CatalogRowError[];
  warningCount: number;
}

export interface ImportOptions {
  mapping: ColumnMapping;
  /** Rows per transaction. */
  batchSize?: number;
  maxErrors?: number;
  signal?: AbortSignal;
  /**
   * Called after each batch is committed with the data rows handled so far (written, unchanged or
   * rejected; rows waiting in the next batch are not counted), and once at the end with every row.
   */
  onProgress?: (rowsDone: number) => void;
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
  for (const field of MONEY_FIELDS) {
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

export interface PreviewRow {
  row: number;
  cells: string[];
  parsed?: ParsedRow;
  errors: CatalogRowError[];
  warnings: CatalogRowError[];
}

export interface CatalogPreview extends CatalogFileInfo {
  /** The file's column keys, in order (the header, with repeated names told apart by position). */
  headers: string[];
  suggestedMapping: ColumnMapping;
  /** Problems with the mapping used for `rows` (the given one, else the suggestion). */
  mappingProblems: Record<string, string>;
  rows: PreviewRow[];
}

function fileInfo(file: Awaited<ReturnType<typeof openCsv>>): CatalogFileInfo {
  return {
    format: file.format,
    duplicateHeaders: file.duplicates.map((d) => ({ ...d, message: duplicateHeaderMessage(d) })),
    cleanedCells: file.cleanedCells,
    stopped: file.stopped,
  };
}

/**
 * Reads the header and the first `rows` data rows (and stops reading), validated under a mapping
 * (given, else the suggested one). `partial`: the input is only the head of a longer file (its last
 * row may be cut and is left out). A file that is not text, or empty, is a VALIDATION error.
 */
export async function previewCatalogCsv(
  input: CsvInput,
  options: { mapping?: ColumnMapping; rows?: number; partial?: boolean } = {},
): Promise<CatalogPreview> {
  const limit = options.rows ?? 20;
  const file = await openCsv(input, { partial: options.partial });
  const columns = file.columns.map((c) => c.key);
  const records: Array<{ row: number; cells: string[] }> = [];
  for await (const record of file.records()) {
    records.push(record);
    if (records.length >= limit) break;
  }
  file.close();
  const suggestedMapping = suggestMapping(
    file.header,
    records.map((r) => r.cells),
  );
  const mapping = options.mapping ?? suggestedMapping;
  const rows: PreviewRow[] = records.map(({ row, cells }) => {
    const result = parseCatalogRow(cells, row, columns, mapping, file.format.delimiter);
    return {
      row,
      cells,
      parsed: "row" in result ? result.row : undefined,
      errors: "errors" in result ? result.errors : [],
      warnings: "warnings" in result ? result.warnings : [],
    };
  });
  return {
    ...fileInfo(file),
    headers: columns,
    suggestedMapping,
    mappingProblems: checkColumnMapping(mapping, columns),
    rows,
  };
}

interface ListingFields {
  title?: string;
  brand?: string | null;
  tags?: string[];
}

/**
 * Imports a catalog CSV into the workspace. Rows with errors are reported (row, column, what is
 * wrong) and skipped; every valid row is kept. A SKU that appears twice in one file keeps its
 * first row and reports the second. A quote that never closes ends the import at its row
 * (`stopped`); the rows before it are imported and nothing after it is counted.
 */
export async function importCatalogCsv(
  db: Db,
  workspaceId: string,
  input: CsvInput,
  options: ImportOptions,
): Promise<ImportResult> {
  const { mapping } = options;
  const batchSize = options.batchSize ?? 1000;
  const maxErrors = options.maxErrors ?? 1000;
  const file = await openCsv(input);
  const columns = file.columns.map((c) => c.key);
  const problems = checkColumnMapping(mapping, columns);
  if (Object.keys(problems).length > 0) {
    file.close();
    throw new AppError("VALIDATION", "The column mapping does not fit this file.", { fieldErrors: problems });
  }
  const result: ImportResult = {
    ...fileInfo(file),
    rows: 0,
    created: 0,
    updated: 0,
    unchanged: 0,
    rejected: 0,
    listingsCreated: 0,
    listingsUpdated: 0,
    errors: [],
    errorCount: 0,
    warnings: [],
    warningCount: 0,
  };
  const report = (error: CatalogRowError) => {
    result.errorCount++;
    if (result.errors.length < maxErrors) result.errors.push(error);
  };
  const firstRowOfSku = new Map<string, number>();
  const listingsSeen = new Set<string>();

  let batch: ParsedRow[] = [];
  const flush = async () => {
    if (batch.length === 0) return;
    const rows = batch;
    batch = [];
    await db.transaction((tx) => upsertBatch(tx, workspaceId, rows, mapping, listingsSeen, result));
    options.onProgress?.(result.rows - batch.length);
  };

  try {
    for await (const { row, cells } of file.records()) {
      options.signal?.throwIfAborted();
      result.rows++;
      const parsed = parseCatalogRow(cells, row, columns, mapping, file.format.delimiter);
      if ("errors" in parsed) {
        result.rejected++;
        for (const error of parsed.errors) report(error);
        continue;
      }
      const first = firstRowOfSku.get(parsed.row.skuKey);
      if (first !== undefined) {
        result.rejected++;
        report({
          row: parsed.row.row,
          column: mapping.sku ?? null,
          field: "sku",
          message: `SKU "${parsed.row.sku}" already appeared on row ${first} (SKUs are compared without case); this row was skipped`,
        });
        continue;
      }
      for (const warning of parsed.warnings) {
        result.warningCount++;
        if (result.warnings.length < maxErrors) result.warnings.push(warning);
      }
      firstRowOfSku.set(parsed.row.skuKey, parsed.row.row);
      batch.push(parsed.row);
      if (batch.length >= batchSize) await flush();
    }
    await flush();
    options.onProgress?.(result.rows);
  } finally {
    file.close();
  }
  result.cleanedCells = file.cleanedCells;
  result.stopped = file.stopped;
  // Planner statistics for the rows just written (PGlite has no autovacuum): db/analyze.ts.
  await analyzeAfterBulkWrite(db, result.created + result.updated + result.listingsCreated);
  return result;
}

const VARIANT_FIELDS = ["upc", "ean", "gtin", "asin", "mpn"] as const;
const VARIANT_NUMBER_FIELDS = ["cost", "price", "msrp", "map", "quantity"] as const;
const COLUMN_OF = {
  cost: "costCents",
  price: "priceCents",
  msrp: "msrpCents",
  map: "mapCents",
  quantity: "quantity",
} as const;

function sameTags(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((tag, i) => tag === b[i]);
}

async function upsertBatch(
  tx: Db,
  workspaceId: string,
  rows: ParsedRow[],
  mapping: ColumnMapping,
  listingsSeen: Set<string>,
  result: ImportResult,
): Promise<void> {
  const existingVariants = new Map(
    (
      await tx
        .select()
        .from(variants)
        .where(
          and(
            eq(variants.workspaceId, workspaceId),
            inArray(
              variants.skuKey,
              rows.map((r) => r.skuKey),
            ),
          ),
        )
    ).map((v) => [v.skuKey, v]),
  );

  // Which listing each row belongs to: its listing key; else the listing it already has; else its own.
  const listingKeyOf = (row: ParsedRow): string | undefined =>
    row.listing ?? (existingVariants.has(row.skuKey) ? undefined : row.skuKey);
  const keys = [...new Set(rows.map(listingKeyOf).filter((k): k is string => k !== undefined))];
  const keptIds = [
    ...new Set(rows.filter((r) => listingKeyOf(r) === undefined).map((r) => existingVariants.get(r.skuKey)!.listingId)),
  ];
  const existingListings = await tx
    .select()
    .from(listings)
    .where(
      and(
        eq(listings.workspaceId, workspaceId),
        or(
          keys.length > 0 ? inArray(listings.key, keys) : sql`false`,
          keptIds.length > 0 ? inArray(listings.id, keptIds) : sql`false`,
        ),
      ),
    );
  const listingByKey = new Map(existingListings.map((l) => [l.key, l]));
  const listingKeyById = new Map(existingListings.map((l) => [l.id, l.key]));

  // The first row of a listing in the file sets its title, brand and tags.
  const listingWrites = new Map<string, ListingFields & { key: string; isNew: boolean }>();
  for (const row of rows) {
    const key = listingKeyOf(row) ?? listingKeyById.get(existingVariants.get(row.skuKey)!.listingId)!;
    if (listingsSeen.has(key)) continue;
    listingsSeen.add(key);
    const fields: ListingFields = {};
    if (mapping.title !== undefined) fields.title = row.title ?? "";
    if (mapping.brand !== undefined) fields.brand = row.brand ?? null;
    if (mapping.tags !== undefined) fields.tags = row.tags ?? [];
    const current = listingByKey.get(key);
    if (!current) {
      listingWrites.set(key, { key, isNew: true, ...fields });
      continue;
    }
    const changed =
      (fields.title !== undefined && fields.title !== current.title) ||
      (fields.brand !== undefined && fields.brand !== current.brand) ||
      (fields.tags !== undefined && !sameTags(fields.tags, current.tags));
    if (changed) listingWrites.set(key, { key, isNew: false, ...fields });
  }
  // Keys referenced by rows but first seen in an earlier batch may still be new to this batch's map.
  for (const key of keys) {
    if (!listingByKey.has(key) && !listingWrites.has(key)) listingWrites.set(key, { key, isNew: true });
  }

  const listingIdByKey = new Map(existingListings.map((l) => [l.key, l.id]));
  const writes = [...listingWrites.values()];
  // Only mapped fields change; the others keep their stored value.
  const listingSet: Record<string, SQL> = { updatedAt: sql`now()` };
  if (mapping.title !== undefined) listingSet.title = sql`excluded.title`;
  if (mapping.brand !== undefined) listingSet.brand = sql`excluded.brand`;
  if (mapping.tags !== undefined) listingSet.tags = sql`excluded.tags`;
  for (const chunk of chunkForParameters(writes, 5)) {
    const returned = await tx
      .insert(listings)
      .values(
        chunk.map((w) => ({
          workspaceId,
          key: w.key,
          title: w.title ?? "",
          brand: w.brand ?? null,
          tags: w.tags ?? [],
        })),
      )
      .onConflictDoUpdate({
        target: [listings.workspaceId, listings.key],
        set: listingSet,
      })
      .returning({ id: listings.id, key: listings.key });
    for (const r of returned) listingIdByKey.set(r.key, r.id);
  }
  for (const w of writes) {
    if (w.isNew) result.listingsCreated++;
    else result.listingsUpdated++;
  }

  // Variants: compare mapped fields with what is stored; write only new and changed rows.
  type VariantInsert = typeof variants.$inferInsert;
  const variantWrites: VariantInsert[] = [];
  for (const row of rows) {
    const current = existingVariants.get(row.skuKey);
    const key = listingKeyOf(row);
    const listingId = key === undefined ? current!.listingId : listingIdByKey.get(key)!;
    const next: VariantInsert = { workspaceId, listingId, sku: row.sku, skuKey: row.skuKey };
    for (const field of VARIANT_FIELDS) if (mapping[field] !== undefined) next[field] = row[field] ?? null;
    for (const field of VARIANT_NUMBER_FIELDS) {
      if (mapping[field] !== undefined) next[COLUMN_OF[field]] = row[field] ?? null;
    }
    if (!current) {
      result.created++;
      variantWrites.push(next);
      continue;
    }
    const changed =
      current.listingId !== listingId ||
      current.sku !== row.sku ||
      VARIANT_FIELDS.some((f) => next[f] !== undefined && next[f] !== current[f]) ||
      VARIANT_NUMBER_FIELDS.some(
        (f) => next[COLUMN_OF[f]] !== undefined && next[COLUMN_OF[f]] !== current[COLUMN_OF[f]],
      );
    if (changed) {
      result.updated++;
      variantWrites.push(next);
    } else {
      result.unchanged++;
    }
  }
  if (variantWrites.length === 0) return;

  // Only mapped fields change on conflict; the others keep their stored value.
  const set: Record<string, SQL> = {
    listingId: sql`excluded.listing_id`,
    sku: sql`excluded.sku`,
    updatedAt: sql`now()`,
  };
  for (const field of VARIANT_FIELDS) if (mapping[field] !== undefined) set[field] = sql.raw(`excluded.${field}`);
  for (const field of VARIANT_NUMBER_FIELDS) {
    if (mapping[field] !== undefined) set[COLUMN_OF[field]] = sql.raw(`excluded.${variants[COLUMN_OF[field]].name}`);
  }
  for (const chunk of chunkForParameters(variantWrites, 16)) {
    await tx
      .insert(variants)
      .values(chunk)
      .onConflictDoUpdate({ target: [variants.workspaceId, variants.skuKey], set });
  }
}
