"use client";

/** The Sync Orders template editor's preview picker: one of the channel's recent shipments. */

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useId } from "react";
import type { SyncPreviewShipment } from "@/lib/orders/sync-preview-source";
import { Button } from "../ui/button";

async function fetchShipments(channelId: string): Promise<SyncPreviewShipment[]> {
  const response = await fetch(`/api/channels/${channelId}/sync-preview-shipments`, { cache: "no-store" });
  const body = (await response.json().catch(() => ({}))) as { shipments?: SyncPreviewShipment[]; error?: string };
  if (!response.ok) throw new Error(body.error ?? `The shipments could not be loaded (HTTP ${response.status}).`);
  return body.shipments ?? [];
}

/**
 * Chooses the Conduit shipment the Sync Orders template preview maps: one of the channel's recent
 * shipments (the Get Orders editor's PreviewOrderPicker, for what Sync Orders sends).
 */
export function SyncPreviewPicker({
  channelId,
  selected,
  onSelect,
}: {
  channelId: string;
  selected: SyncPreviewShipment | null;
  onSelect: (shipment: SyncPreviewShipment | null) => void;
}) {
  const id = useId();
  const recent = useQuery({
    queryKey: ["sync-preview-shipments", channelId],
    queryFn: () => fetchShipments(channelId),
    retry: false,
  });
  const options = recent.data ?? [];
  return (
    <section aria-labelledby={`${id}-title`} className="rounded-lg border border-brand-100 bg-brand-50/40 p-4">
      <h2 id={`${id}-title`} className="text-sm font-semibold text-slate-900">
        Live preview
      </h2>
      <p className="mb-3 text-xs text-slate-600">
        Pick a shipment recorded in Conduit: every row shows what this template sends SellerCloud for each of its
        tracking numbers, updated as you edit and before you save.
      </p>
      <div className="flex flex-wrap items-end gap-3">
        <div className="min-w-72 flex-1">
          <label htmlFor={`${id}-shipment`} className="block text-xs font-medium text-slate-700">
            Preview shipment
          </label>
          <select
            id={`${id}-shipment`}
            value={selected?.shipmentId ?? ""}
            onChange={(e) => onSelect(options.find((s) => s.shipmentId === e.target.value) ?? null)}
            disabled={recent.isLoading || options.length === 0}
            className="block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm"
          >
            <option value="">
              {recent.isLoading
                ? "Loading the channel's shipments…"
                : options.length
                  ? "Choose a shipment…"
                  : "No shipments recorded yet"}
            </option>
            {options.map((s) => (
              <option key={s.shipmentId} value={s.shipmentId}>
                {s.label}
              </option>
            ))}
          </select>
        </div>
        <Button variant="ghost" onClick={() => void recent.refetch()} disabled={recent.isFetching}>
          {recent.isFetching ? "Refreshing…" : "Refresh list"}
        </Button>
      </div>
      {!recent.isLoading && !recent.error && options.length === 0 && (
        <p className="mt-2 text-sm text-slate-700">
          This channel has no shipments yet. Record one on an order (
          <Link href="/orders" className="text-brand-700 underline">
            Orders
          </Link>
          ) or{" "}
          <Link href="/orders/shipments/upload" className="text-brand-700 underline">
            upload a shipments CSV
          </Link>
          , then refresh the list.
        </p>
      )}
      {selected && !selected.carrierMapped && (
        <p className="mt-2 text-sm text-amber-800">
          This shipment's carrier has no shipping mapping on the channel, so Carrier and Service come out empty (Sync
          Orders fails it until one is added).
        </p>
      )}
      {recent.error && (
        <p role="alert" className="mt-2 text-sm text-red-700">
          {(recent.error as Error).message}
        </p>
      )}
    </section>
  );
}
