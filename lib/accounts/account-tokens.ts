/**
 * One-time tokens mailed to an account (password reset, email verification). The token is 32
 * random bytes (base64url) that only the mail carries; the table keeps its SHA-256, so reading
 * the database opens no account. Using a token is one UPDATE … WHERE used_at IS NULL AND not
 * expired, so two clicks racing use it once.
 */
import crypto from "node:crypto";
import { and, count, eq, gt, isNull } from "drizzle-orm";
import type { Db } from "@/db/client";
import { accountTokens } from "@/db/schema/account-tokens";

export const ACCOUNT_TOKEN_PURPOSES = ["password-reset", "verify-email"] as const;
export type AccountTokenPurpose = (typeof ACCOUNT_TOKEN_PURPOSES)[number];

/** The stored form of a token: hex SHA-256. */
export function hashAccountToken(token: string): string {
  return crypto.createHash("sha256").update(token, "utf8").digest("hex");
}

/** A token's plausible shape (43 base64url characters); anything else is refused before the database. */
export function isTokenShaped(token: unknown): token is string {
  return typeof token === "string" && /^[A-Za-z0-9_-]{43}$/.test(token);
}

/** Stores a new token for the user and returns it (the only copy; mail it, never log it elsewhere). */
export async function issueAccountToken(
  db: Db,
  input: { userId: string; email: string; purpose: AccountTokenPurpose; now: Date; ttlMs: number },
): Promise<string> {
  const token = crypto.randomBytes(32).toString("base64url");
  await db.insert(accountTokens).values({
    tokenHash: hashAccountToken(token),
    purpose: input.purpose,
    userId: input.userId,
    email: input.email,
    createdAt: input.now,
    expiresAt: new Date(input.now.getTime() + input.ttlMs),
  });
  return token;
}

/** How many tokens of this purpose the user was sent since `since` (mail-bombing limit). */
export async function countTokensSince(db: Db, userId: string, purpose: AccountTokenPurpose, since: Date) {
  const [row] = await db
    .select({ n: count() })
    .from(accountTokens)
    .where(
      and(eq(accountTokens.userId, userId), eq(accountTokens.purpose, purpose), gt(accountTokens.createdAt, since)),
    );
  return row?.n ?? 0;
}

/** The unused, unexpired token's user and address, without using it (the page before the form). */
export async function peekAccountToken(db: Db, token: unknown, purpose: AccountTokenPurpose, now: Date) {
  if (!isTokenShaped(token)) return null;
  const [row] = await db
    .select({ userId: accountTokens.userId, email: accountTokens.email })
    .from(accountTokens)
    .where(
      and(
        eq(accountTokens.tokenHash, hashAccountToken(token)),
        eq(accountTokens.purpose, purpose),
        isNull(accountTokens.usedAt),
        gt(accountTokens.expiresAt, now),
      ),
    )
    .limit(1);
  return row ?? null;
}

/**
 * Uses the token: marks it used and returns its user and address, or null when it is unknown,
 * of another purpose, already used or expired. Run it inside the transaction that acts on it.
 */
export async function consumeAccountToken(db: Db, token: unknown, purpose: AccountTokenPurpose, now: Date) {
  if (!isTokenShaped(token)) return null;
  const [row] = await db
    .update(accountTokens)
    .set({ usedAt: now })
    .where(
      and(
        eq(accountTokens.tokenHash, hashAccountToken(token)),
        eq(accountTokens.purpose, purpose),
        isNull(accountTokens.usedAt),
        gt(accountTokens.expiresAt, now),
      ),
    )
    .returning({ userId: accountTokens.userId, email: accountTokens.email });
  return row ?? null;
}

/** Removes the user's tokens of a purpose (after a reset: every other reset link dies). */
export async function deleteAccountTokens(db: Db, userId: string, purpose: AccountTokenPurpose): Promise<void> {
  await db.delete(accountTokens).where(and(eq(accountTokens.userId, userId), eq(accountTokens.purpose, purpose)));
}
