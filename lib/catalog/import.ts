import { Readable } from "node:stream";
import { type CsvError, parse } from "csv-parse";
import { and, eq, inArray, or, type SQL, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { listings, variants } from "@/db/schema/catalog";
import { AppError } from "@/lib/errors";
import { skuKey } from "@/lib/linking/normalize";
import {
  CATALOG_FIELD_LABELS,
  type CatalogField,
  type ColumnMapping,
  checkMapping,
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
 */

export type CsvInput = string | Uint8Array | Readable | AsyncIterable<string | Uint8Array>;

export interface RowError {
  /** Spreadsheet row: the header is row 1, the first data row is row 2. */
  row: number;
  /** The CSV header of the cell at fault, or null when the whole row is at fault. */
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
  cost?: number | null;
  price?: number | null;
  msrp?: number | null;
  map?: number | null;
  quantity?: number | null;
}

export interface ImportResult {
  /** Data rows read (excluding the header). */
  rows: number;
  created: number;
  updated: number;
  unchanged: number;
  /** Rows not imported because of an error. */
  rejected: number;
  listingsCreated: number;
  listingsUpdated: number;
  /** The first `maxErrors` row errors; errorCount has them all. */
  errors: RowError[];
  errorCount: number;
}

export interface ImportOptions {
  mapping: ColumnMapping;
  /** Rows per transaction. */
  batchSize?: number;
  maxErrors?: number;
  signal?: AbortSignal;
}

const MAX_SKU_LENGTH = 255;
const MAX_TEXT_LENGTH = 2000;
/** Postgres binds at most 65535 parameters per statement. */
const MAX_PARAMETERS = 65_535;

function toReadable(input: CsvInput): Readable {
  if (typeof input === "string" || input instanceof Uint8Array) return Readable.from([input]);
  if (input instanceof Readable) return input;
  return Readable.from(input);
}

function csvParser() {
  // relax_quotes: a stray quote inside a cell (5" screen) is kept as text instead of derailing the
  // rest of the file; relax_column_count: short or long rows are reported per row, not fatal.
  return parse({
    bom: true,
    info: true,
    relax_quotes: true,
    relax_column_count: true,
    skip_empty_lines: true,
    skip_records_with_error: true,
  });
}

type Record_ = { record: string[]; info: { records: number } };

function csvErrorRow(error: CsvError): RowError {
  const info = error as unknown as { records?: number; lines?: number };
  return {
    row: (info.records ?? 0) + 1,
    column: null,
    message: `could not be read as CSV (line ${info.lines ?? "?"}): ${error.message.split(":")[0]}`,
  };
}

/** Splits rows into chunks whose statements stay under Postgres's parameter limit. */
export function chunkForParameters<T>(rows: readonly T[], parametersPerRow: number): T[][] {
  const size = Math.max(1, Math.floor(MAX_PARAMETERS / parametersPerRow));
  const chunks: T[][] = [];
  for (let i = 0; i < rows.length; i += size) chunks.push(rows.slice(i, i + size));
  return chunks;
}

/**
 * Validates one record under a mapping. A row with any error is rejected whole: importing half a
 * row (say, the SKU without its bad price) would silently blank data the merchant meant to send.
 */
export function parseCatalogRow(
  record: readonly string[],
  row: number,
  headers: readonly string[],
  mapping: ColumnMapping,
): { row: ParsedRow } | { errors: RowError[] } {
  const errors: RowError[] = [];
  if (record.length < headers.length) {
    errors.push({ row, column: null, message: `has ${record.length} cells but the header has ${headers.length}` });
    return { errors };
  }
  if (record.length > headers.length && record.slice(headers.length).some((cell) => cell.trim() !== "")) {
    errors.push({ row, column: null, message: `has ${record.length} cells but the header has ${headers.length}` });
    return { errors };
  }
  const cell = (field: CatalogField): string | undefined => {
    const header = mapping[field];
    if (header === undefined) return undefined;
    return record[headers.indexOf(header)] ?? "";
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
    const money = parseMoney(value);
    if ("error" in money) fail(field, money.error);
    else parsed[field] = money.cents;
  }
  const quantity = cell("quantity");
  if (quantity !== undefined) {
    const result = parseQuantity(quantity);
    if ("error" in result) fail("quantity", result.error);
    else parsed.quantity = result.quantity;
  }
  return errors.length > 0 ? { errors } : { row: parsed };
}

export interface PreviewRow {
  row: number;
  cells: string[];
  parsed?: ParsedRow;
  errors: RowError[];
}

export interface CatalogPreview {
  headers: string[];
  suggestedMapping: ColumnMapping;
  /** Problems with the mapping used for `rows` (the given one, else the suggestion). */
  mappingProblems: Record<string, string>;
  rows: PreviewRow[];
}

/** Reads the header and the first `rows` data rows (and stops reading), validated under a mapping. */
export async function previewCatalogCsv(
  input: CsvInput,
  options: { mapping?: ColumnMapping; rows?: number } = {},
): Promise<CatalogPreview> {
  const limit = options.rows ?? 20;
  const source = toReadable(input);
  const parser = source.pipe(csvParser());
  const skipped: RowError[] = [];
  parser.on("skip", (error: CsvError) => skipped.push(csvErrorRow(error)));
  let headers: string[] | undefined;
  let mapping: ColumnMapping = options.mapping ?? {};
  const rows: PreviewRow[] = [];
  for await (const { record, info } of parser as AsyncIterable<Record_>) {
    if (!headers) {
      headers = record.map((h) => h.trim());
      mapping = options.mapping ?? suggestMapping(headers);
      continue;
    }
    const result = parseCatalogRow(record, info.records, headers, mapping);
    rows.push({
      row: info.records,
      cells: record,
      parsed: "row" in result ? result.row : undefined,
      errors: "errors" in result ? result.errors : [],
    });
    if (rows.length >= limit) break;
  }
  source.destroy();
  if (!headers) throw new AppError("VALIDATION", "The file is empty: it needs a header row and at least one data row.");
  for (const error of skipped) {
    if (error.row <= (rows.at(-1)?.row ?? 0) + 1) rows.push({ row: error.row, cells: [], errors: [error] });
  }
  rows.sort((a, b) => a.row - b.row);
  return { headers, suggestedMapping: suggestMapping(headers), mappingProblems: checkMapping(mapping, headers), rows };
}

interface ListingFields {
  title?: string;
  brand?: string | null;
  tags?: string[];
}

/**
 * Imports a catalog CSV into the workspace. Rows with errors are reported (row, column, what is
 * wrong) and skipped; every valid row is kept. A SKU that appears twice in one file keeps its
 * first row and reports the second.
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
  const result: ImportResult = {
    rows: 0,
    created: 0,
    updated: 0,
    unchanged: 0,
    rejected: 0,
    listingsCreated: 0,
    listingsUpdated: 0,
    errors: [],
    errorCount: 0,
  };
  const report = (error: RowError) => {
    result.errorCount++;
    if (result.errors.length < maxErrors) result.errors.push(error);
  };
  const firstRowOfSku = new Map<string, number>();
  const listingsSeen = new Set<string>();

  const source = toReadable(input);
  const parser = source.pipe(csvParser());
  parser.on("skip", (error: CsvError) => {
    result.rows++;
    result.rejected++;
    report(csvErrorRow(error));
  });
  let headers: string[] | undefined;
  let batch: ParsedRow[] = [];
  const flush = async () => {
    if (batch.length === 0) return;
    const rows = batch;
    batch = [];
    await db.transaction((tx) => upsertBatch(tx, workspaceId, rows, mapping, listingsSeen, result));
  };

  for await (const { record, info } of parser as AsyncIterable<Record_>) {
    if (!headers) {
      headers = record.map((h) => h.trim());
      const problems = checkMapping(mapping, headers);
      if (Object.keys(problems).length > 0) {
        source.destroy();
        throw new AppError("VALIDATION", "The column mapping does not fit this file.", { fieldErrors: problems });
      }
      continue;
    }
    options.signal?.throwIfAborted();
    result.rows++;
    const parsed = parseCatalogRow(record, info.records, headers, mapping);
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
    firstRowOfSku.set(parsed.row.skuKey, parsed.row.row);
    batch.push(parsed.row);
    if (batch.length >= batchSize) await flush();
  }
  await flush();
  if (!headers) throw new AppError("VALIDATION", "The file is empty: it needs a header row and at least one data row.");
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
