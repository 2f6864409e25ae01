/** How a catalog CSV file was read (encoding, delimiter, repeated headers, cleaned cells, where reading stopped). */

import type { CatalogFileInfo } from "@/lib/catalog/import-row";
import { DELIMITER_LABELS } from "@/lib/csv/delimiter";
import { ENCODING_LABELS } from "@/lib/csv/sniff";
import { cleaningSummary } from "@/lib/text/clean";
import { Alert } from "../ui/alert";

/**
 * How a CSV file was read, for the preview and the result: its text encoding and delimiter, header
 * names used twice, cells cleaned of control characters, and where reading stopped (an unclosed quote).
 */
export function FileReadNotes({ info, preview = false }: { info: CatalogFileInfo; preview?: boolean }) {
  const cleaned = cleaningSummary(info.cleanedCells);
  return (
    <div className="space-y-3">
      <p className="text-sm text-slate-700" data-testid="file-format">
        Read as <strong className="font-medium">{ENCODING_LABELS[info.format.encoding]}</strong> text, with cells
        separated by <strong className="font-medium">{DELIMITER_LABELS[info.format.delimiter]}</strong>
        {info.format.delimiter === ";" ? "; amounts may use a decimal comma (12,99)" : ""}.
        {cleaned && ` ${cleaned}${preview ? " in the rows previewed" : ""}.`}
      </p>
      {info.duplicateHeaders.length > 0 && (
        <Alert tone="warning" title="Some column names are used twice">
          <ul className="list-disc space-y-0.5 pl-5">
            {info.duplicateHeaders.map((d) => (
              <li key={d.header}>{d.message}</li>
            ))}
          </ul>
        </Alert>
      )}
      {info.stopped && (
        <Alert tone={preview ? "warning" : "error"} title="The file could not be read to the end">
          {info.stopped.message}
        </Alert>
      )}
    </div>
  );
}
