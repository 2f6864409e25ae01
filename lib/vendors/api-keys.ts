/**
 * Vendors' API keys: `cdv_<8-char id>_<secret>`, only the sha256 stored (like the workspace keys
 * of lib/shipments/api-keys.ts, whose hash it shares). A vendor key is scoped to its vendor: it
 * reads that vendor's requests, answers their lines and posts shipments for them, nothing else.
 */

import { randomBytes, timingSafeEqual } from "node:crypto";
import { and, desc, eq, isNull } from "drizzle-orm";
import type { Db } from "@/db/client";
import { vendorApiKeys, vendors } from "@/db/schema/vendors";
import { AppError, notFound } from "@/lib/errors";
import { hashApiKey } from "@/lib/shipments/api-keys";

const KEY_PATTERN = /^cdv_([A-Za-z0-9]{8})_([A-Za-z0-9_-]{32,64})$/;
const ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";

/** True when an Authorization header carries a vendor key (so the shipments API hands it here). */
export function isVendorKeyHeader(authorization: string | null | undefined): boolean {
  return /^Bearer\s+cdv_/i.test(authorization ?? "");
}

export interface VendorKeySummary {
  id: string;
  vendorId: string;
  name: string;
  prefix: string;
  createdAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
}

export interface VerifiedVendorKey {
  keyId: string;
  workspaceId: string;
  vendorId: string;
  vendorName: string;
}

function randomId(length: number): string {
  const bytes = randomBytes(length);
  let out = "";
  for (let i = 0; i < length; i++) out += ALPHABET[bytes[i]! % ALPHABET.length];
  return out;
}

const toSummary = (row: typeof vendorApiKeys.$inferSelect): VendorKeySummary => ({
  id: row.id,
  vendorId: row.vendorId,
  name: row.name,
  prefix: row.prefix,
  createdAt: row.createdAt,
  lastUsedAt: row.lastUsedAt,
  revokedAt: row.revokedAt,
});

/** Creates a key for a vendor of the workspace; the key is returned once. Errors: NOT_FOUND. */
export async function createVendorApiKey(
  db: Db,
  input: { workspaceId: string; vendorId: string; name: string },
): Promise<{ key: string; summary: VendorKeySummary }> {
  const [vendor] = await db
    .select({ id: vendors.id })
    .from(vendors)
    .where(and(eq(vendors.id, input.vendorId), eq(vendors.workspaceId, input.workspaceId)));
  if (!vendor) throw notFound("That vendor");
  for (let attempt = 0; attempt < 5; attempt++) {
    const prefix = `cdv_${randomId(8)}`;
    const key = `${prefix}_${randomBytes(32).toString("base64url")}`;
    const [row] = await db
      .insert(vendorApiKeys)
      .values({
        workspaceId: input.workspaceId,
        vendorId: vendor.id,
        name: input.name.trim() || "Vendor key",
        prefix,
        hash: hashApiKey(key),
      })
      .onConflictDoNothing()
      .returning();
    if (row) return { key, summary: toSummary(row) };
  }
  throw new AppError("INTERNAL", "Could not create a unique key; try again.");
}

export async function listVendorApiKeys(
  db: Db,
  scope: { workspaceId: string; vendorId: string },
): Promise<VendorKeySummary[]> {
  const rows = await db
    .select()
    .from(vendorApiKeys)
    .where(and(eq(vendorApiKeys.workspaceId, scope.workspaceId), eq(vendorApiKeys.vendorId, scope.vendorId)))
    .orderBy(desc(vendorApiKeys.createdAt));
  return rows.map(toSummary);
}

/** Revokes a vendor key at once. Errors: NOT_FOUND. */
export async function revokeVendorApiKey(
  db: Db,
  scope: { workspaceId: string; id: string },
  now = new Date(),
): Promise<void> {
  const [row] = await db
    .select({ id: vendorApiKeys.id })
    .from(vendorApiKeys)
    .where(and(eq(vendorApiKeys.id, scope.id), eq(vendorApiKeys.workspaceId, scope.workspaceId)));
  if (!row) throw notFound("That key");
  await db
    .update(vendorApiKeys)
    .set({ revokedAt: now })
    .where(and(eq(vendorApiKeys.id, row.id), isNull(vendorApiKeys.revokedAt)));
}

/**
 * The vendor key of an `Authorization: Bearer cdv_…` header. Errors: UNAUTHENTICATED (401) for a
 * missing, malformed, unknown or revoked key, or a key of an archived vendor.
 */
export async function verifyVendorApiKey(
  db: Db,
  authorization: string | null | undefined,
  now = new Date(),
): Promise<VerifiedVendorKey> {
  const unauthenticated = new AppError(
    "UNAUTHENTICATED",
    "Send a valid vendor API key as `Authorization: Bearer cdv_…` (the merchant creates it on its Vendors page).",
  );
  const key = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? "")?.[1];
  const parts = key ? KEY_PATTERN.exec(key) : null;
  if (!key || !parts) throw unauthenticated;
  const [row] = await db
    .select({
      id: vendorApiKeys.id,
      workspaceId: vendorApiKeys.workspaceId,
      vendorId: vendorApiKeys.vendorId,
      hash: vendorApiKeys.hash,
      revokedAt: vendorApiKeys.revokedAt,
      lastUsedAt: vendorApiKeys.lastUsedAt,
      vendorName: vendors.name,
      archivedAt: vendors.archivedAt,
    })
    .from(vendorApiKeys)
    .innerJoin(vendors, eq(vendors.id, vendorApiKeys.vendorId))
    .where(eq(vendorApiKeys.prefix, `cdv_${parts[1]}`));
  // Hash and compare even when no row matched, so a miss takes as long as a wrong secret.
  const same = timingSafeEqual(Buffer.from(row?.hash ?? "0".repeat(64), "hex"), Buffer.from(hashApiKey(key), "hex"));
  if (!row || !same || row.revokedAt || row.archivedAt) throw unauthenticated;
  if (!row.lastUsedAt || now.getTime() - row.lastUsedAt.getTime() > 60_000) {
    await db.update(vendorApiKeys).set({ lastUsedAt: now }).where(eq(vendorApiKeys.id, row.id));
  }
  return { keyId: row.id, workspaceId: row.workspaceId, vendorId: row.vendorId, vendorName: row.vendorName };
}
