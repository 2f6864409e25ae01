/** The Channels page (/channels): the workspace's sales channels. */

import type { Metadata } from "next";
import Link from "next/link";
import { ChannelsTable } from "@/components/channels/channels-table";
import { buttonClass } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { getDb } from "@/db/index";
import { listChannels } from "@/lib/channels/channels";
import { STEP_IDS } from "@/lib/channels/step-ids";
import { can } from "@/lib/members/permissions";
import { requireSession } from "@/lib/server/session";

export const metadata: Metadata = { title: "Channels" };
export const dynamic = "force-dynamic";

export default async function ChannelsPage() {
  const session = await requireSession();
  const channels = await listChannels(await getDb(), session.workspaceId);
  const create = can(session.role, "channels.manage") ? (
    <Link href="/channels/new" className={buttonClass("primary")}>
      Create channel
    </Link>
  ) : undefined;
  return (
    <>
      <PageHeader
        title="Sales channels"
        description="Each channel connects this workspace to one SellerCloud account."
        actions={channels.length ? create : undefined}
      />
      {channels.length === 0 ? (
        <EmptyState title="No channels yet" action={create}>
          Create a SellerCloud channel to link your listings, import orders and send tracking numbers back. The setup
          takes {STEP_IDS.length} short steps, and you can try it against the built-in SellerCloud sandbox first.
        </EmptyState>
      ) : (
        <ChannelsTable channels={channels} />
      )}
    </>
  );
}
