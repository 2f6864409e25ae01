/**
 * Which character separates the cells: comma, semicolon (spreadsheets set to a European locale,
 * where the comma is the decimal separator), tab or pipe, detected from the first lines.
 */

export const CSV_DELIMITERS = [",", ";", "\t", "|"] as const;
export type CsvDelimiter = (typeof CSV_DELIMITERS)[number];

export const DELIMITER_LABELS: Record<CsvDelimiter, string> = {
  ",": "comma (,)",
  ";": "semicolon (;)",
  "\t": "tab",
  "|": "pipe (|)",
};

/** Records looked at, and characters: the same for a preview's head and a whole file's. */
const SAMPLE_RECORDS = 50;
const SAMPLE_CHARS = 64 * 1024;

/** Per record, how many of each candidate stand outside quotes (quoted cells may span lines). */
function countPerRecord(text: string): number[][] {
  const counts: number[][] = [];
  let current = CSV_DELIMITERS.map(() => 0);
  let inQuotes = false;
  let sawAny = false;
  const end = Math.min(text.length, SAMPLE_CHARS);
  for (let i = 0; i < end && counts.length < SAMPLE_RECORDS; i++) {
    const c = text[i]!;
    if (c === '"') inQuotes = !inQuotes;
    else if (!inQuotes && (c === "\n" || c === "\r")) {
      if (sawAny) counts.push(current);
      current = CSV_DELIMITERS.map(() => 0);
      sawAny = false;
      continue;
    } else if (!inQuotes) {
      const k = CSV_DELIMITERS.indexOf(c as CsvDelimiter);
      if (k >= 0) current[k]!++;
    }
    sawAny = true;
  }
  // A last line without a line end counts only when the sample is the whole text.
  if (sawAny && end === text.length && counts.length < SAMPLE_RECORDS) counts.push(current);
  return counts;
}

/**
 * The delimiter of a CSV text: the candidate found in the header that splits the most records into
 * as many cells as the header (ties: more cells, then , ; tab |). A file with one column, or none
 * found, reads as comma-separated. Looks at the first 50 records of the first 64 K characters, so
 * a preview of the head and the import of the whole file agree.
 */
export function detectDelimiter(text: string): CsvDelimiter {
  const counts = countPerRecord(text.replace(/^\uFEFF/, ""));
  const header = counts[0];
  if (!header) return ",";
  let best: { delimiter: CsvDelimiter; consistent: number; cells: number } | null = null;
  CSV_DELIMITERS.forEach((delimiter, k) => {
    const cells = header[k]!;
    if (cells === 0) return;
    const consistent = counts.filter((record) => record[k] === cells).length;
    if (!best || consistent > best.consistent || (consistent === best.consistent && cells > best.cells)) {
      best = { delimiter, consistent, cells };
    }
  });
  return (best as { delimiter: CsvDelimiter } | null)?.delimiter ?? ",";
}
