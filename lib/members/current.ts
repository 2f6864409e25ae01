/**
 * Which workspace a signed-in browser works in, and the user's role there, read fresh from the
 * memberships table on every request: a removed member or a changed role takes effect at the
 * next request, whatever the session cookie says.
 */
import { and, asc, eq, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { memberships, workspaces } from "@/db/schema/accounts";
import { sessionWorkspaces } from "@/db/schema/members";
import { ensureOwnWorkspace } from "@/lib/accounts/accounts";
import { AppError } from "@/lib/errors";
import { isRole, type Role } from "./permissions";

export interface CurrentWorkspace {
  workspaceId: string;
  role: Role;
  /**
   * True when the workspace the session named is no longer one of the user's (removed, or it was
   * deleted) and another one was chosen: an action meant for the old workspace must not run here.
   */
  changed: boolean;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The session's workspace and role. The session names a workspace (its session_workspaces row,
 * else `signedInWorkspaceId`, the one it signed in to); when the user is no longer a member there,
 * their oldest membership is used instead and remembered for the session (`changed: true`); a
 * user with no membership at all gets a fresh workspace of their own. A role that is not one of
 * the four (a hand-edited row) is treated as viewer.
 */
export async function resolveCurrentWorkspace(
  db: Db,
  input: { userId: string; sessionId: string; signedInWorkspaceId: string | null },
): Promise<CurrentWorkspace> {
  const sessionId = UUID.test(input.sessionId) ? input.sessionId : null;
  const signedIn = input.signedInWorkspaceId && UUID.test(input.signedInWorkspaceId) ? input.signedInWorkspaceId : null;
  const named = sessionId
    ? sql`coalesce((select ${sessionWorkspaces.workspaceId} from ${sessionWorkspaces} where ${sessionWorkspaces.sessionId} = ${sessionId}), ${signedIn}::uuid)`
    : sql`${signedIn}::uuid`;
  const [row] = await db
    .select({ workspaceId: memberships.workspaceId, role: memberships.role })
    .from(memberships)
    .where(and(eq(memberships.userId, input.userId), sql`${memberships.workspaceId} = ${named}`))
    .limit(1);
  if (row) return { workspaceId: row.workspaceId, role: isRole(row.role) ? row.role : "viewer", changed: false };

  const [first] = await db
    .select({ workspaceId: memberships.workspaceId, role: memberships.role })
    .from(memberships)
    .where(eq(memberships.userId, input.userId))
    .orderBy(asc(memberships.createdAt))
    .limit(1);
  const workspaceId = first?.workspaceId ?? (await ensureOwnWorkspace(db, input.userId));
  if (sessionId) await rememberWorkspace(db, sessionId, workspaceId);
  const role = first ? (isRole(first.role) ? first.role : "viewer") : "owner";
  return { workspaceId, role, changed: true };
}

async function rememberWorkspace(db: Db, sessionId: string, workspaceId: string): Promise<void> {
  await db
    .insert(sessionWorkspaces)
    .values({ sessionId, workspaceId })
    .onConflictDoUpdate({ target: sessionWorkspaces.sessionId, set: { workspaceId, updatedAt: new Date() } });
}

export interface WorkspaceChoice {
  workspaceId: string;
  name: string;
  role: Role;
}

/** The user's workspaces (name, role), oldest membership first: the header's switcher. */
export async function listUserWorkspaces(db: Db, userId: string): Promise<WorkspaceChoice[]> {
  const rows = await db
    .select({ workspaceId: memberships.workspaceId, name: workspaces.name, role: memberships.role })
    .from(memberships)
    .innerJoin(workspaces, eq(workspaces.id, memberships.workspaceId))
    .where(eq(memberships.userId, userId))
    .orderBy(asc(memberships.createdAt));
  return rows.map((r) => ({ ...r, role: isRole(r.role) ? r.role : "viewer" }));
}

/**
 * Makes `workspaceId` the session's current workspace after checking the user is a member there.
 * Errors: NOT_FOUND when they are not (the same answer for a workspace that does not exist).
 */
export async function switchWorkspace(
  db: Db,
  input: { userId: string; sessionId: string; workspaceId: string },
): Promise<WorkspaceChoice> {
  const mine = (await listUserWorkspaces(db, input.userId)).find((w) => w.workspaceId === input.workspaceId);
  if (!mine) throw new AppError("NOT_FOUND", "That workspace was not found among yours.");
  if (!UUID.test(input.sessionId)) throw new AppError("UNAUTHENTICATED", "Sign in again to switch workspaces.");
  await rememberWorkspace(db, input.sessionId, input.workspaceId);
  return mine;
}
