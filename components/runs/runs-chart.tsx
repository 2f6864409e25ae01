"use client";

/** The Runs page chart of items and failures per run; the plot loads on demand. */

import dynamic from "next/dynamic";

// The chart library (recharts) loads only where a chart is drawn, after the page: it was most of
// the Runs page's first-load JavaScript.
const RunsChartPlot = dynamic(() => import("./runs-chart-plot").then((m) => m.RunsChartPlot), {
  ssr: false,
  loading: () => <div className="h-full animate-pulse rounded bg-slate-50" />,
});

export interface ChartPoint {
  /** The run's id: one bar per run, even when two runs share a label. */
  key: string;
  /** The axis label (lib/operations/run-chart-labels.ts: blank when it would repeat its neighbour). */
  label: string;
  /** The tooltip's title: the run's full time. */
  title: string;
  items: number;
  failures: number;
}

/** Items per run and failures per run for one operation, oldest to newest, under the page's filters. */
export function RunsChart({ title, points, filtered }: { title: string; points: ChartPoint[]; filtered?: boolean }) {
  const total = points.reduce((sum, p) => sum + p.items, 0);
  const failures = points.reduce((sum, p) => sum + p.failures, 0);
  return (
    <figure className="rounded-lg border border-slate-200 bg-white p-4">
      <figcaption className="mb-2 flex items-baseline justify-between gap-2">
        <span className="text-sm font-semibold">{title}</span>
        <span className="text-xs text-slate-600">
          {points.length} {filtered ? "matching " : ""}runs · {total} items · {failures} failures
        </span>
      </figcaption>
      {points.length === 0 ? (
        <p className="py-10 text-center text-sm text-slate-600">
          {filtered ? "No runs match the filters." : "No runs yet."}
        </p>
      ) : (
        <div
          className="h-40"
          role="img"
          aria-label={`${title}: ${points.length} recent runs, ${total} items, ${failures} failures`}
        >
          <RunsChartPlot points={points} />
        </div>
      )}
    </figure>
  );
}
