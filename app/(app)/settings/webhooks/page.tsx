/** Settings → Webhooks (/settings/webhooks): signed webhooks of the workspace and their delivery logs. */

import type { Metadata } from "next";
import { PageHeader } from "@/components/ui/page-header";
import { WebhooksManager } from "@/components/webhooks/webhooks-manager";
import { getDb } from "@/db/index";
import { requirePageCapability } from "@/lib/server/session";
import { listWebhookDeliveryLog } from "@/lib/webhooks/delivery-log";
import { listWebhookEndpoints } from "@/lib/webhooks/endpoints";

export const metadata: Metadata = { title: "Webhooks" };

export default async function WebhooksPage() {
  const session = await requirePageCapability("webhooks.manage");
  const db = await getDb();
  const endpoints = await listWebhookEndpoints(db, session.workspaceId);
  const views = await Promise.all(
    endpoints.map(async (e) => ({
      id: e.id,
      url: e.url,
      description: e.description,
      eventTypes: e.eventTypes,
      enabled: e.enabled,
      createdAt: e.createdAt.toISOString(),
      secretRotatedAt: e.secretRotatedAt?.toISOString() ?? null,
      deliveries: (await listWebhookDeliveryLog(db, session.workspaceId, e.id, { limit: 20 })).map((d) => ({
        id: d.id,
        messageId: d.messageId,
        eventType: d.eventType,
        status: d.status,
        createdAt: d.createdAt.toISOString(),
        nextAttemptAt: d.nextAttemptAt?.toISOString() ?? null,
        attemptLog: d.attemptLog.map((a) => ({ ...a, startedAt: a.startedAt.toISOString() })),
      })),
    })),
  );
  return (
    <div className="space-y-6">
      <PageHeader
        title="Webhooks"
        description="Conduit POSTs signed JSON (Standard Webhooks: webhook-id, webhook-timestamp, webhook-signature) to these addresses when an alert fires. Failed deliveries are retried with backoff for a day."
      />
      <WebhooksManager endpoints={views} />
    </div>
  );
}
