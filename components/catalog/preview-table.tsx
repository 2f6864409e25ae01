/** The catalog import's preview: the first rows as they would be imported, with each row's problems. */

import type { PreviewRow } from "@/lib/catalog/import-preview";
import { CATALOG_FIELD_LABELS, type ColumnMapping, IMPORT_FIELDS } from "@/lib/catalog/fields";
import { rowErrorText } from "./format";

/** The first rows of the file as they would be imported under the current mapping, with each row's problems. */
export function PreviewTable({
  headers,
  mapping,
  rows,
}: {
  headers: string[];
  mapping: ColumnMapping;
  rows: PreviewRow[];
}) {
  const fields = IMPORT_FIELDS.filter((f) => mapping[f] !== undefined);
  const bad = rows.filter((r) => r.errors.length > 0).length;
  const noted = rows.filter((r) => r.errors.length === 0 && r.warnings.length > 0).length;
  return (
    <section
      className="overflow-x-auto rounded-lg border border-slate-200 bg-white"
      // biome-ignore lint/a11y/noNoninteractiveTabindex: a wide table must scroll from the keyboard too (axe scrollable-region-focusable)
      tabIndex={0}
      aria-label="Preview of the first rows"
    >
      <table className="w-full text-left text-sm" data-testid="preview-table">
        <caption className="px-4 py-3 text-left text-sm text-slate-600">
          The first {rows.length} row(s) of the file under this mapping
          {bad > 0 ? `: ${bad} would be skipped (see Problems)` : ": all can be imported"}
          {noted > 0 ? `; ${noted} with a note` : ""}.
        </caption>
        <thead className="border-y border-slate-200 bg-slate-50 text-xs text-slate-600">
          <tr>
            <th scope="col" className="px-3 py-2">
              Row
            </th>
            {fields.map((field) => (
              <th key={field} scope="col" className="px-3 py-2 whitespace-nowrap">
                {CATALOG_FIELD_LABELS[field]}
                <span className="block font-normal text-slate-500">{mapping[field]}</span>
              </th>
            ))}
            <th scope="col" className="px-3 py-2">
              Problems
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.row} className={`border-b border-slate-100 align-top ${row.errors.length ? "bg-red-50" : ""}`}>
              <th scope="row" className="px-3 py-2 font-normal tabular-nums text-slate-600">
                {row.row}
              </th>
              {fields.map((field) => {
                const header = mapping[field]!;
                const cell = row.cells[headers.indexOf(header)] ?? "";
                const isBad = row.errors.some((e) => e.column === header);
                return (
                  <td
                    key={field}
                    className={`max-w-48 truncate px-3 py-2 ${isBad ? "font-medium text-red-800" : ""}`}
                    title={cell}
                  >
                    {cell}
                  </td>
                );
              })}
              <td className="px-3 py-2 text-sm">
                {row.errors.length === 0 && row.warnings.length > 0 ? (
                  <ul className="space-y-0.5 text-amber-900">
                    {row.warnings.map((warning) => (
                      <li key={`${warning.column}-${warning.message}`}>{rowErrorText(warning)}</li>
                    ))}
                  </ul>
                ) : row.errors.length === 0 ? (
                  <span className="text-green-800">OK</span>
                ) : (
                  <ul className="space-y-0.5 text-red-800">
                    {row.errors.map((error) => (
                      <li key={`${error.column}-${error.message}`}>{rowErrorText(error)}</li>
                    ))}
                  </ul>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
