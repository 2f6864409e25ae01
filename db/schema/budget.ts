/**
 * SellerCloud's call budget, shared by every process and function instance on this database
 * (lib/sellercloud/budget/): one token bucket per SellerCloud login, and the calls drawn from it
 * per channel, operation and minute (the channel page's "calls in the last hour" chart).
 */
import {
  bigint,
  doublePrecision,
  index,
  integer,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uuid,
} from "drizzle-orm/pg-core";

/**
 * One row per SellerCloud login. `key` is a SHA-256 of the API base URL and username (never a
 * secret); `tokens` the calls that may be made now; `updated_ms` the budget clock's reading (ms
 * since the epoch) when `tokens` was last refilled. Updated in one atomic statement per draw.
 */
export const sellercloudBudgets = pgTable("sellercloud_budgets", {
  key: text("key").primaryKey(),
  tokens: doublePrecision("tokens").notNull(),
  updatedMs: bigint("updated_ms", { mode: "number" }).notNull(),
  /** Calls granted by the last draw (read back by RETURNING in the same statement). */
  lastGranted: integer("last_granted").notNull().default(0),
  /** The calls-per-hour limit the last draw used, shown on the channel page. */
  callsPerHour: integer("calls_per_hour").notNull(),
});

/** Calls drawn from a login's budget, per channel and operation, in one-minute buckets (kept ~2 hours). */
export const sellercloudBudgetUsage = pgTable(
  "sellercloud_budget_usage",
  {
    budgetKey: text("budget_key").notNull(),
    channelId: uuid("channel_id").notNull(),
    operation: text("operation").notNull(),
    minute: timestamp("minute", { withTimezone: true }).notNull(),
    calls: integer("calls").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.budgetKey, t.channelId, t.operation, t.minute] }),
    index("sellercloud_budget_usage_channel_idx").on(t.channelId, t.minute),
  ],
);
