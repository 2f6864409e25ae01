"use server";

/**
 * Settings → Webhooks (issue 17): create an endpoint (its secret comes back once), edit its address,
 * events and description, enable or disable it, rotate its secret (the new one comes back once),
 * delete it, and "Send test". Admins and owners only (webhooks.manage). Every change is audited;
 * the audit log never holds a secret.
 */
import { revalidatePath } from "next/cache";
import { getDb } from "@/db/index";
import { diffForAudit } from "@/lib/audit/diff";
import {
  createWebhookEndpoint,
  deleteWebhookEndpoint,
  rotateWebhookSecret,
  updateWebhookEndpoint,
  type WebhookEndpointSummary,
} from "@/lib/webhooks/endpoints";
import { createWebhookInput, updateWebhookInput, webhookIdInput } from "@/lib/webhooks/input-schemas";
import { sendWebhookTest } from "@/lib/webhooks/send-test";
import { recordAuditFor } from "../audit";
import { authedAction } from "../handle";

function revalidateWebhooks() {
  revalidatePath("/settings/webhooks", "layout");
}

/** An endpoint as the audit log compares it (never its secret). */
const forAudit = (e: WebhookEndpointSummary) => ({
  url: e.url,
  description: e.description,
  events: e.eventTypes,
  enabled: e.enabled,
});

export const createWebhookAction = authedAction("webhooks.manage", createWebhookInput, async (input, session) => {
  const db = await getDb();
  const { endpoint, secret } = await createWebhookEndpoint(db, session.workspaceId, input);
  await recordAuditFor(
    session,
    {
      objectType: "webhook",
      objectId: endpoint.id,
      objectLabel: endpoint.url,
      action: "created",
      changes: diffForAudit(null, forAudit(endpoint), { labels: { url: "URL" } }),
    },
    db,
  );
  revalidateWebhooks();
  // The only answer that carries the secret: the page shows it once.
  return { id: endpoint.id, secret };
});

export const updateWebhookAction = authedAction(
  "webhooks.manage",
  updateWebhookInput,
  async ({ id, ...patch }, session) => {
    const db = await getDb();
    const { before, after } = await updateWebhookEndpoint(db, session.workspaceId, id, patch);
    const changes = diffForAudit(forAudit(before), forAudit(after), { labels: { url: "URL" } });
    if (changes.length) {
      await recordAuditFor(
        session,
        {
          objectType: "webhook",
          objectId: id,
          objectLabel: after.url,
          action:
            before.enabled !== after.enabled && changes.length === 1
              ? after.enabled
                ? "enabled"
                : "disabled"
              : "updated",
          changes,
        },
        db,
      );
    }
    revalidateWebhooks();
    return { id, enabled: after.enabled };
  },
);

export const rotateWebhookSecretAction = authedAction("webhooks.manage", webhookIdInput, async ({ id }, session) => {
  const db = await getDb();
  const { endpoint, secret } = await rotateWebhookSecret(db, session.workspaceId, id);
  await recordAuditFor(
    session,
    {
      objectType: "webhook",
      objectId: id,
      objectLabel: endpoint.url,
      action: "secret_rotated",
      summary: "Rotated the signing secret",
      changes: [{ field: "Secret", before: null, after: "changed" }],
    },
    db,
  );
  revalidateWebhooks();
  return { id, secret };
});

export const deleteWebhookAction = authedAction("webhooks.manage", webhookIdInput, async ({ id }, session) => {
  const db = await getDb();
  const removed = await deleteWebhookEndpoint(db, session.workspaceId, id);
  await recordAuditFor(
    session,
    {
      objectType: "webhook",
      objectId: id,
      objectLabel: removed.url,
      action: "deleted",
      changes: diffForAudit(forAudit(removed), null, { labels: { url: "URL" } }),
    },
    db,
  );
  revalidateWebhooks();
  return { id };
});

export const sendWebhookTestAction = authedAction("webhooks.manage", webhookIdInput, async ({ id }, session) => {
  const test = await sendWebhookTest({ db: await getDb() }, session.workspaceId, id);
  revalidateWebhooks();
  return test.result;
});
