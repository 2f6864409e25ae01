/**
 * Password reset by email link (issue 17). "Forgot password?" always gives the same answer and
 * takes about the same time, known email or not, so the form cannot tell who has an account:
 * the mail is sent after the answer (the caller's `schedule`, Next.js `after()` in the action),
 * and the answer waits out a floor (RESET_ANSWER_FLOOR_MS). A link works once, for one hour; a
 * reset ends every session of the account and every other reset link, and marks the address
 * verified (the mail reached it).
 */
import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { users } from "@/db/schema/accounts";
import { absoluteUrl } from "@/lib/email/app-url";
import { sendEmail } from "@/lib/email/send";
import { AppError } from "@/lib/errors";
import { createLogger, type Logger } from "@/lib/log";
import {
  consumeAccountToken,
  countTokensSince,
  deleteAccountTokens,
  issueAccountToken,
  peekAccountToken,
} from "./account-tokens";
import { markEmailVerified } from "./email-verification";
import { hashPassword } from "./passwords";
import { endOtherSessions } from "./sessions";

export const RESET_LINK_TTL_MS = 60 * 60 * 1000;
/** At most this many reset mails per account per hour (a form is no way to flood someone's inbox). */
export const RESET_MAILS_PER_HOUR = 3;
/** "Forgot password?" answers no sooner than this after it began, known email or not. */
export const RESET_ANSWER_FLOOR_MS = 400;

export const RESET_REQUESTED_MESSAGE =
  "If an account uses that address, we have sent it a link to choose a new password. The link works once, for one hour.";

const defaultLog = createLogger("password-reset");

export interface RequestResetOptions {
  now?: Date;
  log?: Logger;
  /** Runs the mail delivery; default: awaited here. The action passes Next.js `after()`. */
  schedule?: (task: () => Promise<void>) => void | Promise<void>;
  /** The answer's minimum duration in ms (default RESET_ANSWER_FLOOR_MS; tests may pass 0). */
  floorMs?: number;
}

/**
 * Mails a reset link when `email` (already trimmed and lower-cased by forgotPasswordSchema)
 * belongs to an account, unless it was sent RESET_MAILS_PER_HOUR already this hour. Resolves the
 * same way in every case; delivery failures are logged, never answered.
 */
export async function requestPasswordReset(db: Db, email: string, options: RequestResetOptions = {}): Promise<void> {
  const started = Date.now();
  const now = options.now ?? new Date();
  const log = options.log ?? defaultLog;
  const [user] = await db
    .select({ id: users.id, email: users.email })
    .from(users)
    .where(eq(users.email, email))
    .limit(1);
  let task: (() => Promise<void>) | undefined;
  if (user) {
    const recent = await countTokensSince(db, user.id, "password-reset", new Date(now.getTime() - RESET_LINK_TTL_MS));
    if (recent >= RESET_MAILS_PER_HOUR) {
      log.info("reset mail not sent: hourly limit reached", { userId: user.id });
    } else {
      const token = await issueAccountToken(db, {
        userId: user.id,
        email: user.email,
        purpose: "password-reset",
        now,
        ttlMs: RESET_LINK_TTL_MS,
      });
      const link = absoluteUrl(`/reset-password?token=${token}`);
      task = async () => {
        try {
          await sendEmail(db, {
            to: user.email,
            subject: "Reset your Conduit password",
            text: [
              "Someone (hopefully you) asked to reset the password of your Conduit account.",
              "",
              `Choose a new password here: ${link}`,
              "",
              "The link works once, for one hour. Resetting signs you out everywhere.",
              "If you did not ask for this, ignore this mail: your password stays as it is.",
            ].join("\n"),
          });
        } catch (error) {
          log.warn("reset mail not sent", { userId: user.id, error: (error as Error).message });
        }
      };
    }
  }
  if (task) await (options.schedule ?? ((t) => t()))(task);
  const floor = options.floorMs ?? RESET_ANSWER_FLOOR_MS;
  const left = floor - (Date.now() - started);
  if (left > 0) await new Promise((resolve) => setTimeout(resolve, left));
}

const LINK_GONE =
  "This reset link has expired or was already used. Ask for a new one from “Forgot password?” on the sign-in page.";

/** Whether the reset page should show its form (the token is unused and unexpired). */
export async function isResetTokenUsable(db: Db, token: unknown, now = new Date()): Promise<boolean> {
  return Boolean(await peekAccountToken(db, token, "password-reset", now));
}

/**
 * Sets the new password through a reset link: uses the token (once), stores the bcrypt hash,
 * ends every session of the account and every other reset link, and marks the address verified.
 * Errors: AppError BAD_REQUEST when the link is unknown, used, expired, or was mailed to an
 * address the account no longer has.
 */
export async function resetPassword(
  db: Db,
  input: { token: string; newPassword: string },
  options: { now?: Date } = {},
): Promise<{ email: string; sessionsEnded: number }> {
  const now = options.now ?? new Date();
  // Cheap check first, so a dead link does not cost a bcrypt hash.
  if (!(await peekAccountToken(db, input.token, "password-reset", now))) throw new AppError("BAD_REQUEST", LINK_GONE);
  const passwordHash = await hashPassword(input.newPassword);
  return db.transaction(async (tx) => {
    const used = await consumeAccountToken(tx, input.token, "password-reset", now);
    if (!used) throw new AppError("BAD_REQUEST", LINK_GONE);
    const [user] = await tx.select({ email: users.email }).from(users).where(eq(users.id, used.userId)).limit(1);
    if (!user || user.email !== used.email) throw new AppError("BAD_REQUEST", LINK_GONE);
    await tx.update(users).set({ passwordHash }).where(eq(users.id, used.userId));
    const sessionsEnded = await endOtherSessions(tx, used.userId, null);
    await deleteAccountTokens(tx, used.userId, "password-reset");
    await markEmailVerified(tx, used.userId, user.email, now);
    return { email: user.email, sessionsEnded };
  });
}
