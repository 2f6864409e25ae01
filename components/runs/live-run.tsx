"use client";

/** The run page's live view: status, counts, progress and events, polled while the run is live. */

import { useQuery } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useEffect, useRef, useState, useTransition } from "react";
import { useCan } from "@/components/shell/role-context";
import { OPERATION_LABELS } from "@/lib/channels/settings";
import { queuedRunLabel } from "@/lib/operations/queued-run-label";
import { runCountLabels } from "@/lib/operations/run-count-labels";
import { cancelRunAction, retryRunAction } from "@/lib/server/actions/run-actions";
import { Alert } from "../ui/alert";
import { Button } from "../ui/button";
import { EventMessage } from "./event-message";
import { formatDateTime, formatDuration } from "./format";
import { RunStatusBadge } from "./run-status-badge";
import { isLive, type RunDetailJson } from "./types";

const EVENTS_SHOWN = 100;

type LevelFilter = "all" | "error" | "warn";

async function fetchRun(id: string, level: LevelFilter = "all"): Promise<RunDetailJson> {
  const query = level === "all" ? "" : `?level=${level}`;
  const response = await fetch(`/api/runs/${id}${query}`, { cache: "no-store" });
  if (!response.ok) throw new Error((await response.json().catch(() => null))?.error ?? "Could not load the run.");
  return response.json();
}

/** A run's status, counts, progress and events; polls once a second while the run is live. */
export function LiveRun({ initial }: { initial: RunDetailJson }) {
  const canRun = useCan("runs.start");
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  // `ended`: what a notice about the running run (a cancel requested) says once the run has ended.
  const [notice, setNotice] = useState<{ tone: "error" | "success"; text: string; ended?: string } | null>(null);
  // The Errors and Warnings tabs list that level's events from the server: the first 500 of all
  // events may hold none of them. Their counts are the run's true counts (eventCounts).
  const [levelFilter, setLevelFilter] = useState<LevelFilter>("all");
  const { data: queried, error } = useQuery({
    // ["run", id] for all events: the Link Listings summary watches that same query.
    queryKey: levelFilter === "all" ? ["run", initial.run.id] : ["run", initial.run.id, levelFilter],
    queryFn: () => fetchRun(initial.run.id, levelFilter),
    initialData: levelFilter === "all" ? initial : undefined,
    placeholderData: (previous) => previous,
    // A queued run is polled faster, so "Starting…" turns into progress as soon as a worker has it.
    refetchInterval: (query) => {
      const status = query.state.data?.run.status;
      return status === "queued" ? 300 : status && isLive(status) ? 1000 : false;
    },
  });
  const data = queried ?? initial;
  const { run, events, durationMs, progress } = data;
  const live = isLive(run.status);
  // Done and total in the unit the run's pages named (pages, orders…), never mixed.
  const percent = progress?.percent ?? null;

  const cancel = () =>
    startTransition(async () => {
      const result = await cancelRunAction({ runId: run.id });
      setNotice(
        result.ok
          ? {
              tone: "success",
              // The runner sees it before its next page, or sooner by its heartbeat, which aborts the
              // calls in flight (lib/operations/runner/working-run.ts); committed pages stay.
              text: "Cancel requested: the run stops shortly; the pages it has finished are kept.",
              ended: "The run has stopped; its status is shown above.",
            }
          : { tone: "error", text: result.error },
      );
    });
  const retry = () =>
    startTransition(async () => {
      const result = await retryRunAction({ runId: run.id });
      if (result.ok) router.push(`/runs/${result.data.runId}`);
      else setNotice({ tone: "error", text: result.error });
    });
  // Keyboard users keep their place: a notice from their own action (Cancel run) takes the focus
  // from the button, which is disabled once the cancel is recorded and gone when the run ends; the
  // notice stays on the page after the run ends (in the past tense), so the focus is not dropped.
  const noticeRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (notice) noticeRef.current?.focus({ preventScroll: true });
  }, [notice]);
  const failedItems = events.filter((e) => e.level === "error" && e.entityId).length;
  const [showAll, setShowAll] = useState(false);
  const filtered = levelFilter === "all" ? events : events.filter((e) => e.level === levelFilter);
  const counts = data.eventCounts;
  const levelCount = counts[levelFilter];
  // Big runs can report thousands of items; the first page of them is what people read.
  const visible = showAll ? filtered : filtered.slice(0, EVENTS_SHOWN);

  return (
    <div className="space-y-6">
      <section className="rounded-lg border border-slate-200 bg-white p-6" aria-live="polite">
        <div className="flex flex-wrap items-center gap-3">
          <h2 className="text-lg font-semibold">
            {OPERATION_LABELS[run.operation]} on {run.channelName}
          </h2>
          <RunStatusBadge status={run.status} />
          {run.dryRun && <span className="rounded bg-slate-100 px-2 py-0.5 text-xs font-medium">Dry run</span>}
          <div className="ml-auto flex gap-2">
            {live && canRun && (
              // Not disabled while the request is on its way: a disabled button drops the keyboard
              // focus to the page before the notice that takes it exists.
              <Button
                variant="secondary"
                onClick={() => {
                  if (!pending) cancel();
                }}
                aria-disabled={pending}
                disabled={run.cancelRequested}
              >
                {run.cancelRequested ? "Canceling…" : "Cancel run"}
              </Button>
            )}
            {!live && failedItems > 0 && canRun && (
              <Button variant="secondary" onClick={retry} disabled={pending}>
                Retry failed items
              </Button>
            )}
          </div>
        </div>
        <dl className="mt-4 grid grid-cols-2 gap-x-6 gap-y-2 text-sm sm:grid-cols-4">
          <div>
            <dt className="text-slate-600">Started</dt>
            <dd data-testid="run-started">{formatDateTime(run.startedAt ?? run.queuedAt)}</dd>
          </div>
          <div>
            <dt className="text-slate-600">Duration</dt>
            <dd>{formatDuration(durationMs)}</dd>
          </div>
          <div>
            <dt className="text-slate-600">Pages done</dt>
            <dd>{run.pagesDone}</dd>
          </div>
          <div>
            <dt className="text-slate-600">SellerCloud calls</dt>
            <dd data-testid="run-calls">{run.callsUsed}</dd>
          </div>
        </dl>
        {live && (
          <div className="mt-4">
            <div className="flex justify-between text-sm text-slate-700">
              <span>
                {run.status === "queued"
                  ? queuedRunLabel(new Date(run.queuedAt), new Date())
                  : (run.progressLabel ?? "Working…")}
              </span>
              {progress && (
                <span data-testid="run-progress">
                  {progress.total === null
                    ? `${progress.done.toLocaleString("en-US")} ${progress.unit}`
                    : `${progress.done.toLocaleString("en-US")} of ${progress.total.toLocaleString("en-US")} ${progress.unit}`}
                  {percent !== null && ` (${percent}%)`}
                </span>
              )}
            </div>
            <div
              className="mt-1 h-2 w-full overflow-hidden rounded bg-slate-200"
              role="progressbar"
              aria-label="Run progress"
              aria-valuemin={0}
              aria-valuemax={100}
              aria-valuenow={percent ?? undefined}
              aria-valuetext={
                progress?.total != null ? `${progress.done} of ${progress.total} ${progress.unit}` : undefined
              }
            >
              <div
                className={`h-full bg-brand-600 transition-all ${percent === null ? "w-1/3 animate-pulse" : ""}`}
                style={percent === null ? undefined : { width: `${percent}%` }}
              />
            </div>
          </div>
        )}
        {run.error && (
          <div className="mt-4">
            <Alert tone="error" title="The run could not finish">
              {run.error}
            </Alert>
          </div>
        )}
        {notice && (
          <div ref={noticeRef} tabIndex={-1} className="mt-4 focus:outline-none" data-testid="run-notice">
            <Alert tone={notice.tone}>{!live && notice.ended ? notice.ended : notice.text}</Alert>
          </div>
        )}
        {error && (
          <div className="mt-4">
            <Alert tone="error">{error.message}</Alert>
          </div>
        )}
      </section>

      <section aria-labelledby="counts-heading" className="rounded-lg border border-slate-200 bg-white p-6">
        <h2 id="counts-heading" className="text-base font-semibold">
          Counts
        </h2>
        <dl className="mt-3 grid grid-cols-3 gap-4 sm:grid-cols-6">
          {runCountLabels(run.dryRun).map(([key, label]) => (
            <div key={key} className="rounded-md bg-slate-50 p-3 text-center">
              <dt className="text-xs uppercase tracking-wide text-slate-600">{label}</dt>
              <dd className="text-xl font-semibold" data-testid={`count-${key}`}>
                {run[key]}
              </dd>
            </div>
          ))}
        </dl>
      </section>

      <section aria-labelledby="events-heading" className="rounded-lg border border-slate-200 bg-white p-6">
        <div className="flex flex-wrap items-center justify-between gap-2">
          <h2 id="events-heading" className="text-base font-semibold">
            Events
          </h2>
          {counts.all > 0 && (
            <fieldset className="flex gap-1 text-sm">
              <legend className="sr-only">Show events</legend>
              {(
                [
                  ["all", "All"],
                  ["error", "Errors"],
                  ["warn", "Warnings"],
                ] as const
              ).map(([value, label]) => (
                <button
                  key={value}
                  type="button"
                  aria-pressed={levelFilter === value}
                  onClick={() => setLevelFilter(value)}
                  className={`rounded-md px-2.5 py-1 ${levelFilter === value ? "bg-brand-50 font-medium text-brand-800" : "text-slate-700 hover:bg-slate-100"}`}
                >
                  {label} ({counts[value].toLocaleString("en-US")})
                </button>
              ))}
            </fieldset>
          )}
        </div>
        {counts.all === 0 ? (
          <p className="mt-2 text-sm text-slate-600">
            {live ? "Nothing to report yet." : "Nothing was skipped or failed in this run."}
          </p>
        ) : filtered.length === 0 ? (
          <p className="mt-2 text-sm text-slate-600">
            {levelCount === 0 ? `No ${levelFilter === "error" ? "errors" : "warnings"} in this run.` : "Loading…"}
          </p>
        ) : (
          <div className="mt-3 overflow-x-auto">
            <table className="w-full text-left text-sm">
              <thead className="border-b border-slate-200 text-xs uppercase text-slate-600">
                <tr>
                  <th className="py-2 pr-3">Level</th>
                  <th className="py-2 pr-3">Item</th>
                  <th className="py-2 pr-3">What happened</th>
                  <th className="py-2">Code</th>
                </tr>
              </thead>
              <tbody>
                {visible.map((event) => (
                  <tr key={event.id} className="border-b border-slate-100 align-top">
                    <td className="py-2 pr-3">
                      <span
                        className={`rounded px-1.5 py-0.5 text-xs font-medium ${event.level === "error" ? "bg-red-100 text-red-800" : event.level === "warn" ? "bg-amber-100 text-amber-900" : "bg-slate-100 text-slate-700"}`}
                      >
                        {event.level}
                      </span>
                    </td>
                    <td className="py-2 pr-3 whitespace-nowrap">
                      {event.entity}
                      {event.entityId ? ` ${event.entityId}` : ""}
                    </td>
                    <td className="py-2 pr-3">
                      <EventMessage text={event.message} />
                    </td>
                    <td className="py-2 font-mono text-xs text-slate-600">{event.code}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            {filtered.length > visible.length && (
              <button
                type="button"
                onClick={() => setShowAll(true)}
                className="mt-3 text-sm font-medium text-brand-700 underline"
              >
                Show all {filtered.length} events
              </button>
            )}
            {levelCount > filtered.length && (
              <p className="mt-2 text-xs text-slate-600">
                The first {filtered.length.toLocaleString("en-US")} of {levelCount.toLocaleString("en-US")}{" "}
                {levelFilter === "all" ? "events" : levelFilter === "error" ? "errors" : "warnings"} are listed here.
              </p>
            )}
          </div>
        )}
      </section>
    </div>
  );
}
