"use server";

/**
 * Sign-up, sign-in, sign-out and password change. The throttle and the bound on password checks
 * live in the credentials provider (lib/server/auth.ts → lib/accounts/sign-in.ts), so these only
 * turn its outcome into words.
 */
import { after } from "next/server";
import { getDb } from "@/db/index";
import { changePassword, signUp } from "@/lib/accounts/accounts";
import { safeCallbackPath } from "@/lib/accounts/callback-url";
import { sendVerificationEmailQuietly } from "@/lib/accounts/email-verification";
import { changePasswordSchema, signInSchema, signUpSchema } from "@/lib/accounts/schemas";
import { credentialsFailure, signIn, signOut } from "../auth";
import { type ActionResult, authedAction, fieldErrorsOf, toSafeError } from "../handle";

const WRONG_CREDENTIALS = "That email and password don't match an account. Check them and try again.";

type SignInResult = { ok: true } | { ok: false; code: "UNAUTHENTICATED" | "RATE_LIMITED"; error: string };

async function signInWithPassword(email: string, password: string): Promise<SignInResult> {
  try {
    await signIn("credentials", { email, password, redirect: false });
    return { ok: true };
  } catch (error) {
    const failure = credentialsFailure(error);
    if (!failure) throw error;
    if (failure.code === "rate_limited") {
      const wait = failure.retryAfterMinutes ?? 15;
      return {
        ok: false,
        code: "RATE_LIMITED",
        error: `Too many failed sign-in attempts. Try again in ${wait} minute${wait === 1 ? "" : "s"}.`,
      };
    }
    if (failure.code === "busy") {
      return { ok: false, code: "RATE_LIMITED", error: "Sign-in is busy right now. Try again in a few seconds." };
    }
    return { ok: false, code: "UNAUTHENTICATED", error: WRONG_CREDENTIALS };
  }
}

/** `callbackUrl`: the page the visitor asked for; kept only when it is a path on this site (safeCallbackPath). */
export async function signInAction(
  input: unknown,
  callbackUrl?: unknown,
): Promise<ActionResult<{ redirectTo: string }>> {
  const parsed = signInSchema.safeParse(input);
  if (!parsed.success)
    return {
      ok: false,
      code: "VALIDATION",
      error: "Some fields need attention.",
      fieldErrors: fieldErrorsOf(parsed.error),
    };
  try {
    const result = await signInWithPassword(parsed.data.email, parsed.data.password);
    if (!result.ok) return result;
    return { ok: true, data: { redirectTo: safeCallbackPath(callbackUrl) } };
  } catch (error) {
    return toSafeError(error, "signIn");
  }
}

export async function signUpAction(input: unknown): Promise<ActionResult<{ redirectTo: string }>> {
  const parsed = signUpSchema.safeParse(input);
  if (!parsed.success)
    return {
      ok: false,
      code: "VALIDATION",
      error: "Some fields need attention.",
      fieldErrors: fieldErrorsOf(parsed.error),
    };
  try {
    const db = await getDb();
    const user = await signUp(db, parsed.data);
    // The verification link goes out after the answer; it never holds up or fails the sign-up.
    after(() => sendVerificationEmailQuietly(db, user.id));
    if (!(await signInWithPassword(parsed.data.email, parsed.data.password)).ok) {
      return { ok: false, code: "INTERNAL", error: "Your account was created, but signing in failed. Try signing in." };
    }
    return { ok: true, data: { redirectTo: "/channels" } };
  } catch (error) {
    return toSafeError(error, "signUp");
  }
}

export async function oauthSignInAction(provider: "github" | "google", callbackUrl?: string): Promise<void> {
  await signIn(provider, { redirectTo: safeCallbackPath(callbackUrl) });
}

/** Ends this session on the server too (Auth.js's signOut event deletes its row), then clears the cookie. */
export async function signOutAction(): Promise<void> {
  await signOut({ redirectTo: "/sign-in" });
}

/** Changes the password and signs out every other session of the user; this one stays signed in. */
export const changePasswordAction = authedAction("account.self", changePasswordSchema, async (input, session) => {
  return changePassword(await getDb(), session.userId, input, session.sessionId || null);
});
