/**
 * Test helpers of Submit to Vendors' suites: one run of any operation through the real runner
 * (enqueue, claim, fenced page commits), catalog variants with vendors, and vendors with keys.
 */

import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { listings, variants } from "@/db/schema/catalog";
import { runEvents, runs } from "@/db/schema/runs";
import { variantVendors } from "@/db/schema/vendors";
import type { Operation } from "@/lib/channels/settings";
import type { SellerCloudClient } from "@/lib/sellercloud/client";
import { createVendorApiKey } from "@/lib/vendors/api-keys";
import type { VendorInput } from "@/lib/vendors/schemas";
import { createVendor, getVendorRow } from "@/lib/vendors/vendors";
import { enqueueRun, isAlreadyRunning } from "../enqueue";
import { claimRun, workRun } from "../runner";
import type { OperationModule } from "../types";

export interface Scope {
  workspaceId: string;
  channelId: string;
}

/** One run of `operation` with `module`, start to finish; `now` is the runner's clock. */
export async function runOperation(
  db: Db,
  scope: Scope,
  operation: Operation,
  module: OperationModule<unknown>,
  client: SellerCloudClient | null,
  options: { now?: () => Date; dryRun?: boolean; input?: Record<string, unknown> } = {},
) {
  const queued = await enqueueRun(db, {
    ...scope,
    operation,
    trigger: "manual",
    dryRun: options.dryRun ?? false,
    input: options.input ?? {},
  });
  if (isAlreadyRunning(queued)) throw new Error("a run is already active");
  const deps = {
    db,
    ...(options.now ? { now: options.now } : {}),
    createSellerCloudClient: async () => {
      if (!client) throw new Error("this run must not call SellerCloud");
      return client;
    },
    getModule: () => module,
    options: { heartbeatMs: 0, retryDelayMs: 5 },
  };
  const claimed = await claimRun(deps, { runId: queued.id });
  const outcome = await workRun(deps, claimed!);
  const [run] = await db.select().from(runs).where(eq(runs.id, queued.id));
  const events = await db.select().from(runEvents).where(eq(runEvents.runId, queued.id)).orderBy(runEvents.id);
  return { outcome, run: run!, events };
}

/** Catalog variants (each its own listing) with brand, tags and optionally a vendor. */
export async function seedVariants(
  db: Db,
  workspaceId: string,
  rows: {
    sku: string;
    brand?: string;
    tags?: string[];
    vendorId?: string;
    vendorSku?: string;
    vendorCostCents?: number;
  }[],
): Promise<void> {
  for (const row of rows) {
    const [listing] = await db
      .insert(listings)
      .values({
        workspaceId,
        key: row.sku.toUpperCase(),
        title: row.sku,
        brand: row.brand ?? null,
        tags: row.tags ?? [],
      })
      .returning();
    const [variant] = await db
      .insert(variants)
      .values({ workspaceId, listingId: listing!.id, sku: row.sku, skuKey: row.sku.toUpperCase() })
      .returning();
    if (row.vendorId)
      await db.insert(variantVendors).values({
        variantId: variant!.id,
        workspaceId,
        vendorId: row.vendorId,
        vendorSku: row.vendorSku ?? null,
        vendorCostCents: row.vendorCostCents ?? null,
      });
  }
}

/** A vendor with one API key: its row, its key and (webhook vendors) its signing secret. */
export async function seedVendor(db: Db, workspaceId: string, input: VendorInput) {
  const { vendor, webhookSecret } = await createVendor(db, workspaceId, input);
  const { key } = await createVendorApiKey(db, { workspaceId, vendorId: vendor.id, name: "test" });
  return { vendor, key, secret: webhookSecret, row: await getVendorRow(db, { workspaceId, vendorId: vendor.id }) };
}
