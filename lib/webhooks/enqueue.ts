/**
 * Queueing a webhook event: one delivery row per enabled endpoint of the workspace subscribed to
 * the event's type, all sharing one message id. Rows first, then work: the tick's delivery worker
 * (./worker.ts) sends them, so an event survives a crash and is retried for a day. Call it inside
 * the transaction that records what the event is about, and the event exists exactly when that does.
 */
import { randomUUID } from "node:crypto";
import { and, eq, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { webhookDeliveries, webhookEndpoints } from "@/db/schema/webhooks";
import { WEBHOOK_RETRY_WINDOW_MS } from "./backoff";

export interface WebhookEvent {
  /** An event type (./event-types.ts WEBHOOK_EVENT_TYPES), e.g. "run.failed". */
  type: string;
  /** The event's JSON data; sent as `data` in the body { type, timestamp, data }. */
  data: Record<string, unknown>;
}

export interface EnqueuedWebhookEvent {
  /** The Standard Webhooks message id ("msg_…"), the webhook-id header of every delivery. */
  messageId: string;
  /** One per endpoint that will receive it (none when no enabled endpoint subscribes to the type). */
  deliveryIds: string[];
}

/** A new message id: "msg_" and 32 hex characters. */
export function newWebhookMessageId(): string {
  return `msg_${randomUUID().replaceAll("-", "")}`;
}

/** The JSON body every Conduit webhook carries: { type, timestamp (ISO 8601 UTC), data }. */
export function webhookPayload(type: string, data: Record<string, unknown>, at: Date): Record<string, unknown> {
  return { type, timestamp: at.toISOString(), data };
}

/**
 * Queues `event` for every enabled endpoint of `workspaceId` subscribed to `event.type`. `db` may be
 * a transaction. `now` is the event time (default now); retries stop a day after it.
 */
export async function enqueueWebhookEvent(
  db: Db,
  workspaceId: string,
  event: WebhookEvent,
  options: { now?: Date } = {},
): Promise<EnqueuedWebhookEvent> {
  const now = options.now ?? new Date();
  const messageId = newWebhookMessageId();
  const endpoints = await db
    .select({ id: webhookEndpoints.id })
    .from(webhookEndpoints)
    .where(
      and(
        eq(webhookEndpoints.workspaceId, workspaceId),
        eq(webhookEndpoints.enabled, true),
        sql`${webhookEndpoints.eventTypes} @> ${JSON.stringify([event.type])}::jsonb`,
      ),
    );
  if (endpoints.length === 0) return { messageId, deliveryIds: [] };
  const payload = webhookPayload(event.type, event.data, now);
  const rows = await db
    .insert(webhookDeliveries)
    .values(
      endpoints.map((endpoint) => ({
        workspaceId,
        endpointId: endpoint.id,
        messageId,
        eventType: event.type,
        payload,
        nextAttemptAt: now,
        giveUpAt: new Date(now.getTime() + WEBHOOK_RETRY_WINDOW_MS),
        createdAt: now,
      })),
    )
    .returning({ id: webhookDeliveries.id });
  return { messageId, deliveryIds: rows.map((r) => r.id) };
}
