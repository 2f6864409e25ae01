/**
 * Input schemas of shipments, shared by the order page form, the CSV upload, the JSON API and
 * server actions (no server-only imports here).
 */

import { z } from "zod";
import { plainText } from "@/lib/validation";
import { normalizeTrackingNumber } from "./tracking";

export const MAX_TRACKING_NUMBERS = 20;

/** Stored normalised (./tracking.ts): "1Z 999 aa1-01" is kept as "1Z999AA101". */
const trackingNumber = z
  .string()
  .transform(normalizeTrackingNumber)
  .pipe(
    z
      .string()
      .min(1, "Enter a tracking number")
      .max(100, "A tracking number has at most 100 characters")
      .regex(/^[\w.#/]+$/, "Use letters, digits, spaces, dashes, dots or slashes"),
  );

/** A date (YYYY-MM-DD) or a date-time; parsed as UTC when no zone is given. */
export const shipDateSchema = z.union([z.date(), z.string().trim()]).transform((value, ctx) => {
  if (value instanceof Date) return value;
  const date = parseShipDate(value);
  if (!date) {
    ctx.addIssue({ code: "custom", message: "Enter the ship date as YYYY-MM-DD (or an ISO date-time)" });
    return z.NEVER;
  }
  return date;
});

export function parseShipDate(text: string): Date | null {
  const value = text.trim();
  if (!value) return null;
  let date: Date;
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) date = new Date(`${value}T12:00:00Z`);
  else if (/^\d{1,2}\/\d{1,2}\/\d{4}$/.test(value)) {
    const [m, d, y] = value.split("/").map(Number);
    date = new Date(Date.UTC(y!, m! - 1, d!, 12));
  } else if (/^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}/.test(value)) {
    const iso = value.replace(" ", "T");
    date = new Date(/(?:Z|[+-]\d{2}:?\d{2})$/i.test(iso) ? iso : `${iso}Z`);
  } else return null;
  return Number.isNaN(date.getTime()) ? null : date;
}

export const shipmentItemInputSchema = z.object({
  orderItemId: z.uuid("Choose an item of this order"),
  quantity: z.coerce.number().int("Whole units only").min(1, "At least 1"),
});

const trackingNumbers = z
  .array(trackingNumber)
  .min(1, "Enter at least one tracking number")
  .max(MAX_TRACKING_NUMBERS, `At most ${MAX_TRACKING_NUMBERS} tracking numbers per shipment`)
  .refine((list) => new Set(list).size === list.length, "Each tracking number once");

const shipmentBase = {
  carrier: plainText(100, "The carrier").pipe(z.string().min(1, "Enter the carrier")),
  service: plainText(100, "The service").default(""),
  trackingNumbers,
  shipDate: shipDateSchema.optional(),
  /** Empty or absent: the shipment covers the whole order. */
  items: z.array(shipmentItemInputSchema).default([]),
};

/** The order page form (the order is known by its Conduit id). */
export const recordShipmentSchema = z.object({ orderId: z.uuid(), ...shipmentBase });
export type RecordShipmentInput = z.input<typeof recordShipmentSchema>;
export type RecordShipmentData = z.output<typeof recordShipmentSchema>;

/** One tracking number with the items in its box (used when SellerCloud's packages are recreated). */
export const apiPackageSchema = z.object({
  trackingNumber,
  items: z.array(shipmentItemInputSchema).default([]),
});

/**
 * POST /api/shipments. The order is given by Conduit's id, or by its number: SellerCloud's order
 * ID or the marketplace's order number (OrderSourceOrderID). Tracking numbers come as a plain list,
 * or as `packages` when the caller knows which items went in which box.
 */
export const apiShipmentSchema = z
  .object({
    orderId: z.uuid("orderId must be a Conduit order id").optional(),
    orderNumber: z.union([z.string().trim().min(1), z.number().int().positive()]).optional(),
    channelId: z.uuid().optional(),
    ...shipmentBase,
    trackingNumbers: trackingNumbers.optional(),
    packages: z
      .array(apiPackageSchema)
      .min(1, "Give at least one package")
      .max(MAX_TRACKING_NUMBERS, `At most ${MAX_TRACKING_NUMBERS} packages per shipment`)
      .optional(),
  })
  .superRefine((body, ctx) => {
    if (body.orderId === undefined && body.orderNumber === undefined) {
      ctx.addIssue({ code: "custom", message: "Give orderId or orderNumber", path: ["orderNumber"] });
    }
    if (!body.trackingNumbers && !body.packages) {
      ctx.addIssue({ code: "custom", message: "Enter at least one tracking number", path: ["trackingNumbers"] });
    }
    if (body.trackingNumbers && body.packages) {
      ctx.addIssue({ code: "custom", message: "Give trackingNumbers or packages, not both", path: ["packages"] });
    }
  });
export type ApiShipmentInput = z.input<typeof apiShipmentSchema>;

export const createApiKeySchema = z.object({
  name: z.string().trim().min(1, "Name the key (e.g. the warehouse using it)").max(80, "At most 80 characters"),
});

export const idSchema = z.object({ id: z.uuid() });

/** What SellerCloud will show, in words the order page and settings can reuse. */
export const PARTIAL_SHIPMENT_TEXT = {
  wait: "Wait until the order is complete (default): a partly fulfilled order is sent only when every item has a shipment. SellerCloud then shows the order Fully Shipped with all tracking numbers.",
  send_now:
    "Send now: each shipment is sent as soon as it is recorded. SellerCloud has no partial shipments, so the first shipment marks the whole order Fully Shipped, even if items are still to come; later tracking numbers are added to its remaining packages.",
} as const;
