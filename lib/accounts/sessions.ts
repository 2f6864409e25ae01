/**
 * Server-side sessions: the row behind each session cookie. The cookie is a signed JWT that
 * carries the row's id (`sid`); a request is signed in only while that row exists and has not
 * expired, so signing out, or changing the password, takes effect on every copy of the token.
 */
import { and, eq, gt, lt, ne } from "drizzle-orm";
import type { Db } from "@/db/client";
import { userSessions } from "@/db/schema/accounts";

/** Starts a session for the user (and clears the user's expired ones); returns its id. */
export async function startSession(db: Db, userId: string, options: { now?: Date; maxAgeMs: number }): Promise<string> {
  const now = options.now ?? new Date();
  await db.delete(userSessions).where(and(eq(userSessions.userId, userId), lt(userSessions.expiresAt, now)));
  const [row] = await db
    .insert(userSessions)
    .values({ userId, createdAt: now, expiresAt: new Date(now.getTime() + options.maxAgeMs) })
    .returning({ id: userSessions.id });
  return row!.id;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Whether the session exists, belongs to the user and has not expired (a malformed id is not). */
export async function isSessionActive(db: Db, sessionId: unknown, userId: unknown, now = new Date()): Promise<boolean> {
  if (typeof sessionId !== "string" || typeof userId !== "string" || !UUID.test(sessionId) || !UUID.test(userId)) {
    return false;
  }
  const [row] = await db
    .select({ id: userSessions.id })
    .from(userSessions)
    .where(and(eq(userSessions.id, sessionId), eq(userSessions.userId, userId), gt(userSessions.expiresAt, now)))
    .limit(1);
  return Boolean(row);
}

/** Signing out: the session's row goes, and with it every copy of its token. */
export async function endSession(db: Db, sessionId: unknown): Promise<void> {
  if (typeof sessionId !== "string" || !UUID.test(sessionId)) return;
  await db.delete(userSessions).where(eq(userSessions.id, sessionId));
}

/** Ends every session of the user except `keep` (after a password change); returns how many ended. */
export async function endOtherSessions(db: Db, userId: string, keep: string | null): Promise<number> {
  const rows = await db
    .delete(userSessions)
    .where(keep ? and(eq(userSessions.userId, userId), ne(userSessions.id, keep)) : eq(userSessions.userId, userId))
    .returning({ id: userSessions.id });
  return rows.length;
}
