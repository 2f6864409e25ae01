/**
 * The events a workspace webhook can subscribe to: the alert kinds of issue 17 (lib/alerts sends
 * each of them by email and, through enqueueWebhookEvent, to every endpoint subscribed to its
 * type). `webhook.test` is what "Send test" delivers; it is not subscribable.
 */

export const WEBHOOK_EVENT_TYPES = [
  "run.failed",
  "shipments.failed",
  "shipping.unmapped",
  "connection.refused",
  "budget.nearly_spent",
  "retention.cleared",
] as const;

export type WebhookEventType = (typeof WEBHOOK_EVENT_TYPES)[number];

export const WEBHOOK_TEST_EVENT = "webhook.test";

/** What each event means, for the event picker on Settings → Webhooks. */
export const WEBHOOK_EVENT_LABELS: Record<WebhookEventType, string> = {
  "run.failed": "A run failed or partially failed",
  "shipments.failed": "Shipments failed and will not be retried automatically",
  "shipping.unmapped": "An unmapped carrier or service",
  "connection.refused": "SellerCloud refused a connection's credentials",
  "budget.nearly_spent": "The SellerCloud call budget is nearly spent",
  "retention.cleared": "Personal data clearing done (info)",
};

export function isWebhookEventType(value: unknown): value is WebhookEventType {
  return typeof value === "string" && (WEBHOOK_EVENT_TYPES as readonly string[]).includes(value);
}
