/** The order page's Vendors section: which vendor has which lines, each request's state and history, held lines. */

import Link from "next/link";
import { formatDateTime } from "@/components/runs/format";
import type { OrderRequestView } from "@/lib/vendors/queries";
import { REQUEST_STATE_LABELS } from "@/lib/vendors/requests";

const STATE_TONE: Record<string, string> = {
  pending: "bg-amber-50 text-amber-900",
  delivered: "bg-sky-50 text-sky-900",
  acknowledged: "bg-indigo-50 text-indigo-900",
  rejected: "bg-red-50 text-red-800",
  shipped: "bg-green-50 text-green-800",
  canceled: "bg-slate-100 text-slate-700",
};

export function OrderFulfillmentSection({
  requests,
  held,
}: {
  requests: OrderRequestView[];
  held: { sku: string | null; reason: string }[];
}) {
  if (requests.length === 0 && held.length === 0) return null;
  return (
    <section aria-labelledby="vendors-title" className="space-y-3 rounded-lg border border-slate-200 bg-white p-4">
      <h2 id="vendors-title" className="text-sm font-semibold text-slate-900">
        Vendors ({requests.length} {requests.length === 1 ? "request" : "requests"})
      </h2>
      {held.length > 0 && (
        <div role="note" className="rounded-md bg-amber-50 p-3 text-sm text-amber-900">
          <p className="font-medium">
            {held.length} {held.length === 1 ? "line is" : "lines are"} held (no vendor yet)
          </p>
          <ul className="mt-1 list-disc pl-5">
            {held.map((h, i) => (
              <li key={i}>
                <span className="font-mono">{h.sku ?? "?"}</span>: {h.reason}
              </li>
            ))}
          </ul>
        </div>
      )}
      {requests.map((r) => (
        <article key={r.id} aria-label={`Request ${r.number}`} className="rounded-md border border-slate-200 p-3">
          <header className="flex flex-wrap items-center gap-2 text-sm">
            <span className="font-medium">Request {r.number}</span>
            <span>
              to{" "}
              <Link href={`/vendors/${r.vendorId}`} className="text-brand-700 underline">
                {r.vendorName}
              </Link>{" "}
              ({r.deliveryMethod})
            </span>
            <span
              className={`rounded px-2 py-0.5 text-xs font-medium ${STATE_TONE[r.state] ?? ""}`}
              data-testid="request-state"
            >
              {REQUEST_STATE_LABELS[r.state]}
            </span>
            {r.lastError && r.state === "pending" && (
              <span className="text-xs text-red-700">
                {r.deliveryFailed ? "Delivery gave up" : "Last attempt failed"}: {r.lastError}
              </span>
            )}
          </header>
          <table className="mt-2 w-full text-left text-sm">
            <thead className="text-xs text-slate-600">
              <tr>
                <th className="py-1">SKU</th>
                <th className="py-1 text-right">Qty</th>
                <th className="py-1">Line</th>
                <th className="py-1">Routed by</th>
              </tr>
            </thead>
            <tbody>
              {r.lines.map((l) => (
                <tr key={l.orderItemId} className="border-t border-slate-100">
                  <td className="py-1 font-mono">{l.sku ?? "—"}</td>
                  <td className="py-1 text-right">{l.quantity}</td>
                  <td className="py-1">
                    {l.state}
                    {l.rejectReason && <span className="text-xs text-red-700"> ({l.rejectReason})</span>}
                  </td>
                  <td className="py-1 text-xs text-slate-600">{l.routedBy ?? "—"}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <details className="mt-2 text-sm">
            <summary className="cursor-pointer text-slate-700">History ({r.history.length})</summary>
            <ol className="mt-1 space-y-1">
              {r.history.map((h, i) => (
                <li key={i} className="text-xs">
                  <span className="text-slate-600">{formatDateTime(h.at)}</span> · {h.actor} ·{" "}
                  {h.fromState && h.fromState !== h.toState ? `${h.fromState} → ` : ""}
                  {h.toState}: {h.message}
                </li>
              ))}
            </ol>
          </details>
        </article>
      ))}
    </section>
  );
}
