/**
 * Runs once when the server starts: install the shutdown handler (SIGTERM/SIGINT stop every worker
 * — ticker, "Run now", cron — at a page boundary and release their leases before the process
 * exits), apply migrations before the first request (a broken database is reported at start, not
 * on a user's click), then start the self-hosted scheduler tick unless SCHEDULER_ENABLED=false or
 * on Vercel (where vercel.json's cron calls /api/cron instead).
 *
 * A data folder held by another process, or one that cannot be opened, is said in plain words
 * once and the server exits (1) instead of answering every request with a stack trace.
 */
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { installShutdownHandler, onShutdown } = await import("./lib/operations/workers");
  installShutdownHandler();
  const { getDbHandle } = await import("./db/index");
  try {
    const handle = await getDbHandle();
    // The embedded database is closed (checkpointed) once every worker has let go of its run.
    if (handle.driver === "pglite") onShutdown(() => handle.close());
  } catch (error) {
    const name = error instanceof Error ? error.name : "";
    if (name === "DataDirInUseError" || name === "EmbeddedDatabaseUnreadableError") {
      console.error(`\n${(error as Error).message}\n`);
      process.exit(1);
    }
    throw error;
  }
  const { startInProcessScheduler } = await import("./lib/operations/in-process-scheduler");
  startInProcessScheduler();
}
