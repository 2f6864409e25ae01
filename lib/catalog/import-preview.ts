/**
 * The catalog import's preview: the header and the first rows of a CSV, validated under a column
 * mapping (the given one, else the suggested one), before anything is written.
 */

import { openCsv } from "@/lib/csv/read";
import { type ColumnMapping, checkColumnMapping, suggestMapping } from "./fields";
import {
  type CatalogFileInfo,
  type CatalogRowError,
  type CsvInput,
  catalogFileInfo,
  type ParsedRow,
  parseCatalogRow,
} from "./import-row";

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
    ...catalogFileInfo(file),
    headers: columns,
    suggestedMapping,
    mappingProblems: checkColumnMapping(mapping, columns),
    rows,
  };
}
