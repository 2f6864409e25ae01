/**
 * How long the SellerCloud client waits before trying again: the retry policy and its defaults,
 * full-jitter backoff, and reading a throttle answer's reset time. Pure: the loop that uses them
 * is `SellerCloudHttp.send` (http.ts).
 */

import type { Outcome } from "./classify";

export interface RetryPolicy {
  /** Retries after the first attempt for network errors and 5xx (throttle waits are not counted). */
  maxRetries: number;
  baseDelayMs: number;
  maxDelayMs: number;
  /** Stop waiting out throttling after this much total waiting in one request. */
  maxThrottleWaitMs: number;
  /** Extra random wait added after a throttle reset time, so many workers do not stampede. */
  throttleJitterMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = {
  maxRetries: 4,
  baseDelayMs: 500,
  maxDelayMs: 10_000,
  maxThrottleWaitMs: 65 * 60_000,
  throttleJitterMs: 500,
};

/** "Full jitter": a uniform wait between 0 and the capped exponential step. */
export function backoffDelay(
  attempt: number,
  policy: Pick<RetryPolicy, "baseDelayMs" | "maxDelayMs">,
  random = Math.random,
) {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, attempt - 1));
  return Math.floor(random() * ceiling);
}

/**
 * Milliseconds to wait if the response is a throttle, else undefined. SellerCloud's documented
 * throttle is a body with `RateLimitResetTime`, whatever the status (reference/sellercloud-api.md
 * §8.2); a 429 or 503 with `Retry-After` (seconds or an HTTP date) is honoured too.
 */
export function throttleDelay(
  outcome: Outcome,
  policy: Pick<RetryPolicy, "baseDelayMs" | "throttleJitterMs">,
  now: () => number,
  random: () => number,
): number | undefined {
  const { status, headers, text } = outcome;
  if (text.includes("RateLimitResetTime")) {
    let reset: unknown;
    try {
      reset = (JSON.parse(text) as Record<string, unknown>).RateLimitResetTime;
    } catch {
      reset = undefined;
    }
    if (reset !== undefined) {
      const at = parseServerDate(reset);
      const base = at === undefined ? policy.baseDelayMs : Math.max(0, at - now());
      return base + Math.floor(random() * policy.throttleJitterMs);
    }
  }
  if (status === 429 || status === 503) {
    const retryAfter = headers.get("retry-after");
    if (retryAfter) {
      const seconds = Number(retryAfter);
      const ms = Number.isFinite(seconds) ? seconds * 1000 : Date.parse(retryAfter) - now();
      if (Number.isFinite(ms)) return Math.max(0, ms) + Math.floor(random() * policy.throttleJitterMs);
    }
  }
  return undefined;
}

/** SellerCloud dates usually lack an offset; read them as UTC. Epoch ms, or undefined. */
export function parseServerDate(value: unknown): number | undefined {
  if (typeof value !== "string" || !value) return undefined;
  const hasZone = /(?:Z|[+-]\d{2}:?\d{2})$/i.test(value);
  const ms = Date.parse(hasZone ? value : `${value}Z`);
  return Number.isFinite(ms) ? ms : Date.parse(value) || undefined;
}
