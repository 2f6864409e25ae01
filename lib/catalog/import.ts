/**
 * CSV import of the catalog, streamed: rows are parsed, validated and upserted a batch at a time,
 * so memory grows with the batch, not the file (only the set of SKU and listing keys seen is kept,
 * to report duplicates). Only mapped fields are written: re-importing a file that lacks a column
 * never blanks that field. Unchanged rows are not written at all, so a re-import changes nothing.
 * The file is read by lib/csv (encoding, delimiter, repeated headers, unclosed quotes, cleaning);
 * rows are checked in lib/catalog/import-row.ts and written in import-upsert.ts; the preview is in
 * import-preview.ts.
 */

import { analyzeAfterBulkWrite } from "@/db/analyze";
import type { Db } from "@/db/client";
import { openCsv } from "@/lib/csv/read";
import { AppError } from "@/lib/errors";
import { type ColumnMapping, checkColumnMapping } from "./fields";
import {
  type CatalogFileInfo,
  type CatalogRowError,
  type CsvInput,
  catalogFileInfo,
  type ParsedRow,
  parseCatalogRow,
} from "./import-row";
import { upsertBatch } from "./import-upsert";
import { upsertVariantVendors } from "@/lib/vendors/variant-vendors-import";

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
    ...catalogFileInfo(file),
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
    await db.transaction(async (tx) => {
      await upsertBatch(tx, workspaceId, rows, mapping, listingsSeen, result);
      // The vendor columns (issue 18): unknown vendors come back as row warnings.
      for (const warning of await upsertVariantVendors(tx, workspaceId, rows, mapping)) {
        result.warningCount++;
        if (result.warnings.length < maxErrors) result.warnings.push(warning);
      }
    });
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
