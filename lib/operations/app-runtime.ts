import type { Db } from "@/db/client";
import { createSellerCloudClient } from "@/lib/channels/client-factory";
import type { Operation } from "@/lib/channels/settings";
import { createLogger } from "@/lib/log";
import { runRetentionJob } from "@/lib/orders/retention";
import { afterRunFinished } from "./after-run";
import { analyzeDailyJob, type DailyJob } from "./daily-jobs";
import { getOrdersModule } from "./get-orders";
import { linkListingsModule } from "./link-listings";
import { syncOrdersModule } from "./sync-orders";
import { syncPricesModule } from "./sync-prices";
import type { RunnerDeps } from "./runner";
import type { OperationModule } from "./types";

/**
 * The app's runtime wiring in one place: which module runs each operation, and how a run gets
 * its SellerCloud client. Static imports, so every bundle (cron route, actions, the in-process
 * ticker) sees the same table without start-up registration.
 */
// biome-ignore lint/suspicious/noExplicitAny: each module has its own cursor type.
const MODULES: Partial<Record<Operation, OperationModule<any>>> = {
  link_listings: linkListingsModule,
  get_orders: getOrdersModule,
  sync_orders: syncOrdersModule,
  sync_prices: syncPricesModule,
};

export function getAppOperationModule(operation: Operation): OperationModule<unknown> | undefined {
  return MODULES[operation];
}

const DAILY_JOBS: DailyJob[] = [
  // Personal data retention: clear names, addresses, phones and emails of long-shipped orders.
  { name: "personal-data-retention", run: (db, now, log) => runRetentionJob(db, { now, log }) },
  // Planner statistics for every table (PGlite has no autovacuum); bulk runs also analyse on finishing.
  analyzeDailyJob,
];

export function appRunnerDeps(db: Db): RunnerDeps {
  return {
    db,
    log: createLogger("runner"),
    createSellerCloudClient: (database, scope) => createSellerCloudClient(database, scope),
    getModule: getAppOperationModule,
    dailyJobs: DAILY_JOBS,
    afterRun: (runId) => afterRunFinished(db, runId, createLogger("runner")),
  };
}
