/**
 * Invitations to a workspace (issue 17): an owner or admin invites an email with a role; the link
 * carries a random token (32 bytes, base64url) of which only the SHA-256 is stored; it works once,
 * expires 7 days after it was made and can be revoked. An existing account accepts it while signed
 * in with the invited email; a new person signs up through it straight into the workspace (no
 * workspace of their own is made).
 */
import crypto from "node:crypto";
import { and, asc, eq, gt, isNull } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "@/db/client";
import { memberships, users, workspaces } from "@/db/schema/accounts";
import { workspaceInvites } from "@/db/schema/members";
import type { SessionUser } from "@/lib/accounts/accounts";
import { hashPassword } from "@/lib/accounts/passwords";
import { emailSchema, signUpSchema } from "@/lib/accounts/schemas";
import { AppError } from "@/lib/errors";
import { type Actor, checkManage } from "./members";
import { isRole, ROLES, type Role } from "./permissions";

/** How long an invite link works: 7 days. */
export const INVITE_TTL_MS = 7 * 24 * 60 * 60 * 1000;

export const inviteSchema = z.object({
  email: emailSchema,
  role: z.enum(ROLES, { message: "Choose Owner, Admin, Operator or Viewer" }),
});
export const inviteIdSchema = z.object({ inviteId: z.string().uuid("Not a valid invite") });
/** The link's token: 43 base64url characters (32 bytes). */
export const inviteTokenSchema = z.string().regex(/^[A-Za-z0-9_-]{43}$/, "This invite link is not valid.");
export const inviteSignUpSchema = z.object({
  token: inviteTokenSchema,
  name: signUpSchema.shape.name,
  password: signUpSchema.shape.password,
});

export interface PendingInvite {
  id: string;
  email: string;
  role: Role;
  createdAt: Date;
  expiresAt: Date;
  invitedBy: string | null;
}

export function hashInviteToken(token: string): string {
  return crypto.createHash("sha256").update(token).digest("hex");
}

/** The link a person opens to accept: `<origin>/invite/<token>`. */
export function inviteUrl(origin: string, token: string): string {
  return `${origin.replace(/\/+$/, "")}/invite/${token}`;
}

/**
 * Creates an invite and returns its token (shown once, to the inviter and in the mail). A pending
 * invite for the same email is revoked: the newest link is the one that works. Errors: FORBIDDEN
 * (an admin inviting an owner, or a role without members.manage), CONFLICT (already a member).
 */
export async function createInvite(
  db: Db,
  workspaceId: string,
  actor: Actor,
  input: z.infer<typeof inviteSchema>,
  now = new Date(),
): Promise<{ invite: PendingInvite; token: string }> {
  checkManage(actor, input.role);
  const email = input.email.trim().toLowerCase();
  return db.transaction(async (tx) => {
    const [member] = await tx
      .select({ userId: memberships.userId })
      .from(memberships)
      .innerJoin(users, eq(users.id, memberships.userId))
      .where(and(eq(memberships.workspaceId, workspaceId), eq(users.email, email)))
      .limit(1);
    if (member)
      throw new AppError("CONFLICT", `${email} is already a member of this workspace.`, {
        fieldErrors: { email: "Already a member" },
      });
    await tx
      .update(workspaceInvites)
      .set({ revokedAt: now })
      .where(and(eq(workspaceInvites.workspaceId, workspaceId), eq(workspaceInvites.email, email), pending(now)));
    const token = crypto.randomBytes(32).toString("base64url");
    const [row] = await tx
      .insert(workspaceInvites)
      .values({
        workspaceId,
        email,
        role: input.role,
        tokenHash: hashInviteToken(token),
        invitedBy: actor.userId,
        createdAt: now,
        expiresAt: new Date(now.getTime() + INVITE_TTL_MS),
      })
      .returning();
    return { invite: toPending(row!, null), token };
  });
}

const pending = (now: Date) =>
  and(isNull(workspaceInvites.acceptedAt), isNull(workspaceInvites.revokedAt), gt(workspaceInvites.expiresAt, now));

function toPending(row: typeof workspaceInvites.$inferSelect, invitedBy: string | null): PendingInvite {
  return {
    id: row.id,
    email: row.email,
    role: isRole(row.role) ? row.role : "viewer",
    createdAt: row.createdAt,
    expiresAt: row.expiresAt,
    invitedBy,
  };
}

/** The workspace's invites that can still be accepted, oldest first, with who sent them (email). */
export async function listPendingInvites(db: Db, workspaceId: string, now = new Date()): Promise<PendingInvite[]> {
  const rows = await db
    .select({ invite: workspaceInvites, invitedBy: users.email })
    .from(workspaceInvites)
    .leftJoin(users, eq(users.id, workspaceInvites.invitedBy))
    .where(and(eq(workspaceInvites.workspaceId, workspaceId), pending(now)))
    .orderBy(asc(workspaceInvites.createdAt));
  return rows.map((r) => toPending(r.invite, r.invitedBy));
}

/** Revokes a pending invite (its link stops working). Errors: NOT_FOUND (not pending), FORBIDDEN. */
export async function revokeInvite(
  db: Db,
  workspaceId: string,
  actor: Actor,
  inviteId: string,
  now = new Date(),
): Promise<PendingInvite> {
  const [row] = await db
    .select()
    .from(workspaceInvites)
    .where(and(eq(workspaceInvites.workspaceId, workspaceId), eq(workspaceInvites.id, inviteId), pending(now)))
    .limit(1);
  if (!row) throw new AppError("NOT_FOUND", "That invite was not found, or it was already used, revoked or expired.");
  checkManage(actor, isRole(row.role) ? row.role : "viewer");
  await db.update(workspaceInvites).set({ revokedAt: now }).where(eq(workspaceInvites.id, inviteId));
  return toPending(row, null);
}

export type InviteLookup =
  | {
      status: "pending";
      email: string;
      role: Role;
      workspaceId: string;
      workspaceName: string;
      invitedByName: string | null;
      expiresAt: Date;
      /** Whether an account with the invited email exists (then: sign in and accept; else: sign up). */
      accountExists: boolean;
    }
  | { status: "invalid"; message: string };

const INVALID = "This invite link is not valid. Ask the person who invited you for a new one.";

/** What the invite page shows for a token: the invite, or why it no longer works (plain words). */
export async function lookupInvite(db: Db, token: string, now = new Date()): Promise<InviteLookup> {
  if (!inviteTokenSchema.safeParse(token).success) return { status: "invalid", message: INVALID };
  const [row] = await db
    .select({
      invite: workspaceInvites,
      workspaceName: workspaces.name,
      inviterName: users.name,
      inviterEmail: users.email,
    })
    .from(workspaceInvites)
    .innerJoin(workspaces, eq(workspaces.id, workspaceInvites.workspaceId))
    .leftJoin(users, eq(users.id, workspaceInvites.invitedBy))
    .where(eq(workspaceInvites.tokenHash, hashInviteToken(token)))
    .limit(1);
  if (!row) return { status: "invalid", message: INVALID };
  const refusal = whyNotPending(row.invite, now);
  if (refusal) return { status: "invalid", message: refusal };
  const [account] = await db.select({ id: users.id }).from(users).where(eq(users.email, row.invite.email)).limit(1);
  return {
    status: "pending",
    email: row.invite.email,
    role: isRole(row.invite.role) ? row.invite.role : "viewer",
    workspaceId: row.invite.workspaceId,
    workspaceName: row.workspaceName,
    invitedByName: row.inviterName || row.inviterEmail || null,
    expiresAt: row.invite.expiresAt,
    accountExists: Boolean(account),
  };
}

function whyNotPending(invite: typeof workspaceInvites.$inferSelect, now: Date): string | null {
  if (invite.acceptedAt) return "This invite was already used. Sign in to reach the workspace.";
  if (invite.revokedAt) return "This invite was revoked. Ask the person who invited you for a new one.";
  if (invite.expiresAt <= now) return "This invite has expired (links work for 7 days). Ask for a new one.";
  return null;
}

type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];

/** The invite behind a token, locked for this transaction, or an AppError saying why it does not work. */
async function claim(tx: Tx, token: string, now: Date): Promise<typeof workspaceInvites.$inferSelect> {
  if (!inviteTokenSchema.safeParse(token).success) throw new AppError("NOT_FOUND", INVALID);
  const [invite] = await tx
    .select()
    .from(workspaceInvites)
    .where(eq(workspaceInvites.tokenHash, hashInviteToken(token)))
    .for("update")
    .limit(1);
  if (!invite) throw new AppError("NOT_FOUND", INVALID);
  const refusal = whyNotPending(invite, now);
  if (refusal) throw new AppError("CONFLICT", refusal);
  return invite;
}

/**
 * The signed-in user accepts: they become a member with the invite's role (a member already keeps
 * their role) and the invite is used up. Errors: NOT_FOUND / CONFLICT (invalid, used, revoked,
 * expired), FORBIDDEN (signed in with another email than the one invited).
 */
export async function acceptInvite(
  db: Db,
  input: { token: string; userId: string },
  now = new Date(),
): Promise<{ workspaceId: string; role: Role; alreadyMember: boolean }> {
  return db.transaction(async (tx) => {
    const invite = await claim(tx, input.token, now);
    const [user] = await tx.select({ email: users.email }).from(users).where(eq(users.id, input.userId)).limit(1);
    if (!user) throw new AppError("UNAUTHENTICATED", "Sign in to accept the invite.");
    if (user.email !== invite.email)
      throw new AppError(
        "FORBIDDEN",
        `This invite was sent to ${invite.email}, and you are signed in as ${user.email}. Sign in with ${invite.email} to accept it.`,
      );
    const role: Role = isRole(invite.role) ? invite.role : "viewer";
    const inserted = await tx
      .insert(memberships)
      .values({ workspaceId: invite.workspaceId, userId: input.userId, role })
      .onConflictDoNothing()
      .returning({ role: memberships.role });
    await tx
      .update(workspaceInvites)
      .set({ acceptedAt: now, acceptedBy: input.userId })
      .where(eq(workspaceInvites.id, invite.id));
    if (inserted.length) return { workspaceId: invite.workspaceId, role, alreadyMember: false };
    const [existing] = await tx
      .select({ role: memberships.role })
      .from(memberships)
      .where(and(eq(memberships.workspaceId, invite.workspaceId), eq(memberships.userId, input.userId)))
      .limit(1);
    return {
      workspaceId: invite.workspaceId,
      role: isRole(existing?.role) ? existing.role : "viewer",
      alreadyMember: true,
    };
  });
}

/**
 * A new person signs up through the invite: an account with the invited email (it cannot be
 * changed), a member of the invite's workspace with its role, the invite used up; all or nothing.
 * Errors: NOT_FOUND / CONFLICT (invalid, used, revoked, expired; or an account with that email
 * already exists: sign in and accept instead).
 */
export async function signUpWithInvite(
  db: Db,
  input: z.infer<typeof inviteSignUpSchema>,
  now = new Date(),
): Promise<SessionUser & { role: Role }> {
  const passwordHash = await hashPassword(input.password);
  return db.transaction(async (tx) => {
    const invite = await claim(tx, input.token, now);
    const [user] = await tx
      .insert(users)
      .values({ email: invite.email, name: input.name || null, passwordHash })
      .onConflictDoNothing({ target: users.email })
      .returning();
    if (!user)
      throw new AppError("CONFLICT", `An account with ${invite.email} already exists. Sign in to accept the invite.`);
    const role: Role = isRole(invite.role) ? invite.role : "viewer";
    await tx.insert(memberships).values({ workspaceId: invite.workspaceId, userId: user.id, role });
    await tx
      .update(workspaceInvites)
      .set({ acceptedAt: now, acceptedBy: user.id })
      .where(eq(workspaceInvites.id, invite.id));
    return { id: user.id, email: user.email, name: user.name, workspaceId: invite.workspaceId, role };
  });
}

/** The invite mail's subject and text (the link is the one way in; it is printed in the log in outbox mode). */
export function inviteMail(input: {
  workspaceName: string;
  inviterName: string;
  role: Role;
  url: string;
  expiresAt: Date;
}): { subject: string; text: string } {
  const roleName = input.role.charAt(0).toUpperCase() + input.role.slice(1);
  const workspace = input.workspaceName.replace(/[\r\n]+/g, " ").slice(0, 120);
  return {
    subject: `Join ${workspace} on Conduit`,
    text: [
      `${input.inviterName} invited you to join the workspace "${workspace}" on Conduit as ${roleName}.`,
      "",
      `Accept the invite: ${input.url}`,
      "",
      `The link works once and expires on ${input.expiresAt.toISOString().slice(0, 16).replace("T", " ")} UTC.`,
      "If you did not expect this mail, ignore it.",
    ].join("\n"),
  };
}
