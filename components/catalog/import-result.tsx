/** What a catalog import did: rows created, updated, unchanged and failed, with every row error and note. */

import Link from "next/link";
import type { ImportResult as Result } from "@/lib/catalog/import";
import { Alert } from "../ui/alert";
import { Button, buttonClass } from "../ui/button";
import { FileReadNotes } from "./file-read-notes";
import { formatCount, rowErrorText } from "./format";

const COUNTS = [
  ["created", "Created"],
  ["updated", "Updated"],
  ["unchanged", "Unchanged"],
  ["rejected", "Failed"],
] as const;

/**
 * What an import did: how the file was read, rows created, updated, unchanged and failed, every row
 * error (row, column, what is wrong) and every note (an amount rounded to the cent).
 */
export function ImportResult({
  result,
  fileName,
  onAnother,
}: {
  result: Result;
  fileName: string;
  onAnother: () => void;
}) {
  const tone = result.rejected > 0 || result.stopped ? "warning" : "success";
  const title = result.stopped
    ? `Imported up to row ${formatCount(result.stopped.row - 1)}`
    : result.rejected > 0
      ? "Imported, with some rows skipped"
      : "Import finished";
  return (
    <div className="space-y-5">
      <Alert tone={tone} title={title}>
        {result.stopped
          ? `${formatCount(result.rows)} row(s) read from ${fileName} before reading stopped at row ${formatCount(result.stopped.row)} (see below); nothing after it was read or imported.`
          : result.rejected > 0
            ? `${formatCount(result.rows)} row(s) read from ${fileName}. Valid rows were kept; the ${formatCount(result.rejected)} row(s) with a problem were skipped and are listed below. Fix them and import the file again: rows already imported stay as they are.`
            : `All ${formatCount(result.rows)} row(s) of ${fileName} were imported.`}
      </Alert>
      <dl className="grid grid-cols-2 gap-3 sm:grid-cols-4" data-testid="import-counts">
        {COUNTS.map(([key, label]) => (
          <div
            key={key}
            className={`rounded-md p-3 text-center ${key === "rejected" && result.rejected > 0 ? "bg-red-50" : "bg-slate-100"}`}
          >
            <dt className="text-xs uppercase tracking-wide text-slate-600">{label}</dt>
            <dd className="text-2xl font-semibold tabular-nums" data-testid={`import-${key}`}>
              {formatCount(result[key])}
            </dd>
          </div>
        ))}
      </dl>
      <p className="text-sm text-slate-700">
        Listings: {formatCount(result.listingsCreated)} created, {formatCount(result.listingsUpdated)} updated.
      </p>
      <FileReadNotes info={result} />
      {result.errorCount > 0 && (
        <section
          className="overflow-x-auto rounded-lg border border-slate-200 bg-white"
          // biome-ignore lint/a11y/noNoninteractiveTabindex: a wide table must scroll from the keyboard too (axe scrollable-region-focusable)
          tabIndex={0}
          aria-label="Row errors"
        >
          <table className="w-full text-left text-sm" data-testid="import-errors">
            <caption className="px-4 py-3 text-left text-sm text-slate-600">
              {result.errorCount > result.errors.length
                ? `The first ${formatCount(result.errors.length)} of ${formatCount(result.errorCount)} row errors`
                : `${formatCount(result.errorCount)} row error(s)`}
              . Row numbers count the header as row 1, as a spreadsheet does.
            </caption>
            <thead className="border-y border-slate-200 bg-slate-50 text-xs uppercase text-slate-600">
              <tr>
                <th scope="col" className="px-4 py-2">
                  Row
                </th>
                <th scope="col" className="px-4 py-2">
                  Column
                </th>
                <th scope="col" className="px-4 py-2">
                  What is wrong
                </th>
              </tr>
            </thead>
            <tbody>
              {result.errors.map((error, i) => (
                <tr key={`${error.row}-${error.column}-${i}`} className="border-b border-slate-100 align-top">
                  <td className="px-4 py-2 tabular-nums">{error.row}</td>
                  <td className="px-4 py-2">{error.column ?? <span className="text-slate-500">whole row</span>}</td>
                  <td className="px-4 py-2">{error.column === null ? rowErrorText(error) : error.message}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      )}
      {result.warningCount > 0 && (
        <section
          className="overflow-x-auto rounded-lg border border-slate-200 bg-white"
          // biome-ignore lint/a11y/noNoninteractiveTabindex: a wide table must scroll from the keyboard too (axe scrollable-region-focusable)
          tabIndex={0}
          aria-label="Notes on imported rows"
        >
          <table className="w-full text-left text-sm" data-testid="import-warnings">
            <caption className="px-4 py-3 text-left text-sm text-slate-600">
              {result.warningCount > result.warnings.length
                ? `The first ${formatCount(result.warnings.length)} of ${formatCount(result.warningCount)} notes`
                : `${formatCount(result.warningCount)} note(s)`}{" "}
              on rows that were imported.
            </caption>
            <thead className="border-y border-slate-200 bg-slate-50 text-xs uppercase text-slate-600">
              <tr>
                <th scope="col" className="px-4 py-2">
                  Row
                </th>
                <th scope="col" className="px-4 py-2">
                  Column
                </th>
                <th scope="col" className="px-4 py-2">
                  Note
                </th>
              </tr>
            </thead>
            <tbody>
              {result.warnings.map((warning, i) => (
                <tr key={`${warning.row}-${warning.column}-${i}`} className="border-b border-slate-100 align-top">
                  <td className="px-4 py-2 tabular-nums">{warning.row}</td>
                  <td className="px-4 py-2">{warning.column}</td>
                  <td className="px-4 py-2">{warning.message}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      )}
      <div className="flex flex-wrap gap-3">
        <Link href="/catalog" className={buttonClass("primary")}>
          View the catalog
        </Link>
        <Button variant="secondary" onClick={onAnother}>
          Import another file
        </Button>
      </div>
    </div>
  );
}
