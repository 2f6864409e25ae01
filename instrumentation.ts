/**
 * Runs once when the server starts: apply migrations before the first request (a broken database
 * is reported at start, not on a user's click), then start the self-hosted scheduler tick unless
 * SCHEDULER_ENABLED=false or on Vercel (where vercel.json's cron calls /api/cron instead).
 */
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { getDbHandle } = await import("./db/index");
  await getDbHandle();
  const { startInProcessScheduler } = await import("./lib/operations/in-process-scheduler");
  startInProcessScheduler();
}
