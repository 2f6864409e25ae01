/**
 * Submit to Vendors, delivery phase: sends the channel's pending requests and queued cancel
 * notices to webhook and email vendors (pull vendors fetch theirs), then records each outcome.
 *
 * Sent once: a request is created (with its message id) by an earlier committed page, and is marked
 * delivered only by this page's commit after the vendor accepted it. A worker killed between the
 * vendor's 2xx and the commit leaves the request pending; the next run sends it again with the SAME
 * webhook-id, which a receiver deduplicates on (Standard Webhooks), so the vendor acts once. Email
 * carries the same Message-ID and request number for the same reason (see lib/vendors/deliver.ts).
 * A failure is retried by later runs after a backoff (lib/webhooks/backoff.ts: 30 s doubling to
 * 2 h), up to MAX_DELIVERY_ATTEMPTS (about a day), then left for a person ("Retry delivery").
 */

import { and, eq, inArray, ne, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import {
  type FulfillmentRequest,
  fulfillmentRequests,
  type Vendor,
  vendorDeliveries,
  vendors,
} from "@/db/schema/vendors";
import { webhookRetryDelayMs } from "@/lib/webhooks/backoff";
import { type DeliverySeams, deliverToVendor } from "@/lib/vendors/deliver";
import { loadRequestDocuments } from "@/lib/vendors/documents";
import { recordHistory } from "@/lib/vendors/requests";
import type { OperationContext, RunEventInput } from "../types";

/** Attempts before a delivery waits for a person: with the backoff capped at 2 h, about a day. */
export const MAX_DELIVERY_ATTEMPTS = 20;

interface Due {
  request: FulfillmentRequest;
  vendor: Vendor;
  kind: "request" | "cancel";
}

/** Up to `limit` due deliveries of the channel after `afterId` (keyset on request id). */
export async function selectDue(
  db: Db,
  ctx: Pick<OperationContext, "workspaceId" | "channelId">,
  afterId: string | null,
  limit: number,
  now: Date,
): Promise<Due[]> {
  const rows = await db
    .select({ request: fulfillmentRequests, vendor: vendors })
    .from(fulfillmentRequests)
    .innerJoin(vendors, eq(vendors.id, fulfillmentRequests.vendorId))
    .where(
      and(
        eq(fulfillmentRequests.workspaceId, ctx.workspaceId),
        eq(fulfillmentRequests.channelId, ctx.channelId),
        ne(vendors.deliveryMethod, "pull"),
        sql`${fulfillmentRequests.deliveryFailedAt} is null`,
        sql`(${fulfillmentRequests.state} = 'pending' or (${fulfillmentRequests.cancelMessageId} is not null and ${fulfillmentRequests.cancelNotifiedAt} is null))`,
        sql`(${fulfillmentRequests.nextAttemptAt} is null or ${fulfillmentRequests.nextAttemptAt} <= ${now.toISOString()})`,
        afterId ? sql`${fulfillmentRequests.id} > ${afterId}` : undefined,
      ),
    )
    .orderBy(fulfillmentRequests.id)
    .limit(limit);
  return rows.map((r) => ({ ...r, kind: r.request.state === "pending" ? "request" : "cancel" }));
}

export interface DeliverResult {
  delivered: number;
  retrying: number;
  failed: number;
  events: RunEventInput[];
  commit: (tx: Db) => Promise<void>;
}

/**
 * Sends each due delivery once (stopping early when the run is aborted) and returns the writes:
 * delivered requests, cancel notices sent, failures with their next attempt, and the delivery log.
 */
export async function deliverDue(
  db: Db,
  ctx: Pick<OperationContext, "workspaceId" | "runId" | "signal">,
  due: Due[],
  now: Date,
  seams: DeliverySeams & { random?: () => number } = {},
): Promise<DeliverResult> {
  const documents = new Map(
    (
      await loadRequestDocuments(
        db,
        ctx.workspaceId,
        due.map((d) => d.request.id),
      )
    ).map((d) => [d.id, d]),
  );
  const writes: ((tx: Db) => Promise<void>)[] = [];
  const events: RunEventInput[] = [];
  let delivered = 0;
  let retrying = 0;
  let failed = 0;
  for (const { request, vendor, kind } of due) {
    if (ctx.signal.aborted) break;
    const document = documents.get(request.id);
    if (!document) continue;
    const messageId = kind === "request" ? request.messageId : request.cancelMessageId!;
    const outcome = await deliverToVendor(
      db,
      vendor,
      document,
      { type: kind === "request" ? "fulfillment_request.created" : "fulfillment_request.canceled", messageId, at: now },
      seams,
    );
    const attempt = request.attempts + 1;
    const what = kind === "request" ? `Request ${request.number}` : `Cancel notice of request ${request.number}`;
    const log = {
      workspaceId: ctx.workspaceId,
      vendorId: vendor.id,
      requestId: request.id,
      kind,
      method: vendor.deliveryMethod,
      messageId,
      attempt,
      ok: outcome.ok,
      responseStatus: outcome.responseStatus,
      error: outcome.error,
      durationMs: outcome.durationMs,
      runId: ctx.runId,
      at: now,
    };
    if (outcome.ok) {
      delivered++;
      writes.push(async (tx) => {
        await tx.insert(vendorDeliveries).values(log);
        if (kind === "request") {
          const [moved] = await tx
            .update(fulfillmentRequests)
            .set({
              state: "delivered",
              deliveredAt: now,
              attempts: attempt,
              nextAttemptAt: null,
              lastError: null,
              updatedAt: now,
            })
            .where(and(eq(fulfillmentRequests.id, request.id), eq(fulfillmentRequests.state, "pending")))
            .returning({ id: fulfillmentRequests.id });
          if (moved)
            await recordHistory(tx, [
              {
                workspaceId: ctx.workspaceId,
                requestId: request.id,
                fromState: "pending",
                toState: "delivered",
                actor: "run",
                runId: ctx.runId,
                at: now,
                message: `Delivered by ${vendor.deliveryMethod}${outcome.responseStatus ? ` (HTTP ${outcome.responseStatus})` : ""}, attempt ${attempt}.`,
              },
            ]);
        } else {
          await tx
            .update(fulfillmentRequests)
            .set({ cancelNotifiedAt: now, attempts: attempt, nextAttemptAt: null, lastError: null, updatedAt: now })
            .where(eq(fulfillmentRequests.id, request.id));
          await recordHistory(tx, [
            {
              workspaceId: ctx.workspaceId,
              requestId: request.id,
              fromState: "canceled",
              toState: "canceled",
              actor: "run",
              runId: ctx.runId,
              at: now,
              message: `The vendor was told of the cancellation by ${vendor.deliveryMethod}.`,
            },
          ]);
        }
      });
      events.push({
        level: "info",
        entity: "request",
        entityId: request.number,
        code: kind === "request" ? "delivered" : "cancel_notified",
        message: `${what} delivered to ${vendor.name} by ${vendor.deliveryMethod}.`,
      });
      continue;
    }
    const giveUp = outcome.permanent || attempt >= MAX_DELIVERY_ATTEMPTS;
    const nextAttemptAt = giveUp ? null : new Date(now.getTime() + webhookRetryDelayMs(attempt, seams.random));
    if (giveUp) failed++;
    else retrying++;
    writes.push(async (tx) => {
      await tx.insert(vendorDeliveries).values(log);
      await tx
        .update(fulfillmentRequests)
        .set({
          attempts: attempt,
          lastError: outcome.error,
          nextAttemptAt,
          deliveryFailedAt: giveUp ? now : null,
          updatedAt: now,
        })
        .where(eq(fulfillmentRequests.id, request.id));
    });
    events.push({
      level: giveUp ? "error" : "warn",
      entity: "request",
      entityId: request.number,
      code: giveUp ? "delivery_failed" : "delivery_retrying",
      message: giveUp
        ? `${what} to ${vendor.name} failed (attempt ${attempt}): ${outcome.error} Fix the vendor, then use Retry delivery on its page.`
        : `${what} to ${vendor.name} failed (attempt ${attempt}): ${outcome.error} It is tried again from ${nextAttemptAt!.toISOString()} by the next run.`,
      details: { attempt, responseStatus: outcome.responseStatus },
    });
  }
  return {
    delivered,
    retrying,
    failed,
    events,
    async commit(tx) {
      for (const write of writes) await write(tx);
    },
  };
}

/** Clears the give-up mark of a vendor's failed deliveries so the next run tries them again. */
export async function retryFailedDeliveries(
  db: Db,
  scope: { workspaceId: string; vendorId: string },
  now = new Date(),
): Promise<number> {
  const rows = await db
    .update(fulfillmentRequests)
    .set({ deliveryFailedAt: null, nextAttemptAt: now, attempts: 0, updatedAt: now })
    .where(
      and(
        eq(fulfillmentRequests.workspaceId, scope.workspaceId),
        eq(fulfillmentRequests.vendorId, scope.vendorId),
        sql`${fulfillmentRequests.deliveryFailedAt} is not null`,
        inArray(fulfillmentRequests.state, ["pending", "canceled"]),
      ),
    )
    .returning({ id: fulfillmentRequests.id });
  return rows.length;
}
