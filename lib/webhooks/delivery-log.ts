/**
 * The delivery log of one endpoint: its latest deliveries, each with every attempt (status code,
 * duration, the answer's first characters, the error in words), for Settings → Webhooks.
 */
import { and, asc, desc, eq, inArray } from "drizzle-orm";
import type { Db } from "@/db/client";
import { type WebhookDeliveryState, webhookAttempts, webhookDeliveries } from "@/db/schema/webhooks";

export interface WebhookAttemptEntry {
  attempt: number;
  startedAt: Date;
  durationMs: number;
  statusCode: number | null;
  responseExcerpt: string | null;
  error: string | null;
}

export interface WebhookDeliveryEntry {
  id: string;
  messageId: string;
  eventType: string;
  status: WebhookDeliveryState;
  attempts: number;
  createdAt: Date;
  deliveredAt: Date | null;
  /** When a pending delivery is tried next. */
  nextAttemptAt: Date | null;
  lastStatusCode: number | null;
  lastError: string | null;
  attemptLog: WebhookAttemptEntry[];
}

/** The endpoint's latest `limit` deliveries (newest first), each with its attempts (oldest first). */
export async function listWebhookDeliveryLog(
  db: Db,
  workspaceId: string,
  endpointId: string,
  options: { limit?: number } = {},
): Promise<WebhookDeliveryEntry[]> {
  const deliveries = await db
    .select()
    .from(webhookDeliveries)
    .where(and(eq(webhookDeliveries.workspaceId, workspaceId), eq(webhookDeliveries.endpointId, endpointId)))
    .orderBy(desc(webhookDeliveries.createdAt), desc(webhookDeliveries.id))
    .limit(Math.min(options.limit ?? 50, 200));
  if (deliveries.length === 0) return [];
  const attempts = await db
    .select()
    .from(webhookAttempts)
    .where(
      inArray(
        webhookAttempts.deliveryId,
        deliveries.map((d) => d.id),
      ),
    )
    .orderBy(asc(webhookAttempts.attempt));
  const byDelivery = new Map<string, typeof attempts>();
  for (const a of attempts) byDelivery.set(a.deliveryId, [...(byDelivery.get(a.deliveryId) ?? []), a]);
  return deliveries.map((d) => ({
    id: d.id,
    messageId: d.messageId,
    eventType: d.eventType,
    status: d.status,
    attempts: d.attempts,
    createdAt: d.createdAt,
    deliveredAt: d.deliveredAt,
    nextAttemptAt: d.status === "pending" ? d.nextAttemptAt : null,
    lastStatusCode: d.lastStatusCode,
    lastError: d.lastError,
    attemptLog: (byDelivery.get(d.id) ?? []).map((a) => ({
      attempt: a.attempt,
      startedAt: a.startedAt,
      durationMs: a.durationMs,
      statusCode: a.statusCode,
      responseExcerpt: a.responseExcerpt,
      error: a.error,
    })),
  }));
}
