/** The order page's status block: Conduit's shipment state beside SellerCloud's shipping status. */

import { formatDateTime } from "@/components/runs/format";
import type { ConduitShipmentState, OrderStatusFacts } from "@/lib/orders/status";
import { CONDUIT_STATE_LABELS } from "@/lib/orders/status";

/**
 * The order's two status facts (lib/orders/status.ts), shown the same way on the order page and
 * the Orders list: what SellerCloud confirmed, and where Conduit's own shipments stand.
 */

const CONDUIT_TONE: Record<ConduitShipmentState, string> = {
  none: "bg-slate-100 text-slate-700",
  pending: "bg-amber-100 text-amber-900",
  failed: "bg-red-100 text-red-800",
  synced: "bg-green-100 text-green-800",
};

/** Short label for the list: "Sync failed", "Sync pending"… */
const CONDUIT_SHORT: Record<ConduitShipmentState, string> = {
  none: "No shipment",
  pending: "Sync pending",
  failed: "Sync failed",
  synced: "Sent",
};

export function ConduitStateBadge({ state, short = false }: { state: ConduitShipmentState; short?: boolean }) {
  return (
    <span
      className={`inline-block rounded px-1.5 py-0.5 text-xs font-medium whitespace-nowrap ${CONDUIT_TONE[state]}`}
      data-testid="conduit-state"
      data-state={state}
    >
      {short ? CONDUIT_SHORT[state] : CONDUIT_STATE_LABELS[state]}
    </span>
  );
}

/** SellerCloud's shipping status with its confirmation time when Fully Shipped. */
export function SellerCloudShippingText({ facts }: { facts: OrderStatusFacts["sellercloud"] }) {
  return (
    <span data-testid="sellercloud-shipping" data-shipped={facts.fullyShipped ? "yes" : "no"}>
      {facts.fullyShipped ? <strong className="text-green-800">{facts.label}</strong> : facts.label}
      {facts.fullyShipped && facts.confirmedAt && (
        <span className="text-slate-600"> (confirmed {formatDateTime(facts.confirmedAt)})</span>
      )}
    </span>
  );
}

/** The order page's status block: the two facts side by side, with what the local fact means. */
export function OrderStatusSection({ facts, orderStatus }: { facts: OrderStatusFacts; orderStatus: string }) {
  return (
    <section
      aria-labelledby="status-title"
      className="rounded-lg border border-slate-200 bg-white p-4"
      data-testid="order-status"
    >
      <h2 id="status-title" className="mb-2 text-sm font-semibold text-slate-900">
        Status
      </h2>
      <dl className="grid gap-x-6 gap-y-2 text-sm sm:grid-cols-[12rem_1fr]">
        <dt className="text-slate-600">In SellerCloud</dt>
        <dd>
          {orderStatus} · <SellerCloudShippingText facts={facts.sellercloud} />
        </dd>
        <dt className="text-slate-600">In Conduit</dt>
        <dd className="space-y-1">
          <ConduitStateBadge state={facts.conduit.state} />
          {facts.conduit.state !== "none" && (
            <span className="ml-2 text-slate-600">
              {facts.conduit.coversOrder
                ? `covers every item (since ${formatDateTime(facts.conduit.coveredAt)})`
                : "covers part of the order"}
            </span>
          )}
          {facts.awaitingSellerCloud && (
            <p className="text-xs text-slate-600">
              {facts.conduit.state === "failed"
                ? "Not shipped in SellerCloud: the sync failed (see Shipments below)."
                : facts.conduit.state === "synced"
                  ? "Sent, but SellerCloud was not seen Fully Shipped yet; the next Get Orders or Sync Orders run checks it."
                  : "Not shipped in SellerCloud until Sync Orders sends it."}
            </p>
          )}
        </dd>
      </dl>
    </section>
  );
}
