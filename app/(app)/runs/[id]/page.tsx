/** A run's page (/runs/<id>): its live status, counts, progress and events. */

import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { isUuid } from "@/lib/server/route-params";
import { LinkRunSummary } from "@/components/catalog/link-run-summary";
import { LiveRun } from "@/components/runs/live-run";
import { RunLinks } from "@/components/runs/run-links";
import { type RunDetailJson, toJson } from "@/components/runs/types";
import { Alert } from "@/components/ui/alert";
import { PageHeader } from "@/components/ui/page-header";
import { getDb } from "@/db/index";
import { getRun } from "@/lib/operations/queries";
import { getLinkRunSummary } from "@/lib/catalog/queries";
import { requireSession } from "@/lib/server/session";

export const metadata: Metadata = { title: "Run" };

export default async function RunPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<{ already?: string }>;
}) {
  const session = await requireSession();
  const { id } = await params;
  const { already } = await searchParams;
  if (!isUuid(id)) notFound();
  const db = await getDb();
  const detail = await getRun(db, { workspaceId: session.workspaceId, runId: id });
  if (!detail) notFound();
  const isLinkRun = detail.run.operation === "link_listings";
  const linkSummary = isLinkRun ? await getLinkRunSummary(db, session.workspaceId, id) : null;
  const initial = toJson<RunDetailJson>(detail);
  return (
    <>
      <PageHeader
        title="Run details"
        description={
          <Link href="/runs" className="text-brand-700 underline">
            ← All runs
          </Link>
        }
      />
      {already && (
        <div className="mb-4">
          <Alert tone="info">
            A run of this operation was already under way, so no second one was started. This is that run.
          </Alert>
        </div>
      )}
      {isLinkRun && (
        <div className="mb-6">
          <LinkRunSummary
            runId={id}
            channelId={detail.run.channelId}
            initialStatus={detail.run.status}
            summary={linkSummary}
          />
        </div>
      )}
      <RunLinks initial={initial} />
      <LiveRun initial={initial} />
    </>
  );
}
