/**
 * Standard Webhooks signing (https://www.standardwebhooks.com, spec "Signature scheme"), through the
 * `standardwebhooks` package, the spec's own reference library:
 *  - webhook-id: the message id, the same on every retry (receivers deduplicate on it);
 *  - webhook-timestamp: seconds since the epoch, as text;
 *  - webhook-signature: "v1,<base64 HMAC-SHA256 of `${id}.${timestamp}.${body}`>" keyed by the
 *    base64-decoded part of the secret after "whsec_".
 */
import crypto from "node:crypto";
import { Webhook } from "standardwebhooks";

export const WEBHOOK_SECRET_PREFIX = "whsec_";

/** A new signing secret: "whsec_" + 32 random bytes in base64 (the spec asks for 24 to 64). */
export function generateWebhookSecret(): string {
  return `${WEBHOOK_SECRET_PREFIX}${crypto.randomBytes(32).toString("base64")}`;
}

/** True for a value shaped like a secret this module can sign with. */
export function isWebhookSecret(value: string): boolean {
  if (!value.startsWith(WEBHOOK_SECRET_PREFIX)) return false;
  const key = Buffer.from(value.slice(WEBHOOK_SECRET_PREFIX.length), "base64");
  return key.length >= 24 && key.length <= 64;
}

export interface WebhookSignatureHeaders {
  "webhook-id": string;
  "webhook-timestamp": string;
  "webhook-signature": string;
}

/**
 * The three Standard Webhooks headers for `body` (the exact bytes sent). `at` is the signing time;
 * receivers refuse a timestamp far from their clock (5 minutes in the reference library), so sign
 * at each attempt, never once per message.
 */
export function signWebhook(secret: string, messageId: string, at: Date, body: string): WebhookSignatureHeaders {
  const signature = new Webhook(secret).sign(messageId, at, body);
  return {
    "webhook-id": messageId,
    "webhook-timestamp": String(Math.floor(at.getTime() / 1000)),
    "webhook-signature": signature,
  };
}
