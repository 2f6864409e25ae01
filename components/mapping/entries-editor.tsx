"use client";

/** A mapping set's from → to rows: edit, add, remove, or load them from a CSV file. */

import { useId, useState } from "react";
import { duplicateSetEntryMessage, findDuplicateSetEntry } from "@/lib/mapping/set-entries";
import { Button } from "../ui/button";
import { useHydrated } from "../ui/use-hydrated";

export type Entry = { from: string; to: string };

const SHOWN = 200;
/** A set holds at most 50,000 rows; a file much larger than this is not a from,to table. */
const MAX_CSV_BYTES = 10 * 1024 * 1024;

/**
 * Sends the file as it is to POST /api/mapping-sets/csv, which reads it as every upload is read
 * (encoding and delimiter detected, binary files refused) and answers its rows.
 */
async function parseCsvFile(file: File): Promise<{ ok: true; entries: Entry[] } | { ok: false; error: string }> {
  const response = await fetch("/api/mapping-sets/csv", {
    method: "POST",
    headers: { "Content-Type": "text/csv" },
    body: file,
  });
  const body = (await response.json().catch(() => null)) as { entries?: Entry[]; error?: string } | null;
  if (response.ok && body?.entries) return { ok: true, entries: body.entries };
  if (response.status === 401) return { ok: false, error: "Your session ended. Sign in again, then load the file." };
  return { ok: false, error: body?.error ?? `The file could not be read (HTTP ${response.status}).` };
}

/**
 * The from → to rows of a mapping set: edit, add, remove, or load them from a CSV file (asking
 * first whether to replace or add to rows already here). A row repeating an earlier row's
 * SellerCloud value (case and spaces ignored) is marked as it is typed; the server refuses it too.
 */
export function EntriesEditor({
  entries,
  onChange,
  label,
}: {
  entries: Entry[];
  onChange: (entries: Entry[]) => void;
  /** Names the table for screen readers, e.g. the set's name. */
  label: string;
}) {
  const id = useId();
  const [showAll, setShowAll] = useState(false);
  const hydrated = useHydrated();
  const [csvState, setCsvState] = useState<{ busy: boolean; message: string | null; error: boolean }>({
    busy: false,
    message: null,
    error: false,
  });
  // Rows read from a CSV while the table already has rows: the user says whether they replace them.
  const [pending, setPending] = useState<{ fileName: string; entries: Entry[] } | null>(null);
  const shown = showAll ? entries : entries.slice(0, SHOWN);
  const duplicate = findDuplicateSetEntry(entries);
  const duplicateId = `${id}-duplicate`;
  const filled = entries.filter((e) => e.from.trim() !== "" || e.to.trim() !== "").length;

  const take = (fileName: string, loaded: Entry[], how: "replace" | "add") => {
    const next =
      how === "replace" ? loaded : [...entries.filter((e) => e.from.trim() !== "" || e.to.trim() !== ""), ...loaded];
    onChange(next);
    setPending(null);
    setCsvState({
      busy: false,
      message:
        how === "replace"
          ? `Loaded ${loaded.length} rows from ${fileName}. Save the set to keep them.`
          : `Added ${loaded.length} rows from ${fileName} after the ${next.length - loaded.length} rows here. Save the set to keep them.`,
      error: false,
    });
  };

  const update = (index: number, patch: Partial<Entry>) =>
    onChange(entries.map((e, i) => (i === index ? { ...e, ...patch } : e)));

  const loadCsv = async (file: File | undefined) => {
    if (!file) return;
    if (file.size > MAX_CSV_BYTES) {
      setCsvState({
        busy: false,
        message: `${file.name} is ${(file.size / 1_048_576).toFixed(1)} MB; a CSV loaded here can be at most 10 MB. Split it, or remove columns other than from and to.`,
        error: true,
      });
      return;
    }
    setCsvState({ busy: true, message: null, error: false });
    setPending(null);
    try {
      const result = await parseCsvFile(file);
      if (!result.ok) {
        setCsvState({ busy: false, message: result.error, error: true });
        return;
      }
      if (filled === 0) {
        take(file.name, result.entries, "replace");
        return;
      }
      setCsvState({ busy: false, message: null, error: false });
      setPending({ fileName: file.name, entries: result.entries });
    } catch {
      setCsvState({
        busy: false,
        message: "The file could not be sent. Check your connection and try again.",
        error: true,
      });
    }
  };

  return (
    <div className="space-y-2">
      <table className="w-full text-sm">
        <caption className="sr-only">{label}: from → to rows</caption>
        <thead>
          <tr className="text-left text-xs text-slate-600">
            <th className="pb-1 font-medium">SellerCloud value (from)</th>
            <th className="pb-1 font-medium">Conduit value (to)</th>
            <th className="pb-1">
              <span className="sr-only">Remove</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {shown.map((entry, index) => {
            const repeated = duplicate !== null && duplicate.row === index + 1;
            return (
              <tr key={index}>
                <td className="pr-2 pb-1">
                  <input
                    aria-label={`From, row ${index + 1}`}
                    value={entry.from}
                    aria-invalid={repeated || undefined}
                    aria-describedby={repeated ? duplicateId : undefined}
                    onChange={(e) => update(index, { from: e.target.value })}
                    className={`block w-full rounded-md border px-2 py-1 text-sm ${repeated ? "border-red-600" : "border-slate-300"}`}
                  />
                </td>
                <td className="pr-2 pb-1">
                  <input
                    aria-label={`To, row ${index + 1}`}
                    value={entry.to}
                    onChange={(e) => update(index, { to: e.target.value })}
                    className="block w-full rounded-md border border-slate-300 px-2 py-1 text-sm"
                  />
                </td>
                <td className="pb-1">
                  <Button
                    variant="ghost"
                    className="px-2 py-1"
                    aria-label={`Remove row ${index + 1}`}
                    onClick={() => onChange(entries.filter((_, i) => i !== index))}
                  >
                    ✕
                  </Button>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {duplicate && (
        <p id={duplicateId} role="alert" className="text-sm text-red-700">
          {duplicateSetEntryMessage(duplicate)}
        </p>
      )}
      {entries.length === 0 && (
        <p className="text-sm text-slate-600">No rows yet. Add one, or load a CSV of from,to rows.</p>
      )}
      {!showAll && entries.length > SHOWN && (
        <Button variant="ghost" onClick={() => setShowAll(true)}>
          Show all {entries.length} rows
        </Button>
      )}
      <div className="flex flex-wrap items-center gap-2">
        <Button variant="secondary" onClick={() => onChange([...entries, { from: "", to: "" }])}>
          Add row
        </Button>
        <label
          htmlFor={`${id}-csv`}
          className="cursor-pointer rounded-md border border-slate-300 bg-white px-3.5 py-2 text-sm font-medium text-slate-800 hover:bg-slate-50 focus-within:ring-2"
        >
          {csvState.busy ? "Reading CSV…" : "Load from CSV"}
          <input
            id={`${id}-csv`}
            type="file"
            accept=".csv,text/csv"
            className="sr-only"
            // Enabled once hydrated: a file chosen earlier would reach no change handler.
            disabled={csvState.busy || !hydrated}
            onChange={(e) => {
              void loadCsv(e.target.files?.[0]);
              e.target.value = "";
            }}
          />
        </label>
        <span className="text-xs text-slate-600">
          {entries.length} {entries.length === 1 ? "row" : "rows"} · matched ignoring case and surrounding spaces; a CSV
          may start with a from,to header
        </span>
      </div>
      {pending && (
        <div
          role="alertdialog"
          aria-labelledby={`${id}-pending`}
          className="space-y-2 rounded-md border border-amber-300 bg-amber-50 p-3"
        >
          <p id={`${id}-pending`} className="text-sm text-slate-800">
            {pending.fileName} has {pending.entries.length} rows. Replace the {filled} rows here with them, or add them
            after?
          </p>
          <div className="flex flex-wrap gap-2">
            <Button onClick={() => take(pending.fileName, pending.entries, "replace")}>
              Replace the {filled} rows
            </Button>
            <Button variant="secondary" onClick={() => take(pending.fileName, pending.entries, "add")}>
              Add after them
            </Button>
            <Button variant="ghost" onClick={() => setPending(null)}>
              Cancel
            </Button>
          </div>
        </div>
      )}
      {csvState.message && (
        <p
          role={csvState.error ? "alert" : "status"}
          className={`text-sm ${csvState.error ? "text-red-700" : "text-green-800"}`}
        >
          {csvState.message}
        </p>
      )}
    </div>
  );
}
