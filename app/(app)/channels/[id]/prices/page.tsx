/**
 * A channel's Prices & quantities page (/channels/<id>/prices): Sync Prices & Quantities' review
 * (held values with Send / Skip, refused, failed, and what SellerCloud confirmed), Run now / dry
 * run, and the operation's settings (warehouse, rails).
 */

import type { Metadata } from "next";
import Link from "next/link";
import { PriceReviewTable } from "@/components/prices/price-review-table";
import { PriceSyncSettingsForm } from "@/components/prices/price-sync-settings-form";
import { RunNowButton } from "@/components/runs/run-now-button";
import { Alert } from "@/components/ui/alert";
import { PageHeader } from "@/components/ui/page-header";
import { getDb } from "@/db/index";
import { readPriceSyncSettings } from "@/lib/channels/price-sync-settings";
import { isOperationEnabled } from "@/lib/channels/wizard-state";
import { can } from "@/lib/members/permissions";
import { listReview, type ReviewFilter, REVIEW_PAGE_SIZE, reviewCounts } from "@/lib/operations/sync-prices/review";
import { requireChannelPage } from "@/lib/server/channel-pages";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Prices & quantities" };

const FILTERS: { id: ReviewFilter; label: string }[] = [
  { id: "held", label: "Waiting for review" },
  { id: "refused", label: "Refused by the rails" },
  { id: "failed", label: "Refused by SellerCloud" },
  { id: "sent", label: "In SellerCloud" },
];

export default async function ChannelPricesPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<{ show?: string; page?: string }>;
}) {
  const { id } = await params;
  const query = await searchParams;
  const { session, channel } = await requireChannelPage(id);
  const db = await getDb();
  const scope = { workspaceId: session.workspaceId, channelId: channel.id };
  const filter = FILTERS.find((f) => f.id === query.show)?.id ?? "held";
  const page = Math.max(1, Math.floor(Number(query.page) || 1));
  const [counts, rows] = await Promise.all([reviewCounts(db, scope), listReview(db, scope, filter, page)]);
  const settings = readPriceSyncSettings(channel.settings.priceSync);
  const enabled = isOperationEnabled(channel, "sync_prices");
  const pages = Math.max(1, Math.ceil(counts[filter] / REVIEW_PAGE_SIZE));
  const link = (show: ReviewFilter, p = 1) => `/channels/${id}/prices?show=${show}${p > 1 ? `&page=${p}` : ""}`;

  return (
    <>
      <p className="mb-2 text-sm">
        <Link href={`/channels/${id}`} className="text-brand-700 underline">
          ← {channel.name}
        </Link>
      </p>
      <PageHeader
        title="Prices & quantities"
        description="Sync Prices & Quantities sends each linked variant's price and quantity, from your Pricing & quantity rules, to its SellerCloud product. Only changes are sent; risky ones wait here for you."
        actions={
          enabled && channel.status !== "draft" ? (
            <RunNowButton channelId={id} operation="sync_prices" label="Run Sync Prices & Quantities now" allowDryRun />
          ) : undefined
        }
      />
      <div className="space-y-6">
        {!enabled && (
          <Alert tone="info" title="Sync Prices & Quantities is off">
            Turn it on in the channel's{" "}
            <Link
              className="underline"
              href={`/channels/${id}/${channel.status === "draft" ? "setup" : "settings"}/operations`}
            >
              Confirm integrations
            </Link>{" "}
            step; until then nothing is sent.
          </Alert>
        )}
        {settings.sendQuantities && settings.warehouseId === null && (
          <Alert tone="warning" title="No warehouse chosen">
            Quantities are not sent until you choose the SellerCloud warehouse they are set in, below.
          </Alert>
        )}
        <section aria-labelledby="review-heading" className="space-y-3">
          <h2 id="review-heading" className="text-lg font-semibold text-slate-900">
            Review
          </h2>
          <nav aria-label="Review lists" className="flex flex-wrap gap-3 text-sm">
            {FILTERS.map((f) => (
              <Link
                key={f.id}
                href={link(f.id)}
                aria-current={f.id === filter ? "page" : undefined}
                className={f.id === filter ? "font-semibold text-slate-900" : "text-brand-700 underline"}
              >
                {f.label} ({counts[f.id]})
              </Link>
            ))}
          </nav>
          <PriceReviewTable channelId={id} filter={filter} rows={rows} heldCount={counts.held} />
          {pages > 1 && (
            <p className="text-sm text-slate-600">
              Page {page} of {pages}
              {page > 1 && (
                <>
                  {" · "}
                  <Link className="text-brand-700 underline" href={link(filter, page - 1)}>
                    Previous
                  </Link>
                </>
              )}
              {page < pages && (
                <>
                  {" · "}
                  <Link className="text-brand-700 underline" href={link(filter, page + 1)}>
                    Next
                  </Link>
                </>
              )}
            </p>
          )}
          <p className="text-sm text-slate-600">
            A dry run reports on its run page, per variant, the value SellerCloud last confirmed, the value it would
            send and the rule behind it, without sending anything.
          </p>
        </section>
        <section
          aria-labelledby="price-settings-heading"
          className="space-y-3 rounded-lg border border-slate-200 bg-white p-6"
        >
          <h2 id="price-settings-heading" className="text-lg font-semibold text-slate-900">
            Settings
          </h2>
          {can(session.role, "channels.manage") ? (
            <PriceSyncSettingsForm channelId={id} initial={settings} />
          ) : (
            <ul className="list-disc pl-5 text-sm text-slate-600">
              <li>
                Warehouse: {settings.warehouseName ?? (settings.warehouseId ? `#${settings.warehouseId}` : "none")}
              </li>
              <li>Prices held above a {settings.holdPriceChangePercent ?? "—"} % change</li>
              <li>Runs held above {settings.holdZeroingPercent ?? "—"} % of quantities set to 0</li>
              <li>An admin can change these.</li>
            </ul>
          )}
        </section>
      </div>
    </>
  );
}
