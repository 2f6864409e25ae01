/**
 * A RateLimiter (lib/sellercloud/rate-limiter.ts' interface) that draws from the login's budget in
 * Postgres (./bucket.ts) instead of a per-process window, so every process and function instance
 * shares SellerCloud's per-user limit. Calls are drawn in small batches (fewer round trips); a
 * batch not used within `holdMs` lapses, which the bucket's shape accounts for, so the budget is
 * never overspent across processes. When the bucket is empty the caller waits (abortable),
 * telling `onWait` until when.
 */
import type { Db } from "@/db/client";
import type { Logger } from "@/lib/log";
import { silentLogger } from "@/lib/log";
import { type Sleep, sleepOrThrow } from "@/lib/util/sleep-or-throw";
import { abortedError } from "../errors";
import type { RateLimiter } from "../rate-limiter";
import { bucketShape, drawTokens, HOUR_MS, pruneUsage } from "./bucket";

/** SellerCloud's documented limit: 10,800 calls per hour per user and IP (sellercloud-api.md §8.2). */
export const DEFAULT_SHARED_CALLS_PER_HOUR = 10_800;

export interface SharedBudgetOptions {
  db: Db;
  /** budgetKey(baseUrl, username) of ./key.ts. */
  key: string;
  /** The login's limit per hour (default DEFAULT_SHARED_CALLS_PER_HOUR; SELLERCLOUD_CALLS_PER_HOUR). */
  callsPerHour?: number;
  /** Whose calls these are, for the channel page's chart. */
  usage?: { channelId: string; operation: string };
  /** Calls drawn per database round trip at most (default 10). */
  batch?: number;
  /** A drawn call not used within this long lapses (default 10 s of the budget's clock). */
  holdMs?: number;
  /** The budget's hour (default 1 h; tests shrink time with an injected clock instead). */
  windowMs?: number;
  /** The budget's clock (ms since the epoch); every process sharing a budget must agree on it. */
  now?: () => number;
  sleep?: Sleep;
  /** Called before a wait of a second or more with when the next call is expected to fit. */
  onWait?: (until: Date) => void;
  log?: Logger;
}

export interface SharedBudgetLimiter extends RateLimiter {
  /** Calls drawn from the shared budget by this limiter (used or lapsed). */
  readonly drawn: number;
}

/** Every this many draws a process prunes old usage rows. */
const PRUNE_EVERY = 200;
let drawsSincePrune = 0;

export function createSharedBudgetLimiter(options: SharedBudgetOptions): SharedBudgetLimiter {
  const holdMs = options.holdMs ?? 10_000;
  const shape = bucketShape(options.callsPerHour ?? DEFAULT_SHARED_CALLS_PER_HOUR, holdMs, options.windowMs ?? HOUR_MS);
  const maxBatch = Math.max(1, Math.min(options.batch ?? 10, shape.burst));
  const now = options.now ?? Date.now;
  const wait: Sleep = options.sleep ?? ((ms, signal) => sleepOrThrow(ms, signal, abortedError));
  const log = options.log ?? silentLogger;
  let held = 0;
  let heldUntil = 0;
  let drawn = 0;
  let used = 0;
  let batch = 1; // grows while calls keep coming, so a single call never wastes a batch
  let queue: Promise<void> = Promise.resolve();

  const take = async (signal?: AbortSignal) => {
    for (;;) {
      if (signal?.aborted) throw abortedError(signal);
      const t = now();
      if (held > 0 && t <= heldUntil) {
        held--;
        used++;
        return;
      }
      held = 0;
      const draw = await drawTokens(options.db, {
        key: options.key,
        shape,
        want: batch,
        nowMs: t,
        usage: options.usage,
      });
      if (++drawsSincePrune >= PRUNE_EVERY) {
        drawsSincePrune = 0;
        await pruneUsage(options.db, t).catch(() => undefined);
      }
      if (draw.granted > 0) {
        drawn += draw.granted;
        held = draw.granted - 1;
        heldUntil = t + holdMs;
        used++;
        batch = Math.min(maxBatch, batch * 2);
        return;
      }
      batch = 1;
      if (draw.waitMs >= 1_000) {
        const until = new Date(t + draw.waitMs);
        log.info("sellercloud budget spent; waiting", { until: until.toISOString(), waitMs: draw.waitMs });
        options.onWait?.(until);
      }
      await wait(draw.waitMs, signal);
    }
  };

  return {
    acquire(signal) {
      const turn = queue.then(() => take(signal));
      queue = turn.catch(() => undefined);
      return turn;
    },
    get inWindow() {
      return used;
    },
    get drawn() {
      return drawn;
    },
  };
}
