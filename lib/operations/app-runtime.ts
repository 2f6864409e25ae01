/**
 * The app's runtime wiring in one place: which module runs each operation, and how a run gets
 * its SellerCloud client. Static imports, so every bundle (cron route, actions, the in-process
 * ticker) sees the same table without start-up registration.
 */
import type { Db } from "@/db/client";
import { createSellerCloudClient } from "@/lib/channels/client-factory";
import type { Operation } from "@/lib/channels/settings";
import { pruneWebhookDeliveries } from "@/lib/webhooks/prune";
import { alertDigestTickJob } from "@/lib/alerts/digest";
import { alertRetentionResults } from "@/lib/alerts/retention";
import { pruneOutbox } from "@/lib/email/outbox";
import { createLogger } from "@/lib/log";
import { runRetentionJob } from "@/lib/orders/retention";
import { afterRunFinished } from "./after-run";
import { analyzeDailyJob, type DailyJob } from "./daily-jobs";
import { getOrdersModule } from "./get-orders";
import { linkListingsModule } from "./link-listings";
import { syncOrdersModule } from "./sync-orders";
import { submitToVendorsModule } from "./submit-to-vendors";
import { vendorRetryTickJob } from "@/lib/vendors/retry-tick-job";
import { syncPricesModule } from "./sync-prices";
import { webhookDeliveryTickJob } from "@/lib/webhooks/tick-job";
import type { TickDeps } from "./tick";
import type { TickJob } from "./tick-jobs";
import type { OperationModule } from "./types";

// biome-ignore lint/suspicious/noExplicitAny: each module has its own cursor type.
const MODULES: Partial<Record<Operation, OperationModule<any>>> = {
  link_listings: linkListingsModule,
  get_orders: getOrdersModule,
  sync_orders: syncOrdersModule,
  submit_to_vendors: submitToVendorsModule,
  sync_prices: syncPricesModule,
};

export function getAppOperationModule(operation: Operation): OperationModule<unknown> | undefined {
  return MODULES[operation];
}

const DAILY_JOBS: DailyJob[] = [
  // Personal data retention: clear names, addresses, phones and emails of long-shipped orders.
  {
    name: "personal-data-retention",
    run: async (db, now, log) => alertRetentionResults(db, await runRetentionJob(db, { now, log }), { now, log }),
  },
  // The local mail outbox (no SMTP_URL) keeps 30 days.
  { name: "email-outbox-prune", run: (db, now) => pruneOutbox(db, now) },
  // The webhook delivery log keeps 30 days of finished deliveries (pending ones stay).
  { name: "webhook-deliveries-prune", run: (db, now) => pruneWebhookDeliveries(db, now) },
  // Planner statistics for every table (PGlite has no autovacuum); bulk runs also analyse on finishing.
  analyzeDailyJob,
];

// Outbound queues worked by every tick before runs (Vercel cron and self-hosted alike).
const TICK_JOBS: TickJob[] = [alertDigestTickJob, webhookDeliveryTickJob, vendorRetryTickJob];

export function appRunnerDeps(db: Db): TickDeps {
  return {
    db,
    log: createLogger("runner"),
    createSellerCloudClient: (database, scope) => createSellerCloudClient(database, scope),
    getModule: getAppOperationModule,
    dailyJobs: DAILY_JOBS,
    tickJobs: TICK_JOBS,
    afterRun: (runId) => afterRunFinished(db, runId, createLogger("runner")),
  };
}
