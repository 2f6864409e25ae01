/**
 * Sync Orders templates map the other way round from Get Orders: SellerCloud's shipping-update
 * fields (the body of PUT /api/Orders/ShippingStatus and .../SinglePackage) are the targets, and
 * Conduit's order and shipment are the sources. Both lists are data so the one editor renders
 * either kind. Targets reuse TargetField (group "order", `column` = SellerCloud's body field).
 */

import { buildSourceCatalog, type SourceField, type SourceNode } from "./source-fields";
import type { TargetField } from "./targets";
import type { FieldMapping, TemplateBody } from "./template";

export interface SyncTargetField extends TargetField {
  /** Shown under the row in the editor. */
  help: string;
}

/** The only shipping status SellerCloud's tracking writes set today (product document, Sync Orders). */
export const SYNC_SHIPPING_STATUSES = ["Fully Shipped"] as const;

export const SYNC_TARGET_FIELDS: readonly SyncTargetField[] = [
  {
    key: "orderId",
    group: "order",
    label: "Order ID",
    type: "integer",
    required: true,
    column: "OrderID",
    help: "The SellerCloud order the update goes to. It must come out as the order's own SellerCloud ID: Conduit reads that order back to send each tracking number once.",
  },
  {
    key: "trackingNumber",
    group: "order",
    label: "Tracking number",
    type: "text",
    required: true,
    column: "TrackingNumber",
    help: "Sent once per package: with several tracking numbers this is evaluated for each of them (shipment.trackingNumber is the package's own number).",
  },
  {
    key: "carrier",
    group: "order",
    label: "Carrier",
    type: "text",
    required: true,
    column: "ShippingCarrier",
    help: "SellerCloud's carrier name. shipment.carrier has already gone through the channel's shipping mappings.",
  },
  {
    key: "service",
    group: "order",
    label: "Service",
    type: "text",
    // SellerCloud refuses a tracking update without a service.
    required: true,
    column: "ShippingService",
    help: "SellerCloud's service name for the carrier. shipment.service has already gone through the channel's shipping mappings.",
  },
  {
    key: "shipDate",
    group: "order",
    label: "Ship date",
    type: "date",
    required: true,
    column: "ShipDate",
    help: "Kept between the order's creation and now whatever the template says: SellerCloud refuses a future date.",
  },
  {
    key: "shippingStatus",
    group: "order",
    label: "Shipping status",
    type: "text",
    required: true,
    column: "ShippingStatus",
    help: "SellerCloud marks the order Fully Shipped on any tracking update and has no partial shipments, so Fully Shipped is the only status these calls accept today.",
  },
];

const BY_KEY = new Map(SYNC_TARGET_FIELDS.map((t) => [t.key, t]));
export function findSyncTarget(key: string): SyncTargetField | undefined {
  return BY_KEY.get(key);
}

/** What a sync template can read for one package of one shipment. */
export const SYNC_SOURCE_TREE: SourceNode[] = [
  {
    path: "order",
    label: "Order",
    children: [
      { path: "order.sellercloudOrderId", label: "SellerCloud order ID", type: "integer" },
      { path: "order.orderSourceOrderId", label: "Order source order ID", type: "text" },
    ],
  },
  {
    path: "shipment",
    label: "Shipment",
    children: [
      { path: "shipment.carrier", label: "Carrier (SellerCloud name, from shipping mappings)", type: "text" },
      { path: "shipment.service", label: "Service (SellerCloud name, from shipping mappings)", type: "text" },
      { path: "shipment.conduitCarrier", label: "Carrier as entered in Conduit", type: "text" },
      { path: "shipment.conduitService", label: "Service as entered in Conduit", type: "text" },
      { path: "shipment.trackingNumber", label: "Tracking number (this package)", type: "text" },
      { path: "shipment.trackingNumbers", label: "All tracking numbers of the shipment", type: "list" },
      { path: "shipment.shipDate", label: "Ship date", type: "date" },
    ],
  },
];

const SYNC_CATALOG = buildSourceCatalog(SYNC_SOURCE_TREE);
export const SYNC_SOURCE_FIELDS: readonly SourceField[] = SYNC_CATALOG.fields;
export const findSyncSourceField = SYNC_CATALOG.find;

/** The recommended Sync Orders template: exactly what Sync Orders sent before templates existed. */
export function buildDefaultSyncTemplateBody(): TemplateBody {
  const fields: Record<string, FieldMapping> = {
    orderId: { mode: "field", path: "order.sellercloudOrderId" },
    trackingNumber: { mode: "field", path: "shipment.trackingNumber" },
    carrier: { mode: "field", path: "shipment.carrier" },
    service: { mode: "field", path: "shipment.service" },
    shipDate: { mode: "field", path: "shipment.shipDate" },
    shippingStatus: { mode: "value", value: "Fully Shipped" },
  };
  return { format: 1, fields };
}
