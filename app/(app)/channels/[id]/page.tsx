/** A channel's page (/channels/<id>): status, operations, SellerCloud budget, configuration and the danger zone. */

import type { Metadata } from "next";
import Link from "next/link";
import { PauseButton } from "@/components/channels/activate-button";
import { BudgetUsageChart } from "@/components/channels/budget-usage";
import { ChannelSummary } from "@/components/channels/channel-summary";
import { DeleteChannelForm } from "@/components/channels/delete-channel-form";
import { ResetSandboxButton } from "@/components/channels/reset-sandbox-button";
import { StatusBadge } from "@/components/channels/status-badge";
import { ChannelOperationsPanel } from "@/components/runs/channel-operations-panel";
import { Alert } from "@/components/ui/alert";
import { buttonClass } from "@/components/ui/button";
import { PageHeader } from "@/components/ui/page-header";
import { getDb } from "@/db/index";
import { lastRunsOfChannel } from "@/lib/channels/channels";
import { missingRequiredSteps, WIZARD_STEPS } from "@/lib/channels/wizard";
import { fullRecheckStatus } from "@/lib/operations/link-listings/recheck-status";
import { budgetUsageForChannel } from "@/lib/sellercloud/budget/usage";
import { workspaceSandboxLogin } from "@/lib/sellercloud/sandbox/app-sandbox";
import { requireChannelPage } from "@/lib/server/channel-pages";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Channel" };

export default async function ChannelOverviewPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<{ saved?: string; activated?: string }>;
}) {
  const { id } = await params;
  const query = await searchParams;
  const { session, channel } = await requireChannelPage(id);
  const db = await getDb();
  const [lastRuns, linkRecheck, budgetUsage] = await Promise.all([
    lastRunsOfChannel(db, session.workspaceId, channel.id),
    fullRecheckStatus(db, { workspaceId: session.workspaceId, channelId: channel.id }, channel.settings.link),
    // requireChannelPage checked the channel is in the session's workspace.
    budgetUsageForChannel(db, channel.id),
  ]);
  const draft = channel.status === "draft";
  const missing = missingRequiredSteps(channel);
  const savedStep =
    query.saved && query.saved in WIZARD_STEPS ? WIZARD_STEPS[query.saved as keyof typeof WIZARD_STEPS] : null;
  return (
    <>
      <p className="mb-2 text-sm">
        <Link href="/channels" className="text-brand-700 underline">
          ← Sales channels
        </Link>
      </p>
      <PageHeader
        title={channel.name}
        description={
          <>
            SellerCloud channel <StatusBadge status={channel.status} />
          </>
        }
        actions={
          draft ? (
            <Link href={`/channels/${id}/setup`} className={buttonClass("primary")}>
              Continue setup
            </Link>
          ) : (
            <PauseButton channelId={id} paused={channel.status === "paused"} />
          )
        }
      />
      <div className="space-y-4">
        {query.activated && (
          <Alert tone="success">
            The channel is active. Its schedules run in UTC; you can change everything below.
          </Alert>
        )}
        {savedStep && <Alert tone="success">Saved “{savedStep.title}”.</Alert>}
        {channel.status === "paused" && (
          <Alert tone="warning" title="This channel is paused">
            Its schedules do not run until you resume it. “Run now” still runs an operation once, after asking you.
          </Alert>
        )}
        {!draft && missing.length > 0 && (
          <Alert tone="warning" title="Something needs attention">
            These settings are needed by the processes you enabled: {missing.map((m) => m.title).join(", ")}.
          </Alert>
        )}
        <ChannelOperationsPanel
          channelId={channel.id}
          operations={channel.operations}
          lastRuns={lastRuns}
          canRun={!draft}
          linkRecheck={linkRecheck}
        />
        {!draft && <BudgetUsageChart usage={budgetUsage} />}
        <h2 className="pt-2 text-lg font-semibold text-slate-900">Settings</h2>
        <ChannelSummary channel={channel} base={draft ? "setup" : "settings"} />
        {channel.connection && channel.connection.username === workspaceSandboxLogin(session.workspaceId)?.username && (
          <ResetSandboxButton />
        )}
        <DeleteChannelForm channelId={channel.id} name={channel.name} />
      </div>
    </>
  );
}
