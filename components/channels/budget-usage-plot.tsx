"use client";

/** The recharts bars of the channel page's SellerCloud budget chart (loaded on demand by budget-usage.tsx). */

import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import type { BudgetUsage } from "@/lib/sellercloud/budget/usage";
import { budgetOperationLabel } from "./budget-usage";

const COLOURS = ["#1f5fd1", "#0f9d58", "#f59e0b", "#64748b"];

/** The bars of BudgetUsageChart: calls per five minutes, stacked by operation; loaded on demand. */
export function BudgetUsagePlot({ usage }: { usage: BudgetUsage }) {
  const operations = usage.byOperation.map((o) => o.operation);
  const data = usage.slices.map((slice) => ({
    time: new Date(slice.start).toISOString().slice(11, 16),
    ...Object.fromEntries(operations.map((op) => [op, slice.calls[op] ?? 0])),
  }));
  return (
    <ResponsiveContainer width="100%" height="100%">
      <BarChart data={data} margin={{ top: 4, right: 4, bottom: 0, left: -16 }}>
        <CartesianGrid strokeDasharray="3 3" vertical={false} />
        <XAxis dataKey="time" tick={{ fontSize: 10 }} interval="preserveStartEnd" />
        <YAxis tick={{ fontSize: 10 }} allowDecimals={false} />
        <Tooltip labelFormatter={(time) => `${String(time)} UTC, 5 minutes`} />
        <Legend wrapperStyle={{ fontSize: 11 }} />
        {operations.map((op, i) => (
          <Bar
            key={op}
            dataKey={op}
            name={budgetOperationLabel(op)}
            stackId="calls"
            fill={COLOURS[i % COLOURS.length]}
          />
        ))}
      </BarChart>
    </ResponsiveContainer>
  );
}
