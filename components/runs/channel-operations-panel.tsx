/** The channel page's operations panel: each enabled operation's schedule, next and last run, and Run now. */

import Link from "next/link";
import type { Run } from "@/db/schema/runs";
import { OPERATION_LABELS, type Operation } from "@/lib/channels/settings";
import type { ChannelOperationState } from "@/lib/channels/wizard";
import { FULL_REASON } from "@/lib/operations/link-listings/pass-reasons";
import type { FullRecheckStatus } from "@/lib/operations/link-listings/recheck-status";
import { describeSchedule } from "@/lib/operations/schedule";
import { formatDateTime } from "./format";
import { RunNowButton } from "./run-now-button";
import { RunStatusBadge } from "./run-status-badge";

const RELATED: Record<Operation, { href: (channelId: string) => string; label: string }> = {
  link_listings: { href: () => "/catalog", label: "Catalog" },
  get_orders: { href: (id) => `/channels/${id}/mapping`, label: "Mapping templates" },
  sync_orders: { href: () => "/orders", label: "Orders" },
  sync_prices: { href: (id) => `/channels/${id}/prices`, label: "Prices & quantities review" },
  submit_to_vendors: { href: (id) => `/channels/${id}/routing`, label: "Vendor routing" },
};

/** The channel's enabled operations: schedule, next and last run, and "Run now". */
export function ChannelOperationsPanel({
  channelId,
  operations,
  lastRuns,
  canRun,
  linkRecheck,
}: {
  channelId: string;
  operations: ChannelOperationState[];
  lastRuns: Partial<Record<Operation, Run>>;
  canRun: boolean;
  /** Link Listings' full re-check schedule (lib/operations/link-listings/recheck-status.ts). */
  linkRecheck?: FullRecheckStatus;
}) {
  const enabled = operations.filter((o) => o.enabled);
  return (
    <section aria-labelledby="operations-heading" className="rounded-lg border border-slate-200 bg-white p-6">
      <div className="flex items-baseline justify-between">
        <h2 id="operations-heading" className="text-base font-semibold">
          Operations
        </h2>
        <Link href={`/runs?channel=${channelId}`} className="text-sm text-brand-700 underline">
          Run history
        </Link>
      </div>
      {enabled.length === 0 ? (
        <p className="mt-2 text-sm text-slate-600">No operations are enabled. Choose them in the channel's settings.</p>
      ) : (
        <ul className="mt-4 divide-y divide-slate-100">
          {enabled.map((op) => {
            const last = lastRuns[op.operation];
            const related = RELATED[op.operation];
            return (
              <li
                key={op.operation}
                className="flex flex-wrap items-center gap-4 py-4"
                data-testid={`operation-${op.operation}`}
              >
                <div className="min-w-56 flex-1">
                  <h3 className="font-medium">{OPERATION_LABELS[op.operation]}</h3>
                  <p className="text-sm text-slate-600">
                    {describeSchedule(op.schedule)}
                    {op.nextRunAt && op.schedule.kind !== "manual" ? ` · next ${formatDateTime(op.nextRunAt)}` : ""}
                  </p>
                  {op.operation === "link_listings" && linkRecheck && (
                    <p className="text-sm text-slate-600" data-testid="link-full-recheck">
                      Full re-check every {linkRecheck.days} day{linkRecheck.days === 1 ? "" : "s"}
                      {linkRecheck.lastFullAt
                        ? ` · last ${formatDateTime(linkRecheck.lastFullAt)} · ${
                            linkRecheck.nextFullBecause
                              ? `the next run reads SellerCloud whole (${FULL_REASON[linkRecheck.nextFullBecause]})`
                              : `the first run after ${formatDateTime(linkRecheck.nextAt!)} reads SellerCloud whole`
                          }`
                        : " · the next run reads SellerCloud whole"}
                      ; runs in between read only what changed
                      {linkRecheck.products !== null
                        ? ` (Conduit's copy holds ${linkRecheck.products.toLocaleString("en-US")} SellerCloud product${linkRecheck.products === 1 ? "" : "s"})`
                        : ""}
                      .
                    </p>
                  )}
                  <p className="mt-1 text-sm text-slate-600">
                    {last ? (
                      <>
                        Last run{" "}
                        <Link href={`/runs/${last.id}`} className="text-brand-700 underline">
                          {formatDateTime(last.queuedAt)}
                        </Link>{" "}
                        <RunStatusBadge status={last.status} />
                      </>
                    ) : (
                      "Not run yet."
                    )}{" "}
                    ·{" "}
                    <Link href={related.href(channelId)} className="text-brand-700 underline">
                      {related.label}
                    </Link>
                    {op.operation === "sync_orders" && (
                      <>
                        {" "}
                        ·{" "}
                        <Link href="/orders/shipments/upload" className="text-brand-700 underline">
                          Upload shipments CSV
                        </Link>
                      </>
                    )}
                  </p>
                </div>
                {canRun ? (
                  <RunNowButton
                    channelId={channelId}
                    operation={op.operation}
                    label={`Run ${OPERATION_LABELS[op.operation]} now`}
                    allowDryRun
                    allowFullRecheck={op.operation === "link_listings"}
                  />
                ) : (
                  <p className="text-sm text-slate-600">Activate the channel to run it.</p>
                )}
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
