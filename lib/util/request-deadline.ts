/**
 * The AbortSignal of one outgoing HTTP request (SellerCloud calls, webhook deliveries): aborted
 * with a DOMException named "TimeoutError" after `timeoutMs`, or with the caller's reason when
 * `signal` aborts first. Call `done()` once the answer has been read: it clears the timer and
 * undoes the tie to `signal`. AbortSignal.timeout instead leaves its timer armed for timeoutMs
 * after every request (a 200k-product Link Listings run makes 8,000 requests, each aborting a
 * finished request's signal a minute later), and AbortSignal.any ties every request to a
 * long-lived signal such as a run's.
 */
export function requestDeadline(timeoutMs: number, signal?: AbortSignal): { signal: AbortSignal; done(): void } {
  const controller = new AbortController();
  const timer = setTimeout(
    () => controller.abort(new DOMException(`No answer within ${timeoutMs} ms`, "TimeoutError")),
    timeoutMs,
  );
  const onAbort = () => controller.abort(signal?.reason);
  if (signal?.aborted) onAbort();
  else signal?.addEventListener("abort", onAbort, { once: true });
  return {
    signal: controller.signal,
    done() {
      clearTimeout(timer);
      signal?.removeEventListener("abort", onAbort);
    },
  };
}
