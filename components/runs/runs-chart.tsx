"use client";

import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";

export interface ChartPoint {
  label: string;
  items: number;
  failures: number;
}

/** Items per run and failures per run for one operation, oldest to newest. */
export function RunsChart({ title, points }: { title: string; points: ChartPoint[] }) {
  const total = points.reduce((sum, p) => sum + p.items, 0);
  const failures = points.reduce((sum, p) => sum + p.failures, 0);
  return (
    <figure className="rounded-lg border border-slate-200 bg-white p-4">
      <figcaption className="mb-2 flex items-baseline justify-between gap-2">
        <span className="text-sm font-semibold">{title}</span>
        <span className="text-xs text-slate-600">
          {points.length} runs · {total} items · {failures} failures
        </span>
      </figcaption>
      {points.length === 0 ? (
        <p className="py-10 text-center text-sm text-slate-600">No runs yet.</p>
      ) : (
        <div className="h-40" role="img" aria-label={`${title}: ${points.length} recent runs, ${total} items, ${failures} failures`}>
          <ResponsiveContainer width="100%" height="100%">
            <BarChart data={points} margin={{ top: 4, right: 4, bottom: 0, left: -16 }}>
              <CartesianGrid strokeDasharray="3 3" vertical={false} />
              <XAxis dataKey="label" tick={{ fontSize: 10 }} interval="preserveStartEnd" />
              <YAxis tick={{ fontSize: 10 }} allowDecimals={false} />
              <Tooltip />
              <Legend wrapperStyle={{ fontSize: 11 }} />
              <Bar dataKey="items" name="Items" fill="#1f5fd1" />
              <Bar dataKey="failures" name="Failures" fill="#dc2626" />
            </BarChart>
          </ResponsiveContainer>
        </div>
      )}
    </figure>
  );
}
