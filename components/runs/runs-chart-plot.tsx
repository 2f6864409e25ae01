"use client";

/** The recharts bars of the Runs page chart (loaded on demand by runs-chart.tsx). */

import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import type { ChartPoint } from "./runs-chart";

/** The bars of RunsChart (items and failures per run), drawn with recharts; loaded on demand. */
export function RunsChartPlot({ points }: { points: ChartPoint[] }) {
  const byKey = new Map(points.map((p) => [p.key, p]));
  return (
    <ResponsiveContainer width="100%" height="100%">
      <BarChart data={points} margin={{ top: 4, right: 4, bottom: 0, left: -16 }}>
        <CartesianGrid strokeDasharray="3 3" vertical={false} />
        <XAxis
          dataKey="key"
          tick={{ fontSize: 10 }}
          interval="preserveStartEnd"
          tickFormatter={(key: string) => byKey.get(key)?.label ?? ""}
        />
        <YAxis tick={{ fontSize: 10 }} allowDecimals={false} />
        <Tooltip labelFormatter={(key) => byKey.get(String(key))?.title ?? ""} />
        <Legend wrapperStyle={{ fontSize: 11 }} />
        <Bar dataKey="items" name="Items" fill="#1f5fd1" />
        <Bar dataKey="failures" name="Failures" fill="#dc2626" />
      </BarChart>
    </ResponsiveContainer>
  );
}
