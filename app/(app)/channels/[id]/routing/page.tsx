/** A channel's vendor routing (/channels/<id>/routing): the ordered rules, a preview on an imported order, and Run Submit to Vendors. */

import type { Metadata } from "next";
import Link from "next/link";
import { RunNowButton } from "@/components/runs/run-now-button";
import { Alert } from "@/components/ui/alert";
import { PageHeader } from "@/components/ui/page-header";
import { RoutingEditor } from "@/components/vendors/routing-editor";
import { getDb } from "@/db/index";
import { isOperationEnabled } from "@/lib/channels/wizard-state";
import { can } from "@/lib/members/permissions";
import { requireChannelPage } from "@/lib/server/channel-pages";
import { recentOrdersForPreview } from "@/lib/vendors/queries";
import { loadRoutingRules } from "@/lib/vendors/routing-rules";
import { listVendors } from "@/lib/vendors/vendors";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Vendor routing" };

export default async function ChannelRoutingPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const { session, channel } = await requireChannelPage(id);
  const db = await getDb();
  const scope = { workspaceId: session.workspaceId, channelId: id };
  const [rules, vendors, orders] = await Promise.all([
    loadRoutingRules(db, scope),
    listVendors(db, session.workspaceId),
    recentOrdersForPreview(db, scope),
  ]);
  const enabled = isOperationEnabled(channel, "submit_to_vendors");
  return (
    <div className="space-y-6">
      <p className="text-sm">
        <Link href={`/channels/${id}`} className="text-brand-700 underline">
          ← {channel.name}
        </Link>
      </p>
      <PageHeader
        title="Vendor routing"
        description="Which vendor fulfils each order line: the rules are tried top to bottom and the first that matches wins; a line no rule places is held with the reason."
        actions={
          enabled && can(session.role, "runs.start") ? (
            <RunNowButton channelId={id} operation="submit_to_vendors" label="Run Submit to Vendors" allowDryRun />
          ) : undefined
        }
      />
      {!enabled && (
        <Alert tone="info" title="Submit to Vendors is off for this channel">
          Turn it on in the channel’s{" "}
          <Link
            href={`/channels/${id}/${channel.status === "draft" ? "setup" : "settings"}/operations`}
            className="underline"
          >
            Confirm integrations
          </Link>{" "}
          step; until then no order is sent to vendors. You can prepare and preview the rules now.
        </Alert>
      )}
      {vendors.length === 0 && (
        <Alert tone="info">
          Add your vendors first on the{" "}
          <Link href="/vendors" className="underline">
            Vendors
          </Link>{" "}
          page.
        </Alert>
      )}
      <RoutingEditor
        channelId={id}
        canEdit={can(session.role, "vendors.manage")}
        initial={rules.map((r) => ({ kind: r.kind, values: r.values.join(", "), vendorId: r.vendorId }))}
        vendors={vendors.filter((v) => !v.archived).map((v) => ({ id: v.id, name: v.name }))}
        orders={orders.map((o) => ({
          id: o.id,
          label: `#${o.sellercloudOrderId}${o.shipCountry ? ` (${o.shipCountry})` : ""}`,
        }))}
      />
    </div>
  );
}
