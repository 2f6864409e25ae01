/**
 * The client-side budget for SellerCloud calls: a sliding-window rate limiter, one per connection
 * and process, so every run on a SellerCloud login shares SellerCloud's per-user hourly budget
 * (10,800 calls per hour per user and IP, reference/sellercloud-api.md §8.2).
 */

import { type Sleep, sleepOrThrow } from "@/lib/util/sleep-or-throw";
import { abortedError } from "./errors";

export interface RateLimiter {
  /** Resolves when one more call fits the budget. */
  acquire(signal?: AbortSignal): Promise<void>;
  /** Calls admitted in the current window. */
  readonly inWindow: number;
}

export interface RateLimiterOptions {
  /** Calls allowed per window; SellerCloud allows 10,800 per hour per user and IP. */
  limit?: number;
  windowMs?: number;
  now?: () => number;
  sleep?: Sleep;
}

export const DEFAULT_CALLS_PER_HOUR = 10_000;

/**
 * A sliding-window limiter: at most `limit` calls in any `windowMs`. It lets bursts through
 * (a 4,000-page import runs at full speed) while never exceeding the hourly budget. Callers queue
 * in order; a canceled caller leaves the queue without holding a slot.
 */
export function createRateLimiter(options: RateLimiterOptions = {}): RateLimiter {
  const limit = Math.max(1, options.limit ?? DEFAULT_CALLS_PER_HOUR);
  const windowMs = options.windowMs ?? 3_600_000;
  const now = options.now ?? Date.now;
  const wait: Sleep = options.sleep ?? ((ms, signal) => sleepOrThrow(ms, signal, abortedError));
  const ring = new Float64Array(limit);
  let head = 0; // oldest entry once full
  let size = 0;
  let queue: Promise<void> = Promise.resolve();

  const take = async (signal?: AbortSignal) => {
    for (;;) {
      if (signal?.aborted) throw abortedError(signal);
      const t = now();
      if (size < limit) {
        ring[(head + size) % limit] = t;
        size++;
        return;
      }
      const oldest = ring[head] ?? 0;
      if (t - oldest >= windowMs) {
        ring[head] = t;
        head = (head + 1) % limit;
        return;
      }
      await wait(oldest + windowMs - t, signal);
    }
  };

  return {
    acquire(signal) {
      const turn = queue.then(() => take(signal));
      queue = turn.catch(() => undefined);
      return turn;
    },
    get inWindow() {
      const t = now();
      let count = 0;
      for (let i = 0; i < size; i++) if (t - (ring[(head + i) % limit] ?? 0) < windowMs) count++;
      return count;
    },
  };
}

/** A limiter that admits everything (benchmarks against the local sandbox). */
export const unlimited: RateLimiter = { acquire: () => Promise.resolve(), inWindow: 0 };

const limiters = new Map<string, RateLimiter>();

/** The process-wide limiter of one connection, so every run on it shares one budget. */
export function limiterFor(connectionKey: string, options?: RateLimiterOptions): RateLimiter {
  let limiter = limiters.get(connectionKey);
  if (!limiter) {
    limiter = createRateLimiter(options);
    limiters.set(connectionKey, limiter);
  }
  return limiter;
}
