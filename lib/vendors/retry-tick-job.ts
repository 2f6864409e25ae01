/**
 * Failed vendor deliveries are retried through the runtime without waiting for the channel's
 * schedule: every scheduler tick, each active channel with Submit to Vendors on that has a
 * delivery whose backoff has passed gets a Submit to Vendors run queued (trigger "retry"; one
 * active run per channel operation, so a run already under way is left to pick it up).
 */

import { and, eq, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { channelOperations, channels } from "@/db/schema/channels";
import { fulfillmentRequests } from "@/db/schema/vendors";
import { enqueueRun } from "@/lib/operations/enqueue";
import type { TickJob } from "@/lib/operations/tick-jobs";

/** Queues a Submit to Vendors run for up to `limit` channels with a retry due at `now`; returns how many. */
export async function enqueueDueVendorRetries(db: Db, now: Date, limit = 100): Promise<number> {
  const due = await db
    .selectDistinct({ workspaceId: fulfillmentRequests.workspaceId, channelId: fulfillmentRequests.channelId })
    .from(fulfillmentRequests)
    .innerJoin(channels, eq(channels.id, fulfillmentRequests.channelId))
    .innerJoin(
      channelOperations,
      and(
        eq(channelOperations.channelId, fulfillmentRequests.channelId),
        eq(channelOperations.operation, "submit_to_vendors"),
        eq(channelOperations.enabled, true),
      ),
    )
    .where(
      and(
        eq(channels.status, "active"),
        sql`${channels.deletedAt} is null`,
        sql`${fulfillmentRequests.deliveryFailedAt} is null`,
        sql`${fulfillmentRequests.nextAttemptAt} is not null and ${fulfillmentRequests.nextAttemptAt} <= ${now.toISOString()}`,
        sql`(${fulfillmentRequests.state} = 'pending' or (${fulfillmentRequests.cancelMessageId} is not null and ${fulfillmentRequests.cancelNotifiedAt} is null))`,
      ),
    )
    .limit(limit);
  for (const scope of due) await enqueueRun(db, { ...scope, operation: "submit_to_vendors", trigger: "retry" });
  return due.length;
}

export const vendorRetryTickJob: TickJob = {
  name: "vendor-delivery-retries",
  async run(db, { now, log }) {
    const queued = await enqueueDueVendorRetries(db, now());
    if (queued) log.info("queued Submit to Vendors for due delivery retries", { channels: queued });
  },
};
