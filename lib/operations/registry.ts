import type { Db } from "@/db/client";
import type { Operation } from "@/lib/channels/settings";
import type { SellerCloudClient } from "@/lib/sellercloud/client";
import type { OperationModule } from "./types";

/**
 * Operation -> module. Each operation helper registers its module here (or adds it to the map);
 * the runner looks modules up through getOperationModule, or through an injected getModule in tests.
 */
// biome-ignore lint/suspicious/noExplicitAny: each module has its own cursor type.
export const operationModules: Partial<Record<Operation, OperationModule<any>>> = {};

export function registerOperation<Cursor>(module: OperationModule<Cursor>): void {
  operationModules[module.operation] = module as OperationModule<unknown>;
}

export function getOperationModule(operation: Operation): OperationModule<unknown> | undefined {
  return operationModules[operation];
}

/** Builds the SellerCloud client of a channel's connection (decrypting its credentials). */
export type CreateSellerCloudClient = (
  db: Db,
  scope: { workspaceId: string; channelId: string },
) => Promise<SellerCloudClient>;

let clientFactory: CreateSellerCloudClient | undefined;

/** The wizard's connection code registers the real factory once at start-up. */
export function registerSellerCloudClientFactory(factory: CreateSellerCloudClient): void {
  clientFactory = factory;
}

/** The registered factory, resolved when a run first needs a client (so registration order does not matter). */
export const createRegisteredSellerCloudClient: CreateSellerCloudClient = (db, scope) => {
  if (!clientFactory) {
    return Promise.reject(new Error("No SellerCloud client factory is registered (registerSellerCloudClientFactory)."));
  }
  return clientFactory(db, scope);
};
