/**
 * The channel page's budget chart data: a SellerCloud login's calls in the last hour, per operation
 * and five-minute slice.
 */
import { sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { rowsOf } from "@/db/rows";
import { HOUR_MS } from "./bucket";

/** What the channel page's budget chart shows: the login's calls in the last hour, per operation. */
export interface BudgetUsage {
  /** The login's limit per hour (as the last draw used it). */
  callsPerHour: number;
  /** Calls drawn in the last hour by every channel on this login. */
  total: number;
  /** Per operation ("get_orders", …), largest first. */
  byOperation: { operation: string; calls: number }[];
  /** Twelve five-minute slices, oldest first: start (ISO) and calls per operation. */
  slices: { start: string; calls: Record<string, number> }[];
}

const SLICE_MS = 5 * 60_000;

/**
 * The SellerCloud login of `channelId` (the one its last calls drew from) and that login's calls
 * in the hour before `now`, from sellercloud_budget_usage; null when the channel never called
 * SellerCloud through the shared budget. Other channels on the same login count too (they share
 * its budget) but are not named. Caller checks the channel belongs to the workspace.
 */
export async function budgetUsageForChannel(db: Db, channelId: string, now = new Date()): Promise<BudgetUsage | null> {
  const [login] = rowsOf<{ budget_key: string; calls_per_hour: number | string }>(
    await db.execute(sql`
      select u.budget_key, b.calls_per_hour from sellercloud_budget_usage u
      join sellercloud_budgets b on b.key = u.budget_key
      where u.channel_id = ${channelId}::uuid
      order by u.minute desc limit 1`),
  );
  if (!login) return null;
  const end = Math.floor(now.getTime() / 60_000) * 60_000 + 60_000;
  const start = end - HOUR_MS;
  const rows = rowsOf<{ operation: string; minute: string | Date; calls: number | string }>(
    await db.execute(sql`
      select operation, minute, sum(calls)::int as calls from sellercloud_budget_usage
      where budget_key = ${login.budget_key} and minute >= ${new Date(start).toISOString()}::timestamptz
        and minute < ${new Date(end).toISOString()}::timestamptz
      group by operation, minute`),
  );
  const slices = Array.from({ length: HOUR_MS / SLICE_MS }, (_, i) => ({
    start: new Date(start + i * SLICE_MS).toISOString(),
    calls: {} as Record<string, number>,
  }));
  const byOperation = new Map<string, number>();
  let total = 0;
  for (const row of rows) {
    const calls = Number(row.calls);
    const at = new Date(row.minute).getTime();
    const slice = slices[Math.min(slices.length - 1, Math.max(0, Math.floor((at - start) / SLICE_MS)))]!;
    slice.calls[row.operation] = (slice.calls[row.operation] ?? 0) + calls;
    byOperation.set(row.operation, (byOperation.get(row.operation) ?? 0) + calls);
    total += calls;
  }
  return {
    callsPerHour: Number(login.calls_per_hour),
    total,
    byOperation: [...byOperation].map(([operation, calls]) => ({ operation, calls })).sort((a, b) => b.calls - a.calls),
    slices,
  };
}
