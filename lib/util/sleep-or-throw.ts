/**
 * `sleepOrThrow`: wait, and fail as soon as the signal aborts. For waits inside a request (a
 * retry backoff, a throttle wait, a rate-limit queue) where a canceled caller must stop with an
 * error. Its counterpart `sleepOrWake` (sleep-or-wake.ts) resolves early instead.
 */

/** A wait that rejects when its signal aborts; injectable so tests need no real time. */
export type Sleep = (ms: number, signal?: AbortSignal) => Promise<void>;

/**
 * Resolves after `ms` milliseconds (negative counts as 0). If `signal` aborts first (or already
 * has), rejects with `toError(signal)`, by default the signal's reason, and clears the timer.
 */
export function sleepOrThrow(
  ms: number,
  signal?: AbortSignal,
  toError: (signal: AbortSignal) => unknown = (s) => s.reason,
): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(toError(signal));
    const timer = setTimeout(
      () => {
        signal?.removeEventListener("abort", onAbort);
        resolve();
      },
      Math.max(0, ms),
    );
    const onAbort = () => {
      clearTimeout(timer);
      if (signal) reject(toError(signal));
    };
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}
