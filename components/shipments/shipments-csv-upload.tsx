"use client";

/** The shipments CSV upload page's form: sends the file and shows what was recorded and what failed. */

import { useState, useTransition } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { useHydrated } from "@/components/ui/use-hydrated";
import type { ShipmentCsvResult } from "@/lib/shipments/csv";

/**
 * Sends the file as is to POST /api/shipments/upload (a route handler: no server-action 1 MB limit;
 * the server refuses files over the one upload cap with a plain message).
 */
async function uploadShipmentsCsv(
  file: File,
): Promise<{ ok: true; data: ShipmentCsvResult } | { ok: false; error: string }> {
  let response: Response;
  try {
    response = await fetch("/api/shipments/upload", {
      method: "POST",
      headers: { "Content-Type": "text/csv" },
      body: file,
    });
  } catch {
    return { ok: false, error: "The upload was interrupted. Check your connection and try again." };
  }
  const body = (await response.json().catch(() => null)) as (ShipmentCsvResult & { error?: string }) | null;
  if (response.ok && body) return { ok: true, data: body };
  if (response.status === 401) return { ok: false, error: "Your session ended. Sign in again, then upload the file." };
  return { ok: false, error: body?.error ?? `The upload failed (HTTP ${response.status}).` };
}

export function ShipmentsCsvUpload() {
  const hydrated = useHydrated();
  const [file, setFile] = useState<File | null>(null);
  const [result, setResult] = useState<ShipmentCsvResult | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();

  const upload = (event: React.FormEvent) => {
    event.preventDefault();
    if (!file) {
      setError("Choose a CSV file first.");
      return;
    }
    setError(null);
    setResult(null);
    startTransition(async () => {
      const response = await uploadShipmentsCsv(file);
      if (response.ok) setResult(response.data);
      else setError(response.error);
    });
  };

  return (
    <div className="space-y-4">
      <form onSubmit={upload} className="flex flex-wrap items-end gap-3" aria-label="Upload shipments CSV">
        <div className="space-y-1">
          <label htmlFor="shipments-file" className="block text-sm font-medium text-slate-800">
            CSV file
          </label>
          <input
            id="shipments-file"
            type="file"
            accept=".csv,text/csv"
            // Enabled once hydrated: a file chosen earlier would reach no change handler.
            disabled={!hydrated}
            onChange={(e) => setFile(e.target.files?.[0] ?? null)}
            className="block text-sm"
          />
        </div>
        <Button type="submit" disabled={pending}>
          {pending ? "Uploading…" : "Upload"}
        </Button>
      </form>
      {error && <Alert tone="error">{error}</Alert>}
      {result && (
        <div className="space-y-3">
          <Alert tone={result.rejected ? "warning" : "success"} title="Upload finished">
            {result.rows} row(s): {result.shipmentsCreated} shipment(s) recorded with {result.trackingNumbersRecorded}{" "}
            tracking number(s); {result.skipped} already recorded (skipped); {result.rejected} row(s) with errors.
            {result.shipmentsCreated > 0 && " Sync Orders sends them to SellerCloud on its next run."}
          </Alert>
          {result.warnings.length > 0 && (
            <Alert tone="warning" title="Already shipped in SellerCloud">
              <ul className="list-disc pl-5">
                {result.warnings.map((w) => (
                  <li key={w.row}>
                    Row {w.row}, order {w.orderNumber}: {w.message}
                  </li>
                ))}
              </ul>
            </Alert>
          )}
          {result.errors.length > 0 && (
            <table className="w-full text-sm" aria-label="Rows with errors">
              <thead className="text-left text-slate-600">
                <tr>
                  <th className="py-1 font-medium">Row</th>
                  <th className="py-1 font-medium">Column</th>
                  <th className="py-1 font-medium">Problem</th>
                </tr>
              </thead>
              <tbody>
                {result.errors.map((e) => (
                  <tr key={`${e.row}-${e.column}`} className="border-t border-slate-100">
                    <td className="py-1">{e.row}</td>
                    <td className="py-1 font-mono">{e.column ?? "—"}</td>
                    <td className="py-1">{e.message}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </div>
      )}
    </div>
  );
}
