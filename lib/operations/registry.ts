import type { Db } from "@/db/client";
import type { Operation } from "@/lib/channels/settings";
import { AppError } from "@/lib/errors";
import type { SellerCloudClient } from "@/lib/sellercloud/client";
import type { OperationModule } from "./types";

/**
 * Operation -> module, and the SellerCloud client factory, registered once at start-up
 * (instrumentation.ts) and read by the runner. Kept on globalThis because Next.js bundles
 * instrumentation and route handlers separately: a plain module-level map registered from one
 * bundle would look empty from the other.
 */

/** Builds the SellerCloud client of a channel's connection (decrypting its credentials). */
export type CreateSellerCloudClient = (
  db: Db,
  scope: { workspaceId: string; channelId: string },
) => Promise<SellerCloudClient>;

interface Registry {
  // biome-ignore lint/suspicious/noExplicitAny: each module has its own cursor type.
  modules: Partial<Record<Operation, OperationModule<any>>>;
  clientFactory?: CreateSellerCloudClient;
}

const globalForRegistry = globalThis as unknown as { conduitOperations?: Registry };
globalForRegistry.conduitOperations ??= { modules: {} };
const registry = globalForRegistry.conduitOperations;

/** The registered modules by operation (read-only use; register through registerOperation). */
export const operationModules = registry.modules;

export function registerOperation<Cursor>(module: OperationModule<Cursor>): void {
  registry.modules[module.operation] = module as OperationModule<unknown>;
}

export function getOperationModule(operation: Operation): OperationModule<unknown> | undefined {
  return registry.modules[operation];
}

/** The wizard's connection code provides the real factory (lib/channels/client-factory.ts). */
export function registerSellerCloudClientFactory(factory: CreateSellerCloudClient): void {
  registry.clientFactory = factory;
}

/** The registered factory, resolved when a run first needs a client (so registration order does not matter). */
export const createRegisteredSellerCloudClient: CreateSellerCloudClient = (db, scope) => {
  if (!registry.clientFactory) {
    return Promise.reject(
      new AppError("INTERNAL", "Conduit is not set up to reach SellerCloud (no client factory registered)."),
    );
  }
  return registry.clientFactory(db, scope);
};
