"use client";

/** The Link Listings result on the run page: what was linked and why the rest was not, with a CSV. */

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useEffect, useRef } from "react";
import type { LinkRunSummary as Summary } from "@/lib/operations/link-listings";
import { FULL_REASON, sellerCloudTimeText } from "@/lib/operations/link-listings/pass-reasons";
import { isLive, type RunDetailJson } from "../runs/types";
import { formatCount } from "./format";

/** The panel's typography: curly apostrophes in text shared with the run's events. */
const curly = (text: string) => text.replace(/'/g, "’");

/** What a full run's reading of the whole catalog means for the links and for the next run. */
function fullRunConsequence(summary: Summary): string {
  // A dry run writes neither links nor Conduit's copy of SellerCloud (match-step.ts).
  if (summary.dryRun) return "A dry run leaves Conduit’s copy of SellerCloud as it was, so the next run is full too.";
  switch (summary.fullReason) {
    case "first":
      return "Later runs read only the products changed since.";
    case "company_changed":
      return "Links to products that are not in this company’s catalog are removed.";
    default:
      return "Products deleted in SellerCloud since the last full run are found this way and their links removed.";
  }
}

const OUTCOMES = [
  ["alreadyLinked", "Already linked", "Linked before this run and still matching; left alone."],
  [
    "unlinked",
    "Unlinked",
    "Links removed: the product is gone, no longer matches, or the variant left the channel’s scope.",
  ],
  ["unmatched", "Unmatched", "No SellerCloud product of the company matches any linking pair."],
  ["ambiguous", "Ambiguous", "A value matches several SellerCloud products and no later pair found exactly one."],
  ["conflicts", "Conflicts", "Another variant, found by a higher-priority pair, got the same SellerCloud product."],
  [
    "invalidCodes",
    "Invalid codes in your catalog",
    "A variant’s UPC, EAN or GTIN with a wrong check digit or length; it was not used.",
  ],
] as const;

/**
 * The Link Listings result on the run page: linked (by which pair), already linked, unmatched,
 * ambiguous, conflicts, invalid codes, the CSV of what was not linked and, when SellerCloud's own
 * codes failed validation, the CSV of those products. While the run is live it
 * watches the run the page polls (same query) and reloads the summary once the run ends.
 */
export function LinkRunSummary({
  runId,
  channelId,
  initialStatus,
  summary,
}: {
  runId: string;
  channelId: string;
  initialStatus: RunDetailJson["run"]["status"];
  summary: Summary | null;
}) {
  const router = useRouter();
  // Reads the run LiveRun polls (same query key); this observer never fetches on its own.
  const { data } = useQuery<RunDetailJson>({
    queryKey: ["run", runId],
    queryFn: async () => (await fetch(`/api/runs/${runId}`, { cache: "no-store" })).json(),
    enabled: false,
  });
  const status = data?.run.status ?? initialStatus;
  const refreshed = useRef(false);
  useEffect(() => {
    if (!summary && !isLive(status) && isLive(initialStatus) && !refreshed.current) {
      refreshed.current = true;
      router.refresh();
    }
  }, [summary, status, initialStatus, router]);

  if (!summary) {
    if (isLive(status)) {
      return (
        <section className="rounded-lg border border-slate-200 bg-white p-6" aria-labelledby="link-summary-heading">
          <h2 id="link-summary-heading" className="text-base font-semibold">
            Link Listings result
          </h2>
          <p className="mt-2 text-sm text-slate-600" role="status">
            The result appears here when the run has read the SellerCloud catalog and matched your variants.
          </p>
        </section>
      );
    }
    return null;
  }

  const pairs = Object.entries(summary.linkedByPair).sort((a, b) => b[1] - a[1]);
  const notLinked = summary.unmatched + summary.ambiguous;
  return (
    <section
      className="rounded-lg border border-slate-200 bg-white p-6"
      aria-labelledby="link-summary-heading"
      data-testid="link-run-summary"
    >
      <div className="flex flex-wrap items-start gap-3">
        <div className="flex-1">
          <h2 id="link-summary-heading" className="text-base font-semibold">
            Link Listings result
          </h2>
          <p className="mt-1 text-sm text-slate-600">
            {formatCount(summary.variants)} variant(s) checked against {formatCount(summary.products)} SellerCloud
            product(s).
            {summary.dryRun && " Dry run: nothing was written; this is what a run would do."}
          </p>
          {summary.kind && (
            <p className="mt-1 text-sm text-slate-600" data-testid="link-summary-kind">
              {summary.kind === "incremental" ? (
                <>
                  <span className="font-medium text-slate-800">Incremental run:</span> read{" "}
                  {formatCount(summary.productsRead ?? 0)} product(s) changed in SellerCloud since{" "}
                  {summary.since ? curly(sellerCloudTimeText(summary.since)) : "the last run"} in{" "}
                  {formatCount(summary.calls ?? 0)} call(s), about{" "}
                  {formatCount(Math.max(0, (summary.fullCalls ?? 0) - (summary.calls ?? 0)))} fewer than a full read;
                  the rest came from Conduit’s copy of SellerCloud.
                </>
              ) : (
                <>
                  <span className="font-medium text-slate-800">Full run:</span> read{" "}
                  {formatCount(summary.productsRead ?? 0)} product(s) in {formatCount(summary.calls ?? 0)} call(s)
                  {summary.fullReason ? ` (${curly(FULL_REASON[summary.fullReason])})` : ""}.{" "}
                  {fullRunConsequence(summary)}
                </>
              )}
            </p>
          )}
        </div>
        <div className="flex flex-wrap gap-3 text-sm">
          <a
            href={`/api/runs/${runId}/unmatched`}
            download
            className="rounded-md border border-slate-300 bg-white px-3 py-2 font-medium text-slate-800 hover:bg-slate-50"
          >
            Download unmatched and ambiguous ({formatCount(notLinked)}) as CSV
          </a>
          {!summary.dryRun && summary.linked > 0 && (
            <Link
              href={`/catalog?channel=${channelId}&run=${runId}`}
              className="rounded-md px-3 py-2 font-medium text-brand-700 underline"
            >
              See the variants this run linked
            </Link>
          )}
          {!summary.dryRun && (
            <Link
              href={`/catalog?channel=${channelId}&status=unlinked`}
              className="rounded-md px-3 py-2 font-medium text-brand-700 underline"
            >
              See unlinked variants in the catalog
            </Link>
          )}
        </div>
      </div>

      <div className="mt-4 grid gap-4 md:grid-cols-[minmax(0,1fr)_minmax(0,2fr)]">
        <div className="rounded-md bg-green-50 p-4">
          <p className="text-xs uppercase tracking-wide text-green-900">{summary.dryRun ? "Would link" : "Linked"}</p>
          <p className="text-3xl font-semibold tabular-nums text-green-900" data-testid="link-summary-linked">
            {formatCount(summary.linked)}
          </p>
          {pairs.length > 0 ? (
            <table className="mt-2 w-full text-sm text-green-900">
              <caption className="sr-only">New links by linking pair</caption>
              <thead>
                <tr className="text-left text-xs text-green-800">
                  <th scope="col" className="font-medium">
                    By pair (listing → SellerCloud)
                  </th>
                  <th scope="col" className="text-right font-medium">
                    Variants
                  </th>
                </tr>
              </thead>
              <tbody>
                {pairs.map(([pair, n]) => (
                  <tr key={pair}>
                    <td>{pair}</td>
                    <td className="text-right tabular-nums">{formatCount(n)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : (
            <p className="mt-2 text-sm text-green-900">No new links in this run.</p>
          )}
          {summary.notAutoLinked > 0 && (
            <p className="mt-2 text-sm text-amber-900">
              {formatCount(summary.notAutoLinked)} more matched, but automatic linking of new listings is off for this
              channel.
            </p>
          )}
        </div>
        <dl className="grid grid-cols-2 gap-3 sm:grid-cols-3">
          {OUTCOMES.map(([key, label, help]) => (
            <div key={key} className="rounded-md bg-slate-50 p-3">
              <dt className="text-xs uppercase tracking-wide text-slate-600">
                {/* A dry run removed no link: it says what a run would do (issue 14 §13). */}
                {summary.dryRun && key === "unlinked" ? "Would unlink" : label}
              </dt>
              <dd>
                <span className="block text-xl font-semibold tabular-nums" data-testid={`link-summary-${key}`}>
                  {formatCount(summary[key])}
                </span>
                <span className="block text-xs text-slate-600">
                  {summary.dryRun && key === "unlinked"
                    ? "Links a run would remove: the product is gone, no longer matches, or the variant left the channel’s scope."
                    : help}
                </span>
              </dd>
            </div>
          ))}
        </dl>
      </div>
      {summary.invalidProductCodes > 0 && (
        <p className="mt-3 text-sm text-slate-700">
          {formatCount(summary.invalidProductCodes)} SellerCloud product code(s) fail validation (a wrong check digit, a
          wrong length or characters other than digits) and cannot be matched by that code; fix them in SellerCloud.{" "}
          <a href={`/api/runs/${runId}/invalid-codes`} download className="font-medium text-brand-700 underline">
            Download the list as CSV
          </a>
        </p>
      )}
    </section>
  );
}
