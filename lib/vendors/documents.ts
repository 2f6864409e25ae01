/**
 * What a vendor receives for a fulfillment request, whichever way it travels: the JSON document
 * (webhook body `data`, the pull API's items) and the CSV rows (email attachment, the pull API's
 * CSV download). One loader, so every method carries the same facts.
 */

import { and, asc, eq, inArray } from "drizzle-orm";
import type { Db } from "@/db/client";
import { orderItems, orders } from "@/db/schema/orders";
import {
  fulfillmentRequestLines,
  fulfillmentRequests,
  type LineState,
  type RequestState,
  vendors,
} from "@/db/schema/vendors";
import { csvText } from "@/lib/csv/write";
import { centsToDecimal } from "@/lib/money/cents";

export interface RequestLineDocument {
  /** Conduit's order line id: what acknowledge, reject and shipment `items` name. */
  orderItemId: string;
  lineNumber: number;
  sku: string | null;
  vendorSku: string | null;
  name: string | null;
  quantity: number;
  /** The vendor's unit cost from the catalog, as a decimal string ("12.50"), or null. */
  vendorCost: string | null;
  state: LineState;
  rejectReason: string | null;
}

export interface RequestDocument {
  id: string;
  number: string;
  state: RequestState;
  createdAt: string;
  vendor: { id: string; code: string; name: string };
  order: {
    id: string;
    sellercloudOrderId: number;
    orderSourceOrderId: string | null;
    timeOfOrder: string | null;
    shippingService: string | null;
    shipTo: {
      firstName: string | null;
      lastName: string | null;
      companyName: string | null;
      street1: string | null;
      street2: string | null;
      city: string | null;
      stateCode: string | null;
      postalCode: string | null;
      countryCode: string | null;
      phone: string | null;
    };
  };
  lines: RequestLineDocument[];
}

/** The documents of the workspace's requests `requestIds`, in that order (unknown ids left out). */
export async function loadRequestDocuments(
  db: Db,
  workspaceId: string,
  requestIds: string[],
): Promise<RequestDocument[]> {
  if (requestIds.length === 0) return [];
  const heads = await db
    .select({ request: fulfillmentRequests, vendor: vendors, order: orders })
    .from(fulfillmentRequests)
    .innerJoin(vendors, eq(vendors.id, fulfillmentRequests.vendorId))
    .innerJoin(orders, eq(orders.id, fulfillmentRequests.orderId))
    .where(and(eq(fulfillmentRequests.workspaceId, workspaceId), inArray(fulfillmentRequests.id, requestIds)));
  const lines = await db
    .select({ line: fulfillmentRequestLines, item: orderItems })
    .from(fulfillmentRequestLines)
    .innerJoin(orderItems, eq(orderItems.id, fulfillmentRequestLines.orderItemId))
    .where(
      and(eq(fulfillmentRequestLines.workspaceId, workspaceId), inArray(fulfillmentRequestLines.requestId, requestIds)),
    )
    .orderBy(asc(orderItems.lineNumber));
  const linesOf = new Map<string, RequestLineDocument[]>();
  for (const { line, item } of lines) {
    const list = linesOf.get(line.requestId) ?? [];
    list.push({
      orderItemId: line.orderItemId,
      lineNumber: item.lineNumber,
      sku: line.sku,
      vendorSku: line.vendorSku,
      name: item.displayName,
      quantity: line.quantity,
      vendorCost: line.vendorCostCents === null ? null : centsToDecimal(line.vendorCostCents),
      state: line.state,
      rejectReason: line.rejectReason,
    });
    linesOf.set(line.requestId, list);
  }
  const byId = new Map(
    heads.map(({ request: r, vendor: v, order: o }): [string, RequestDocument] => [
      r.id,
      {
        id: r.id,
        number: r.number,
        state: r.state,
        createdAt: r.createdAt.toISOString(),
        vendor: { id: v.id, code: v.code, name: v.name },
        order: {
          id: o.id,
          sellercloudOrderId: o.sellercloudOrderId,
          orderSourceOrderId: o.orderSourceOrderId,
          timeOfOrder: o.timeOfOrder,
          shippingService: o.shippingService,
          shipTo: {
            firstName: o.shippingFirstName,
            lastName: o.shippingLastName,
            companyName: o.shippingCompanyName,
            street1: o.shippingStreet1,
            street2: o.shippingStreet2,
            city: o.shippingCity,
            stateCode: o.shippingStateCode,
            postalCode: o.shippingPostalCode,
            countryCode: o.shippingCountryCode,
            phone: o.shippingPhone,
          },
        },
        lines: linesOf.get(r.id) ?? [],
      },
    ]),
  );
  return requestIds.map((id) => byId.get(id)).filter((d): d is RequestDocument => d !== undefined);
}

/** The webhook event types a vendor receives. */
export type VendorEventType = "fulfillment_request.created" | "fulfillment_request.canceled";

/**
 * The webhook body (Standard Webhooks' recommended shape: type, timestamp, data). The same text is
 * signed and sent, so it is built once per attempt.
 */
export function webhookBody(type: VendorEventType, document: RequestDocument, at: Date): string {
  return JSON.stringify({ type, timestamp: at.toISOString(), data: document });
}

export const REQUEST_CSV_COLUMNS = [
  "request_number",
  "request_state",
  "order_number",
  "marketplace_order_number",
  "order_item_id",
  "line",
  "sku",
  "vendor_sku",
  "name",
  "quantity",
  "vendor_cost",
  "line_state",
  "ship_to_name",
  "ship_to_company",
  "ship_to_street1",
  "ship_to_street2",
  "ship_to_city",
  "ship_to_state",
  "ship_to_postal_code",
  "ship_to_country",
  "ship_to_phone",
  "shipping_service",
] as const;

/** One CSV row per line of each request (formula-safe cells, lib/csv/write.ts). */
export function requestsCsv(documents: readonly RequestDocument[]): string {
  const rows = documents.flatMap((d) =>
    d.lines.map((l) => {
      const s = d.order.shipTo;
      return [
        d.number,
        d.state,
        String(d.order.sellercloudOrderId),
        d.order.orderSourceOrderId,
        l.orderItemId,
        l.lineNumber,
        l.sku,
        l.vendorSku,
        l.name,
        l.quantity,
        l.vendorCost,
        l.state,
        [s.firstName, s.lastName].filter(Boolean).join(" "),
        s.companyName,
        s.street1,
        s.street2,
        s.city,
        s.stateCode,
        s.postalCode,
        s.countryCode,
        s.phone,
        d.order.shippingService,
      ];
    }),
  );
  return csvText(rows, REQUEST_CSV_COLUMNS);
}
