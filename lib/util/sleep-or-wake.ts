/**
 * `sleepOrWake`: wait, and wake early (without an error) when the signal aborts. For loops that
 * check their own stop conditions after the wait (the runner's page retry pause, the sandbox's
 * slow fault). Its counterpart `sleepOrThrow` (sleep-or-throw.ts) rejects instead.
 */

/** Resolves after `ms` milliseconds, or as soon as `signal` aborts (at once if it already has). Never rejects. */
export function sleepOrWake(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((done) => {
    if (signal?.aborted) return done();
    const onAbort = () => {
      clearTimeout(timer);
      done();
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      done();
    }, ms);
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}
