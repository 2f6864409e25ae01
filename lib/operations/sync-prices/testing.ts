/**
 * Test and benchmark helpers for Sync Prices & Quantities: a channel whose variants are linked to
 * the sandbox's products (one listing per variant, written in bulk), its settings, and one run
 * worked through the real runner with a real client.
 */

import { and, asc, eq, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { listingLinks, listings, variants } from "@/db/schema/catalog";
import { channels } from "@/db/schema/channels";
import { runEvents, runs } from "@/db/schema/runs";
import { type PriceSyncSettings, priceSyncSettingsSchema } from "@/lib/channels/price-sync-settings";
import type { PricingRules } from "@/lib/channels/settings";
import { SellerCloudClient } from "@/lib/sellercloud/client";
import { unlimited } from "@/lib/sellercloud/http";
import type { RunningSandbox } from "@/lib/sellercloud/sandbox/server";
import { enqueueRun } from "../enqueue";
import { claimRun, type RunnerDeps, workRun } from "../runner";
import { seedChannel } from "../testing/fixtures";
import type { OperationModule } from "../types";

export interface SeededVariant {
  variantId: string;
  sku: string;
  /** The SellerCloud product it is linked to. */
  productId: string;
}

/**
 * A workspace and channel with `count` variants linked to the sandbox's first `count` products.
 * Variant i: price $10.00 + i cents, cost $5.00, quantity i % 50 + 1.
 */
export async function seedLinkedChannel(
  db: Db,
  sandbox: RunningSandbox,
  options: { count: number; priceSync?: Partial<PriceSyncSettings>; pricing?: PricingRules },
): Promise<{ workspaceId: string; channelId: string; variants: SeededVariant[] }> {
  const { workspaceId, channelId } = await seedChannel(db, {
    operations: [{ operation: "sync_prices", schedule: { kind: "manual" } }],
  });
  await setPriceSync(db, channelId, options.priceSync ?? {}, options.pricing);
  const out: SeededVariant[] = [];
  for (let start = 0; start < options.count; start += 2000) {
    const n = Math.min(2000, options.count - start);
    const idx = Array.from({ length: n }, (_, k) => start + k);
    const listingRows = await db
      .insert(listings)
      .values(idx.map((i) => ({ workspaceId, key: `L-${i}`, title: `Product ${i}` })))
      .returning({ id: listings.id, key: listings.key });
    const byKey = new Map(listingRows.map((l) => [l.key, l.id]));
    const variantRows = await db
      .insert(variants)
      .values(
        idx.map((i) => ({
          workspaceId,
          listingId: byKey.get(`L-${i}`)!,
          sku: `V-${i}`,
          skuKey: `V-${i}`,
          costCents: 500,
          priceCents: 1000 + i,
          quantity: (i % 50) + 1,
        })),
      )
      .returning({ id: variants.id, sku: variants.sku });
    const links = variantRows.map((v) => {
      const i = Number(v.sku.slice(2));
      const productId = String(sandbox.state.catalogRowAt(i).ID);
      out.push({ variantId: v.id, sku: v.sku, productId });
      return {
        workspaceId,
        channelId,
        variantId: v.id,
        sellercloudProductId: productId,
        matchedBy: { listingField: "sku" as const, sellercloudField: "ID" as const },
      };
    });
    await db.insert(listingLinks).values(links);
  }
  return { workspaceId, channelId, variants: out };
}

/** Saves the channel's Sync Prices settings (defaults for what is left out) and, when given, its pricing rules. */
export async function setPriceSync(
  db: Db,
  channelId: string,
  priceSync: Partial<PriceSyncSettings>,
  pricing?: PricingRules,
): Promise<void> {
  const value = priceSyncSettingsSchema.parse(priceSync);
  await db
    .update(channels)
    .set({
      settings: pricing
        ? sql`jsonb_set(jsonb_set(${channels.settings}, '{priceSync}', ${JSON.stringify(value)}::jsonb), '{pricing}', ${JSON.stringify(pricing)}::jsonb)`
        : sql`jsonb_set(${channels.settings}, '{priceSync}', ${JSON.stringify(value)}::jsonb)`,
    })
    .where(eq(channels.id, channelId));
}

/** A client of the sandbox without a rate limit. */
export function sandboxClient(sandbox: RunningSandbox): SellerCloudClient {
  return new SellerCloudClient({
    baseUrl: sandbox.url,
    username: sandbox.credentials.username,
    password: sandbox.credentials.password,
    limiter: unlimited,
  });
}

/** Enqueues and works one Sync Prices run to its end; returns the run row, its events and the calls made. */
export async function runSyncPrices(
  db: Db,
  sandbox: RunningSandbox,
  scope: { workspaceId: string; channelId: string },
  module: OperationModule<unknown>,
  options: { dryRun?: boolean; deps?: Partial<RunnerDeps> } = {},
) {
  const run = await enqueueRun(db, {
    ...scope,
    operation: "sync_prices",
    trigger: "manual",
    dryRun: options.dryRun ?? false,
  });
  if ("alreadyRunning" in run) throw new Error("a run is already active");
  const client = sandboxClient(sandbox);
  const deps: RunnerDeps = {
    db,
    createSellerCloudClient: async () => client,
    getModule: () => module,
    options: { heartbeatMs: 0, pageRetries: 0 },
    ...options.deps,
  };
  const claimed = await claimRun(deps, { runId: run.id });
  const outcome = await workRun(deps, claimed!);
  const [row] = await db.select().from(runs).where(eq(runs.id, run.id));
  const events = await db.select().from(runEvents).where(eq(runEvents.runId, run.id)).orderBy(asc(runEvents.id));
  return { outcome, run: row!, events, calls: client.callsMade };
}

/** The run's id when it is the channel's only active one (tests of resumption). */
export async function activeRunId(db: Db, channelId: string): Promise<string | null> {
  const [row] = await db
    .select({ id: runs.id })
    .from(runs)
    .where(and(eq(runs.channelId, channelId), sql`${runs.status} in ('queued', 'running')`));
  return row?.id ?? null;
}
