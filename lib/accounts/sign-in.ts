/**
 * The one credentials check: every password sign-in (the sign-in form's action and Auth.js's
 * `/api/auth/callback/credentials`, both through the provider's `authorize`) comes here, so the
 * throttle and the bound on bcrypt work cannot be walked around.
 */
import type { Db } from "@/db/client";
import { isAppError } from "@/lib/errors";
import type { Logger } from "@/lib/log";
import { type SessionUser, verifyCredentials } from "./accounts";
import { PasswordWorkBusy } from "./password-work";
import {
  ACCOUNT_LIMIT,
  IP_LIMIT,
  recordSignInSuccess,
  releaseSignInAttempt,
  reserveSignInAttempt,
  throttleKeys,
} from "./throttle";

export type SignInOutcome =
  | { ok: true; user: SessionUser }
  /** Wrong email or password (the same answer for both). */
  | { ok: false; reason: "wrong" }
  /** Too many attempts: try again in this many minutes. */
  | { ok: false; reason: "throttled"; retryAfterMinutes: number }
  /** Too many checks in flight on this server: try again in a few seconds. */
  | { ok: false; reason: "busy" };

/**
 * Checks an email and password under the throttle (lib/accounts/throttle.ts). Failed and refused
 * attempts are logged at info with the throttle state (never the password).
 */
export async function checkSignIn(
  db: Db,
  input: { email: string; password: string; ip: string | undefined },
  deps: { now?: Date; log: Logger },
): Promise<SignInOutcome> {
  const now = deps.now ?? new Date();
  const email = input.email.trim().toLowerCase();
  const reservation = await reserveSignInAttempt(db, throttleKeys(email, input.ip), now);
  const state = {
    email,
    ip: input.ip ?? null,
    accountAttempts: reservation.accountAttempts,
    accountLimit: ACCOUNT_LIMIT,
    ipAttempts: reservation.ipAttempts,
    ipLimit: IP_LIMIT,
  };
  if (!reservation.allowed) {
    await releaseSignInAttempt(db, reservation);
    deps.log.info("sign-in refused: throttled", {
      ...state,
      limitedBy: reservation.limitedBy,
      retryAfterMinutes: reservation.retryAfterMinutes,
    });
    return { ok: false, reason: "throttled", retryAfterMinutes: reservation.retryAfterMinutes };
  }
  let user: SessionUser | null;
  try {
    user = await verifyCredentials(db, email, input.password);
  } catch (error) {
    await releaseSignInAttempt(db, reservation);
    if (isAppError(error) && error instanceof PasswordWorkBusy) {
      deps.log.info("sign-in refused: password checks busy", state);
      return { ok: false, reason: "busy" };
    }
    throw error;
  }
  if (!user) {
    deps.log.info("sign-in failed: wrong email or password", {
      ...state,
      locked: reservation.accountAttempts >= ACCOUNT_LIMIT,
    });
    return { ok: false, reason: "wrong" };
  }
  await recordSignInSuccess(db, reservation);
  return { ok: true, user };
}
