/**
 * The webhook delivery worker, run by every scheduler tick (Vercel cron, the in-process ticker,
 * curl from crontab): claim due deliveries under a lease (FOR UPDATE SKIP LOCKED, so any number of
 * ticks and processes share the queue without sending one delivery twice at once), sign and send
 * each, record the attempt in the delivery log, then mark the delivery delivered, due again later
 * (./backoff.ts), or failed once its day is over. Every write after the send is fenced by the
 * claim's lock token.
 */
import { randomUUID } from "node:crypto";
import { and, asc, eq, isNull, lte, or, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import {
  type WebhookDelivery,
  type WebhookEndpoint,
  webhookAttempts,
  webhookDeliveries,
  webhookEndpoints,
} from "@/db/schema/webhooks";
import { isAppError } from "@/lib/errors";
import { type Logger, silentLogger } from "@/lib/log";
import { nextWebhookAttemptAt } from "./backoff";
import { endpointSecret } from "./endpoints";
import { WEBHOOK_TEST_EVENT } from "./event-types";
import { type SignedWebhookRequest, sendSignedWebhook, type WebhookAttemptResult } from "./send";

export interface WebhookWorkerDeps {
  db: Db;
  now?: () => Date;
  log?: Logger;
  /** Test seam: the send; default sendSignedWebhook. */
  send?: (request: SignedWebhookRequest) => Promise<WebhookAttemptResult>;
  /** Jitter source for the backoff; default Math.random. */
  random?: () => number;
  /** How long a claim lasts; a worker that dies mid-send is replaced after this. Default 60 s. */
  leaseMs?: number;
}

export interface ClaimedDelivery {
  delivery: WebhookDelivery;
  token: string;
}

export const WEBHOOK_LEASE_MS = 60_000;

/**
 * Leases up to `limit` due deliveries (pending, next attempt due, not leased by a live worker),
 * oldest due first; `deliveryId` narrows it to one (Send test).
 */
export async function claimDueDeliveries(
  deps: WebhookWorkerDeps,
  limit: number,
  filter: { deliveryId?: string } = {},
): Promise<ClaimedDelivery[]> {
  const now = (deps.now ?? (() => new Date()))();
  const leaseUntil = new Date(now.getTime() + (deps.leaseMs ?? WEBHOOK_LEASE_MS));
  const token = randomUUID();
  return deps.db.transaction(async (tx) => {
    const due = await tx
      .select({ id: webhookDeliveries.id })
      .from(webhookDeliveries)
      .where(
        and(
          eq(webhookDeliveries.status, "pending"),
          lte(webhookDeliveries.nextAttemptAt, now),
          or(isNull(webhookDeliveries.leaseUntil), lte(webhookDeliveries.leaseUntil, now)),
          filter.deliveryId ? eq(webhookDeliveries.id, filter.deliveryId) : undefined,
        ),
      )
      .orderBy(asc(webhookDeliveries.nextAttemptAt))
      .limit(limit)
      .for("update", { skipLocked: true });
    if (due.length === 0) return [];
    const rows = await tx
      .update(webhookDeliveries)
      .set({ leaseUntil, lockToken: token })
      .where(
        sql`${webhookDeliveries.id} in (${sql.join(
          due.map((d) => sql`${d.id}`),
          sql`, `,
        )})`,
      )
      .returning();
    return rows.map((delivery) => ({ delivery, token }));
  });
}

function readSecret(endpoint: WebhookEndpoint): { ok: true; value: string } | { ok: false; error: string } {
  try {
    return { ok: true, value: endpointSecret(endpoint) };
  } catch (error) {
    const words = isAppError(error) ? error.message : "The webhook's secret cannot be read.";
    return { ok: false, error: `${words} Rotate the secret.` };
  }
}

export type DeliveryOutcome = "delivered" | "retrying" | "failed" | "lost";

/**
 * Sends one claimed delivery and records it. The attempt row is written whatever happens (the
 * request went out); the delivery's state only while this worker still holds the lease ("lost"
 * otherwise). A delivery whose endpoint was disabled since it was queued is failed unsent (test
 * deliveries are always sent).
 */
export async function attemptDelivery(deps: WebhookWorkerDeps, claimed: ClaimedDelivery): Promise<DeliveryOutcome> {
  const { db } = deps;
  const now = deps.now ?? (() => new Date());
  const { delivery, token } = claimed;
  const [endpoint] = await db.select().from(webhookEndpoints).where(eq(webhookEndpoints.id, delivery.endpointId));
  if (!endpoint) return "lost"; // deleted with its deliveries (cascade): nothing left to record
  const attempt = delivery.attempts + 1;
  const startedAt = now();
  // Not sent at all (disabled endpoint, unreadable secret): failed at once, no retry.
  const unsent = (error: string): WebhookAttemptResult => ({
    ok: false,
    statusCode: null,
    durationMs: 0,
    responseExcerpt: null,
    error,
  });
  const secret = readSecret(endpoint);
  let outcome: WebhookAttemptResult;
  let retry = false;
  if (!endpoint.enabled && delivery.eventType !== WEBHOOK_TEST_EVENT) {
    outcome = unsent("The webhook is disabled; not sent.");
  } else if (!secret.ok) {
    outcome = unsent(secret.error);
  } else {
    retry = true;
    outcome = await (deps.send ?? sendSignedWebhook)({
      url: endpoint.url,
      secret: secret.value,
      messageId: delivery.messageId,
      body: JSON.stringify(delivery.payload),
      at: startedAt,
    });
  }
  const finishedAt = now();
  const next = outcome.ok || !retry ? null : nextWebhookAttemptAt(attempt, finishedAt, delivery.giveUpAt, deps.random);
  const status = outcome.ok ? "delivered" : next ? "pending" : "failed";
  return db.transaction(async (tx) => {
    await tx.insert(webhookAttempts).values({
      workspaceId: delivery.workspaceId,
      deliveryId: delivery.id,
      endpointId: delivery.endpointId,
      attempt,
      startedAt,
      durationMs: outcome.durationMs,
      statusCode: outcome.statusCode,
      responseExcerpt: outcome.responseExcerpt,
      error: outcome.error,
    });
    const updated = await tx
      .update(webhookDeliveries)
      .set({
        status,
        attempts: attempt,
        nextAttemptAt: next ?? finishedAt,
        leaseUntil: null,
        lockToken: null,
        lastStatusCode: outcome.statusCode,
        lastError: outcome.error,
        deliveredAt: outcome.ok ? finishedAt : null,
      })
      .where(and(eq(webhookDeliveries.id, delivery.id), eq(webhookDeliveries.lockToken, token)))
      .returning({ id: webhookDeliveries.id });
    if (updated.length === 0) return "lost";
    return outcome.ok ? "delivered" : next ? "retrying" : "failed";
  });
}

export interface WebhookWorkReport {
  attempted: number;
  delivered: number;
  retrying: number;
  failed: number;
}

/**
 * Works due deliveries until none is due, `deadline` passes or `stop` aborts: batches of
 * `batchSize` claimed at once, `concurrency` sent in parallel. Errors of one delivery are logged
 * and leave it leased (it is tried again when the lease ends); they never stop the others.
 */
export async function workWebhookDeliveries(
  deps: WebhookWorkerDeps,
  control: { deadline?: Date; stop?: AbortSignal; batchSize?: number; concurrency?: number } = {},
): Promise<WebhookWorkReport> {
  const now = deps.now ?? (() => new Date());
  const log = deps.log ?? silentLogger;
  const report: WebhookWorkReport = { attempted: 0, delivered: 0, retrying: 0, failed: 0 };
  const batchSize = control.batchSize ?? 20;
  const concurrency = Math.max(1, control.concurrency ?? 4);
  const timeLeft = () => !control.stop?.aborted && (!control.deadline || now() < control.deadline);
  while (timeLeft()) {
    const claimed = await claimDueDeliveries(deps, batchSize);
    if (claimed.length === 0) break;
    const queue = [...claimed];
    const lane = async () => {
      for (let item = queue.shift(); item; item = queue.shift()) {
        try {
          const outcome = await attemptDelivery(deps, item);
          report.attempted++;
          if (outcome === "delivered") report.delivered++;
          else if (outcome === "retrying") report.retrying++;
          else if (outcome === "failed") report.failed++;
        } catch (error) {
          log.error("webhook delivery failed to record", {
            deliveryId: item.delivery.id,
            error: error instanceof Error ? error.message : String(error),
          });
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(concurrency, claimed.length) }, lane));
  }
  if (report.attempted) log.info("webhook deliveries", { ...report });
  return report;
}
