/** The signed-in user's session for pages, actions and route handlers (workspace scoping reads workspaceId). */
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { signInPathFor } from "@/lib/accounts/callback-url";
import { AppError } from "@/lib/errors";
import { auth } from "./auth";

export interface WorkspaceSession {
  userId: string;
  email: string;
  name: string | null;
  workspaceId: string;
  /** The server-side session row (lib/accounts/sessions.ts). */
  sessionId: string;
}

async function readSession(): Promise<WorkspaceSession | null> {
  const session = await auth();
  const user = session?.user;
  if (!user?.id || !user.workspaceId) return null;
  return {
    userId: user.id,
    email: user.email,
    name: user.name ?? null,
    workspaceId: user.workspaceId,
    sessionId: user.sessionId,
  };
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

/** For actions and route handlers: the session, or an UNAUTHENTICATED AppError (401). */
export async function requireApiSession(): Promise<WorkspaceSession> {
  const session = await readSession();
  if (!session) throw new AppError("UNAUTHENTICATED", "Sign in to continue.");
  return session;
}

export { readSession as getOptionalSession };
