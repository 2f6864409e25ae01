"use server";

/**
 * "Forgot password?", the reset form, email verification and "Send the link again". The first
 * three are used signed out (the link is the proof), so they are public like sign-in; the last
 * one needs a session and acts on the signed-in account only ("account.self").
 */
import { after } from "next/server";
import { z } from "zod";
import { getDb } from "@/db/index";
import { sendVerificationEmail, verifyEmail } from "@/lib/accounts/email-verification";
import { RESET_REQUESTED_MESSAGE, requestPasswordReset, resetPassword } from "@/lib/accounts/password-reset";
import { forgotPasswordSchema, resetPasswordSchema, verifyEmailSchema } from "@/lib/accounts/recovery-schemas";
import { type ActionResult, authedAction, fieldErrorsOf, toSafeError } from "../handle";

function invalid(error: z.ZodError): Extract<ActionResult<never>, { ok: false }> {
  return { ok: false, code: "VALIDATION", error: "Some fields need attention.", fieldErrors: fieldErrorsOf(error) };
}

/** Public. The same answer for every well-formed address; the mail goes out after the answer. */
export async function forgotPasswordAction(input: unknown): Promise<ActionResult<{ message: string }>> {
  const parsed = forgotPasswordSchema.safeParse(input);
  if (!parsed.success) return invalid(parsed.error);
  try {
    await requestPasswordReset(await getDb(), parsed.data.email, { schedule: (task) => after(task) });
    return { ok: true, data: { message: RESET_REQUESTED_MESSAGE } };
  } catch (error) {
    return toSafeError(error, "forgotPassword");
  }
}

/** Public: the token from the mail is the proof. Every session of the account ends. */
export async function resetPasswordAction(input: unknown): Promise<ActionResult<{ redirectTo: string }>> {
  const parsed = resetPasswordSchema.safeParse(input);
  if (!parsed.success) return invalid(parsed.error);
  try {
    await resetPassword(await getDb(), { token: parsed.data.token, newPassword: parsed.data.newPassword });
    return { ok: true, data: { redirectTo: "/sign-in?reset=done" } };
  } catch (error) {
    return toSafeError(error, "resetPassword");
  }
}

/** Public: marks the address the link was mailed to as verified. */
export async function verifyEmailAction(input: unknown): Promise<ActionResult<{ email: string }>> {
  const parsed = verifyEmailSchema.safeParse(input);
  if (!parsed.success) return invalid(parsed.error);
  try {
    return { ok: true, data: await verifyEmail(await getDb(), parsed.data.token) };
  } catch (error) {
    return toSafeError(error, "verifyEmail");
  }
}

/** Mails the signed-in account a new verification link (three an hour at most). */
export const resendVerificationAction = authedAction("account.self", z.object({}), async (_input, session) => {
  return { outcome: await sendVerificationEmail(await getDb(), session.userId) };
});
