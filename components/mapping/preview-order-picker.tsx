"use client";

/** The Get Orders template editor's preview order picker: a recent order of the channel, or any order by ID. */

import { useQuery } from "@tanstack/react-query";
import { useId, useState } from "react";
import type { PreviewOrder } from "@/lib/orders/preview-source";
import { Button } from "../ui/button";

async function fetchOrders(channelId: string, orderId?: string): Promise<PreviewOrder[]> {
  const url = `/api/channels/${channelId}/preview-orders${orderId ? `?orderId=${encodeURIComponent(orderId)}` : ""}`;
  const response = await fetch(url, { cache: "no-store" });
  const body = (await response.json().catch(() => ({}))) as { orders?: PreviewOrder[]; error?: string };
  if (!response.ok) throw new Error(body.error ?? `The preview orders could not be loaded (HTTP ${response.status}).`);
  return body.orders ?? [];
}

function describe(order: PreviewOrder): string {
  const parts = [`#${order.id}`];
  if (order.customer) parts.push(order.customer);
  if (order.grandTotal !== null) parts.push(order.grandTotal.toFixed(2));
  if (order.timeOfOrder) parts.push(order.timeOfOrder.slice(0, 16).replace("T", " "));
  parts.push(`${order.itemCount} ${order.itemCount === 1 ? "item" : "items"}`);
  return parts.join(" · ");
}

/** Chooses the SellerCloud order the preview maps: one of the channel's recent orders, or any order by ID. */
export function PreviewOrderPicker({
  channelId,
  selected,
  onSelect,
}: {
  channelId: string;
  selected: PreviewOrder | null;
  onSelect: (order: PreviewOrder | null) => void;
}) {
  const id = useId();
  const [orderId, setOrderId] = useState("");
  const [lookup, setLookup] = useState<{ busy: boolean; error: string | null }>({ busy: false, error: null });
  const [extra, setExtra] = useState<PreviewOrder[]>([]);
  const recent = useQuery({
    queryKey: ["preview-orders", channelId],
    queryFn: () => fetchOrders(channelId),
    staleTime: Number.POSITIVE_INFINITY,
    retry: false,
  });
  const options = [...extra, ...(recent.data ?? []).filter((o) => !extra.some((e) => e.id === o.id))];

  const find = async () => {
    const text = orderId.trim();
    if (!/^\d+$/.test(text)) {
      setLookup({ busy: false, error: "Enter a SellerCloud order ID (digits only)." });
      return;
    }
    setLookup({ busy: true, error: null });
    try {
      const [order] = await fetchOrders(channelId, text);
      if (!order) throw new Error(`SellerCloud has no order ${text}.`);
      setExtra((list) => [order, ...list.filter((o) => o.id !== order.id)]);
      onSelect(order);
      setLookup({ busy: false, error: null });
    } catch (error) {
      setLookup({ busy: false, error: (error as Error).message });
    }
  };

  return (
    <section aria-labelledby={`${id}-title`} className="rounded-lg border border-brand-100 bg-brand-50/40 p-4">
      <h2 id={`${id}-title`} className="text-sm font-semibold text-slate-900">
        Live preview
      </h2>
      <p className="mb-3 text-xs text-slate-600">
        Pick a SellerCloud order: every row shows its SellerCloud value and what this template makes of it, updated as
        you edit and before you save.
      </p>
      <div className="flex flex-wrap items-end gap-3">
        <div className="min-w-72 flex-1">
          <label htmlFor={`${id}-order`} className="block text-xs font-medium text-slate-700">
            Preview order
          </label>
          <select
            id={`${id}-order`}
            value={selected?.id ?? ""}
            onChange={(e) => onSelect(options.find((o) => String(o.id) === e.target.value) ?? null)}
            disabled={recent.isLoading && options.length === 0}
            className="block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm"
          >
            <option value="">
              {recent.isLoading
                ? "Loading recent orders from SellerCloud…"
                : options.length
                  ? "Choose an order…"
                  : "No recent orders"}
            </option>
            {options.map((order) => (
              <option key={order.id} value={order.id}>
                {describe(order)}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor={`${id}-id`} className="block text-xs font-medium text-slate-700">
            or an order ID
          </label>
          <div className="flex gap-2">
            <input
              id={`${id}-id`}
              inputMode="numeric"
              value={orderId}
              onChange={(e) => setOrderId(e.target.value)}
              onKeyDown={(e) => {
                if (e.key === "Enter") {
                  e.preventDefault();
                  void find();
                }
              }}
              className="w-36 rounded-md border border-slate-300 bg-white px-3 py-2 text-sm"
              aria-invalid={Boolean(lookup.error) || undefined}
              aria-describedby={lookup.error ? `${id}-id-error` : undefined}
            />
            <Button variant="secondary" onClick={() => void find()} disabled={lookup.busy}>
              {lookup.busy ? "Fetching…" : "Fetch order"}
            </Button>
          </div>
        </div>
        <Button variant="ghost" onClick={() => void recent.refetch()} disabled={recent.isFetching}>
          {recent.isFetching ? "Refreshing…" : "Refresh list"}
        </Button>
      </div>
      {lookup.error && (
        <p id={`${id}-id-error`} role="alert" className="mt-2 text-sm text-red-700">
          {lookup.error}
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
