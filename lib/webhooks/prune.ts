/**
 * Keeping the webhook delivery log bounded: finished deliveries (delivered or failed) older than
 * `days` are deleted with their attempts (a cascade), once a day by the daily job
 * `webhook-deliveries-prune` (lib/operations/app-runtime.ts). Pending deliveries are never pruned.
 */
import { and, inArray, lt } from "drizzle-orm";
import type { Db } from "@/db/client";
import { webhookDeliveries } from "@/db/schema/webhooks";

/** How long the delivery log keeps a finished delivery. */
export const WEBHOOK_LOG_DAYS = 30;

/**
 * Deletes delivered and failed deliveries created more than `days` days before `now` (with their
 * attempts); returns how many deliveries went.
 */
export async function pruneWebhookDeliveries(db: Db, now: Date, days = WEBHOOK_LOG_DAYS): Promise<number> {
  const cutoff = new Date(now.getTime() - days * 24 * 60 * 60 * 1000);
  const rows = await db
    .delete(webhookDeliveries)
    .where(and(inArray(webhookDeliveries.status, ["delivered", "failed"]), lt(webhookDeliveries.createdAt, cutoff)))
    .returning({ id: webhookDeliveries.id });
  return rows.length;
}
