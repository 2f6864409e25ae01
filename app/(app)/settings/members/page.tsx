/** The Members page (/settings/members): the workspace's members and invites. */

import type { Metadata } from "next";
import { type MemberRow, MembersManager, type PendingInviteRow } from "@/components/members/members-manager";
import { PageHeader } from "@/components/ui/page-header";
import { getDb } from "@/db/index";
import { listPendingInvites } from "@/lib/members/invites";
import { listMembers } from "@/lib/members/members";
import { can } from "@/lib/members/permissions";
import { requirePageCapability } from "@/lib/server/session";

export const metadata: Metadata = { title: "Members" };
export const dynamic = "force-dynamic";

/** Settings → Members: owners and admins only (404 for the other roles). */
export default async function MembersPage() {
  const session = await requirePageCapability("members.manage");
  const db = await getDb();
  const [members, invites] = await Promise.all([
    listMembers(db, session.workspaceId),
    listPendingInvites(db, session.workspaceId),
  ]);
  const memberRows: MemberRow[] = members.map((m) => ({
    userId: m.userId,
    email: m.email,
    name: m.name,
    role: m.role,
    joinedAt: m.joinedAt.toISOString(),
  }));
  const inviteRows: PendingInviteRow[] = invites.map((i) => ({
    id: i.id,
    email: i.email,
    role: i.role,
    invitedBy: i.invitedBy,
    expiresAt: i.expiresAt.toISOString(),
  }));
  return (
    <div className="space-y-6">
      <PageHeader
        title="Members"
        description="Who works in this workspace and what each person may do. Roles are checked on the server for every action."
      />
      <MembersManager
        members={memberRows}
        invites={inviteRows}
        me={session.userId}
        myRole={session.role}
        canManageOwners={can(session.role, "owners.manage")}
      />
    </div>
  );
}
