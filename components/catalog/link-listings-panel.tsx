/** The Catalog page's Link Listings panel per channel: Run now or a dry run, and the last run. */

import Link from "next/link";
import type { RunStatus } from "@/lib/operations/types";
import type { CatalogChannel } from "@/lib/catalog/queries";
import { formatDateTime } from "../runs/format";
import { RunNowButton } from "../runs/run-now-button";
import { RunStatusBadge } from "../runs/run-status-badge";

/** Where the catalog meets a channel: run Link Listings now (or a dry run) and see the last run. */
export function LinkListingsPanel({
  channel,
  lastRun,
}: {
  channel: CatalogChannel;
  lastRun: { id: string; status: RunStatus; queuedAt: Date; dryRun: boolean } | null;
}) {
  return (
    <section aria-labelledby="link-listings-heading" className="rounded-lg border border-slate-200 bg-white p-4">
      <div className="flex flex-wrap items-start gap-4">
        <div className="min-w-64 flex-1">
          <h2 id="link-listings-heading" className="text-base font-semibold">
            Link Listings on {channel.name}
          </h2>
          <p className="mt-1 text-sm text-slate-600">
            Matches your variants to existing SellerCloud products by the channel’s linking priority. It never creates
            or changes SellerCloud products. A dry run shows what would change without writing. Runs read only the
            products changed in SellerCloud since the last run; a full re-check (scheduled, or now) reads them all and
            also finds deleted ones.
          </p>
          {channel.status === "draft" && (
            <p className="mt-1 text-sm text-amber-900">
              This channel is still being set up: save its Link Settings (company and linking priority) before running.
            </p>
          )}
          <p className="mt-2 text-sm text-slate-700" data-testid="last-link-run">
            {lastRun ? (
              <>
                Last run {formatDateTime(lastRun.queuedAt)} <RunStatusBadge status={lastRun.status} />
                {lastRun.dryRun && " (dry run)"} ·{" "}
                <Link href={`/runs/${lastRun.id}`} className="text-brand-700 underline">
                  View the run
                </Link>
              </>
            ) : (
              "Link Listings has not run on this channel yet."
            )}
          </p>
        </div>
        <RunNowButton
          channelId={channel.id}
          operation="link_listings"
          label="Run Link Listings"
          allowDryRun
          allowFullRecheck
        />
      </div>
    </section>
  );
}
