/**
 * The sign-in throttle, counted in the database so every process and every way in (the sign-in
 * form, Auth.js's `/api/auth/callback/credentials`) shares it.
 *
 * An attempt reserves its slot BEFORE the password is checked, in one atomic upsert per key
 * (INSERT … ON CONFLICT DO UPDATE … RETURNING: Postgres serialises concurrent upserts of a row),
 * so N parallel guesses get the counts 1…N and at most the limit of them reach a password check.
 * A wrong password keeps its slot; a right one clears the account's count and gives the IP's slot
 * back; an attempt refused or never checked (server busy) gives its slots back.
 *
 * Limits, per fixed window of 15 minutes from the first counted attempt:
 *  - per account (email): 10. Past it the account waits for the window to end (the backoff; the
 *    message says how many minutes), whatever the IP; a correct password then works again.
 *  - per IP: 100, ten times the account's, so colleagues behind one office address are not locked
 *    out by each other's typos, while one address still cannot spray guesses over many accounts.
 */
import { and, eq, inArray, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { signInThrottle } from "@/db/schema/accounts";

export const ACCOUNT_LIMIT = 10;
export const IP_LIMIT = 100;
export const THROTTLE_WINDOW_MS = 15 * 60 * 1000;
/** Kept for callers that speak of "the" limit: the per-account one. */
export const THROTTLE_LIMIT = ACCOUNT_LIMIT;

export interface SignInKeys {
  /** "email:<lower-cased email>" */
  account: string;
  /** "ip:<address>", absent when the address is unknown. */
  ip?: string;
}

export function throttleKeys(email: string, ip: string | undefined): SignInKeys {
  return { account: `email:${email.trim().toLowerCase()}`, ip: ip ? `ip:${ip}` : undefined };
}

export interface SignInReservation {
  keys: SignInKeys;
  /** Whether the password may be checked. */
  allowed: boolean;
  /** This attempt's number in the account's window (1 = first), and in the IP's (null: no IP). */
  accountAttempts: number;
  ipAttempts: number | null;
  /** When refused: whole minutes until the blocking window ends (at least 1); otherwise 0. */
  retryAfterMinutes: number;
  /** Which limit refused it, when refused. */
  limitedBy: "account" | "ip" | null;
  windowStarts: Record<string, Date>;
}

/** Reserves one attempt on the account and IP keys (one atomic statement); see the module comment. */
export async function reserveSignInAttempt(db: Db, keys: SignInKeys, now: Date): Promise<SignInReservation> {
  const expired = sql`${signInThrottle.windowStartedAt} < ${new Date(now.getTime() - THROTTLE_WINDOW_MS).toISOString()}::timestamptz`;
  const list = keys.ip ? [keys.account, keys.ip] : [keys.account];
  const rows = await db
    .insert(signInThrottle)
    .values(list.map((key) => ({ key, failures: 1, windowStartedAt: now })))
    .onConflictDoUpdate({
      target: signInThrottle.key,
      set: {
        // A window that has run out starts again at 1; otherwise count up.
        failures: sql`case when ${expired} then 1 else ${signInThrottle.failures} + 1 end`,
        windowStartedAt: sql`case when ${expired} then ${now.toISOString()}::timestamptz else ${signInThrottle.windowStartedAt} end`,
      },
    })
    .returning();
  const byKey = new Map(rows.map((row) => [row.key, row]));
  const account = byKey.get(keys.account)!;
  const ip = keys.ip ? byKey.get(keys.ip) : undefined;
  const waitMs = (row: { windowStartedAt: Date }) => row.windowStartedAt.getTime() + THROTTLE_WINDOW_MS - now.getTime();
  let limitedBy: SignInReservation["limitedBy"] = null;
  let wait = 0;
  if (account.failures > ACCOUNT_LIMIT) {
    limitedBy = "account";
    wait = waitMs(account);
  }
  if (ip && ip.failures > IP_LIMIT && waitMs(ip) > wait) {
    limitedBy = "ip";
    wait = waitMs(ip);
  }
  return {
    keys,
    allowed: limitedBy === null,
    accountAttempts: account.failures,
    ipAttempts: ip?.failures ?? null,
    retryAfterMinutes: limitedBy ? Math.max(1, Math.ceil(wait / 60_000)) : 0,
    limitedBy,
    windowStarts: Object.fromEntries(rows.map((row) => [row.key, row.windowStartedAt])),
  };
}

/** Gives back the reservation's slots (an attempt refused or never checked); a new window is left alone. */
export async function releaseSignInAttempt(db: Db, reservation: SignInReservation): Promise<void> {
  const list = reservation.keys.ip ? [reservation.keys.account, reservation.keys.ip] : [reservation.keys.account];
  for (const key of list) await giveBack(db, key, reservation.windowStarts[key]);
}

/** A right password: the account's count starts over, and the IP's slot is given back. */
export async function recordSignInSuccess(db: Db, reservation: SignInReservation): Promise<void> {
  await db.delete(signInThrottle).where(eq(signInThrottle.key, reservation.keys.account));
  if (reservation.keys.ip) await giveBack(db, reservation.keys.ip, reservation.windowStarts[reservation.keys.ip]);
}

async function giveBack(db: Db, key: string, windowStartedAt: Date | undefined): Promise<void> {
  if (!windowStartedAt) return;
  await db
    .update(signInThrottle)
    .set({ failures: sql`greatest(${signInThrottle.failures} - 1, 0)` })
    .where(and(eq(signInThrottle.key, key), eq(signInThrottle.windowStartedAt, windowStartedAt)));
}

/** The counts as they stand (for tests and diagnostics). */
export async function readThrottle(db: Db, keys: SignInKeys): Promise<Record<string, number>> {
  const list = keys.ip ? [keys.account, keys.ip] : [keys.account];
  const rows = await db.select().from(signInThrottle).where(inArray(signInThrottle.key, list));
  return Object.fromEntries(rows.map((row) => [row.key, row.failures]));
}
