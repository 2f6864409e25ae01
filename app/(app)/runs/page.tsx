/** The Runs page (/runs): every run, newest first, filtered, with items and failures per run charted. */

import type { Metadata } from "next";
import Link from "next/link";
import { z } from "zod";
import { formatDateTime, formatDuration } from "@/components/runs/format";
import { RunStatusBadge } from "@/components/runs/run-status-badge";
import { RunsChart } from "@/components/runs/runs-chart";
import { buttonClass } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { FilterField, SelectInput } from "@/components/ui/field";
import { PageHeader } from "@/components/ui/page-header";
import { getDb } from "@/db/index";
import { listChannelOptions } from "@/lib/channels/channel-options";
import { OPERATION_LABELS, OPERATIONS } from "@/lib/channels/settings";
import { foldIdleRuns } from "@/lib/operations/fold-idle-runs";
import { listRuns, runStats } from "@/lib/operations/queries";
import { runChartLabels, runChartTitle } from "@/lib/operations/run-chart-labels";
import { requireSession } from "@/lib/server/session";

export const metadata: Metadata = { title: "Runs" };

const STATUSES = ["queued", "running", "succeeded", "partially_failed", "failed", "canceled"] as const;
const filterSchema = z.object({
  channel: z.string().uuid().optional().catch(undefined),
  operation: z.enum(OPERATIONS).optional().catch(undefined),
  status: z.enum(STATUSES).optional().catch(undefined),
  // "all": list every scheduled run that had nothing to do, one line each, instead of one per day.
  idle: z.enum(["all"]).optional().catch(undefined),
});

const LIST_SIZE = 100;

export default async function RunsPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | undefined>>;
}) {
  const session = await requireSession();
  const filter = filterSchema.parse(await searchParams);
  const db = await getDb();
  const [runs, stats, channelOptions] = await Promise.all([
    listRuns(db, {
      workspaceId: session.workspaceId,
      channelId: filter.channel,
      operation: filter.operation,
      status: filter.status,
      // Idle runs fold into one line per day, so read more to still fill the list.
      limit: filter.idle ? LIST_SIZE : 200,
    }),
    runStats(db, {
      workspaceId: session.workspaceId,
      channelId: filter.channel,
      operation: filter.operation,
      status: filter.status,
      perOperation: 20,
    }),
    listChannelOptions(db, session.workspaceId),
  ]);
  const filtered = Boolean(filter.channel || filter.operation || filter.status);
  const rows = (filter.idle ? runs.map((run) => ({ kind: "run" as const, run })) : foldIdleRuns(runs)).slice(
    0,
    LIST_SIZE,
  );
  const foldedAny = rows.some((row) => row.kind === "idle");
  const unfoldHref = `/runs?${new URLSearchParams(
    Object.entries({ ...filter, idle: "all" }).filter((e): e is [string, string] => typeof e[1] === "string"),
  )}`;
  const anyRuns = OPERATIONS.some((op) => stats[op].length > 0);

  return (
    <>
      <PageHeader title="Runs" description="Every Link Listings, Get Orders and Sync Orders run, newest first." />
      {!anyRuns && !filtered ? (
        <EmptyState title="No runs yet">
          A run is recorded each time an operation works, on demand or on its schedule. Start one with “Run now” on a
          channel, and follow its progress here.
        </EmptyState>
      ) : (
        <>
          {/* The charts follow the filters below: one per operation shown. */}
          <div className={`mb-6 grid gap-4 ${filter.operation ? "" : "md:grid-cols-3"}`}>
            {(filter.operation ? [filter.operation] : OPERATIONS).map((op) => {
              const labels = runChartLabels(stats[op].map((p) => p.queuedAt));
              return (
                <RunsChart
                  key={op}
                  title={OPERATION_LABELS[op]}
                  filtered={filtered}
                  points={stats[op].map((p, i) => ({
                    key: p.runId,
                    label: labels[i] ?? "",
                    title: runChartTitle(p.queuedAt),
                    items: p.items,
                    failures: p.failures,
                  }))}
                />
              );
            })}
          </div>
          <form
            method="get"
            className="mb-4 flex flex-wrap items-end gap-3 rounded-lg border border-slate-200 bg-white p-4"
          >
            <FilterField id="channel" label="Channel">
              <SelectInput id="channel" name="channel" defaultValue={filter.channel ?? ""}>
                <option value="">All channels</option>
                {channelOptions.map((c) => (
                  <option key={c.id} value={c.id}>
                    {c.name}
                  </option>
                ))}
              </SelectInput>
            </FilterField>
            <FilterField id="operation" label="Operation">
              <SelectInput id="operation" name="operation" defaultValue={filter.operation ?? ""}>
                <option value="">All operations</option>
                {OPERATIONS.map((op) => (
                  <option key={op} value={op}>
                    {OPERATION_LABELS[op]}
                  </option>
                ))}
              </SelectInput>
            </FilterField>
            <FilterField id="status" label="Status">
              <SelectInput id="status" name="status" defaultValue={filter.status ?? ""}>
                <option value="">Any status</option>
                {STATUSES.map((s) => (
                  <option key={s} value={s}>
                    {s.replace("_", " ")}
                  </option>
                ))}
              </SelectInput>
            </FilterField>
            <button type="submit" className={buttonClass("secondary")}>
              Filter
            </button>
            {filtered && (
              <Link href="/runs" className="text-sm text-brand-700 underline">
                Clear filters
              </Link>
            )}
          </form>
          {rows.length === 0 ? (
            <p className="rounded-lg border border-slate-200 bg-white p-6 text-sm text-slate-600">
              No runs match these filters.
            </p>
          ) : (
            <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
              <table className="w-full text-left text-sm">
                <caption className="sr-only">Runs, newest first</caption>
                <thead className="border-b border-slate-200 bg-slate-50 text-xs uppercase text-slate-600">
                  <tr>
                    <th className="px-4 py-2">Run</th>
                    <th className="px-4 py-2">Channel</th>
                    <th className="px-4 py-2">Status</th>
                    <th className="px-4 py-2">Trigger</th>
                    <th className="px-4 py-2 text-right">Fetched</th>
                    <th className="px-4 py-2 text-right">Failed</th>
                    <th className="px-4 py-2 text-right">Calls</th>
                    <th className="px-4 py-2">Duration</th>
                  </tr>
                </thead>
                <tbody>
                  {rows.map((row) => {
                    if (row.kind === "idle") {
                      return (
                        <tr key={row.key} className="border-b border-slate-100 bg-slate-50/60" data-testid="idle-runs">
                          <td className="px-4 py-2" colSpan={2}>
                            <span className="font-medium">{OPERATION_LABELS[row.newest.operation]}</span>
                            <span className="ml-1 text-slate-700">
                              · {row.count} scheduled {row.count === 1 ? "run" : "runs"} with nothing to do
                            </span>
                            <div className="text-xs text-slate-600">
                              {row.day}, {formatDateTime(row.oldest.queuedAt).slice(11)} to{" "}
                              {formatDateTime(row.newest.queuedAt).slice(11)} · {row.newest.channelName} ·{" "}
                              <Link href={`/runs/${row.newest.id}`} className="text-brand-700 underline">
                                latest
                              </Link>
                            </div>
                          </td>
                          <td className="px-4 py-2">
                            <RunStatusBadge status="succeeded" />
                          </td>
                          <td className="px-4 py-2">Schedule</td>
                          <td className="px-4 py-2 text-right">0</td>
                          <td className="px-4 py-2 text-right">0</td>
                          <td className="px-4 py-2 text-right">—</td>
                          <td className="px-4 py-2">—</td>
                        </tr>
                      );
                    }
                    const { run } = row;
                    return (
                      <tr key={run.id} className="border-b border-slate-100 hover:bg-slate-50">
                        <td className="px-4 py-2">
                          <Link href={`/runs/${run.id}`} className="font-medium text-brand-700 underline">
                            {OPERATION_LABELS[run.operation]}
                          </Link>
                          {run.dryRun && <span className="ml-1 text-xs text-slate-600">(dry run)</span>}
                          <div className="text-xs text-slate-600">{formatDateTime(run.queuedAt)}</div>
                        </td>
                        <td className="px-4 py-2">{run.channelName}</td>
                        <td className="px-4 py-2">
                          <RunStatusBadge status={run.status} />
                        </td>
                        <td className="px-4 py-2 capitalize">{run.trigger}</td>
                        <td className="px-4 py-2 text-right">{run.fetchedCount}</td>
                        <td className="px-4 py-2 text-right">{run.failedCount}</td>
                        <td className="px-4 py-2 text-right">{run.callsUsed}</td>
                        <td className="px-4 py-2">
                          {formatDuration(
                            run.startedAt && run.finishedAt ? run.finishedAt.getTime() - run.startedAt.getTime() : null,
                          )}
                        </td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            </div>
          )}
          {foldedAny && (
            <p className="mt-2 text-sm text-slate-600">
              Scheduled runs that found nothing to do are folded into one line per day.{" "}
              <Link href={unfoldHref} className="text-brand-700 underline">
                List each of them
              </Link>
            </p>
          )}
        </>
      )}
    </>
  );
}
