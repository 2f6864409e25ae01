/** GET /api/cron: the scheduler tick (CRON_SECRET): queues due runs and works runs within a time budget. */

import { getDb } from "@/db/index";
import { env } from "@/lib/env";
import { createLogger } from "@/lib/log";
import { appRunnerDeps } from "@/lib/operations/app-runtime";
import { runTick } from "@/lib/operations/tick";
import { runWorker } from "@/lib/operations/workers";
import { handleCronRequest } from "@/lib/server/cron";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";
export const maxDuration = 60;

// Work stops at the first page boundary after this, leaving room for that page within maxDuration.
const TICK_BUDGET_MS = 40_000;

const log = createLogger("cron");

export async function GET(request: Request) {
  return handleCronRequest(request, {
    secret: () => env().cronSecret,
    log,
    // A registered worker: a shutdown of this process stops it at a page boundary and releases its lease.
    tick: async () =>
      runWorker(async (stop) => runTick({ ...appRunnerDeps(await getDb()), log }, { budgetMs: TICK_BUDGET_MS, stop })),
  });
}
