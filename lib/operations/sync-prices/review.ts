/**
 * The review of Sync Prices & Quantities: what waits for a person (held values: first pushes, large
 * price changes, a run held for zeroing too many quantities), what the rails refused and what
 * SellerCloud refused, each with SellerCloud's value as Conduit knows it, the new value, the rule
 * that made it and the reason; and the decisions: Send (approved: the next run sends exactly that
 * value past the rails that held it) or Skip (not sent while the computed value stays the same).
 * Every function is scoped by workspace and channel.
 */

import { and, asc, eq, inArray, or, type SQL, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { variants } from "@/db/schema/catalog";
import { type PriceItemState, priceSyncItems } from "@/db/schema/prices";
import { AppError } from "@/lib/errors";
import type { SellerCloudClient } from "@/lib/sellercloud/client";
import { isSellerCloudError } from "@/lib/sellercloud/errors";
import { getProductPrice, getWarehouseQuantity } from "@/lib/sellercloud/prices";

/** held / refused / failed: open values; sent: what SellerCloud confirmed last (its values as Conduit knows them). */
export type ReviewFilter = "held" | "refused" | "failed" | "sent";
export const REVIEW_PAGE_SIZE = 50;

export interface ReviewValue {
  /** SellerCloud's value as Conduit knows it: the last it confirmed, or what was read when held; null: unknown. */
  current: number | null;
  /** Whether `current` comes from a read of SellerCloud (else from Conduit's last confirmed push). */
  currentRead: boolean;
  next: number | null;
  state: PriceItemState | null;
  why: string | null;
  reason: string | null;
}

export interface ReviewRow {
  variantId: string;
  sku: string;
  productId: string;
  /** Price values in cents. */
  price: ReviewValue;
  quantity: ReviewValue;
}

type Scope = { workspaceId: string; channelId: string };

const stateFilter = (filter: ReviewFilter): SQL =>
  filter === "sent"
    ? sql`(${priceSyncItems.priceConfirmedAt} is not null or ${priceSyncItems.qtyConfirmedAt} is not null)`
    : filter === "refused"
      ? (or(eq(priceSyncItems.priceState, "refused"), eq(priceSyncItems.qtyState, "refused")) as SQL)
      : filter === "failed"
        ? (or(eq(priceSyncItems.priceState, "failed"), eq(priceSyncItems.qtyState, "failed")) as SQL)
        : (or(eq(priceSyncItems.priceState, "held"), eq(priceSyncItems.qtyState, "held")) as SQL);

/** How many variants have a held, refused or failed value. */
export async function reviewCounts(db: Db, scope: Scope): Promise<Record<ReviewFilter, number>> {
  const [row] = await db
    .select({
      held: sql<number>`count(*) filter (where ${priceSyncItems.priceState} = 'held' or ${priceSyncItems.qtyState} = 'held')::int`,
      refused: sql<number>`count(*) filter (where ${priceSyncItems.priceState} = 'refused' or ${priceSyncItems.qtyState} = 'refused')::int`,
      failed: sql<number>`count(*) filter (where ${priceSyncItems.priceState} = 'failed' or ${priceSyncItems.qtyState} = 'failed')::int`,
      sent: sql<number>`count(*) filter (where ${priceSyncItems.priceConfirmedAt} is not null or ${priceSyncItems.qtyConfirmedAt} is not null)::int`,
    })
    .from(priceSyncItems)
    .where(and(eq(priceSyncItems.workspaceId, scope.workspaceId), eq(priceSyncItems.channelId, scope.channelId)));
  return {
    held: Number(row?.held ?? 0),
    refused: Number(row?.refused ?? 0),
    failed: Number(row?.failed ?? 0),
    sent: Number(row?.sent ?? 0),
  };
}

/** One page (1-based, REVIEW_PAGE_SIZE rows, by SKU) of the variants matching `filter`. */
export async function listReview(db: Db, scope: Scope, filter: ReviewFilter, page = 1): Promise<ReviewRow[]> {
  const rows = await db
    .select({ item: priceSyncItems, sku: variants.sku })
    .from(priceSyncItems)
    .innerJoin(variants, and(eq(variants.id, priceSyncItems.variantId), eq(variants.workspaceId, scope.workspaceId)))
    .where(
      and(
        eq(priceSyncItems.workspaceId, scope.workspaceId),
        eq(priceSyncItems.channelId, scope.channelId),
        stateFilter(filter),
      ),
    )
    .orderBy(asc(variants.sku))
    .limit(REVIEW_PAGE_SIZE)
    .offset((Math.max(1, page) - 1) * REVIEW_PAGE_SIZE);
  return rows.map(({ item: i, sku }) => ({
    variantId: i.variantId,
    sku,
    productId: i.sellercloudProductId,
    price: {
      current: i.scReadAt ? i.scPriceCents : i.confirmedPriceCents,
      currentRead: i.scReadAt !== null,
      next: i.plannedPriceCents,
      state: i.priceState,
      why: i.priceWhy,
      reason: i.priceReason,
    },
    quantity: {
      current: i.scReadAt ? i.scQty : i.confirmedQty,
      currentRead: i.scReadAt !== null,
      next: i.plannedQty,
      state: i.qtyState,
      why: i.qtyWhy,
      reason: i.qtyReason,
    },
  }));
}

export interface ReviewDecision {
  /** The variants decided; "all" decides every held value of the channel. */
  variantIds: string[] | "all";
  decision: "send" | "skip";
}

/**
 * Sends (approves) or skips the held values of the chosen variants (both price and quantity).
 * Returns how many values changed state. Values no longer held (a run re-planned them) are left.
 * Errors: AppError VALIDATION for an empty selection.
 */
export async function decideHeld(db: Db, scope: Scope, input: ReviewDecision, now: Date): Promise<number> {
  if (input.variantIds !== "all" && input.variantIds.length === 0)
    throw new AppError("VALIDATION", "Choose at least one variant.");
  const next = input.decision === "send" ? "approved" : "skipped";
  const where: SQL[] = [
    eq(priceSyncItems.workspaceId, scope.workspaceId),
    eq(priceSyncItems.channelId, scope.channelId),
    or(eq(priceSyncItems.priceState, "held"), eq(priceSyncItems.qtyState, "held")) as SQL,
  ];
  if (input.variantIds !== "all") where.push(inArray(priceSyncItems.variantId, input.variantIds));
  const rows = await db
    .update(priceSyncItems)
    .set({
      priceState: sql`case when ${priceSyncItems.priceState} = 'held' then ${next} else ${priceSyncItems.priceState} end`,
      qtyState: sql`case when ${priceSyncItems.qtyState} = 'held' then ${next} else ${priceSyncItems.qtyState} end`,
      updatedAt: now,
    })
    .where(and(...where))
    .returning({ id: priceSyncItems.variantId });
  return rows.length;
}

/**
 * Reads SellerCloud's current price and (with a warehouse) quantity of the given variants (at most
 * REVIEW_PAGE_SIZE: two calls each) and stores them for the review. Returns how many were read;
 * a product SellerCloud refuses is left unread.
 */
export async function readCurrentValues(
  db: Db,
  scope: Scope,
  client: Pick<SellerCloudClient, "http">,
  variantIds: string[],
  warehouseId: number | null,
  now: Date,
): Promise<number> {
  const ids = variantIds.slice(0, REVIEW_PAGE_SIZE);
  if (!ids.length) return 0;
  const rows = await db
    .select({ variantId: priceSyncItems.variantId, productId: priceSyncItems.sellercloudProductId })
    .from(priceSyncItems)
    .where(
      and(
        eq(priceSyncItems.workspaceId, scope.workspaceId),
        eq(priceSyncItems.channelId, scope.channelId),
        inArray(priceSyncItems.variantId, ids),
      ),
    );
  let read = 0;
  for (const r of rows) {
    try {
      const price = await getProductPrice(client, r.productId);
      const qty = warehouseId === null ? null : await getWarehouseQuantity(client, r.productId, warehouseId);
      await db
        .update(priceSyncItems)
        .set({ scPriceCents: price === null ? null : Math.round(price * 100), scQty: qty, scReadAt: now })
        .where(
          and(
            eq(priceSyncItems.workspaceId, scope.workspaceId),
            eq(priceSyncItems.channelId, scope.channelId),
            eq(priceSyncItems.variantId, r.variantId),
          ),
        );
      read++;
    } catch (error) {
      if (!isSellerCloudError(error) || error.kind === "auth") throw error;
    }
  }
  return read;
}
