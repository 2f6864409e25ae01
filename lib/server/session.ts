/** The signed-in user's session for pages, actions and route handlers (workspace scoping reads workspaceId). */
import { headers } from "next/headers";
import { notFound, redirect } from "next/navigation";
import { getDb } from "@/db/index";
import { signInPathFor } from "@/lib/accounts/callback-url";
import { AppError } from "@/lib/errors";
import { resolveCurrentWorkspace } from "@/lib/members/current";
import { type Capability, can, type Role } from "@/lib/members/permissions";
import { auth } from "./auth";

export interface WorkspaceSession {
  userId: string;
  email: string;
  name: string | null;
  workspaceId: string;
  /** The user's role in workspaceId, read from the memberships table on this request (lib/members). */
  role: Role;
  /** The server-side session row (lib/accounts/sessions.ts). */
  sessionId: string;
}

/**
 * The session with its current workspace and role read fresh (lib/members/current.ts).
 * `workspaceChanged`: the workspace the session named is no longer the user's, so another was chosen.
 */
async function readSessionWithChange(): Promise<(WorkspaceSession & { workspaceChanged: boolean }) | null> {
  const session = await auth();
  const user = session?.user;
  if (!user?.id) return null;
  const current = await resolveCurrentWorkspace(await getDb(), {
    userId: user.id,
    sessionId: user.sessionId,
    signedInWorkspaceId: user.workspaceId || null,
  });
  return {
    userId: user.id,
    email: user.email,
    name: user.name ?? null,
    workspaceId: current.workspaceId,
    role: current.role,
    sessionId: user.sessionId,
    workspaceChanged: current.changed,
  };
}

async function readSession(): Promise<WorkspaceSession | null> {
  const session = await readSessionWithChange();
  if (!session) return null;
  const { workspaceChanged: _, ...rest } = session;
  return rest;
}

/**
 * The header the proxy (proxy.ts) sets on every page request to the path and query asked for, so
 * a page that needs sign-in can send the visitor back there afterwards.
 */
export const REQUEST_PATH_HEADER = "x-conduit-path";

/** For pages: the signed-in user's workspace, or a redirect to sign-in that comes back to this page. */
export async function requireSession(): Promise<WorkspaceSession> {
  const session = await readSession();
  if (!session) redirect(signInPathFor((await headers()).get(REQUEST_PATH_HEADER)));
  return session;
}

/**
 * For pages a role may not open (credentials, members): the session, or Next.js's 404 page for a
 * role without `capability` (the page's existence is not confirmed to them).
 */
export async function requirePageCapability(capability: Capability): Promise<WorkspaceSession> {
  const session = await requireSession();
  if (!can(session.role, capability)) notFound();
  return session;
}

/**
 * For actions and route handlers: the session, or an UNAUTHENTICATED AppError (401). FORBIDDEN
 * (403) when the workspace the page was showing is no longer the user's (removed from it): the
 * request was meant for that workspace and must not run in another.
 */
export async function requireApiSession(): Promise<WorkspaceSession> {
  const session = await readSessionWithChange();
  if (!session) throw new AppError("UNAUTHENTICATED", "Sign in to continue.");
  const { workspaceChanged, ...rest } = session;
  if (workspaceChanged)
    throw new AppError(
      "FORBIDDEN",
      "You are no longer a member of the workspace this page belongs to. Reload the page to continue in another.",
    );
  return rest;
}

export { readSession as getOptionalSession };
