"use client";

/** The channel page's SellerCloud budget chart: calls in the last hour per operation; the plot loads on demand. */

import dynamic from "next/dynamic";
import { OPERATION_LABELS, type Operation } from "@/lib/channels/settings";
import type { BudgetUsage } from "@/lib/sellercloud/budget/usage";

// recharts loads only here, after the page (first-load JavaScript stays small).
const BudgetUsagePlot = dynamic(() => import("./budget-usage-plot").then((m) => m.BudgetUsagePlot), {
  ssr: false,
  loading: () => <div className="h-full animate-pulse rounded bg-slate-50" />,
});

/** The label of an operation key recorded with the calls ("other": calls outside a run, e.g. previews). */
export function budgetOperationLabel(operation: string): string {
  return OPERATION_LABELS[operation as Operation] ?? "Other calls";
}

/**
 * The channel's SellerCloud login: calls used in the last hour against its shared budget, per
 * operation (every channel on the same login counts), as five-minute bars.
 */
export function BudgetUsageChart({ usage }: { usage: BudgetUsage | null }) {
  const used = usage?.total ?? 0;
  const limit = usage?.callsPerHour ?? 0;
  return (
    <figure className="rounded-lg border border-slate-200 bg-white p-4">
      <figcaption className="mb-2 flex flex-wrap items-baseline justify-between gap-2">
        <span className="text-sm font-semibold">SellerCloud calls in the last hour</span>
        {usage && (
          <span className="text-xs text-slate-600">
            {used.toLocaleString("en-US")} of {limit.toLocaleString("en-US")} per hour for this SellerCloud login
            {usage.byOperation.length > 0 &&
              ` · ${usage.byOperation.map((o) => `${budgetOperationLabel(o.operation)} ${o.calls.toLocaleString("en-US")}`).join(" · ")}`}
          </span>
        )}
      </figcaption>
      {!usage || used === 0 ? (
        <p className="py-6 text-center text-sm text-slate-600">
          No SellerCloud calls in the last hour. Every channel on the same SellerCloud login shares its hourly budget.
        </p>
      ) : (
        <div
          className="h-32"
          role="img"
          aria-label={`SellerCloud calls in the last hour: ${used} of ${limit} allowed for this login`}
        >
          <BudgetUsagePlot usage={usage} />
        </div>
      )}
    </figure>
  );
}
