"use server";

/** Server actions of shipments and API keys: record a shipment, retry a failed one, create and revoke an API key. */
import { revalidatePath } from "next/cache";
import { getDb } from "@/db/index";
import { enqueueRun, isAlreadyRunning } from "@/lib/operations/enqueue";
import { createApiKey, revokeApiKey } from "@/lib/shipments/api-keys";
import { retryShipment } from "@/lib/shipments/queries";
import { findOrderForShipment, recordShipment } from "@/lib/shipments/record";
import { createApiKeySchema, idSchema, recordShipmentSchema } from "@/lib/shipments/schemas";
import { recordAuditFor } from "../audit";
import { authedAction } from "../handle";
import { workRunsSoon } from "../runtime";

export const recordShipmentAction = authedAction("shipments.record", recordShipmentSchema, async (input, session) => {
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
  return { id: shipment.id, warning: shipment.warning ?? null };
});

/** Back to pending, and a Sync Orders run started (or the one under way picks it up next time). */
export const retryShipmentAction = authedAction("shipments.record", idSchema, async ({ id }, session) => {
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
    /** The run that sends it: the page follows it and refreshes when it ends. */
    runId: isAlreadyRunning(run) ? run.alreadyRunning.id : run.id,
    message: isAlreadyRunning(run)
      ? "Queued again. Sync Orders is running now; if it has passed this order, the next run sends it."
      : "Queued again; Sync Orders started.",
  };
});

export const createApiKeyAction = authedAction("apiKeys.manage", createApiKeySchema, async ({ name }, session) => {
  const { key, summary } = await createApiKey(await getDb(), {
    workspaceId: session.workspaceId,
    name,
    userId: session.userId,
  });
  await recordAuditFor(session, {
    objectType: "api_key",
    objectId: summary.id,
    objectLabel: `${summary.name} (${summary.prefix})`,
    action: "created",
    summary: `Created API key "${summary.name}" (${summary.prefix}…)`,
  });
  revalidatePath("/settings/api-keys");
  return { key, prefix: summary.prefix, name: summary.name };
});

export const revokeApiKeyAction = authedAction("apiKeys.manage", idSchema, async ({ id }, session) => {
  await revokeApiKey(await getDb(), { workspaceId: session.workspaceId, id });
  await recordAuditFor(session, {
    objectType: "api_key",
    objectId: id,
    action: "revoked",
    summary: "Revoked an API key",
  });
  revalidatePath("/settings/api-keys");
  return { id };
});
