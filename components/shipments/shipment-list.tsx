"use client";

/** An order's shipments: tracking numbers, items and each one's state with SellerCloud, with Retry for a failed one. */

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useEffect, useState, useTransition } from "react";
import { formatDateTime } from "@/components/runs/format";
import { useCan } from "@/components/shell/role-context";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { SyncFailure, shippingSettingsPath, syncTemplatesPath } from "@/lib/operations/sync-orders/codes";
import { retryShipmentAction } from "@/lib/server/actions/shipment-actions";

export interface ShipmentRow {
  id: string;
  carrier: string;
  service: string;
  shipDate: string;
  source: string;
  syncState: "pending" | "sending" | "synced" | "failed";
  syncedAt: string | null;
  failureReason: string | null;
  failureCode: string | null;
  retryable: boolean;
  attempts: number;
  callsUsed: number;
  sentCarrier: string | null;
  sentService: string | null;
  trackingNumbers: string[];
  items: { sku: string | null; quantity: number }[];
  coversWholeOrder: boolean;
}

const SOURCE_LABEL: Record<string, string> = { ui: "by hand", csv: "CSV upload", api: "API" };

function SyncState({ shipment }: { shipment: ShipmentRow }) {
  switch (shipment.syncState) {
    case "synced":
      return (
        <span className="text-green-800">
          <strong>Synced</strong> {formatDateTime(shipment.syncedAt)}
        </span>
      );
    case "failed":
      return (
        <span className="text-red-800">
          <strong>Failed</strong>
          {shipment.retryable ? " (retried automatically on the next run)" : ""}
        </span>
      );
    case "sending":
      return <span className="text-amber-800">Sending — SellerCloud's answer is being confirmed</span>;
    default:
      return <span className="text-slate-700">Pending — waiting for Sync Orders</span>;
  }
}

/** A run's status, polled once a second until it ends (the order page refreshes then). */
function useRunStatus(runId: string | null) {
  return useQuery({
    queryKey: ["run-status", runId],
    enabled: Boolean(runId),
    queryFn: async () => {
      const response = await fetch(`/api/runs/${runId}`, { cache: "no-store" });
      if (!response.ok) throw new Error("The run could not be read.");
      return ((await response.json()) as { run: { status: string } }).run.status;
    },
    refetchInterval: (query) => (query.state.data === "queued" || query.state.data === "running" ? 1000 : false),
  });
}

export function ShipmentList({ shipments, channelId }: { shipments: ShipmentRow[]; channelId: string }) {
  const canRetry = useCan("shipments.record");
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [message, setMessage] = useState<{ tone: "error" | "success"; text: string } | null>(null);
  const [followed, setFollowed] = useState<string | null>(null);
  const run = useRunStatus(followed);
  const runEnded = run.data !== undefined && run.data !== "queued" && run.data !== "running";

  // When the Sync Orders run that sends the retried shipment ends, show where it stands now.
  useEffect(() => {
    if (!followed || !runEnded) return;
    setFollowed(null);
    setMessage({ tone: "success", text: "Sync Orders finished; the shipment below shows where it stands now." });
    router.refresh();
  }, [followed, runEnded, router]);

  const retry = (id: string) =>
    startTransition(async () => {
      const result = await retryShipmentAction({ id });
      setMessage(result.ok ? { tone: "success", text: result.data.message } : { tone: "error", text: result.error });
      if (result.ok) setFollowed(result.data.runId);
      router.refresh();
    });

  if (!shipments.length) return <p className="text-sm text-slate-600">No shipments recorded for this order yet.</p>;
  return (
    <div className="space-y-3">
      {message && (
        <div role="status">
          <Alert tone={message.tone}>
            {message.text}
            {followed && (
              <>
                {" "}
                <Link className="underline" href={`/runs/${followed}`}>
                  Follow the run
                </Link>
              </>
            )}
          </Alert>
        </div>
      )}
      <ul className="divide-y divide-slate-100 rounded-md border border-slate-200" aria-label="Shipments">
        {shipments.map((s) => (
          <li key={s.id} className="space-y-1 p-4 text-sm" data-testid="shipment" data-state={s.syncState}>
            <div className="flex flex-wrap items-center justify-between gap-2">
              <div>
                <span className="font-medium">
                  {s.carrier}
                  {s.service ? ` · ${s.service}` : ""}
                </span>
                <span className="text-slate-600">
                  {" "}
                  · shipped {s.shipDate.slice(0, 10)} · {SOURCE_LABEL[s.source] ?? s.source}
                </span>
              </div>
              <SyncState shipment={s} />
            </div>
            <p>
              Tracking: <span className="font-mono">{s.trackingNumbers.join(", ")}</span>
            </p>
            <p className="text-slate-600">
              {s.coversWholeOrder ? "Whole order" : s.items.map((i) => `${i.quantity} × ${i.sku ?? "item"}`).join(", ")}
              {s.sentCarrier ? ` · sent as ${s.sentCarrier} / ${s.sentService}` : ""}
              {s.attempts ? ` · ${s.attempts} attempt(s), ${s.callsUsed} SellerCloud call(s)` : ""}
            </p>
            {s.syncState === "failed" && (
              <div className="flex flex-wrap items-start justify-between gap-2 rounded-md bg-red-50 p-3 text-red-900">
                <div className="space-y-1">
                  <p>{s.failureReason}</p>
                  {s.failureCode === SyncFailure.UnmappedCarrier && (
                    <Link className="font-medium underline" href={shippingSettingsPath(channelId)}>
                      Open the channel's shipping mappings
                    </Link>
                  )}
                  {s.failureCode === SyncFailure.MappingError && (
                    <Link className="font-medium underline" href={syncTemplatesPath(channelId)}>
                      Open the channel's Sync Orders templates
                    </Link>
                  )}
                </div>
                {canRetry && (
                  <Button variant="secondary" onClick={() => retry(s.id)} disabled={pending}>
                    Retry
                  </Button>
                )}
              </div>
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}
