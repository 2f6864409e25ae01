/**
 * A CSV file's columns as a person chooses them: each column gets a key that names it uniquely.
 * A header name used once is its own key; a repeated one gets its position ("UPC (column 3)" and
 * "UPC (column 4)"), so no column is lost and the user can pick either; a blank one is "Column 5".
 * Pure (shared by the browser's mapping form and the server).
 */

import { type CsvDelimiter, DELIMITER_LABELS } from "./delimiter";

export interface CsvColumn {
  /** 0-based position in the row. */
  index: number;
  /** The header cell as written (trimmed). */
  header: string;
  /** Unique among the file's columns: what a column mapping refers to, and how it is shown. */
  key: string;
}

export interface DuplicateHeader {
  header: string;
  /** 1-based column numbers, as a spreadsheet counts them. */
  columns: number[];
}

/** Keys for the header cells (see the module comment) and the header names used more than once. */
export function columnsOf(header: readonly string[]): { columns: CsvColumn[]; duplicates: DuplicateHeader[] } {
  const positions = new Map<string, number[]>();
  header.forEach((name, i) => {
    const key = name.trim().toLowerCase();
    if (key !== "") positions.set(key, [...(positions.get(key) ?? []), i]);
  });
  const unique = (name: string) => name !== "" && positions.get(name.toLowerCase())!.length === 1;
  const taken = new Set(header.map((h) => h.trim()).filter(unique));
  const columns = header.map((raw, index): CsvColumn => {
    const name = raw.trim();
    if (unique(name)) return { index, header: name, key: name };
    let key = name === "" ? `Column ${index + 1}` : `${name} (column ${index + 1})`;
    while (taken.has(key)) key = `${key}′`;
    taken.add(key);
    return { index, header: name, key };
  });
  const duplicates = [...positions.values()]
    .filter((list) => list.length > 1)
    .map((list) => ({ header: header[list[0]!]!.trim(), columns: list.map((i) => i + 1) }));
  return { columns, duplicates };
}

/**
 * 'The header names "UPC" twice (columns 3 and 4): choose "UPC (column 3)" or "UPC (column 4)".'
 * Header names are compared without case, as the mapping suggestions compare them.
 */
export function duplicateHeaderMessage(duplicate: DuplicateHeader): string {
  const times = duplicate.columns.length === 2 ? "twice" : `${duplicate.columns.length} times`;
  const numbers = `${duplicate.columns.slice(0, -1).join(", ")} and ${duplicate.columns.at(-1)}`;
  const choices = duplicate.columns.map((c) => `“${duplicate.header} (column ${c})”`).join(" or ");
  return `The header names “${duplicate.header}” ${times} (columns ${numbers}); each is listed on its own, as ${choices}: choose the one to import.`;
}

/**
 * What is wrong with a row whose cell count differs from the header's, or null. More cells than
 * the header almost always means a value holding the delimiter without quotes ($1,234.50), which
 * shifts every cell after it; fewer means cells are missing. Either way no cell can be trusted
 * to be in its column, so the row is reported whole.
 */
export function rowWidthProblem(cells: number, headerCells: number, delimiter: CsvDelimiter): string | null {
  if (cells === headerCells) return null;
  if (cells > headerCells) {
    const example = delimiter === "," ? " (like $1,234.50)" : "";
    return `has ${cells} columns but the header has ${headerCells}: a value with an unquoted ${DELIMITER_LABELS[delimiter]}${example} splits into two cells and shifts the ones after it. Put such values in quotes`;
  }
  return `has ${cells} columns but the header has ${headerCells}`;
}
