/**
 * The account page's changes: name and email (an email change needs the current password), and
 * "sign out everywhere". The password change itself is lib/accounts/accounts.ts changePassword.
 */
import { eq } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "@/db/client";
import { isUniqueViolation } from "@/db/errors";
import { users } from "@/db/schema/accounts";
import { AppError } from "@/lib/errors";
import { burnPasswordCheck, verifyPassword } from "./passwords";
import { emailSchema } from "./schemas";
import { endOtherSessions } from "./sessions";

export const profileSchema = z.object({
  name: z.string().trim().max(100, "Keep the name to 100 characters or fewer"),
  email: emailSchema,
  /** Needed only when the email changes. */
  currentPassword: z.string().max(200, "Use at most 200 characters").optional(),
});
export type ProfileInput = z.input<typeof profileSchema>;

export interface AccountProfile {
  name: string | null;
  email: string;
  /** False for accounts that only sign in through GitHub or Google. */
  hasPassword: boolean;
}

export async function getAccountProfile(db: Db, userId: string): Promise<AccountProfile> {
  const [user] = await db
    .select({ name: users.name, email: users.email, passwordHash: users.passwordHash })
    .from(users)
    .where(eq(users.id, userId))
    .limit(1);
  if (!user) throw new AppError("NOT_FOUND", "Your account was not found. Sign in again.");
  return { name: user.name, email: user.email, hasPassword: Boolean(user.passwordHash) };
}

/**
 * Saves the user's name (blank clears it) and email. An email change needs the current password
 * and a password account (an OAuth-only account's email is its identity at GitHub or Google).
 * Errors: VALIDATION with fieldErrors.currentPassword (missing or wrong) or fieldErrors.email
 * (another account has it, or the account has no password). Returns the saved profile.
 */
export async function updateProfile(
  db: Db,
  userId: string,
  raw: ProfileInput,
): Promise<AccountProfile & { emailChanged: boolean }> {
  const input = profileSchema.parse(raw);
  const [user] = await db.select().from(users).where(eq(users.id, userId)).limit(1);
  if (!user) throw new AppError("NOT_FOUND", "Your account was not found. Sign in again.");
  const emailChanged = input.email !== user.email;
  if (emailChanged) {
    if (!user.passwordHash) {
      throw new AppError("VALIDATION", "This account signs in with GitHub or Google; its email comes from there.", {
        fieldErrors: { email: "Change this email at GitHub or Google" },
      });
    }
    if (!input.currentPassword) {
      throw new AppError("VALIDATION", "Enter your current password to change your email.", {
        fieldErrors: { currentPassword: "Enter your current password to change your email" },
      });
    }
    if (!(await verifyPassword(input.currentPassword, user.passwordHash))) {
      throw new AppError("VALIDATION", "Your current password is not right.", {
        fieldErrors: { currentPassword: "Not your current password" },
      });
    }
  } else if (input.currentPassword && !user.passwordHash) {
    await burnPasswordCheck(input.currentPassword);
  }
  try {
    await db
      .update(users)
      .set({ name: input.name || null, email: input.email })
      .where(eq(users.id, userId));
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    throw new AppError("VALIDATION", "Another account already uses this email.", {
      fieldErrors: { email: "Another account already uses this email" },
    });
  }
  return { name: input.name || null, email: input.email, hasPassword: Boolean(user.passwordHash), emailChanged };
}

/** "Sign out everywhere": ends every session of the user, this one included; returns how many ended. */
export function signOutEverywhere(db: Db, userId: string): Promise<number> {
  return endOtherSessions(db, userId, null);
}
