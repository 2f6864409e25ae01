"use client";

/**
 * The review table of Sync Prices & Quantities: per variant SellerCloud's value as Conduit knows
 * it, the new value, why (the rule) and the reason it waits, with Send / Skip per row, for the
 * selected rows, or for everything held; and a read of SellerCloud's current values for the rows
 * shown. Send queues a run that sends the approved values.
 */

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { useCan } from "@/components/shell/role-context";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import type { ReviewFilter, ReviewRow, ReviewValue } from "@/lib/operations/sync-prices/review";
import { decidePriceReviewAction, readPriceCurrentValuesAction } from "@/lib/server/actions/price-actions";

const money = (cents: number | null) => (cents === null ? "—" : `$${(cents / 100).toFixed(2)}`);
const units = (n: number | null) => (n === null ? "—" : String(n));

function ValueCell({ v, format }: { v: ReviewValue; format: (n: number | null) => string }) {
  if (v.state === null && v.next === null) return <td className="px-3 py-2 text-slate-500">—</td>;
  return (
    <td className="px-3 py-2 align-top">
      <div>
        <span
          className="text-slate-600"
          title={v.currentRead ? "Read from SellerCloud" : "Last value SellerCloud confirmed"}
        >
          {format(v.current)}
        </span>{" "}
        → <strong>{format(v.next)}</strong>
        {v.state && <span className="ml-2 rounded bg-slate-100 px-1.5 text-xs text-slate-700">{v.state}</span>}
      </div>
      {v.why && <div className="text-xs text-slate-600">{v.why}</div>}
      {v.reason && <div className="text-xs text-amber-900">{v.reason}</div>}
    </td>
  );
}

export function PriceReviewTable({
  channelId,
  filter,
  rows,
  heldCount,
}: {
  channelId: string;
  filter: ReviewFilter;
  rows: ReviewRow[];
  heldCount: number;
}) {
  const canDecide = useCan("runs.start");
  const router = useRouter();
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [message, setMessage] = useState<{ tone: "success" | "error"; text: string } | null>(null);
  const [pending, startTransition] = useTransition();
  const decidable = filter === "held" && canDecide;

  const decide = (variantIds: string[] | "all", decision: "send" | "skip") =>
    startTransition(async () => {
      setMessage(null);
      const result = await decidePriceReviewAction({ channelId, variantIds, decision });
      if (!result.ok) return setMessage({ tone: "error", text: result.error });
      setSelected(new Set());
      setMessage({ tone: "success", text: result.data.message });
      router.refresh();
    });

  const readCurrent = () =>
    startTransition(async () => {
      setMessage(null);
      const result = await readPriceCurrentValuesAction({ channelId, variantIds: rows.map((r) => r.variantId) });
      if (!result.ok) return setMessage({ tone: "error", text: result.error });
      setMessage({ tone: "success", text: `Read SellerCloud's values of ${result.data.read} variant(s).` });
      router.refresh();
    });

  const toggle = (id: string, on: boolean) =>
    setSelected((s) => {
      const next = new Set(s);
      if (on) next.add(id);
      else next.delete(id);
      return next;
    });

  // The decision's message stays on screen after the refresh empties the list.
  if (rows.length === 0)
    return (
      <div className="space-y-3">
        {message && <Alert tone={message.tone}>{message.text}</Alert>}
        <p className="text-sm text-slate-600">Nothing here.</p>
      </div>
    );

  return (
    <div className="space-y-3">
      {message && <Alert tone={message.tone}>{message.text}</Alert>}
      {canDecide && (
        <div className="flex flex-wrap gap-2">
          {decidable && (
            <>
              <Button disabled={pending || selected.size === 0} onClick={() => decide([...selected], "send")}>
                Send selected ({selected.size})
              </Button>
              <Button
                variant="secondary"
                disabled={pending || selected.size === 0}
                onClick={() => decide([...selected], "skip")}
              >
                Skip selected
              </Button>
              <Button variant="secondary" disabled={pending} onClick={() => decide("all", "send")}>
                Send all held ({heldCount})
              </Button>
              <Button variant="ghost" disabled={pending} onClick={() => decide("all", "skip")}>
                Skip all held
              </Button>
            </>
          )}
          <Button variant="ghost" disabled={pending} onClick={readCurrent}>
            Read current SellerCloud values for these rows
          </Button>
        </div>
      )}
      <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
        <table className="min-w-full text-sm">
          <caption className="sr-only">Values waiting for review</caption>
          <thead className="bg-slate-50 text-left text-slate-700">
            <tr>
              {decidable && (
                <th scope="col" className="px-3 py-2">
                  <input
                    type="checkbox"
                    aria-label="Select all rows on this page"
                    checked={selected.size === rows.length}
                    onChange={(e) => setSelected(e.target.checked ? new Set(rows.map((r) => r.variantId)) : new Set())}
                  />
                </th>
              )}
              <th scope="col" className="px-3 py-2">
                Variant
              </th>
              <th scope="col" className="px-3 py-2">
                Price: SellerCloud → new
              </th>
              <th scope="col" className="px-3 py-2">
                Quantity: SellerCloud → new
              </th>
              {decidable && (
                <th scope="col" className="px-3 py-2">
                  <span className="sr-only">Decision</span>
                </th>
              )}
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {rows.map((r) => (
              <tr key={r.variantId} data-testid={`review-${r.sku}`}>
                {decidable && (
                  <td className="px-3 py-2 align-top">
                    <input
                      type="checkbox"
                      aria-label={`Select ${r.sku}`}
                      checked={selected.has(r.variantId)}
                      onChange={(e) => toggle(r.variantId, e.target.checked)}
                    />
                  </td>
                )}
                <td className="px-3 py-2 align-top">
                  <div className="font-medium">{r.sku}</div>
                  <div className="text-xs text-slate-600">SellerCloud {r.productId}</div>
                </td>
                <ValueCell v={r.price} format={money} />
                <ValueCell v={r.quantity} format={units} />
                {decidable && (
                  <td className="px-3 py-2 align-top whitespace-nowrap">
                    <Button
                      disabled={pending}
                      onClick={() => decide([r.variantId], "send")}
                      aria-label={`Send ${r.sku}`}
                    >
                      Send
                    </Button>{" "}
                    <Button
                      variant="secondary"
                      disabled={pending}
                      onClick={() => decide([r.variantId], "skip")}
                      aria-label={`Skip ${r.sku}`}
                    >
                      Skip
                    </Button>
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
