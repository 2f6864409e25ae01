/**
 * Writing CSV: every CSV the app produces goes through here (a test fails on any other
 * csv-stringify import), so each cell is safe to open in a spreadsheet.
 *
 * Formula injection: Excel, LibreOffice and Google Sheets run a cell that starts with `=`, `+`,
 * `-` or `@` (and some also after a leading tab or carriage return) as a formula, so a product title
 * like `=HYPERLINK("http://evil", "Click")` from a merchant's feed or SellerCloud would execute on
 * the person who opens the export. Such a cell is written with a leading apostrophe (`'=…`),
 * which spreadsheets show as text (OWASP's advice).
 *
 * A cell that is a plain number (`-5`, `+3`, `-12.50`, `1e3`) is left as it is: negative prices
 * and quantity adjustments are legitimate, a number cannot run anything, and the export must
 * re-import as written.
 */
import type { Transform } from "node:stream";
import { stringify } from "csv-stringify";
import { stringify as stringifySync } from "csv-stringify/sync";

const TRIGGER = /^[=+\-@\t\r]/;
const PLAIN_NUMBER = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;

/** The cell as a spreadsheet should receive it: `'` before a would-be formula, else unchanged. */
export function safeCell(value: string): string {
  return TRIGGER.test(value) && !PLAIN_NUMBER.test(value) ? `'${value}` : value;
}

const cast = { string: (value: string) => safeCell(value) };

/** A streaming CSV writer (header row from `columns`): write arrays of cells (or objects keyed by column), read CSV text. */
export function csvWriter(columns: readonly string[]): Transform {
  return stringify({ header: true, columns: [...columns], cast });
}

type Cell = string | number | null;

// What makes csv-stringify quote a cell under the options used here (its defaults: delimiter
// ",", quote and escape '"', record delimiter "\n", record delimiters quoted).
const NEEDS_QUOTES = /[",\n\r]/;

/**
 * One cell as `csvWriter` writes it: neutralised (safeCell), then quoted when it holds a quote,
 * a comma or a line break, with quotes doubled. For hot paths that write hundreds of thousands of
 * rows (the catalog export): the same bytes as the library (write.test.ts compares the two on
 * generated cells), without its per-record arrays, option objects and stream hops.
 */
export function csvCell(value: string): string {
  const safe = safeCell(value);
  return NEEDS_QUOTES.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

/** One CSV record of string cells with its line ending, the bytes `csvWriter` writes for it. */
export function csvLine(cells: readonly string[]): string {
  let line = "";
  for (let i = 0; i < cells.length; i++) line += i === 0 ? csvCell(cells[i]!) : `,${csvCell(cells[i]!)}`;
  return `${line}\n`;
}

/** The whole CSV at once, for small files: rows as arrays of cells, or objects keyed by column. */
export function csvText(
  rows: ReadonlyArray<ReadonlyArray<Cell> | Readonly<Record<string, Cell>>>,
  columns: readonly string[],
): string {
  return stringifySync(rows as Cell[][], { header: true, columns: [...columns], cast });
}
