/**
 * When a failed webhook delivery is tried again: exponential backoff from 30 seconds, doubling up to
 * 2 hours, with "equal jitter" (each wait is drawn between half and all of the step) so endpoints
 * that failed together do not get retried together. Retries stop a day after the event
 * (WEBHOOK_RETRY_WINDOW_MS): about 20 attempts in all.
 */

export const WEBHOOK_RETRY_BASE_MS = 30_000;
export const WEBHOOK_RETRY_CAP_MS = 2 * 60 * 60 * 1000;
export const WEBHOOK_RETRY_WINDOW_MS = 24 * 60 * 60 * 1000;

/** The wait after failed attempt number `attempt` (1 = the first), in ms; `random` in [0, 1). */
export function webhookRetryDelayMs(attempt: number, random: () => number = Math.random): number {
  const step = Math.min(WEBHOOK_RETRY_CAP_MS, WEBHOOK_RETRY_BASE_MS * 2 ** Math.max(0, attempt - 1));
  return Math.round(step / 2 + random() * (step / 2));
}

/** When to try again after failed attempt `attempt`, or null when that would be past `giveUpAt`. */
export function nextWebhookAttemptAt(
  attempt: number,
  now: Date,
  giveUpAt: Date,
  random: () => number = Math.random,
): Date | null {
  const next = new Date(now.getTime() + webhookRetryDelayMs(attempt, random));
  return next.getTime() > giveUpAt.getTime() ? null : next;
}
