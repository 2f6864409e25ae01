/**
 * A workspace's members: list, change a role, remove, leave. The rules (issue 17): owners manage
 * everyone; admins manage members below owner and cannot make anyone an owner; the last owner
 * can be neither demoted nor removed, and cannot leave. Each change runs in one transaction that
 * locks the workspace's membership rows, so two owners demoting each other at once cannot leave
 * the workspace without one.
 */
import { and, asc, eq, sql } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "@/db/client";
import { memberships, users } from "@/db/schema/accounts";
import { AppError } from "@/lib/errors";
import { can, isRole, ROLE_LABELS, ROLES, type Role } from "./permissions";

export interface Member {
  userId: string;
  email: string;
  name: string | null;
  role: Role;
  joinedAt: Date;
}

/** Who is acting: their user id and their role in the workspace (read fresh for this request). */
export interface Actor {
  userId: string;
  role: Role;
}

export const changeRoleSchema = z.object({
  userId: z.string().uuid("Not a valid member"),
  role: z.enum(ROLES, { message: "Choose Owner, Admin, Operator or Viewer" }),
});
export const removeMemberSchema = z.object({ userId: z.string().uuid("Not a valid member") });

/** The workspace's members, owners first, then by when they joined. */
export async function listMembers(db: Db, workspaceId: string): Promise<Member[]> {
  const rows = await db
    .select({
      userId: memberships.userId,
      email: users.email,
      name: users.name,
      role: memberships.role,
      joinedAt: memberships.createdAt,
    })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(eq(memberships.workspaceId, workspaceId))
    .orderBy(asc(memberships.createdAt));
  const rank = (r: Role) => ROLES.indexOf(r);
  return rows
    .map((r) => ({ ...r, role: isRole(r.role) ? r.role : ("viewer" as Role) }))
    .sort((a, b) => rank(a.role) - rank(b.role) || a.joinedAt.getTime() - b.joinedAt.getTime());
}

type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];

/** The workspace's membership rows, locked for this transaction. */
async function lockMembers(tx: Tx, workspaceId: string): Promise<Array<{ userId: string; role: string }>> {
  return tx
    .select({ userId: memberships.userId, role: memberships.role })
    .from(memberships)
    .where(eq(memberships.workspaceId, workspaceId))
    .for("update");
}

const notAMember = () => new AppError("NOT_FOUND", "That person is not a member of this workspace.");

/**
 * Whether `actor` may manage a member who has `targetRole` (and give them `newRole`, when set).
 * Errors: FORBIDDEN with the reason.
 */
export function checkManage(actor: Actor, targetRole: Role, newRole?: Role): void {
  if (!can(actor.role, "members.manage")) throw new AppError("FORBIDDEN", "Only owners and admins manage members.");
  if ((targetRole === "owner" || newRole === "owner") && !can(actor.role, "owners.manage"))
    throw new AppError("FORBIDDEN", "Only an owner can make someone an owner or change an owner.");
}

const lastOwner = (what: string) =>
  new AppError("CONFLICT", `${what}: a workspace needs at least one owner. Make someone else an owner first.`);

/**
 * Gives a member a new role. Errors: NOT_FOUND (not a member), FORBIDDEN (checkManage),
 * CONFLICT (the last owner would be demoted).
 */
export async function changeMemberRole(
  db: Db,
  workspaceId: string,
  actor: Actor,
  input: z.infer<typeof changeRoleSchema>,
): Promise<{ before: Role; after: Role }> {
  return db.transaction(async (tx) => {
    const rows = await lockMembers(tx, workspaceId);
    const target = rows.find((r) => r.userId === input.userId);
    if (!target) throw notAMember();
    const before = isRole(target.role) ? target.role : "viewer";
    checkManage(actor, before, input.role);
    if (before === input.role) return { before, after: before };
    const owners = rows.filter((r) => r.role === "owner").length;
    if (before === "owner" && owners <= 1) throw lastOwner("The last owner cannot be given another role");
    await tx
      .update(memberships)
      .set({ role: input.role })
      .where(and(eq(memberships.workspaceId, workspaceId), eq(memberships.userId, input.userId)));
    return { before, after: input.role };
  });
}

/**
 * Removes a member (their sessions fall back to another of their workspaces at the next request).
 * Removing yourself is leaving (leaveWorkspace). Errors: NOT_FOUND, FORBIDDEN, CONFLICT (last owner).
 */
export async function removeMember(
  db: Db,
  workspaceId: string,
  actor: Actor,
  input: z.infer<typeof removeMemberSchema>,
): Promise<{ removed: Member }> {
  if (input.userId === actor.userId) return leaveWorkspace(db, workspaceId, actor.userId);
  return db.transaction(async (tx) => {
    const rows = await lockMembers(tx, workspaceId);
    const target = rows.find((r) => r.userId === input.userId);
    if (!target) throw notAMember();
    const role = isRole(target.role) ? target.role : "viewer";
    checkManage(actor, role);
    return { removed: await deleteMembership(tx, workspaceId, input.userId, role) };
  });
}

/** Leaves the workspace. Errors: NOT_FOUND (not a member), CONFLICT (the last owner cannot leave). */
export async function leaveWorkspace(db: Db, workspaceId: string, userId: string): Promise<{ removed: Member }> {
  return db.transaction(async (tx) => {
    const rows = await lockMembers(tx, workspaceId);
    const me = rows.find((r) => r.userId === userId);
    if (!me) throw notAMember();
    const role = isRole(me.role) ? me.role : "viewer";
    if (role === "owner" && rows.filter((r) => r.role === "owner").length <= 1)
      throw lastOwner("The last owner cannot leave");
    return { removed: await deleteMembership(tx, workspaceId, userId, role) };
  });
}

async function deleteMembership(tx: Tx, workspaceId: string, userId: string, role: Role): Promise<Member> {
  const [row] = await tx
    .delete(memberships)
    .where(and(eq(memberships.workspaceId, workspaceId), eq(memberships.userId, userId)))
    .returning({ joinedAt: memberships.createdAt });
  const [user] = await tx
    .select({ email: users.email, name: users.name })
    .from(users)
    .where(eq(users.id, userId))
    .limit(1);
  return { userId, email: user?.email ?? "", name: user?.name ?? null, role, joinedAt: row?.joinedAt ?? new Date() };
}

/** "Owner", "Admin"… for messages. */
export function roleLabel(role: string): string {
  return isRole(role) ? ROLE_LABELS[role] : role;
}

/** How many owners the workspace has (the Members page disables what would leave none). */
export async function countOwners(db: Db, workspaceId: string): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(memberships)
    .where(and(eq(memberships.workspaceId, workspaceId), eq(memberships.role, "owner")));
  return row?.n ?? 0;
}
