/**
 * POST /api/shipments' logic without Next.js: API key check, validation, the order in the key's
 * workspace, recording.
 */
import type { z } from "zod";
import type { Db } from "@/db/client";
import { AppError } from "@/lib/errors";
import { isVendorKeyHeader } from "@/lib/vendors/api-keys";
import { createVendorShipment } from "@/lib/vendors/vendor-shipments";
import { verifyApiKey } from "./api-keys";
import { findOrderForShipment, type RecordedShipment, recordShipment } from "./record";
import { apiShipmentSchema } from "./schemas";

/**
 * The logic of POST /api/shipments, free of Next.js so it is tested directly: authenticate by API
 * key (401), validate (422 with field messages), find the order in the key's workspace (404 for
 * an order that is not the workspace's, whether it exists elsewhere or not), record. The route only reads the header and body and calls this.
 */
export async function createShipmentFromApi(
  db: Db,
  request: { authorization: string | null; body: unknown; now?: Date },
): Promise<RecordedShipment> {
  // A vendor's key (cdv_…) may post only for its own requests' lines (issue 18).
  if (isVendorKeyHeader(request.authorization)) return createVendorShipment(db, request);
  const key = await verifyApiKey(db, request.authorization, request.now);
  const parsed = apiShipmentSchema.safeParse(request.body);
  if (!parsed.success) {
    throw new AppError("VALIDATION", "The shipment has fields that need attention.", {
      fieldErrors: zodFieldErrors(parsed.error),
    });
  }
  const input = parsed.data;
  const order = await findOrderForShipment(db, key.workspaceId, {
    orderId: input.orderId,
    orderNumber: input.orderNumber,
    channelId: input.channelId,
  });
  const packages =
    input.packages ?? (input.trackingNumbers ?? []).map((trackingNumber) => ({ trackingNumber, items: [] }));
  // Items given per package are also the shipment's items (what "partly fulfilled" counts).
  const packageItems = packages.flatMap((p) => p.items);
  return recordShipment(
    db,
    { workspaceId: key.workspaceId, source: "api", apiKeyId: key.keyId, now: request.now },
    order,
    {
      carrier: input.carrier,
      service: input.service,
      trackingNumbers: packages.map((p) => p.trackingNumber),
      packageItems: packages.map((p) => p.items),
      shipDate: input.shipDate,
      items: input.items.length ? input.items : packageItems,
    },
  );
}

export function zodFieldErrors(error: z.ZodError): Record<string, string> {
  const out: Record<string, string> = {};
  for (const issue of error.issues) {
    const key = issue.path.join(".") || "_body";
    out[key] ??= issue.message;
  }
  return out;
}
