"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { getDb } from "@/db/index";
import { AppError } from "@/lib/errors";
import { enqueueRun, isAlreadyRunning } from "@/lib/operations/enqueue";
import { createApiKey, revokeApiKey } from "@/lib/shipments/api-keys";
import { importShipmentsCsv, type ShipmentCsvResult } from "@/lib/shipments/csv";
import { retryShipment } from "@/lib/shipments/queries";
import { findOrderForShipment, recordShipment } from "@/lib/shipments/record";
import { createApiKeySchema, idSchema, recordShipmentSchema } from "@/lib/shipments/schemas";
import { authedAction } from "../handle";
import { workRunsSoon } from "../runtime";

export const recordShipmentAction = authedAction(recordShipmentSchema, async (input, session) => {
  const db = await getDb();
  const order = await findOrderForShipment(db, session.workspaceId, { orderId: input.orderId });
  const shipment = await recordShipment(
    db,
    { workspaceId: session.workspaceId, source: "ui", userId: session.userId },
    order,
    {
      carrier: input.carrier,
      service: input.service,
      trackingNumbers: input.trackingNumbers,
      shipDate: input.shipDate,
      items: input.items,
    },
  );
  revalidatePath(`/orders/${order.id}`);
  return { id: shipment.id };
});

/** Back to pending, and a Sync Orders run started (or the one under way picks it up next time). */
export const retryShipmentAction = authedAction(idSchema, async ({ id }, session) => {
  const db = await getDb();
  const { channelId, orderId } = await retryShipment(db, { workspaceId: session.workspaceId, shipmentId: id });
  const run = await enqueueRun(db, {
    workspaceId: session.workspaceId,
    channelId,
    operation: "sync_orders",
    trigger: "retry",
  });
  if (!isAlreadyRunning(run)) workRunsSoon(session.workspaceId);
  revalidatePath(`/orders/${orderId}`);
  return {
    message: isAlreadyRunning(run)
      ? "Queued again. Sync Orders is running now; if it has passed this order, the next run sends it."
      : "Queued again; Sync Orders started.",
  };
});

// Next.js caps server-action bodies at 1 MB by default; ~20,000 shipment rows fit well under it.
const MAX_UPLOAD_CHARS = 950_000;

/** The CSV is read as text in the browser and sent as a string. */
export const uploadShipmentsCsvAction = authedAction(
  z.object({
    text: z
      .string()
      .max(MAX_UPLOAD_CHARS, "The file is larger than about 1 MB; split it, or send shipments through the API."),
  }),
  async ({ text }, session): Promise<ShipmentCsvResult> => {
    if (!text.trim()) throw new AppError("VALIDATION", "The file is empty.");
    const result = await importShipmentsCsv(
      await getDb(),
      { workspaceId: session.workspaceId, userId: session.userId },
      text,
    );
    revalidatePath("/orders");
    return result;
  },
);

export const createApiKeyAction = authedAction(createApiKeySchema, async ({ name }, session) => {
  const { key, summary } = await createApiKey(await getDb(), {
    workspaceId: session.workspaceId,
    name,
    userId: session.userId,
  });
  revalidatePath("/settings/api-keys");
  return { key, prefix: summary.prefix, name: summary.name };
});

export const revokeApiKeyAction = authedAction(idSchema, async ({ id }, session) => {
  await revokeApiKey(await getDb(), { workspaceId: session.workspaceId, id });
  revalidatePath("/settings/api-keys");
  return { id };
});
