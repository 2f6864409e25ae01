/**
 * "Send test": a `webhook.test` event queued for one endpoint (enabled or not, whatever events it
 * takes) and attempted at once, so the person sees the receiver's answer on the page. A test is not
 * retried: its one attempt is final and shows in the delivery log like any other.
 */
import { desc, eq } from "drizzle-orm";
import { webhookAttempts, webhookDeliveries } from "@/db/schema/webhooks";
import { notFound } from "@/lib/errors";
import { loadWebhookEndpointRow } from "./endpoints";
import { newWebhookMessageId, webhookPayload } from "./enqueue";
import { WEBHOOK_TEST_EVENT } from "./event-types";
import type { WebhookAttemptResult } from "./send";
import { attemptDelivery, claimDueDeliveries, type WebhookWorkerDeps } from "./worker";

export interface WebhookTestResult {
  deliveryId: string;
  messageId: string;
  /** What the receiver answered. */
  result: Pick<WebhookAttemptResult, "ok" | "statusCode" | "durationMs" | "error">;
}

/** Sends a signed test event to the workspace's endpoint `endpointId` now. Errors: NOT_FOUND. */
export async function sendWebhookTest(
  deps: WebhookWorkerDeps,
  workspaceId: string,
  endpointId: string,
): Promise<WebhookTestResult> {
  const endpoint = await loadWebhookEndpointRow(deps.db, workspaceId, endpointId);
  const at = (deps.now ?? (() => new Date()))();
  const messageId = newWebhookMessageId();
  const [row] = await deps.db
    .insert(webhookDeliveries)
    .values({
      workspaceId,
      endpointId: endpoint.id,
      messageId,
      eventType: WEBHOOK_TEST_EVENT,
      payload: webhookPayload(
        WEBHOOK_TEST_EVENT,
        { message: "A test event from Conduit. If you can read this, the webhook works.", endpointId: endpoint.id },
        at,
      ),
      nextAttemptAt: at,
      giveUpAt: at, // one attempt, no retries
      createdAt: at,
    })
    .returning();
  const [claimed] = await claimDueDeliveries(deps, 1, { deliveryId: row!.id });
  if (!claimed) throw notFound("That test delivery");
  await attemptDelivery(deps, claimed);
  const [attempt] = await deps.db
    .select()
    .from(webhookAttempts)
    .where(eq(webhookAttempts.deliveryId, row!.id))
    .orderBy(desc(webhookAttempts.attempt))
    .limit(1);
  const result = attempt
    ? {
        ok: attempt.error === null,
        statusCode: attempt.statusCode,
        durationMs: attempt.durationMs,
        error: attempt.error,
      }
    : { ok: false, statusCode: null, durationMs: 0, error: "Not sent." };
  return {
    deliveryId: row!.id,
    messageId,
    result,
  };
}
