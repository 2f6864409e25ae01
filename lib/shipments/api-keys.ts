/**
 * Workspace API keys for warehouses and 3PLs. A key is `cdt_<8-char id>_<secret>`; only its
 * sha256 is stored. The id part finds the row, then the hashes are compared in constant time, so
 * neither a database index nor string comparison leaks how much of a guess was right.
 */

import { createHash, randomBytes, timingSafeEqual } from "node:crypto";
import { and, desc, eq, isNull } from "drizzle-orm";
import type { Db } from "@/db/client";
import { apiKeys } from "@/db/schema/shipments";
import { AppError, notFound } from "@/lib/errors";

const KEY_PATTERN = /^cdt_([A-Za-z0-9]{8})_([A-Za-z0-9_-]{32,64})$/;
const ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";

export interface ApiKeySummary {
  id: string;
  name: string;
  prefix: string;
  createdAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
}

export interface VerifiedApiKey {
  keyId: string;
  workspaceId: string;
}

export function hashApiKey(key: string): string {
  return createHash("sha256").update(key).digest("hex");
}

function randomId(length: number): string {
  const bytes = randomBytes(length);
  let out = "";
  for (let i = 0; i < length; i++) out += ALPHABET[bytes[i]! % ALPHABET.length];
  return out;
}

/** Creates a key and returns its secret: the only time anyone sees it. */
export async function createApiKey(
  db: Db,
  input: { workspaceId: string; name: string; userId?: string | null },
): Promise<{ key: string; summary: ApiKeySummary }> {
  for (let attempt = 0; attempt < 5; attempt++) {
    const prefix = `cdt_${randomId(8)}`;
    const key = `${prefix}_${randomBytes(32).toString("base64url")}`;
    const [row] = await db
      .insert(apiKeys)
      .values({
        workspaceId: input.workspaceId,
        name: input.name.trim(),
        prefix,
        hash: hashApiKey(key),
        createdByUserId: input.userId ?? null,
      })
      .onConflictDoNothing()
      .returning();
    if (row) return { key, summary: toSummary(row) };
  }
  throw new AppError("INTERNAL", "Could not create a unique key; try again.");
}

export async function listApiKeys(db: Db, workspaceId: string): Promise<ApiKeySummary[]> {
  const rows = await db
    .select()
    .from(apiKeys)
    .where(eq(apiKeys.workspaceId, workspaceId))
    .orderBy(desc(apiKeys.createdAt));
  return rows.map(toSummary);
}

/** Revokes at once; requests with the key get 401 from then on. */
export async function revokeApiKey(
  db: Db,
  scope: { workspaceId: string; id: string },
  now = new Date(),
): Promise<ApiKeySummary> {
  const [row] = await db
    .update(apiKeys)
    .set({ revokedAt: now })
    .where(and(eq(apiKeys.id, scope.id), eq(apiKeys.workspaceId, scope.workspaceId), isNull(apiKeys.revokedAt)))
    .returning();
  if (row) return toSummary(row);
  const [existing] = await db
    .select()
    .from(apiKeys)
    .where(and(eq(apiKeys.id, scope.id), eq(apiKeys.workspaceId, scope.workspaceId)));
  if (!existing) throw notFound("That API key");
  return toSummary(existing);
}

/** The `Authorization: Bearer <key>` header's key, or UNAUTHENTICATED (401). */
export async function verifyApiKey(
  db: Db,
  authorization: string | null | undefined,
  now = new Date(),
): Promise<VerifiedApiKey> {
  const unauthenticated = new AppError(
    "UNAUTHENTICATED",
    "Send a valid API key as `Authorization: Bearer <key>` (Settings > API keys).",
  );
  const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? "");
  const key = match?.[1];
  const parts = key ? KEY_PATTERN.exec(key) : null;
  if (!key || !parts) throw unauthenticated;
  const [row] = await db
    .select({
      id: apiKeys.id,
      workspaceId: apiKeys.workspaceId,
      hash: apiKeys.hash,
      revokedAt: apiKeys.revokedAt,
      lastUsedAt: apiKeys.lastUsedAt,
    })
    .from(apiKeys)
    .where(eq(apiKeys.prefix, `cdt_${parts[1]}`));
  // Hash and compare even when no row matched, so a miss takes as long as a wrong secret.
  const expected = Buffer.from(row?.hash ?? "0".repeat(64), "hex");
  const actual = Buffer.from(hashApiKey(key), "hex");
  const same = timingSafeEqual(expected, actual);
  if (!row || !same || row.revokedAt) throw unauthenticated;
  // Recording every use would write on every request; a minute's precision is plenty.
  if (!row.lastUsedAt || now.getTime() - row.lastUsedAt.getTime() > 60_000) {
    await db.update(apiKeys).set({ lastUsedAt: now }).where(eq(apiKeys.id, row.id));
  }
  return { keyId: row.id, workspaceId: row.workspaceId };
}

function toSummary(row: typeof apiKeys.$inferSelect): ApiKeySummary {
  return {
    id: row.id,
    name: row.name,
    prefix: row.prefix,
    createdAt: row.createdAt,
    lastUsedAt: row.lastUsedAt,
    revokedAt: row.revokedAt,
  };
}
