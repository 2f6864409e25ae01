/**
 * A workspace's webhook endpoints: create, edit, enable or disable, rotate the secret, delete. The
 * signing secret is generated here, returned once (at creation and at each rotation) and stored
 * only encrypted, bound to its workspace and endpoint; nothing else in this module returns it.
 */
import { randomUUID } from "node:crypto";
import { and, asc, count, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { type WebhookEndpoint, webhookEndpoints } from "@/db/schema/webhooks";
import { type SealedTable, sealedTable } from "@/lib/crypto/reencrypt-table";
import { openText, sealText } from "@/lib/crypto/sealed-text";
import { env } from "@/lib/env";
import { AppError, notFound } from "@/lib/errors";
import { checkWebhookUrl } from "./address-policy";
import { generateWebhookSecret } from "./sign";

/** What the app shows of an endpoint: everything but its secret. */
export interface WebhookEndpointSummary {
  id: string;
  url: string;
  description: string;
  eventTypes: string[];
  enabled: boolean;
  createdAt: Date;
  updatedAt: Date;
  secretRotatedAt: Date | null;
}

export const MAX_WEBHOOK_ENDPOINTS = 20;

function summaryOf(row: WebhookEndpoint): WebhookEndpointSummary {
  return {
    id: row.id,
    url: row.url,
    description: row.description,
    eventTypes: row.eventTypes,
    enabled: row.enabled,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    secretRotatedAt: row.secretRotatedAt,
  };
}

const binding = (workspaceId: string, endpointId: string) => `webhook/${workspaceId}/${endpointId}/secret`;

function sealSecret(secret: string, workspaceId: string, endpointId: string): string {
  return sealText(secret, binding(workspaceId, endpointId), env().credentialKeys);
}

/** The endpoint's signing secret, decrypted (for signing only; never send it to a browser). */
export function endpointSecret(row: Pick<WebhookEndpoint, "id" | "workspaceId" | "secretEncrypted">): string {
  return openText(row.secretEncrypted, binding(row.workspaceId, row.id), env().credentialKeys, "webhook secret");
}

/** The endpoint column sealed with CREDENTIALS_KEYS, for key rotation (lib/crypto/key-rotation.ts). */
export const webhookEndpointSecrets: SealedTable = sealedTable(webhookEndpoints, [
  {
    property: "secretEncrypted",
    open: (payload, owner, keys) => openText(payload, binding(owner.workspaceId, owner.id), keys, "webhook secret"),
    seal: (plaintext, owner, keys) => sealText(plaintext, binding(owner.workspaceId, owner.id), keys),
  },
]);

function checkUrl(url: string): void {
  const refusal = checkWebhookUrl(url);
  if (refusal) throw new AppError("VALIDATION", refusal, { fieldErrors: { url: refusal } });
}

export interface WebhookEndpointInput {
  url: string;
  description: string;
  eventTypes: string[];
  enabled: boolean;
}

/**
 * Creates an endpoint and its secret. Returns the secret: the only time it leaves this module.
 * Errors: VALIDATION (an address webhooks may not use), CONFLICT (MAX_WEBHOOK_ENDPOINTS reached).
 */
export async function createWebhookEndpoint(
  db: Db,
  workspaceId: string,
  input: WebhookEndpointInput,
): Promise<{ endpoint: WebhookEndpointSummary; secret: string }> {
  checkUrl(input.url);
  const [{ n } = { n: 0 }] = await db
    .select({ n: count() })
    .from(webhookEndpoints)
    .where(eq(webhookEndpoints.workspaceId, workspaceId));
  if (n >= MAX_WEBHOOK_ENDPOINTS) {
    throw new AppError("CONFLICT", `A workspace can have at most ${MAX_WEBHOOK_ENDPOINTS} webhooks; delete one first.`);
  }
  const id = randomUUID();
  const secret = generateWebhookSecret();
  const [row] = await db
    .insert(webhookEndpoints)
    .values({
      id,
      workspaceId,
      url: input.url,
      description: input.description,
      eventTypes: input.eventTypes,
      enabled: input.enabled,
      secretEncrypted: sealSecret(secret, workspaceId, id),
    })
    .returning();
  return { endpoint: summaryOf(row!), secret };
}

async function loadRow(db: Db, workspaceId: string, id: string): Promise<WebhookEndpoint> {
  const [row] = await db
    .select()
    .from(webhookEndpoints)
    .where(and(eq(webhookEndpoints.workspaceId, workspaceId), eq(webhookEndpoints.id, id)));
  if (!row) throw notFound("That webhook");
  return row;
}

/** One endpoint of the workspace (NOT_FOUND for another workspace's). */
export async function getWebhookEndpoint(db: Db, workspaceId: string, id: string): Promise<WebhookEndpointSummary> {
  return summaryOf(await loadRow(db, workspaceId, id));
}

/** The full row, secret still encrypted, for the delivery worker and "Send test". */
export function loadWebhookEndpointRow(db: Db, workspaceId: string, id: string): Promise<WebhookEndpoint> {
  return loadRow(db, workspaceId, id);
}

/** Every endpoint of the workspace, oldest first. */
export async function listWebhookEndpoints(db: Db, workspaceId: string): Promise<WebhookEndpointSummary[]> {
  const rows = await db
    .select()
    .from(webhookEndpoints)
    .where(eq(webhookEndpoints.workspaceId, workspaceId))
    .orderBy(asc(webhookEndpoints.createdAt), asc(webhookEndpoints.id));
  return rows.map(summaryOf);
}

/**
 * Changes an endpoint's address, description, events or enabled state; returns it before and
 * after (for the audit log). Errors: NOT_FOUND, VALIDATION (address).
 */
export async function updateWebhookEndpoint(
  db: Db,
  workspaceId: string,
  id: string,
  patch: Partial<WebhookEndpointInput>,
): Promise<{ before: WebhookEndpointSummary; after: WebhookEndpointSummary }> {
  const before = await loadRow(db, workspaceId, id);
  if (patch.url !== undefined) checkUrl(patch.url);
  const [after] = await db
    .update(webhookEndpoints)
    .set({ ...patch, updatedAt: new Date() })
    .where(and(eq(webhookEndpoints.workspaceId, workspaceId), eq(webhookEndpoints.id, id)))
    .returning();
  if (!after) throw notFound("That webhook");
  return { before: summaryOf(before), after: summaryOf(after) };
}

/**
 * A new secret for the endpoint, returned once; the old one stops signing at once. Deliveries
 * still queued are signed with the new secret at their next attempt. Errors: NOT_FOUND.
 */
export async function rotateWebhookSecret(
  db: Db,
  workspaceId: string,
  id: string,
): Promise<{ endpoint: WebhookEndpointSummary; secret: string }> {
  await loadRow(db, workspaceId, id);
  const secret = generateWebhookSecret();
  const now = new Date();
  const [row] = await db
    .update(webhookEndpoints)
    .set({ secretEncrypted: sealSecret(secret, workspaceId, id), secretRotatedAt: now, updatedAt: now })
    .where(and(eq(webhookEndpoints.workspaceId, workspaceId), eq(webhookEndpoints.id, id)))
    .returning();
  if (!row) throw notFound("That webhook");
  return { endpoint: summaryOf(row), secret };
}

/** Deletes the endpoint with its queued deliveries and delivery log; returns what it was. Errors: NOT_FOUND. */
export async function deleteWebhookEndpoint(db: Db, workspaceId: string, id: string): Promise<WebhookEndpointSummary> {
  const [row] = await db
    .delete(webhookEndpoints)
    .where(and(eq(webhookEndpoints.workspaceId, workspaceId), eq(webhookEndpoints.id, id)))
    .returning();
  if (!row) throw notFound("That webhook");
  return summaryOf(row);
}
