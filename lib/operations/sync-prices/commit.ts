/**
 * Sync Prices & Quantities' database writes, each one statement whatever the page size (rows
 * travel as one jsonb parameter), all inside the runner's fenced page transaction: the plan's rows,
 * the whole-run hold, rows whose link is gone, values SellerCloud confirmed or refused, and the
 * bulk job a quantity went out in.
 */

import { sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { priceSyncItems } from "@/db/schema/prices";
import type { OperationContext } from "../types";
import type { PlanRow } from "./plan";

type Scope = Pick<OperationContext, "workspaceId" | "channelId" | "runId">;

/** Writes the plan's rows (new rows inserted; a row moved to another SellerCloud product forgets its confirmed values). */
export async function writePlan(tx: Db, ctx: Scope, rows: PlanRow[], now: Date): Promise<void> {
  if (!rows.length) return;
  const at = now.toISOString();
  await tx.execute(sql`
    insert into ${priceSyncItems} as i (
      workspace_id, channel_id, variant_id, sellercloud_product_id,
      planned_price_cents, price_state, price_why, price_reason,
      planned_qty, qty_state, qty_why, qty_reason,
      plan_run_id, sc_price_cents, sc_qty, sc_read_at, bulk_job_id, updated_at)
    select ${ctx.workspaceId}::uuid, ${ctx.channelId}::uuid, x.variant_id, x.product_id,
      x.planned_price, x.price_state, x.price_why, x.price_reason,
      x.planned_qty, x.qty_state, x.qty_why, x.qty_reason,
      ${ctx.runId}::uuid, x.sc_price, x.sc_qty, case when x.sc_read then ${at}::timestamptz else null end, null,
      ${at}::timestamptz
    from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as x(
      variant_id uuid, product_id text, planned_price int, price_state text, price_why text, price_reason text,
      planned_qty int, qty_state text, qty_why text, qty_reason text, sc_price int, sc_qty int, sc_read boolean)
    on conflict (workspace_id, channel_id, variant_id) do update set
      sellercloud_product_id = excluded.sellercloud_product_id,
      confirmed_price_cents = case when i.sellercloud_product_id = excluded.sellercloud_product_id then i.confirmed_price_cents end,
      price_confirmed_at = case when i.sellercloud_product_id = excluded.sellercloud_product_id then i.price_confirmed_at end,
      confirmed_qty = case when i.sellercloud_product_id = excluded.sellercloud_product_id then i.confirmed_qty end,
      confirmed_warehouse_id = case when i.sellercloud_product_id = excluded.sellercloud_product_id then i.confirmed_warehouse_id end,
      qty_confirmed_at = case when i.sellercloud_product_id = excluded.sellercloud_product_id then i.qty_confirmed_at end,
      planned_price_cents = excluded.planned_price_cents,
      price_state = excluded.price_state,
      price_why = excluded.price_why,
      price_reason = excluded.price_reason,
      planned_qty = excluded.planned_qty,
      qty_state = excluded.qty_state,
      qty_why = excluded.qty_why,
      qty_reason = excluded.qty_reason,
      plan_run_id = excluded.plan_run_id,
      sc_price_cents = excluded.sc_price_cents,
      sc_qty = excluded.sc_qty,
      sc_read_at = coalesce(excluded.sc_read_at, i.sc_read_at),
      bulk_job_id = null,
      updated_at = excluded.updated_at`);
}

/** Rows of variants no longer linked on the channel go (their link was removed by Link Listings). */
export async function deleteUnlinked(tx: Db, ctx: Scope): Promise<void> {
  // NOT IN over the channel's links (a hashed subplan): a correlated NOT EXISTS sharing the constant
  // workspace/channel columns was planned as a per-row scan on tables without statistics.
  await tx.execute(sql`
    delete from ${priceSyncItems} as i
    where i.workspace_id = ${ctx.workspaceId} and i.channel_id = ${ctx.channelId}
      and i.variant_id not in (select l.variant_id from listing_links l
        where l.workspace_id = ${ctx.workspaceId} and l.channel_id = ${ctx.channelId})`);
}

/** The zeroing rail: every value this run planned to send is held instead, with `reason`. */
export async function holdWholeRun(tx: Db, ctx: Scope, reason: string, now: Date): Promise<void> {
  await tx.execute(sql`
    update ${priceSyncItems}
    set price_state = case when price_state = 'pending' then 'held' else price_state end,
        price_reason = case when price_state = 'pending' then ${reason} else price_reason end,
        qty_state = case when qty_state = 'pending' then 'held' else qty_state end,
        qty_reason = case when qty_state = 'pending' then ${reason} else qty_reason end,
        updated_at = ${now.toISOString()}::timestamptz
    where workspace_id = ${ctx.workspaceId} and channel_id = ${ctx.channelId} and plan_run_id = ${ctx.runId}
      and (price_state = 'pending' or qty_state = 'pending')`);
}

export interface ValueOutcome {
  variant_id: string;
  /** Cents (price) or units (quantity) SellerCloud confirmed; null when it failed. */
  value: number | null;
  /** Why it failed, in plain words. */
  reason: string | null;
}

/** Prices SellerCloud accepted become the confirmed price; failed ones keep their plan, state failed. */
export async function recordPrices(tx: Db, ctx: Scope, outcomes: ValueOutcome[], now: Date): Promise<void> {
  if (!outcomes.length) return;
  await tx.execute(sql`
    update ${priceSyncItems} as i
    set confirmed_price_cents = coalesce(x.value, i.confirmed_price_cents),
        price_confirmed_at = case when x.value is null then i.price_confirmed_at else ${now.toISOString()}::timestamptz end,
        sc_price_cents = coalesce(x.value, i.sc_price_cents),
        price_state = case when x.value is null then 'failed' else null end,
        price_reason = x.reason,
        updated_at = ${now.toISOString()}::timestamptz
    from jsonb_to_recordset(${JSON.stringify(outcomes)}::jsonb) as x(variant_id uuid, value int, reason text)
    where i.workspace_id = ${ctx.workspaceId} and i.channel_id = ${ctx.channelId} and i.variant_id = x.variant_id`);
}

/** Quantities SellerCloud accepted become the confirmed quantity in `warehouseId`; failed ones are marked failed. */
export async function recordQuantities(
  tx: Db,
  ctx: Scope,
  outcomes: ValueOutcome[],
  warehouseId: number,
  now: Date,
): Promise<void> {
  if (!outcomes.length) return;
  await tx.execute(sql`
    update ${priceSyncItems} as i
    set confirmed_qty = coalesce(x.value, i.confirmed_qty),
        confirmed_warehouse_id = case when x.value is null then i.confirmed_warehouse_id else ${warehouseId} end,
        qty_confirmed_at = case when x.value is null then i.qty_confirmed_at else ${now.toISOString()}::timestamptz end,
        sc_qty = coalesce(x.value, i.sc_qty),
        qty_state = case when x.value is null then 'failed' else null end,
        qty_reason = x.reason,
        bulk_job_id = null,
        updated_at = ${now.toISOString()}::timestamptz
    from jsonb_to_recordset(${JSON.stringify(outcomes)}::jsonb) as x(variant_id uuid, value int, reason text)
    where i.workspace_id = ${ctx.workspaceId} and i.channel_id = ${ctx.channelId} and i.variant_id = x.variant_id`);
}

/** Marks the quantities that went out in bulk job `jobId` (the polls that follow settle them). */
export async function markBulkJob(tx: Db, ctx: Scope, variantIds: string[], jobId: number): Promise<void> {
  if (!variantIds.length) return;
  await tx.execute(sql`
    update ${priceSyncItems} as i set bulk_job_id = ${jobId}
    from jsonb_array_elements_text(${JSON.stringify(variantIds)}::jsonb) as x(id)
    where i.workspace_id = ${ctx.workspaceId} and i.channel_id = ${ctx.channelId} and i.variant_id = x.id::uuid`);
}
