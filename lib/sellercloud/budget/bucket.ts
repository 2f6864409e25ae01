/**
 * The shared call budget's token bucket, kept in Postgres (db/schema/budget.ts), drawn from in one
 * atomic statement so every process and function instance on the database shares it.
 *
 * Shape: a bucket of `burst` calls refilled at `ratePerMs`. Calls drawn in any interval of length
 * T are at most burst + rate × T, so with burst + rate × (hour + holdMs) = callsPerHour no rolling
 * hour ever sees more than `callsPerHour` calls, even counting calls made up to `holdMs` after
 * their draw (a process keeps a small batch for that long at most). SellerCloud allows 10,800
 * calls per hour per user and source IP, every endpoint counting, /api/token included
 * (reference/sellercloud-api.md §8.2).
 */
import { sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { rowsOf } from "@/db/rows";

export const HOUR_MS = 3_600_000;

export interface BucketShape {
  callsPerHour: number;
  burst: number;
  /** Tokens added per millisecond of the budget's clock. */
  ratePerMs: number;
}

/**
 * The bucket for `callsPerHour` (≥ 1): a burst of a twelfth of the hour's calls (at least 1),
 * the rest spread over the hour plus the hold time. `windowMs` is the budget's hour (tests shrink it).
 */
export function bucketShape(callsPerHour: number, holdMs: number, windowMs = HOUR_MS): BucketShape {
  const limit = Math.max(1, Math.floor(callsPerHour));
  const burst = Math.max(1, Math.floor(limit / 12));
  const ratePerMs = Math.max(0, limit - burst) / (windowMs + Math.max(0, holdMs));
  return { callsPerHour: limit, burst, ratePerMs: ratePerMs > 0 ? ratePerMs : 1 / (windowMs + holdMs) };
}

export interface Draw {
  /** Calls granted (0 … wanted). */
  granted: number;
  /** Tokens left in the bucket after this draw (fractional). */
  tokens: number;
  /** When granted is 0: ms of the budget's clock until one token is there (others may take it first). */
  waitMs: number;
}

export interface DrawRequest {
  key: string;
  shape: BucketShape;
  /** Calls wanted (≥ 1); fewer may be granted. */
  want: number;
  /** The budget's clock (ms since the epoch). */
  nowMs: number;
  /** Recorded in sellercloud_budget_usage with the calls granted. */
  usage?: { channelId: string; operation: string };
}

/**
 * Draws up to `want` calls from the login's bucket in ONE statement (INSERT … ON CONFLICT DO
 * UPDATE … RETURNING, the row locked for its duration): refill by elapsed time (never backwards
 * when process clocks disagree), cap at the burst, grant what is whole, and record the granted
 * calls in the usage table's minute bucket. Parallel draws serialise on the row, so they never
 * grant more than the bucket holds. Throws the database's error.
 */
export async function drawTokens(db: Db, request: DrawRequest): Promise<Draw> {
  const { key, shape, nowMs } = request;
  const want = Math.max(1, Math.floor(request.want));
  const burst = shape.burst;
  const rate = shape.ratePerMs;
  // What the bucket holds now: the stored tokens plus the refill since the last draw, capped.
  const available = sql`least(${burst}::float8, b.tokens + greatest(0, ${nowMs}::bigint - b.updated_ms) * ${rate}::float8)`;
  const grant = sql`greatest(0, least(${want}::int, floor(${available})::int))`;
  const initialGrant = Math.min(want, burst);
  const minute = new Date(Math.floor(nowMs / 60_000) * 60_000).toISOString();
  const usage = request.usage;
  const result = await db.execute(sql`
    with drawn as (
      insert into sellercloud_budgets as b (key, tokens, updated_ms, last_granted, calls_per_hour)
      values (${key}, ${burst - initialGrant}::float8, ${nowMs}::bigint, ${initialGrant}::int, ${shape.callsPerHour}::int)
      on conflict (key) do update set
        last_granted = ${grant},
        tokens = ${available} - ${grant},
        updated_ms = greatest(b.updated_ms, ${nowMs}::bigint),
        calls_per_hour = ${shape.callsPerHour}::int
      returning b.last_granted, b.tokens
    )${
      usage
        ? sql`, recorded as (
      insert into sellercloud_budget_usage as u (budget_key, channel_id, operation, minute, calls)
      select ${key}, ${usage.channelId}::uuid, ${usage.operation}, ${minute}::timestamptz, last_granted
      from drawn where last_granted > 0
      on conflict (budget_key, channel_id, operation, minute) do update set calls = u.calls + excluded.calls
    )`
        : sql``
    }
    select last_granted, tokens from drawn`);
  const [row] = rowsOf<{ last_granted: number | string; tokens: number | string }>(result);
  const granted = Number(row?.last_granted ?? 0);
  const tokens = Number(row?.tokens ?? 0);
  const waitMs = granted > 0 ? 0 : Math.max(1, Math.ceil((1 - tokens) / rate));
  return { granted, tokens, waitMs };
}

/** Deletes usage rows older than `keepMs` (default 2 hours) before `nowMs`. */
export async function pruneUsage(db: Db, nowMs: number, keepMs = 2 * HOUR_MS): Promise<void> {
  await db.execute(
    sql`delete from sellercloud_budget_usage where minute < ${new Date(nowMs - keepMs).toISOString()}::timestamptz`,
  );
}
