/** Accounts: sign-up (with its own workspace), credentials checks, OAuth users, password changes. */
import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { memberships, users, workspaces } from "@/db/schema/accounts";
import { AppError } from "@/lib/errors";
import { burnPasswordCheck, hashPassword, verifyPassword } from "./passwords";
import type { ChangePasswordInput, SignUpInput } from "./schemas";
import { endOtherSessions } from "./sessions";

export interface SessionUser {
  id: string;
  email: string;
  name: string | null;
  workspaceId: string;
}

async function createUserWithWorkspace(
  db: Db,
  input: { email: string; name: string | null; passwordHash: string | null },
): Promise<SessionUser> {
  return db.transaction(async (tx) => {
    const [user] = await tx
      .insert(users)
      .values({ email: input.email, name: input.name, passwordHash: input.passwordHash })
      .onConflictDoNothing({ target: users.email })
      .returning();
    if (!user) {
      throw new AppError("CONFLICT", "An account with this email already exists. Sign in instead.", {
        fieldErrors: { email: "An account with this email already exists" },
      });
    }
    const label = input.name || input.email.split("@")[0] || "My";
    const [workspace] = await tx
      .insert(workspaces)
      .values({ name: `${label}'s workspace` })
      .returning();
    await tx.insert(memberships).values({ workspaceId: workspace!.id, userId: user.id, role: "owner" });
    return { id: user.id, email: user.email, name: user.name, workspaceId: workspace!.id };
  });
}

/**
 * A fresh workspace owned by an existing user who has none left (removed from, or left, every
 * workspace), so the account stays usable. Locks the user row so two requests make one workspace.
 */
export async function ensureOwnWorkspace(db: Db, userId: string): Promise<string> {
  return db.transaction(async (tx) => {
    const [user] = await tx.select().from(users).where(eq(users.id, userId)).for("update").limit(1);
    if (!user) throw new AppError("NOT_FOUND", "Your account was not found. Sign in again.");
    const existing = await findWorkspaceId(tx as unknown as Db, userId);
    if (existing) return existing;
    const label = user.name || user.email.split("@")[0] || "My";
    const [workspace] = await tx
      .insert(workspaces)
      .values({ name: `${label}'s workspace` })
      .returning();
    await tx.insert(memberships).values({ workspaceId: workspace!.id, userId, role: "owner" });
    return workspace!.id;
  });
}

/** A new account always comes with its own workspace. */
export async function signUp(db: Db, input: SignUpInput): Promise<SessionUser> {
  const passwordHash = await hashPassword(input.password);
  return createUserWithWorkspace(db, { email: input.email, name: input.name || null, passwordHash });
}

export async function findWorkspaceId(db: Db, userId: string): Promise<string | null> {
  const [row] = await db
    .select({ workspaceId: memberships.workspaceId })
    .from(memberships)
    .where(eq(memberships.userId, userId))
    .orderBy(memberships.createdAt)
    .limit(1);
  return row?.workspaceId ?? null;
}

/** Null for an unknown email and for a wrong password alike; both take about as long. */
export async function verifyCredentials(db: Db, email: string, password: string): Promise<SessionUser | null> {
  const [user] = await db.select().from(users).where(eq(users.email, email)).limit(1);
  if (!user?.passwordHash) {
    await burnPasswordCheck(password);
    return null;
  }
  if (!(await verifyPassword(password, user.passwordHash))) return null;
  const workspaceId = (await findWorkspaceId(db, user.id)) ?? (await ensureOwnWorkspace(db, user.id));
  return { id: user.id, email: user.email, name: user.name, workspaceId };
}

/** OAuth sign-in: the verified email is the identity; first visit creates the account. */
export async function findOrCreateOAuthUser(db: Db, email: string, name: string | null): Promise<SessionUser> {
  const normalized = email.trim().toLowerCase();
  const [existing] = await db.select().from(users).where(eq(users.email, normalized)).limit(1);
  if (existing) {
    const workspaceId = (await findWorkspaceId(db, existing.id)) ?? (await ensureOwnWorkspace(db, existing.id));
    return { id: existing.id, email: existing.email, name: existing.name, workspaceId };
  }
  return createUserWithWorkspace(db, { email: normalized, name, passwordHash: null });
}

/**
 * Changes a password-account's password after checking the current one, and signs out every other
 * session of the user (`keepSessionId`, the one making the change, stays). Errors: VALIDATION with
 * fieldErrors.currentPassword when the current password is wrong or the account has none (OAuth).
 */
export async function changePassword(
  db: Db,
  userId: string,
  input: ChangePasswordInput,
  keepSessionId: string | null,
): Promise<{ otherSessionsEnded: number }> {
  const [user] = await db.select().from(users).where(eq(users.id, userId)).limit(1);
  const wrong = () =>
    new AppError("VALIDATION", "Your current password is not right.", {
      fieldErrors: { currentPassword: "Not your current password" },
    });
  if (!user?.passwordHash) {
    await burnPasswordCheck(input.currentPassword);
    throw wrong();
  }
  if (!(await verifyPassword(input.currentPassword, user.passwordHash))) throw wrong();
  const passwordHash = await hashPassword(input.newPassword);
  await db.update(users).set({ passwordHash }).where(eq(users.id, userId));
  return { otherSessionsEnded: await endOtherSessions(db, userId, keepSessionId) };
}
