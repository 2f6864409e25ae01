"use server";

/**
 * Settings → Members and the workspace switcher (issue 17): invite, revoke an invite, change a
 * role, remove a member, leave, switch workspace, accept an invite. The workspace and the acting
 * user's role come from the session, read fresh; lib/members holds the rules (admins manage
 * members below owner; the last owner stays).
 */
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { getDb } from "@/db/index";
import { workspaces } from "@/db/schema/accounts";
import { absoluteUrl } from "@/lib/email/app-url";
import { sendEmail } from "@/lib/email/send";
import { isAppError } from "@/lib/errors";
import { createLogger } from "@/lib/log";
import { switchWorkspace } from "@/lib/members/current";
import {
  acceptInvite,
  createInvite,
  inviteIdSchema,
  inviteMail,
  inviteSchema,
  inviteTokenSchema,
  revokeInvite,
} from "@/lib/members/invites";
import {
  changeMemberRole,
  changeRoleSchema,
  leaveWorkspace,
  listMembers,
  removeMember,
  removeMemberSchema,
} from "@/lib/members/members";
import { eq } from "drizzle-orm";
import { recordAuditFor } from "../audit";
import { authedAction } from "../handle";

const log = createLogger("members");

function revalidateMembers() {
  revalidatePath("/settings/members");
}

export interface InviteResult {
  email: string;
  role: string;
  /** The path of the invite link (`/invite/<token>`): the page shows it for copying; shown once. */
  path: string;
  /** "sent" (SMTP), "outbox" (kept in the local outbox) or "failed" (the link still works: copy it). */
  mail: "sent" | "outbox" | "failed";
  mailError: string | null;
}

const invite = authedAction("members.manage", inviteSchema, async (input, session): Promise<InviteResult> => {
  const db = await getDb();
  const { invite: created, token } = await createInvite(db, session.workspaceId, session, input);
  await recordAuditFor(
    session,
    {
      objectType: "invite",
      objectId: created.id,
      objectLabel: created.email,
      action: "created",
      summary: `Invited ${created.email} as ${created.role}`,
      changes: [{ field: "Role", before: null, after: created.role }],
    },
    db,
  );
  const path = `/invite/${token}`;
  const [workspace] = await db
    .select({ name: workspaces.name })
    .from(workspaces)
    .where(eq(workspaces.id, session.workspaceId))
    .limit(1);
  const mail = inviteMail({
    workspaceName: workspace?.name ?? "a workspace",
    inviterName: session.name || session.email,
    role: created.role,
    url: absoluteUrl(path),
    expiresAt: created.expiresAt,
  });
  let delivery: InviteResult["mail"] = "failed";
  let mailError: string | null = null;
  try {
    const sent = await sendEmail(db, { workspaceId: session.workspaceId, to: created.email, ...mail });
    delivery = sent.delivery === "smtp" ? "sent" : "outbox";
  } catch (error) {
    // The invite stands: the inviter copies the link instead.
    mailError = isAppError(error) ? error.message : "The mail could not be sent.";
    if (!isAppError(error))
      log.error("invite mail failed", { error: error instanceof Error ? error.message : String(error) });
  }
  revalidateMembers();
  return { email: created.email, role: created.role, path, mail: delivery, mailError };
});
export async function inviteMemberAction(input: z.input<typeof inviteSchema>) {
  return invite(input);
}

const revoke = authedAction("members.manage", inviteIdSchema, async ({ inviteId }, session) => {
  const revoked = await revokeInvite(await getDb(), session.workspaceId, session, inviteId);
  await recordAuditFor(session, {
    objectType: "invite",
    objectId: revoked.id,
    objectLabel: revoked.email,
    action: "revoked",
    summary: `Revoked the invite of ${revoked.email}`,
  });
  revalidateMembers();
  return { email: revoked.email };
});
export async function revokeInviteAction(input: z.input<typeof inviteIdSchema>) {
  return revoke(input);
}

const changeRole = authedAction("members.manage", changeRoleSchema, async (input, session) => {
  const db = await getDb();
  const change = await changeMemberRole(db, session.workspaceId, session, input);
  const member = (await listMembers(db, session.workspaceId)).find((m) => m.userId === input.userId);
  await recordAuditFor(
    session,
    {
      objectType: "member",
      objectId: input.userId,
      objectLabel: member?.email ?? "",
      action: "role_changed",
      summary: `Changed the role of ${member?.email ?? "a member"} from ${change.before} to ${change.after}`,
      changes: [{ field: "Role", before: change.before, after: change.after }],
    },
    db,
  );
  revalidateMembers();
  return change;
});
export async function changeMemberRoleAction(input: z.input<typeof changeRoleSchema>) {
  return changeRole(input);
}

const remove = authedAction("members.manage", removeMemberSchema, async (input, session) => {
  const { removed } = await removeMember(await getDb(), session.workspaceId, session, input);
  await recordAuditFor(session, {
    objectType: "member",
    objectId: removed.userId,
    objectLabel: removed.email,
    action: "removed",
    summary: `Removed ${removed.email} (${removed.role}) from the workspace`,
    changes: [{ field: "Role", before: removed.role, after: null }],
  });
  revalidateMembers();
  return { email: removed.email, self: input.userId === session.userId };
});
export async function removeMemberAction(input: z.input<typeof removeMemberSchema>) {
  return remove(input);
}

const leave = authedAction("account.self", z.object({}).strict(), async (_input, session) => {
  const { removed } = await leaveWorkspace(await getDb(), session.workspaceId, session.userId);
  await recordAuditFor(session, {
    objectType: "member",
    objectId: removed.userId,
    objectLabel: removed.email,
    action: "left",
    summary: `${removed.email} left the workspace`,
    changes: [{ field: "Role", before: removed.role, after: null }],
  });
  // The next request falls back to another of the user's workspaces (or a fresh own one).
  revalidatePath("/", "layout");
  return { email: removed.email, redirectTo: "/channels" };
});
export async function leaveWorkspaceAction() {
  return leave({});
}

const switchInput = z.object({ workspaceId: z.string().uuid("Not a valid workspace") });
const switchBody = authedAction("account.self", switchInput, async ({ workspaceId }, session) => {
  const chosen = await switchWorkspace(await getDb(), {
    userId: session.userId,
    sessionId: session.sessionId,
    workspaceId,
  });
  revalidatePath("/", "layout");
  return { workspaceId: chosen.workspaceId, name: chosen.name, redirectTo: "/channels" };
});
export async function switchWorkspaceAction(input: z.input<typeof switchInput>) {
  return switchBody(input);
}

const acceptInput = z.object({ token: inviteTokenSchema });
const accept = authedAction("account.self", acceptInput, async ({ token }, session) => {
  const db = await getDb();
  const joined = await acceptInvite(db, { token, userId: session.userId });
  if (!joined.alreadyMember) {
    // Recorded in the workspace joined, by the person who joined.
    await recordAuditFor(
      { ...session, workspaceId: joined.workspaceId },
      {
        objectType: "member",
        objectId: session.userId,
        objectLabel: session.email,
        action: "joined",
        summary: `${session.email} accepted an invite as ${joined.role}`,
        changes: [{ field: "Role", before: null, after: joined.role }],
      },
      db,
    );
  }
  // Continue in the workspace just joined.
  await switchWorkspace(db, { userId: session.userId, sessionId: session.sessionId, workspaceId: joined.workspaceId });
  revalidatePath("/", "layout");
  return { ...joined, redirectTo: "/channels" };
});
export async function acceptInviteAction(input: z.input<typeof acceptInput>) {
  return accept(input);
}
