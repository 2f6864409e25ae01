/**
 * Email verification (issue 17): sign-up mails a link; opening it and confirming marks the
 * address verified (db/schema/account-tokens.ts emailVerifications). It never blocks sign-in:
 * the app shows a banner asking to verify until it is done. The mark belongs to the address,
 * so changing the email makes the account unverified again. Accounts without a password sign
 * in through GitHub or Google, whose address the provider vouches for: they count as verified.
 */
import { and, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { emailVerifications } from "@/db/schema/account-tokens";
import { users } from "@/db/schema/accounts";
import { absoluteUrl } from "@/lib/email/app-url";
import { sendEmail } from "@/lib/email/send";
import { AppError } from "@/lib/errors";
import { createLogger, type Logger } from "@/lib/log";
import { consumeAccountToken, countTokensSince, issueAccountToken } from "./account-tokens";

const defaultLog = createLogger("email-verification");

export const VERIFY_LINK_TTL_MS = 48 * 60 * 60 * 1000;
/** At most this many verification mails per account per hour (sign-up's plus "Send again"). */
export const VERIFY_MAILS_PER_HOUR = 3;

/** Records that the account receives mail at `email` (idempotent). */
export async function markEmailVerified(db: Db, userId: string, email: string, now = new Date()): Promise<void> {
  await db.insert(emailVerifications).values({ userId, email, verifiedAt: now }).onConflictDoNothing();
}

/** Whether the account's current address is verified (a password-less OAuth account always is). */
export async function isEmailVerified(db: Db, userId: string): Promise<boolean> {
  const [row] = await db
    .select({ hasPassword: users.passwordHash, verifiedAt: emailVerifications.verifiedAt })
    .from(users)
    .leftJoin(
      emailVerifications,
      and(eq(emailVerifications.userId, users.id), eq(emailVerifications.email, users.email)),
    )
    .where(eq(users.id, userId))
    .limit(1);
  if (!row) return false;
  return !row.hasPassword || row.verifiedAt !== null;
}

/**
 * Mails the account a verification link for its current address. Returns "sent", "verified"
 * (nothing to do) or "limited" (VERIFY_MAILS_PER_HOUR reached). Errors: AppError UPSTREAM when
 * the SMTP server refuses (sendEmail), NOT_FOUND for an unknown user.
 */
export async function sendVerificationEmail(
  db: Db,
  userId: string,
  options: { now?: Date } = {},
): Promise<"sent" | "verified" | "limited"> {
  const now = options.now ?? new Date();
  const [user] = await db.select({ email: users.email }).from(users).where(eq(users.id, userId)).limit(1);
  if (!user) throw new AppError("NOT_FOUND", "That account was not found.");
  if (await isEmailVerified(db, userId)) return "verified";
  const recent = await countTokensSince(db, userId, "verify-email", new Date(now.getTime() - 60 * 60 * 1000));
  if (recent >= VERIFY_MAILS_PER_HOUR) return "limited";
  const token = await issueAccountToken(db, {
    userId,
    email: user.email,
    purpose: "verify-email",
    now,
    ttlMs: VERIFY_LINK_TTL_MS,
  });
  const link = absoluteUrl(`/verify-email?token=${token}`);
  await sendEmail(db, {
    to: user.email,
    subject: "Confirm your email for Conduit",
    text: [
      "Welcome to Conduit. Confirm that this address is yours, so Conduit can send you password resets and alerts:",
      "",
      link,
      "",
      "The link works for 48 hours. If you did not create a Conduit account, ignore this mail.",
    ].join("\n"),
  });
  return "sent";
}

/** sendVerificationEmail for after sign-up: a mail that cannot go out is logged, never thrown. */
export async function sendVerificationEmailQuietly(db: Db, userId: string, log: Logger = defaultLog): Promise<void> {
  try {
    await sendVerificationEmail(db, userId);
  } catch (error) {
    log.warn("verification mail not sent", { userId, error: (error as Error).message });
  }
}

/**
 * Uses a verification link. Errors: AppError BAD_REQUEST when it is unknown, used, expired, or
 * was mailed to an address the account no longer has.
 */
export async function verifyEmail(db: Db, token: string, options: { now?: Date } = {}): Promise<{ email: string }> {
  const now = options.now ?? new Date();
  return db.transaction(async (tx) => {
    const used = await consumeAccountToken(tx, token, "verify-email", now);
    const gone = new AppError(
      "BAD_REQUEST",
      "This verification link has expired or was already used. Sign in and choose “Send the link again”.",
    );
    if (!used) throw gone;
    const [user] = await tx.select({ email: users.email }).from(users).where(eq(users.id, used.userId)).limit(1);
    if (!user || user.email !== used.email) throw gone;
    await markEmailVerified(tx, used.userId, used.email, now);
    return { email: used.email };
  });
}
