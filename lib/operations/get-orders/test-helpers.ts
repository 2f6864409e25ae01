/**
 * Test helpers shared by Get Orders' suites: a sandbox over real HTTP, a client for it, a channel
 * with Get Orders settings, and one run driven through the real runner.
 */

import { and, eq } from "drizzle-orm";
import { afterEach } from "vitest";
import type { Db } from "@/db/client";
import { channels } from "@/db/schema/channels";
import { orders } from "@/db/schema/orders";
import { runEvents, runs } from "@/db/schema/runs";
import { SellerCloudClient } from "@/lib/sellercloud/client";
import { TokenCache, unlimited } from "@/lib/sellercloud/http";
import { type RunningSandbox, type SandboxOptions, startSandbox } from "@/lib/sellercloud/sandbox/server";
import { enqueueRun, isAlreadyRunning } from "../enqueue";
import { claimRun, workRun } from "../runner";
import { seedChannel } from "../testing/fixtures";
import type { OperationModule } from "../types";
import { getOrdersModule } from ".";

export type Json = Record<string, unknown>;
export const IN_PROCESS = 2;
export const COMPANY = 1;

const sandboxes: RunningSandbox[] = [];
afterEach(async () => {
  for (const s of sandboxes.splice(0)) await s.close();
});

/** A sandbox on its own port, closed after the test. */
export async function sandbox(orders = 300, options: SandboxOptions = {}): Promise<RunningSandbox> {
  const s = await startSandbox({ orders, products: 60, seed: 11, orderSpanDays: 5, ...options });
  sandboxes.push(s);
  return s;
}

export function clientFor(s: RunningSandbox): SellerCloudClient {
  return new SellerCloudClient({
    baseUrl: s.url,
    username: s.credentials.username,
    password: s.credentials.password,
    limiter: unlimited,
    tokenCache: new TokenCache(),
    retry: { baseDelayMs: 5, maxDelayMs: 20, throttleJitterMs: 0 },
  });
}

/** The orders the sandbox holds that match the channel's filters right now, ID ascending. */
export function matching(s: RunningSandbox): Json[] {
  const indexes = s.state.queryOrders({ companyIds: [COMPANY], statuses: [IN_PROCESS], orderBy: 0, ascending: true });
  return Array.from(indexes, (i) => s.state.orderDtoAt(i));
}

export async function seedGetOrdersChannel(db: Db, ageDays = 7, timeZone?: string) {
  const scope = await seedChannel(db);
  await db
    .update(channels)
    .set({
      settings: {
        shippingMappings: [],
        orders: {
          companyId: COMPANY,
          orderStatus: IN_PROCESS,
          dropshipStatus: null,
          ageDays,
          retention: "keep",
          partialShipments: "wait",
          ...(timeZone ? { timeZone } : {}),
        },
      },
    })
    .where(eq(channels.id, scope.channelId));
  return scope;
}

/**
 * Drives one run through the real runner (enqueue, claim, page loop with fenced commits). Each run
 * is a full pass over the window unless `incremental` (incremental.ts decides, as in the app).
 */
export async function runGetOrders(
  db: Db,
  scope: { workspaceId: string; channelId: string },
  client: SellerCloudClient,
  dryRun = false,
  module: OperationModule<unknown> = getOrdersModule as OperationModule<unknown>,
  incremental = false,
) {
  const queued = await enqueueRun(db, {
    ...scope,
    operation: "get_orders",
    trigger: "manual",
    dryRun,
    input: incremental ? {} : { fullPass: true },
  });
  if (isAlreadyRunning(queued)) throw new Error("a run is already active");
  const deps = {
    db,
    createSellerCloudClient: async () => client,
    getModule: () => module,
    options: { heartbeatMs: 0, retryDelayMs: 5 },
  };
  const claimed = await claimRun(deps, { runId: queued.id });
  const outcome = await workRun(deps, claimed!);
  const [run] = await db.select().from(runs).where(eq(runs.id, queued.id));
  const events = await db.select().from(runEvents).where(eq(runEvents.runId, queued.id)).orderBy(runEvents.id);
  return { outcome, run: run!, events };
}

export async function storedIds(db: Db, channelId: string): Promise<number[]> {
  const rows = await db
    .select({ id: orders.sellercloudOrderId })
    .from(orders)
    .where(eq(orders.channelId, channelId))
    .orderBy(orders.sellercloudOrderId);
  return rows.map((r) => r.id);
}

export async function orderOf(db: Db, channelId: string, scId: unknown) {
  const [row] = await db
    .select()
    .from(orders)
    .where(and(eq(orders.channelId, channelId), eq(orders.sellercloudOrderId, scId as number)));
  return row!;
}
