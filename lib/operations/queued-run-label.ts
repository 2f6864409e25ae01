/**
 * What the run page says while a run is queued. Run now starts its run as soon as the request
 * is answered, so a run queued moments ago is "Starting…"; only a run still queued after
 * STARTING_MS is waiting for a worker, and the page says how long and what picks it up (issue 14
 * §16: "Waiting for a worker…" showed before every Run now). Framework-free.
 */

/** How long a queued run reads "Starting…". */
export const STARTING_MS = 10_000;

export function queuedRunLabel(queuedAt: Date, now: Date): string {
  const waited = Math.max(0, now.getTime() - queuedAt.getTime());
  if (waited < STARTING_MS) return "Starting…";
  const seconds = Math.round(waited / 1000);
  const since = seconds < 120 ? `${seconds} s` : `${Math.round(seconds / 60)} min`;
  return `Queued ${since} ago, waiting for a worker: the scheduler starts queued runs within a minute, or after the run of this operation before it ends.`;
}
