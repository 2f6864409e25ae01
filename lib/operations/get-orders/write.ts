/**
 * Get Orders' writes: a runner page's new orders COPYed with their items, its changed orders
 * upserted under the shipped/hash guard with their items replaced, and each line linked to a
 * catalog variant. Runs inside the runner's page transaction (PageOutcome.commit).
 */
import { randomUUID } from "node:crypto";
import { sql } from "drizzle-orm";
import { type BulkColumn, copyRows } from "@/db/bulk";
import type { Db } from "@/db/client";
import { rowsOf } from "@/db/rows";
import type { PinnedTemplate } from "../shared/pinned-template";
import type { OperationContext } from "../types";
import type { PlannedOrder } from "./plan-order";
import { ident, itemColumnType, itemRecords, orderColumnType, orderRecords, SYSTEM_ORDER_COLUMNS } from "./records";

export type OrdersScope = Pick<OperationContext, "workspaceId" | "channelId" | "runId">;

/**
 * Writes the page's orders (`writes`: the creates and updates from classify; `updatedIds`: the
 * SellerCloud IDs among them that are stored already) and their items, each statement taking the
 * page as one jsonb parameter or a COPY stream, so the cost does not grow with a bind parameter
 * per value. Throws on a database error (the runner retries the page).
 */
export async function writeOrders(
  tx: Db,
  ctx: OrdersScope,
  writes: PlannedOrder[],
  updatedIds: Set<number>,
  template: PinnedTemplate<"get_orders">,
): Promise<void> {
  const creates = writes.filter((w) => !updatedIds.has(w.scId));
  const updates = writes.filter((w) => updatedIds.has(w.scId));
  if (creates.length > 0) await copyNewOrders(tx, ctx, creates, template);
  if (updates.length > 0) await upsertOrders(tx, ctx, updates, updatedIds, template);
}

/**
 * New orders (the common case) are COPYed: ids are made here so their items can be COPYed
 * right after, and the catalog variants of their lines are looked up in one query first. The
 * classification said these orders are not stored; if one appeared meanwhile (it cannot with one
 * active run per channel), the unique key fails the transaction and the runner retries the page,
 * which then sees it as stored.
 */
async function copyNewOrders(
  tx: Db,
  ctx: OrdersScope,
  creates: PlannedOrder[],
  template: PinnedTemplate<"get_orders">,
) {
  const { compiled, versionId } = template;
  const targetColumns = [...compiled.writtenOrderTargets.map((t) => t.column), ...SYSTEM_ORDER_COLUMNS];
  const orderColumns: BulkColumn[] = [
    { name: "id", type: "uuid" },
    { name: "workspace_id", type: "uuid" },
    { name: "channel_id", type: "uuid" },
    { name: "sellercloud_order_id", type: "bigint" },
    { name: "imported_by_run_id", type: "uuid" },
    { name: "last_updated_by_run_id", type: "uuid" },
    // Includes raw (SYSTEM_ORDER_COLUMNS), taken from the row's `raw` below.
    ...targetColumns.map((c) => ({ name: c, type: orderColumnType(c) })),
  ];
  const idByScId = new Map<number, string>();
  const orderRows = orderRecords(creates, compiled, versionId).map((record, i) => {
    const plan = creates[i]!;
    const id = randomUUID();
    idByScId.set(plan.scId, id);
    return {
      ...record,
      id,
      workspace_id: ctx.workspaceId,
      channel_id: ctx.channelId,
      imported_by_run_id: ctx.runId,
      last_updated_by_run_id: ctx.runId,
      raw: plan.raw,
    };
  });
  await copyRows(tx, "orders", orderColumns, orderRows);

  const items = itemRecords(creates, compiled);
  if (items.length === 0) return;
  const variants = await findVariantsForLines(tx, ctx, items);
  const itemColumnNames = compiled.writtenItemTargets.map((t) => t.column);
  const itemColumns: BulkColumn[] = [
    { name: "workspace_id", type: "uuid" },
    { name: "order_id", type: "uuid" },
    { name: "line_number", type: "integer" },
    { name: "sellercloud_item_id", type: "bigint" },
    ...itemColumnNames.map((c) => ({ name: c, type: itemColumnType(c) })),
    { name: "variant_id", type: "uuid" },
  ];
  const itemRows = items.map((item) => ({
    ...item,
    workspace_id: ctx.workspaceId,
    order_id: idByScId.get(item.sellercloud_order_id as number),
    variant_id: variants.get(variantKey(item)) ?? null,
  }));
  await copyRows(tx, "order_items", itemColumns, itemRows);
}

function variantKey(item: Record<string, unknown>): string {
  return `${item.sc_product_id ?? ""}\u0000${item.match_sku ?? ""}`;
}

/**
 * Catalog variants for order lines, in one query (not lib/linking's matching of variants to
 * SellerCloud products): the channel's Link Listings link wins (exact SellerCloud SKU); else a
 * variant whose sku_key (trim + upper case, as the catalog stores it) matches the mapped Product
 * ID. Both keys are unique, so each line gets at most one. Returns variant ids by variantKey.
 */
async function findVariantsForLines(
  tx: Db,
  ctx: OrdersScope,
  items: Array<Record<string, unknown>>,
): Promise<Map<string, string>> {
  const pairs = new Map<string, { sc: unknown; sku: unknown }>();
  for (const item of items) pairs.set(variantKey(item), { sc: item.sc_product_id, sku: item.match_sku });
  const found = rowsOf<{ sc: string | null; sku: string | null; variant_id: string }>(
    await tx.execute(sql`
      select r.sc, r.sku, coalesce(ll.variant_id, v.id) as variant_id
      from jsonb_to_recordset(${JSON.stringify([...pairs.values()])}::jsonb) as r(sc text, sku text)
      left join listing_links ll on ll.workspace_id = ${ctx.workspaceId}::uuid and ll.channel_id = ${ctx.channelId}::uuid
        and ll.sellercloud_product_id = r.sc
      left join variants v on v.workspace_id = ${ctx.workspaceId}::uuid and v.sku_key = upper(btrim(r.sku))
      where coalesce(ll.variant_id, v.id) is not null`),
  );
  return new Map(found.map((row) => [variantKey({ sc_product_id: row.sc, match_sku: row.sku }), row.variant_id]));
}

/** Changed orders: upsert under the shipped/hash guard and replace their items. */
async function upsertOrders(
  tx: Db,
  ctx: OrdersScope,
  writes: PlannedOrder[],
  updatedIds: Set<number>,
  template: PinnedTemplate<"get_orders">,
): Promise<void> {
  const { compiled, versionId } = template;
  const columns = [...compiled.writtenOrderTargets.map((t) => t.column), ...SYSTEM_ORDER_COLUMNS];
  const recordType = ["sellercloud_order_id bigint", ...columns.map((c) => `${ident(c)} ${orderColumnType(c)}`)].join(
    ", ",
  );
  const insertColumns = [
    "workspace_id",
    "channel_id",
    "sellercloud_order_id",
    "imported_by_run_id",
    "last_updated_by_run_id",
    ...columns,
  ]
    .map(ident)
    .join(", ");
  const selectColumns = columns.map((c) => `r.${ident(c)}`).join(", ");
  // Don't Map targets are absent from both lists: NULL on insert, untouched on update.
  const updates = [...columns, "last_updated_by_run_id"].map((c) => `${ident(c)} = excluded.${ident(c)}`).join(", ");
  // The raw record is spliced in as already-serialised JSON rather than stringified again.
  const records = orderRecords(writes, compiled, versionId);
  const payload = `[${records.map((record, i) => `${JSON.stringify(record).slice(0, -1)},"raw":${writes[i]!.rawJson}}`).join(",")}]`;

  // Items of a changed order are replaced whole (SellerCloud may add, drop or reorder lines).
  // Deleted under the same guard as the upsert below, with the order rows locked, so items are
  // only dropped for an order that is about to be rewritten.
  if (updatedIds.size > 0) {
    const changed = JSON.stringify(
      writes.filter((w) => updatedIds.has(w.scId)).map((w) => ({ sc: w.scId, hash: w.hash })),
    );
    await tx.execute(sql`
      delete from order_items where workspace_id = ${ctx.workspaceId}::uuid and order_id in (
        select o.id from orders o
        join jsonb_to_recordset(${changed}::jsonb) as p(sc bigint, hash text) on o.sellercloud_order_id = p.sc
        where o.workspace_id = ${ctx.workspaceId}::uuid and o.channel_id = ${ctx.channelId}::uuid
          and o.shipped_at is null and o.content_hash is distinct from p.hash
        for update of o)`);
  }

  const itemColumns = compiled.writtenItemTargets.map((t) => t.column);
  const itemType = [
    "sellercloud_order_id bigint",
    "line_number integer",
    "sellercloud_item_id bigint",
    "sc_product_id text",
    "match_sku text",
    ...itemColumns.map((c) => `${ident(c)} ${itemColumnType(c)}`),
  ].join(", ");
  const itemInsert = ["workspace_id", "order_id", "line_number", "sellercloud_item_id", ...itemColumns, "variant_id"]
    .map(ident)
    .join(", ");
  const itemSelect = itemColumns.map((c) => `, r.${ident(c)}`).join("");
  const items = JSON.stringify(itemRecords(writes, compiled));

  // One statement per page: the orders upsert, then the items of exactly the rows it wrote.
  // The guard repeats the page's verdict inside the transaction: a shipped order or an
  // identical one is never rewritten, even if it changed between the read and this commit.
  // Items link to the channel's Link Listings variant (exact SellerCloud SKU) or else to a
  // variant whose sku_key (trim + upper case, as the catalog stores it) matches the mapped
  // Product ID; both keys are unique, so no line fans out.
  await tx.execute(sql`
    with saved as (
      insert into orders (${sql.raw(insertColumns)})
      select ${ctx.workspaceId}::uuid, ${ctx.channelId}::uuid, r.sellercloud_order_id, ${ctx.runId}::uuid, ${ctx.runId}::uuid, ${sql.raw(selectColumns)}
      from jsonb_to_recordset(${payload}::jsonb) as r(${sql.raw(recordType)})
      on conflict (workspace_id, channel_id, sellercloud_order_id) do update set ${sql.raw(updates)}, updated_at = now()
      where orders.shipped_at is null and orders.content_hash is distinct from excluded.content_hash
      returning id, sellercloud_order_id
    )
    insert into order_items (${sql.raw(itemInsert)})
    select ${ctx.workspaceId}::uuid, saved.id, r.line_number, r.sellercloud_item_id${sql.raw(itemSelect)}, coalesce(ll.variant_id, v.id)
    from saved
    join jsonb_to_recordset(${items}::jsonb) as r(${sql.raw(itemType)}) on r.sellercloud_order_id = saved.sellercloud_order_id
    left join listing_links ll on ll.workspace_id = ${ctx.workspaceId}::uuid and ll.channel_id = ${ctx.channelId}::uuid
      and ll.sellercloud_product_id = r.sc_product_id
    left join variants v on v.workspace_id = ${ctx.workspaceId}::uuid and v.sku_key = upper(btrim(r.match_sku))`);
}
