/** The Settings page (/settings): the account and the workspace's settings pages. */

import type { Metadata } from "next";
import Link from "next/link";
import { LeaveWorkspaceButton } from "@/components/members/leave-workspace-button";
import { PageHeader } from "@/components/ui/page-header";
import { getDb } from "@/db/index";
import { listUserWorkspaces } from "@/lib/members/current";
import { can, ROLE_LABELS } from "@/lib/members/permissions";
import { requireSession } from "@/lib/server/session";

export const metadata: Metadata = { title: "Settings" };

export default async function SettingsPage() {
  const session = await requireSession();
  const workspace = (await listUserWorkspaces(await getDb(), session.userId)).find(
    (w) => w.workspaceId === session.workspaceId,
  );
  return (
    <>
      <PageHeader title="Settings" description="Your account and workspace." />
      <section className="rounded-lg border border-slate-200 bg-white p-6">
        <h2 className="text-base font-semibold">Account</h2>
        <dl className="mt-3 grid grid-cols-[8rem_1fr] gap-2 text-sm">
          <dt className="text-slate-600">Email</dt>
          <dd>{session.email}</dd>
          <dt className="text-slate-600">Name</dt>
          <dd>{session.name || "—"}</dd>
        </dl>
        <p className="mt-3 text-sm">
          <Link className="font-medium text-brand-700 underline" href="/settings/account">
            Account settings
          </Link>{" "}
          <span className="text-slate-600">— change your name, email or password; sign out everywhere.</span>
        </p>
        <p className="mt-2 text-sm">
          <Link className="font-medium text-brand-700 underline" href="/settings/alerts">
            Alerts
          </Link>{" "}
          <span className="text-slate-600">— which problems in this workspace reach you by mail, at once or hourly.</span>
        </p>
      </section>
      <section className="mt-6 rounded-lg border border-slate-200 bg-white p-6">
        <h2 className="text-base font-semibold">Workspace</h2>
        <p className="mt-2 text-sm text-slate-600">
          {workspace?.name ?? "This workspace"} · your role here: {ROLE_LABELS[session.role]}.
        </p>
        {can(session.role, "members.manage") && (
          <p className="mt-2 text-sm">
            <Link className="font-medium text-brand-700 underline" href="/settings/members">
              Members
            </Link>{" "}
            <span className="text-slate-600">— invite people, change roles, remove members.</span>
          </p>
        )}
        {can(session.role, "apiKeys.manage") && (
          <p className="mt-2 text-sm">
            <Link className="font-medium text-brand-700 underline" href="/settings/api-keys">
              API keys
            </Link>{" "}
            <span className="text-slate-600">— for warehouses and 3PLs that record shipments through the API.</span>
          </p>
        )}
        {can(session.role, "webhooks.manage") && (
          <p className="mt-2 text-sm">
            <Link className="font-medium text-brand-700 underline" href="/settings/webhooks">
              Webhooks
            </Link>{" "}
            <span className="text-slate-600">— signed alerts to your own systems, with a delivery log.</span>
          </p>
        )}
        {can(session.role, "audit.read") && (
          <p className="mt-2 text-sm">
            <Link className="font-medium text-brand-700 underline" href="/settings/audit">
              Audit log
            </Link>{" "}
            <span className="text-slate-600">— who changed what, when and from where; export as CSV.</span>
          </p>
        )}
        {can(session.role, "outbox.read") && (
          <p className="mt-2 text-sm">
            <Link className="font-medium text-brand-700 underline" href="/settings/outbox">
              Outbox
            </Link>{" "}
            <span className="text-slate-600">— mails kept here while no SMTP server is configured.</span>
          </p>
        )}
        <p className="mt-2 text-sm">
          <Link className="font-medium text-brand-700 underline" href="/settings/mapping-sets">
            Mapping sets
          </Link>{" "}
          <span className="text-slate-600">— from → to tables shared by every mapping template in this workspace.</span>
        </p>
        <LeaveWorkspaceButton workspaceName={workspace?.name ?? "this workspace"} />
      </section>
    </>
  );
}
