/**
 * A workspace's vendors: create, edit, list, archive, and their webhook signing secrets (generated
 * here, shown once, stored sealed with CREDENTIALS_KEYS). Codes are unique per workspace without
 * regard to case (stored upper-case), so a catalog CSV's `vendor` column finds its vendor.
 */

import { randomUUID } from "node:crypto";
import { and, asc, eq, isNull, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { type Vendor, vendors } from "@/db/schema/vendors";
import { type SealedTable, sealedTable } from "@/lib/crypto/reencrypt-table";
import { openText, sealText } from "@/lib/crypto/sealed-text";
import { env } from "@/lib/env";
import { AppError, notFound } from "@/lib/errors";
import { checkWebhookUrl } from "@/lib/webhooks/address-policy";
import { generateWebhookSecret } from "@/lib/webhooks/sign";
import { type VendorInput, vendorInputSchema } from "./schemas";

/** A vendor as pages and the API show it: never its secret. */
export interface VendorSummary {
  id: string;
  name: string;
  code: string;
  contactEmail: string | null;
  deliveryMethod: Vendor["deliveryMethod"];
  webhookUrl: string | null;
  hasWebhookSecret: boolean;
  archived: boolean;
  createdAt: Date;
}

const binding = (workspaceId: string, vendorId: string) => `vendor/${workspaceId}/${vendorId}/webhook-secret`;

export function toVendorSummary(row: Vendor): VendorSummary {
  return {
    id: row.id,
    name: row.name,
    code: row.code,
    contactEmail: row.contactEmail,
    deliveryMethod: row.deliveryMethod,
    webhookUrl: row.webhookUrl,
    hasWebhookSecret: Boolean(row.webhookSecretCiphertext),
    archived: row.archivedAt !== null,
    createdAt: row.createdAt,
  };
}

function parseInput(input: VendorInput) {
  const parsed = vendorInputSchema.safeParse(input);
  if (!parsed.success) {
    const fieldErrors: Record<string, string> = {};
    for (const issue of parsed.error.issues) fieldErrors[issue.path.join(".") || "_form"] ??= issue.message;
    throw new AppError("VALIDATION", Object.values(fieldErrors)[0] ?? "Check the vendor's fields.", { fieldErrors });
  }
  const data = parsed.data;
  if (data.deliveryMethod === "webhook") {
    const refusal = checkWebhookUrl(data.webhookUrl);
    if (refusal) throw new AppError("VALIDATION", refusal, { fieldErrors: { webhookUrl: refusal } });
  }
  return { ...data, code: data.code.toUpperCase() };
}

async function codeTaken(db: Db, workspaceId: string, code: string, exceptId?: string): Promise<boolean> {
  const [row] = await db
    .select({ id: vendors.id })
    .from(vendors)
    .where(and(eq(vendors.workspaceId, workspaceId), eq(vendors.code, code)));
  return Boolean(row && row.id !== exceptId);
}

const codeError = (code: string) =>
  new AppError("VALIDATION", `Another vendor already has the code ${code}.`, {
    fieldErrors: { code: "Another vendor has this code" },
  });

/**
 * Creates a vendor. A webhook vendor gets a new signing secret, returned here once (`webhookSecret`)
 * and stored sealed. Errors: AppError VALIDATION (fields, a code in use, a refused webhook address).
 */
export async function createVendor(
  db: Db,
  workspaceId: string,
  input: VendorInput,
): Promise<{ vendor: VendorSummary; webhookSecret: string | null }> {
  const data = parseInput(input);
  if (await codeTaken(db, workspaceId, data.code)) throw codeError(data.code);
  const id = randomUUID();
  const secret = data.deliveryMethod === "webhook" ? generateWebhookSecret() : null;
  const [row] = await db
    .insert(vendors)
    .values({
      id,
      workspaceId,
      name: data.name,
      code: data.code,
      contactEmail: data.contactEmail || null,
      deliveryMethod: data.deliveryMethod,
      webhookUrl: data.deliveryMethod === "webhook" ? data.webhookUrl : null,
      webhookSecretCiphertext: secret ? sealText(secret, binding(workspaceId, id), env().credentialKeys) : null,
    })
    .onConflictDoNothing()
    .returning();
  if (!row) throw codeError(data.code);
  return { vendor: toVendorSummary(row), webhookSecret: secret };
}

/**
 * Saves a vendor's fields. Switching to webhook delivery without a secret creates one, returned once.
 * Errors: NOT_FOUND (not the workspace's), VALIDATION.
 */
export async function updateVendor(
  db: Db,
  scope: { workspaceId: string; vendorId: string },
  input: VendorInput,
): Promise<{ vendor: VendorSummary; webhookSecret: string | null }> {
  const data = parseInput(input);
  const current = await getVendorRow(db, scope);
  if (await codeTaken(db, scope.workspaceId, data.code, current.id)) throw codeError(data.code);
  const secret = data.deliveryMethod === "webhook" && !current.webhookSecretCiphertext ? generateWebhookSecret() : null;
  const [row] = await db
    .update(vendors)
    .set({
      name: data.name,
      code: data.code,
      contactEmail: data.contactEmail || null,
      deliveryMethod: data.deliveryMethod,
      webhookUrl: data.deliveryMethod === "webhook" ? data.webhookUrl : current.webhookUrl,
      ...(secret
        ? { webhookSecretCiphertext: sealText(secret, binding(scope.workspaceId, current.id), env().credentialKeys) }
        : {}),
      updatedAt: sql`now()`,
    })
    .where(and(eq(vendors.id, current.id), eq(vendors.workspaceId, scope.workspaceId)))
    .returning();
  return { vendor: toVendorSummary(row!), webhookSecret: secret };
}

/** Replaces a vendor's webhook signing secret; the new one is returned once. Errors: NOT_FOUND. */
export async function rotateWebhookSecret(db: Db, scope: { workspaceId: string; vendorId: string }): Promise<string> {
  const current = await getVendorRow(db, scope);
  const secret = generateWebhookSecret();
  await db
    .update(vendors)
    .set({
      webhookSecretCiphertext: sealText(secret, binding(scope.workspaceId, current.id), env().credentialKeys),
      updatedAt: sql`now()`,
    })
    .where(eq(vendors.id, current.id));
  return secret;
}

/** Archives (or restores) a vendor: routing rules naming it stop matching; its requests stay. */
export async function setVendorArchived(
  db: Db,
  scope: { workspaceId: string; vendorId: string },
  archived: boolean,
): Promise<VendorSummary> {
  const current = await getVendorRow(db, scope);
  const [row] = await db
    .update(vendors)
    .set({ archivedAt: archived ? (current.archivedAt ?? new Date()) : null, updatedAt: sql`now()` })
    .where(eq(vendors.id, current.id))
    .returning();
  return toVendorSummary(row!);
}

/** The workspace's vendors by name (archived ones too, marked). */
export async function listVendors(db: Db, workspaceId: string): Promise<VendorSummary[]> {
  const rows = await db.select().from(vendors).where(eq(vendors.workspaceId, workspaceId)).orderBy(asc(vendors.name));
  return rows.map(toVendorSummary);
}

/** Active vendors as id → name: what routing may send to. */
export async function activeVendorNames(db: Db, workspaceId: string): Promise<Map<string, string>> {
  const rows = await db
    .select({ id: vendors.id, name: vendors.name })
    .from(vendors)
    .where(and(eq(vendors.workspaceId, workspaceId), isNull(vendors.archivedAt)));
  return new Map(rows.map((r) => [r.id, r.name]));
}

/** One vendor row of the workspace. Errors: NOT_FOUND. */
export async function getVendorRow(db: Db, scope: { workspaceId: string; vendorId: string }): Promise<Vendor> {
  const [row] = await db
    .select()
    .from(vendors)
    .where(and(eq(vendors.id, scope.vendorId), eq(vendors.workspaceId, scope.workspaceId)));
  if (!row) throw notFound("That vendor");
  return row;
}

/** The vendor column sealed with CREDENTIALS_KEYS, for key rotation (lib/crypto/key-rotation.ts). */
export const vendorSecrets: SealedTable = sealedTable(vendors, [
  {
    property: "webhookSecretCiphertext",
    open: (payload, owner, keys) => openText(payload, binding(owner.workspaceId, owner.id), keys, "webhook secret"),
    seal: (plaintext, owner, keys) => sealText(plaintext, binding(owner.workspaceId, owner.id), keys),
  },
]);

/** The vendor's webhook secret in clear, for signing only (never logged or sent to a browser). */
export function openWebhookSecret(row: Vendor): string {
  if (!row.webhookSecretCiphertext)
    throw new AppError("CONFLICT", `Vendor ${row.name} has no webhook secret; edit the vendor to create one.`);
  return openText(
    row.webhookSecretCiphertext,
    binding(row.workspaceId, row.id),
    env().credentialKeys,
    "webhook secret",
  );
}
