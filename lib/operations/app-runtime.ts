import type { Db } from "@/db/client";
import { createSellerCloudClient } from "@/lib/channels/client-factory";
import type { Operation } from "@/lib/channels/settings";
import { createLogger } from "@/lib/log";
import { getOrdersOperation } from "./get-orders";
import { linkListingsModule } from "./link-listings";
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
  get_orders: getOrdersOperation,
};

export function getAppOperationModule(operation: Operation): OperationModule<unknown> | undefined {
  return MODULES[operation];
}

export function appRunnerDeps(db: Db): RunnerDeps {
  return {
    db,
    log: createLogger("runner"),
    createSellerCloudClient: (database, scope) => createSellerCloudClient(database, scope),
    getModule: getAppOperationModule,
  };
}
