import { eq, inArray, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { signInThrottle } from "@/db/schema/accounts";

/** 10 failed sign-ins per 15 minutes, counted per email and per IP separately. */
export const THROTTLE_LIMIT = 10;
export const THROTTLE_WINDOW_MS = 15 * 60 * 1000;

export function throttleKeys(email: string, ip: string | undefined): string[] {
  return ip ? [`email:${email}`, `ip:${ip}`] : [`email:${email}`];
}

/** Minutes until sign-in is allowed again, or 0 when it is allowed now. */
export async function minutesUntilAllowed(db: Db, keys: string[], now: Date): Promise<number> {
  const rows = await db.select().from(signInThrottle).where(inArray(signInThrottle.key, keys));
  let waitMs = 0;
  for (const row of rows) {
    const endsAt = row.windowStartedAt.getTime() + THROTTLE_WINDOW_MS;
    if (row.failures >= THROTTLE_LIMIT && endsAt > now.getTime()) waitMs = Math.max(waitMs, endsAt - now.getTime());
  }
  return Math.ceil(waitMs / 60_000);
}

export async function recordFailedSignIn(db: Db, keys: string[], now: Date): Promise<void> {
  const windowStart = new Date(now.getTime() - THROTTLE_WINDOW_MS);
  for (const key of keys) {
    // A window that has run out starts again at 1; otherwise count up.
    await db
      .insert(signInThrottle)
      .values({ key, failures: 1, windowStartedAt: now })
      .onConflictDoUpdate({
        target: signInThrottle.key,
        set: {
          failures: sql`case when ${signInThrottle.windowStartedAt} < ${windowStart.toISOString()}::timestamptz then 1 else ${signInThrottle.failures} + 1 end`,
          windowStartedAt: sql`case when ${signInThrottle.windowStartedAt} < ${windowStart.toISOString()}::timestamptz then ${now.toISOString()}::timestamptz else ${signInThrottle.windowStartedAt} end`,
        },
      });
  }
}

export async function clearFailedSignIns(db: Db, email: string): Promise<void> {
  await db.delete(signInThrottle).where(eq(signInThrottle.key, `email:${email}`));
}
