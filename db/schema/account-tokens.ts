/** Tables of account mail: one-time tokens (password reset, email verification) and the verified-email marks. */
import { index, pgTable, primaryKey, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { users } from "./accounts";

/**
 * One-time links mailed to an account (lib/accounts/password-reset.ts, email-verification.ts).
 * Only the SHA-256 of the token is stored, so a copy of the table opens no account; a token is
 * used at most once (`used_at`) and only until `expires_at`. `email` is the address it was
 * mailed to: a verification link stops counting once the account's email changes.
 */
export const accountTokens = pgTable(
  "account_tokens",
  {
    tokenHash: text("token_hash").primaryKey(),
    // "password-reset" | "verify-email" (lib/accounts/account-tokens.ts ACCOUNT_TOKEN_PURPOSES).
    purpose: text("purpose").notNull(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    email: text("email").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    usedAt: timestamp("used_at", { withTimezone: true }),
  },
  (t) => [index("account_tokens_user_purpose").on(t.userId, t.purpose)],
);

/**
 * The "verified" mark: the account proved it receives mail at `email`. The mark counts only
 * while `email` equals the account's current email (a changed address is unverified again).
 */
export const emailVerifications = pgTable(
  "email_verifications",
  {
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    email: text("email").notNull(),
    verifiedAt: timestamp("verified_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.email] })],
);
