/**
 * The rows of a mapping set as lookups see them: a row's key is its "from" value trimmed and
 * lower-cased (lib/mapping/evaluate.ts setIndex), so "us" and "US " are the same key and only the
 * first could ever apply. Shared by the editor (marks the row as it is typed) and the server
 * (refuses to save it). Framework-free.
 */

export interface SetEntry {
  from: string;
  to: string;
}

/** The key a lookup compares: trimmed, lower case. */
export function setEntryKey(from: string): string {
  return from.trim().toLowerCase();
}

/** A row whose key an earlier row already has. Rows are numbered from 1 in the list given. */
export interface DuplicateSetEntry {
  row: number;
  firstRow: number;
  from: string;
  firstFrom: string;
}

/** The first row repeating an earlier row's key (blank keys are ignored: such rows are dropped), or null. */
export function findDuplicateSetEntry(entries: readonly SetEntry[]): DuplicateSetEntry | null {
  const first = new Map<string, number>();
  for (const [index, entry] of entries.entries()) {
    const key = setEntryKey(entry.from);
    if (key === "") continue;
    const earlier = first.get(key);
    if (earlier !== undefined)
      return {
        row: index + 1,
        firstRow: earlier + 1,
        from: entry.from.trim(),
        firstFrom: entries[earlier]!.from.trim(),
      };
    first.set(key, index);
  }
  return null;
}

/**
 * The sentence for a repeated key, naming both rows: `Row 4 ("US") repeats row 2 ("us"): …`.
 * `rowName` turns a row number into its label (default "Row 4"; a CSV passes its own rows).
 */
export function duplicateSetEntryMessage(
  duplicate: DuplicateSetEntry,
  rowName: (row: number) => string = (row) => `row ${row}`,
): string {
  const same =
    duplicate.from === duplicate.firstFrom
      ? `"${duplicate.from}"`
      : `"${duplicate.from}" (same as "${duplicate.firstFrom}")`;
  const text = `${rowName(duplicate.row)} repeats the SellerCloud value of ${rowName(duplicate.firstRow)}: ${same}. Lookups ignore case and surrounding spaces, so only one row can apply: remove or change one of them.`;
  return text.charAt(0).toUpperCase() + text.slice(1);
}
