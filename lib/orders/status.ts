/**
 * One status model per order, as two facts that are never mixed: what Conduit knows locally (its
 * shipments: none recorded, waiting for Sync Orders, failed, sent) and what SellerCloud confirmed
 * (its shipping status, and when Conduit saw it Fully Shipped). The order page header, the Orders
 * list (column and filters) and the Totals all read these, so they cannot disagree. Pure: the SQL
 * twin of conduitShipmentState is CONDUIT_STATE_SQL in ./queries.ts.
 */

import { SHIPPING_STATUS_LABELS, ShippingStatus } from "@/lib/sellercloud/enums";

/**
 * Where the order's shipments recorded in Conduit stand, worst first: `failed` (one needs
 * attention), `pending` (waiting for Sync Orders, or being sent), `synced` (every one sent to
 * SellerCloud), `none` (no shipment recorded).
 */
export const CONDUIT_SHIPMENT_STATES = ["none", "pending", "failed", "synced"] as const;
export type ConduitShipmentState = (typeof CONDUIT_SHIPMENT_STATES)[number];

export const CONDUIT_STATE_LABELS: Record<ConduitShipmentState, string> = {
  none: "No shipment recorded",
  pending: "Shipment recorded, sync pending",
  failed: "Shipment recorded, sync failed",
  synced: "Shipment sent to SellerCloud",
};

/** The state of an order's shipments from their sync states (pending, sending, synced, failed). */
export function conduitShipmentState(syncStates: readonly string[]): ConduitShipmentState {
  if (syncStates.length === 0) return "none";
  if (syncStates.includes("failed")) return "failed";
  if (syncStates.some((s) => s === "pending" || s === "sending")) return "pending";
  return "synced";
}

export interface OrderStatusInput {
  /** The order's shipments' sync states. */
  shipmentStates: readonly string[];
  /** orders.shipped_at: Conduit's shipments cover every item. */
  shippedAt: Date | null;
  /** orders.sc_shipping_status (lib/sellercloud/enums.ts ShippingStatus). */
  scShippingStatus: number | null;
  /** orders.sc_shipped_at: when Conduit saw SellerCloud have it Fully Shipped. */
  scShippedAt: Date | null;
}

export interface OrderStatusFacts {
  conduit: {
    state: ConduitShipmentState;
    label: string;
    /** The shipments recorded cover every item (else some items have none). */
    coversOrder: boolean;
    /** When they came to cover every item. */
    coveredAt: Date | null;
  };
  sellercloud: {
    shippingStatus: number | null;
    /** "Fully Shipped", "Unshipped"…, or "Unknown" when no status was read. */
    label: string;
    fullyShipped: boolean;
    /** When Conduit saw it Fully Shipped (null unless fullyShipped). */
    confirmedAt: Date | null;
  };
  /**
   * Conduit sent (or recorded) a shipment SellerCloud does not show yet: the local fact is ahead
   * of the confirmed one. False once SellerCloud is seen Fully Shipped.
   */
  awaitingSellerCloud: boolean;
}

/** The two facts for an order (see the file comment). */
export function describeOrderStatus(input: OrderStatusInput): OrderStatusFacts {
  const state = conduitShipmentState(input.shipmentStates);
  const code = input.scShippingStatus;
  const fullyShipped = code === ShippingStatus.FullyShipped;
  return {
    conduit: {
      state,
      label: CONDUIT_STATE_LABELS[state],
      coversOrder: input.shippedAt !== null,
      coveredAt: input.shippedAt,
    },
    sellercloud: {
      shippingStatus: code,
      label: code === null ? "Unknown" : (SHIPPING_STATUS_LABELS[code] ?? `Status ${code}`),
      fullyShipped,
      confirmedAt: fullyShipped ? input.scShippedAt : null,
    },
    awaitingSellerCloud: state !== "none" && !fullyShipped,
  };
}
