/**
 * Sending one request (or its cancel notice) to a vendor by its method, without throwing: the
 * outcome goes into the delivery log and decides the request's state.
 *  - webhook: lib/webhooks/send.ts sendSignedWebhook (Standard Webhooks signing, the guarded fetch:
 *    public addresses only unless WEBHOOK_ALLOWED_HOSTS, no redirects). The webhook-id is the
 *    request's message id, the same on every retry, so a receiver deduplicates on it.
 *  - email: lib/email/send.ts sendEmail to the vendor's contact email, the request as a CSV
 *    attachment, with a stable Message-ID per message. A mail re-sent after a crash between the
 *    mail server's acceptance and Conduit's own write carries the same Message-ID and request
 *    number (the vendor's mail client threads it; the vendor skips a request number it has).
 *  - pull: nothing is sent; the vendor fetches its requests with its key (lib/vendors/vendor-api.ts).
 */

import type { Db } from "@/db/client";
import type { Vendor } from "@/db/schema/vendors";
import { type EmailMessage, type MailConfig, sendEmail } from "@/lib/email/send";
import { sendSignedWebhook } from "@/lib/webhooks/send";
import { type RequestDocument, requestsCsv, type VendorEventType, webhookBody } from "./documents";
import { openWebhookSecret } from "./vendors";

export interface DeliveryOutcome {
  ok: boolean;
  /** The webhook's HTTP status (null for email, or when no answer came). */
  responseStatus: number | null;
  /** Why it failed, in plain words (null when ok). */
  error: string | null;
  /** A failure no retry can fix (no URL, no secret, no email address). */
  permanent: boolean;
  durationMs: number;
}

export interface DeliverySeams {
  /** Test seam for webhook POSTs (default: the guarded fetch of the webhook host policy). */
  fetch?: typeof fetch;
  /** Test seam for mail (default: SMTP_URL / MAIL_FROM, or the local outbox). */
  mailConfig?: MailConfig;
}

const permanent = (error: string): DeliveryOutcome => ({
  ok: false,
  responseStatus: null,
  error,
  permanent: true,
  durationMs: 0,
});

/** Sends `document` to `vendor` as `type`, once. Never throws. */
export async function deliverToVendor(
  db: Db,
  vendor: Vendor,
  document: RequestDocument,
  message: { type: VendorEventType; messageId: string; at: Date },
  seams: DeliverySeams = {},
): Promise<DeliveryOutcome> {
  if (vendor.deliveryMethod === "webhook") {
    if (!vendor.webhookUrl) return permanent(`Vendor ${vendor.name} has no webhook address; edit the vendor.`);
    let secret: string;
    try {
      secret = openWebhookSecret(vendor);
    } catch (error) {
      return permanent(error instanceof Error ? error.message : "The webhook secret cannot be read.");
    }
    const result = await sendSignedWebhook({
      url: vendor.webhookUrl,
      secret,
      messageId: message.messageId,
      body: webhookBody(message.type, document, message.at),
      at: message.at,
      ...(seams.fetch ? { fetch: seams.fetch } : {}),
    });
    return {
      ok: result.ok,
      responseStatus: result.statusCode,
      error: result.error,
      permanent: false,
      durationMs: result.durationMs,
    };
  }
  if (vendor.deliveryMethod === "email") {
    if (!vendor.contactEmail) return permanent(`Vendor ${vendor.name} has no email address; edit the vendor.`);
    const started = performance.now();
    const canceled = message.type === "fulfillment_request.canceled";
    const mail: EmailMessage = {
      workspaceId: vendor.workspaceId,
      to: vendor.contactEmail,
      subject: canceled
        ? `Canceled: fulfillment request ${document.number} (order ${document.order.sellercloudOrderId})`
        : `Fulfillment request ${document.number} (order ${document.order.sellercloudOrderId})`,
      text: mailText(document, canceled),
      attachments: [
        { filename: `request-${document.number}.csv`, content: requestsCsv([document]), contentType: "text/csv" },
      ],
      headers: { "Message-ID": `<${message.messageId}@conduit.fulfillment>` },
    };
    try {
      await sendEmail(db, mail, seams.mailConfig ? { config: seams.mailConfig } : {});
      return {
        ok: true,
        responseStatus: null,
        error: null,
        permanent: false,
        durationMs: Math.round(performance.now() - started),
      };
    } catch (error) {
      return {
        ok: false,
        responseStatus: null,
        error: error instanceof Error ? error.message : "The mail could not be sent.",
        permanent: false,
        durationMs: Math.round(performance.now() - started),
      };
    }
  }
  return { ok: true, responseStatus: null, error: null, permanent: false, durationMs: 0 };
}

function mailText(d: RequestDocument, canceled: boolean): string {
  const lines = d.lines.map((l) => `  - ${l.quantity} x ${l.vendorSku ?? l.sku ?? "?"} ${l.name ?? ""}`.trimEnd());
  const s = d.order.shipTo;
  if (canceled)
    return [
      `Order ${d.order.sellercloudOrderId} was canceled. Please do not ship request ${d.number}:`,
      ...lines,
      "",
      "The lines are attached as CSV.",
    ].join("\n");
  return [
    `Please fulfil request ${d.number} for order ${d.order.sellercloudOrderId}:`,
    ...lines,
    "",
    "Ship to:",
    `  ${[s.firstName, s.lastName].filter(Boolean).join(" ")}`,
    ...[
      s.companyName,
      s.street1,
      s.street2,
      [s.city, s.stateCode, s.postalCode].filter(Boolean).join(" "),
      s.countryCode,
    ]
      .filter(Boolean)
      .map((x) => `  ${x}`),
    "",
    "The lines are attached as CSV (order_item_id identifies each line when you post shipments).",
  ].join("\n");
}
