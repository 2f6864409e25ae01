/**
 * The process-wide registry of workers. Every piece of run work in the process — the in-process
 * ticker, "Run now" (Next.js after()), a /api/cron call — runs through runWorker(), so one shutdown
 * stops them all: each stops at its next page boundary and releases its lease (the runner's
 * `stop` signal), and the process exits only when every one has let go of its run. A run left
 * leased by a process that exited would stay stuck until its lease ran out.
 */
import { createLogger, type Logger } from "@/lib/log";

interface Registry {
  stop: AbortController;
  running: Set<Promise<unknown>>;
  installed: boolean;
  /** Run after every worker has stopped, before the process exits (closing the database). */
  lastTasks: Array<() => Promise<void>>;
}

// On globalThis: Next.js may evaluate this module in several bundles of one process.
const globalForWorkers = globalThis as unknown as { conduitWorkers?: Registry };

function registry(): Registry {
  globalForWorkers.conduitWorkers ??= {
    stop: new AbortController(),
    running: new Set(),
    installed: false,
    lastTasks: [],
  };
  return globalForWorkers.conduitWorkers;
}

/** True once shutdown has begun: no new work starts. */
export function isShuttingDown(): boolean {
  return registry().stop.signal.aborted;
}

/**
 * Runs `work` as a registered worker. `stop` aborts on shutdown; pass it to the runner (WorkControl
 * .stop) so the run is released at a page boundary. Resolves to undefined, without calling `work`,
 * when shutdown has already begun. Errors from `work` are the caller's.
 */
export async function runWorker<T>(work: (stop: AbortSignal) => Promise<T>): Promise<T | undefined> {
  const { stop, running } = registry();
  if (stop.signal.aborted) return undefined;
  const promise = work(stop.signal);
  running.add(promise);
  try {
    return await promise;
  } finally {
    running.delete(promise);
  }
}

/** Number of workers now running (for tests and logs). */
export function runningWorkers(): number {
  return registry().running.size;
}

/** Asks every worker to stop at its next page boundary and waits until all have released their runs. */
export async function stopAllWorkers(): Promise<void> {
  const { stop, running } = registry();
  stop.abort("shutdown");
  // A worker that is still running may not have started its runner yet; wait until none is left.
  while (running.size > 0) await Promise.allSettled([...running]);
}

/**
 * Work for the end of a shutdown, once every worker has released its run (e.g. closing the
 * embedded database, which checkpoints it so the next start has no WAL to replay).
 */
export function onShutdown(task: () => Promise<void>): void {
  registry().lastTasks.push(task);
}

export interface ShutdownOptions {
  signals?: NodeJS.Signals[];
  log?: Logger;
  /** Called once every worker has stopped; defaults to process.exit with 128 + the signal's number. */
  exit?: (code: number) => void;
}

const EXIT_CODES: Partial<Record<NodeJS.Signals, number>> = { SIGINT: 130, SIGTERM: 143 };

/**
 * Installs the process's shutdown handler, once: on SIGTERM/SIGINT every worker stops at its page
 * boundary and releases its lease, then the handlers that were there before (Next.js closes its
 * server and exits) run; with none (NEXT_MANUAL_SIG_HANDLE), the process exits itself.
 */
export function installShutdownHandler(options: ShutdownOptions = {}): void {
  const state = registry();
  if (state.installed) return;
  state.installed = true;
  const log = options.log ?? createLogger("shutdown");
  const signals = options.signals ?? ["SIGTERM", "SIGINT"];
  for (const signal of signals) {
    // Next.js's own handler exits at once; it runs after our workers are done instead.
    const before = process.listeners(signal);
    process.removeAllListeners(signal);
    let handling = false;
    process.on(signal, () => {
      if (handling) return;
      handling = true;
      log.info("stopping every worker at its next page boundary", { signal, workers: runningWorkers() });
      void stopAllWorkers()
        .catch((error) => log.error("stopping workers failed", { error: String(error) }))
        .then(async () => {
          log.info("workers stopped; leases released", { signal });
          for (const task of state.lastTasks.splice(0)) {
            await task().catch((error) => log.warn("a shutdown task failed", { error: String(error) }));
          }
          if (before.length > 0) for (const listener of before) (listener as (s: NodeJS.Signals) => void)(signal);
          else (options.exit ?? process.exit)(EXIT_CODES[signal] ?? 128);
        });
    });
  }
}
