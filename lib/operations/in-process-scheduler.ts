/**
 * The self-hosted ticker: the started app runs the same tick as GET /api/cron once a minute.
 * Several app processes on one Postgres may all tick; row locks keep them from doubling work.
 * Turned off with SCHEDULER_ENABLED=false (and always off on Vercel, where vercel.json's cron ticks).
 * Each tick is a registered worker (./workers.ts): the process's shutdown handler stops it at a page
 * boundary together with every other worker, e.g. "Run now" work.
 */
import { env } from "@/lib/env";
import { createLogger, type Logger } from "@/lib/log";
import type { RunnerDeps } from "./runner";
import { runTick } from "./tick";
import { runWorker } from "./workers";

export interface InProcessSchedulerOptions {
  /** Builds the runner dependencies for a tick; defaults to the app's database and registry. */
  deps?: () => Promise<RunnerDeps>;
  intervalMs?: number;
  /** Work budget per tick; a tick never overlaps the next one. */
  budgetMs?: number;
  /** First tick this long after start, so boot is not slowed. */
  initialDelayMs?: number;
  /**
   * Signals that stop this scheduler alone (tests); default none. SIGTERM/SIGINT are the process's
   * shutdown handler's (installShutdownHandler in ./workers.ts), which stops every worker.
   */
  signals?: NodeJS.Signals[];
  /** Defaults to env().schedulerEnabled. */
  enabled?: boolean;
  log?: Logger;
}

export interface InProcessScheduler {
  /** Stop claiming; the current worker stops at its next page boundary and releases its lease. */
  stop(): Promise<void>;
  /** Resolves when the tick in progress (if any) is over; for tests. */
  idle(): Promise<void>;
}

async function appDeps(): Promise<RunnerDeps> {
  const [{ getDb }, { appRunnerDeps }] = await Promise.all([import("@/db/index"), import("./app-runtime")]);
  return appRunnerDeps(await getDb());
}

const globalForScheduler = globalThis as unknown as { conduitScheduler?: InProcessScheduler };

export function startInProcessScheduler(options: InProcessSchedulerOptions = {}): InProcessScheduler | null {
  const log = options.log ?? createLogger("scheduler");
  const enabled = options.enabled ?? env().schedulerEnabled;
  if (!enabled) {
    log.info("in-process scheduler is off (SCHEDULER_ENABLED=false or Vercel)");
    return null;
  }
  // Dev reloads and several bundles may evaluate this module more than once: one ticker per process.
  if (globalForScheduler.conduitScheduler) return globalForScheduler.conduitScheduler;

  const intervalMs = options.intervalMs ?? 60_000;
  const budgetMs = options.budgetMs ?? Math.max(intervalMs - 5_000, Math.floor(intervalMs * 0.8));
  const signals = options.signals ?? [];
  const shutdown = new AbortController();
  let current: Promise<void> | undefined;

  const tick = () => {
    if (current || shutdown.signal.aborted) return; // the previous tick is still working
    current = (async () => {
      try {
        // Imported lazily so tests that inject deps never open the app database.
        const deps = options.deps ? await options.deps() : await appDeps();
        await runWorker((processStop) =>
          runTick(
            { ...deps, log: deps.log ?? log },
            { budgetMs, stop: AbortSignal.any([shutdown.signal, processStop]) },
          ),
        );
      } catch (error) {
        log.error("tick failed", { error: error instanceof Error ? error.stack : String(error) });
      } finally {
        current = undefined;
      }
    })();
  };

  const first = setTimeout(tick, options.initialDelayMs ?? 5_000);
  const interval = setInterval(tick, intervalMs);
  // Never keep the process alive just for the ticker.
  first.unref();
  interval.unref();

  const stop = async () => {
    shutdown.abort();
    for (const signal of signals) process.off(signal, onSignal);
    clearTimeout(first);
    clearInterval(interval);
    await current;
    if (globalForScheduler.conduitScheduler === scheduler) globalForScheduler.conduitScheduler = undefined;
  };

  const onSignal = (signal: NodeJS.Signals) => {
    log.info("stopping the scheduler at the next page boundary", { signal });
    void stop().then(() => log.info("scheduler stopped; leases released"));
  };
  for (const signal of signals) process.once(signal, onSignal);

  const scheduler: InProcessScheduler = {
    stop,
    idle: async () => {
      await current;
    },
  };
  globalForScheduler.conduitScheduler = scheduler;
  log.info("in-process scheduler started", { intervalMs, budgetMs });
  return scheduler;
}
