"use server";

import { AuthError } from "next-auth";
import { headers } from "next/headers";
import { getDb } from "@/db/index";
import { signUp } from "@/lib/accounts/accounts";
import { signInSchema, signUpSchema } from "@/lib/accounts/schemas";
import { clearFailedSignIns, minutesUntilAllowed, recordFailedSignIn, throttleKeys } from "@/lib/accounts/throttle";
import { signIn, signOut } from "../auth";
import { type ActionResult, fieldErrorsOf, toSafeError } from "../handle";

const WRONG_CREDENTIALS = "That email and password don't match an account. Check them and try again.";

async function clientIp(): Promise<string | undefined> {
  const h = await headers();
  return h.get("x-forwarded-for")?.split(",")[0]?.trim() || h.get("x-real-ip") || undefined;
}

async function signInWithPassword(email: string, password: string): Promise<boolean> {
  try {
    await signIn("credentials", { email, password, redirect: false });
    return true;
  } catch (error) {
    if (error instanceof AuthError && error.type === "CredentialsSignin") return false;
    throw error;
  }
}

export async function signInAction(input: unknown): Promise<ActionResult<{ redirectTo: string }>> {
  const parsed = signInSchema.safeParse(input);
  if (!parsed.success) return { ok: false, code: "VALIDATION", error: "Some fields need attention.", fieldErrors: fieldErrorsOf(parsed.error) };
  try {
    const db = await getDb();
    const now = new Date();
    const keys = throttleKeys(parsed.data.email, await clientIp());
    const wait = await minutesUntilAllowed(db, keys, now);
    if (wait > 0) {
      return {
        ok: false,
        code: "RATE_LIMITED",
        error: `Too many failed sign-in attempts. Try again in ${wait} minute${wait === 1 ? "" : "s"}.`,
      };
    }
    if (!(await signInWithPassword(parsed.data.email, parsed.data.password))) {
      await recordFailedSignIn(db, keys, now);
      return { ok: false, code: "UNAUTHENTICATED", error: WRONG_CREDENTIALS };
    }
    await clearFailedSignIns(db, parsed.data.email);
    return { ok: true, data: { redirectTo: "/channels" } };
  } catch (error) {
    return toSafeError(error, "signIn");
  }
}

export async function signUpAction(input: unknown): Promise<ActionResult<{ redirectTo: string }>> {
  const parsed = signUpSchema.safeParse(input);
  if (!parsed.success) return { ok: false, code: "VALIDATION", error: "Some fields need attention.", fieldErrors: fieldErrorsOf(parsed.error) };
  try {
    await signUp(await getDb(), parsed.data);
    if (!(await signInWithPassword(parsed.data.email, parsed.data.password))) {
      return { ok: false, code: "INTERNAL", error: "Your account was created, but signing in failed. Try signing in." };
    }
    return { ok: true, data: { redirectTo: "/channels" } };
  } catch (error) {
    return toSafeError(error, "signUp");
  }
}

export async function oauthSignInAction(provider: "github" | "google"): Promise<void> {
  await signIn(provider, { redirectTo: "/channels" });
}

export async function signOutAction(): Promise<void> {
  await signOut({ redirectTo: "/sign-in" });
}
