/** The order page's shipments section: the recorded shipments and the form to record another. */

import Link from "next/link";
import { RunNowButton } from "@/components/runs/run-now-button";
import type { OrderShipmentsSectionProps } from "@/lib/server/shipment-pages";
import { alreadyShippedWarning } from "@/lib/shipments/record";
import { PARTIAL_SHIPMENT_TEXT } from "@/lib/shipments/schemas";
import { Alert } from "../ui/alert";
import { RecordShipmentForm } from "./record-shipment-form";
import { ShipmentList } from "./shipment-list";

/**
 * The order page's shipments: what was recorded, where each stands with SellerCloud, and the
 * form to record another. Render it with the props of loadOrderShipmentsSection(workspace, order).
 */
export function OrderShipmentsSection(
  props: OrderShipmentsSectionProps & {
    /** SellerCloud has the order Fully Shipped: a new shipment gets the warning before it is recorded. */
    sellercloudShipped?: { sellercloudOrderId: number } | null;
  },
) {
  const setting = props.partialShipments === "send_now" ? "send_now" : "wait";
  return (
    <section className="space-y-6 rounded-lg border border-slate-200 bg-white p-6" aria-labelledby="shipments-heading">
      <div className="space-y-1">
        <h2 id="shipments-heading" className="text-base font-semibold">
          Shipments
        </h2>
        <p className="text-sm text-slate-600">
          SellerCloud has no partial shipments: the first shipment sent marks the whole order Fully Shipped there. This
          channel's setting: {PARTIAL_SHIPMENT_TEXT[setting]}{" "}
          <Link className="underline" href={`/channels/${props.channelId}/settings/orders`}>
            Change it
          </Link>
          .
        </p>
      </div>
      <ShipmentList shipments={props.shipments} channelId={props.channelId} />
      {props.shipments.some((s) => s.syncState !== "synced") && (
        <RunNowButton channelId={props.channelId} operation="sync_orders" label="Run Sync Orders" allowDryRun />
      )}
      <div className="space-y-3 border-t border-slate-100 pt-6">
        <h3 className="text-sm font-semibold">Record shipment</h3>
        {props.sellercloudShipped && (
          <Alert tone="warning">{alreadyShippedWarning(props.sellercloudShipped.sellercloudOrderId)}</Alert>
        )}
        <RecordShipmentForm orderId={props.orderId} items={props.items} />
      </div>
    </section>
  );
}
