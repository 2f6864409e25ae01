import { createHash } from "node:crypto";
import { and, eq, getTableColumns, inArray, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { listingLinks, variants } from "@/db/schema/catalog";
import { channels } from "@/db/schema/channels";
import { orderItems, orders } from "@/db/schema/orders";
import { runs } from "@/db/schema/runs";
import { orderSettingsSchema } from "@/lib/channels/settings";
import { AppError } from "@/lib/errors";
import { buildDefaultTemplateBody } from "@/lib/mapping/default-template";
import { type CompiledTemplate, compileTemplate, type MappedOrder, validateTemplate } from "@/lib/mapping/evaluate";
import { loadSetsForTemplate } from "@/lib/mapping/set-queries";
import { ensureActiveGetOrdersTemplate, getActiveTemplate, getTemplateVersion } from "@/lib/mapping/template-queries";
import type { TemplateBody } from "@/lib/mapping/template";
import { MAX_PAGE_SIZE, type OrdersQuery } from "@/lib/sellercloud/client";
import { OrderSortBy, OrderStatus, type ScOrder } from "@/lib/sellercloud/transform";
import type { OperationContext, OperationModule, PageOutcome, RunCounts, RunEventInput } from "./types";

/**
 * Get Orders: pages SellerCloud's order list (the list DTO carries every field a template can
 * read, so there is never a per-order call), maps each order through the channel's active
 * template and upserts orders and items, one page per transaction (PageOutcome.commit).
 *
 * Why nothing is missed or doubled
 * --------------------------------
 * The list is read by page number over a window fixed at the start of the run, sorted by order
 * ID ascending. New orders get higher IDs, so they append at the end and are read when paging
 * gets there. An order that moves *into* the filter with a low ID (e.g. On Hold -> In Process)
 * pushes later rows forward: we read some rows twice, and the ID dedupe below makes that
 * harmless. The dangerous case is a row *leaving* the filter behind our position (an order we
 * already read ships and stops being In Process): every later row slides back one place, and the
 * row that crosses the page boundary lands on a page we have already read. Pages alone cannot
 * see that, so the cursor keeps the TotalResults of the previous page; when it moves during a
 * pass, the pass is followed by a re-check pass over the same window (up to MAX_PASSES). Orders
 * already imported in this run are recognised by ID and content hash and not counted again, so a
 * re-check only adds the orders that slid past us. A removal and an arrival between the same two
 * page fetches leave the total unchanged and are not detected here; the next run still finds the
 * order, because each run's window reaches ageDays + 1 day back and dedupes by ID.
 */

export const GET_ORDERS_PAGE_SIZE = MAX_PAGE_SIZE;
export const MAX_PASSES = 3;
const DAY_MS = 86_400_000;

export interface GetOrdersCursor {
  /** The created-on window, fixed at the start of the run (ISO strings). */
  window: { from: string; to: string };
  filters: { companyId: number; orderStatus: number; dropshipStatus: number | null };
  /** 1 = the main pass, 2+ = re-check passes. */
  pass: number;
  /** The next page to fetch (1-based). */
  page: number;
  /** Rows per page as SellerCloud actually serves them (it caps silently). */
  pageSize: number;
  /** TotalResults of the previous page in this pass; null at the start of a pass. */
  lastTotal: number | null;
  /** TotalResults moved during this pass: rows may have slid past us. */
  shifted: boolean;
  /** Highest SellerCloud ID read in the main pass; rows at or below it are revisits. */
  maxIdSeen: number;
  /** The template version this run maps with (null only in a dry run with no saved template). */
  templateVersionId: string | null;
}

interface PreparedTemplate {
  versionId: string | null;
  compiled: CompiledTemplate;
}

/** Orders settings of the channel, validated (companyId is required). */
async function loadOrderSettings(ctx: OperationContext) {
  const [channel] = await ctx.db
    .select({ settings: channels.settings })
    .from(channels)
    .where(and(eq(channels.workspaceId, ctx.workspaceId), eq(channels.id, ctx.channelId)));
  if (!channel) throw new AppError("NOT_FOUND", "The channel was not found.");
  const parsed = orderSettingsSchema.safeParse(channel.settings.orders ?? {});
  if (!parsed.success)
    throw new AppError("VALIDATION", "Set up the channel's Get Orders settings (Company ID) before importing orders.");
  return parsed.data;
}

async function firstCursor(ctx: OperationContext): Promise<GetOrdersCursor> {
  const settings = await loadOrderSettings(ctx);
  const filters = {
    companyId: settings.companyId,
    orderStatus: settings.orderStatus ?? OrderStatus.InProcess,
    dropshipStatus: settings.dropshipStatus,
  };
  const now = ctx.now();
  // SellerCloud's time zone is undocumented: reach one extra day back and ahead, dedupe by ID.
  const window = {
    from: new Date(now.getTime() - (settings.ageDays + 1) * DAY_MS).toISOString(),
    to: new Date(now.getTime() + DAY_MS).toISOString(),
  };
  let templateVersionId: string | null;
  if (ctx.dryRun) {
    // A dry run writes nothing, not even the recommended template.
    const active = await getActiveTemplate(ctx.db, ctx.workspaceId, ctx.channelId, "get_orders");
    templateVersionId = active?.version.id ?? null;
  } else {
    templateVersionId = (await ensureActiveGetOrdersTemplate(ctx.db, ctx.workspaceId, ctx.channelId)).version.id;
  }
  return {
    window,
    filters,
    pass: 1,
    page: 1,
    pageSize: GET_ORDERS_PAGE_SIZE,
    lastTotal: null,
    shifted: false,
    maxIdSeen: 0,
    templateVersionId,
  };
}

/** The run's pinned version with the workspace's current sets, validated before any order is mapped. */
async function prepareTemplate(ctx: OperationContext, versionId: string | null): Promise<PreparedTemplate> {
  const body: TemplateBody = versionId
    ? (await getTemplateVersion(ctx.db, ctx.workspaceId, versionId)).body
    : buildDefaultTemplateBody();
  const sets = await loadSetsForTemplate(ctx.db, ctx.workspaceId, body);
  const check = validateTemplate(body, sets);
  if (!check.ok) {
    const first = Object.entries(check.errors)[0];
    throw new AppError(
      "VALIDATION",
      `The mapping template cannot be used: ${first ? `${first[0]}: ${first[1]}` : "invalid"}.`,
    );
  }
  return { versionId, compiled: compileTemplate(check.body, sets) };
}

function toQuery(cursor: GetOrdersCursor): OrdersQuery {
  return {
    companyId: cursor.filters.companyId,
    orderStatus: cursor.filters.orderStatus,
    dropshipStatus: cursor.filters.dropshipStatus ?? undefined,
    createdFrom: new Date(cursor.window.from),
    createdTo: new Date(cursor.window.to),
    sortBy: OrderSortBy.OrderID,
    ascending: true,
    pageSize: GET_ORDERS_PAGE_SIZE,
  };
}

// --- mapping a page to rows ----------------------------------------------------------------

/** drizzle property name by SQL column name, so template targets (snake columns) become insert keys. */
const ORDER_PROPS = new Map(Object.entries(getTableColumns(orders)).map(([prop, col]) => [col.name, prop]));
const ITEM_PROPS = new Map(Object.entries(getTableColumns(orderItems)).map(([prop, col]) => [col.name, prop]));

function prop(map: Map<string, string>, column: string): string {
  const name = map.get(column);
  if (!name) throw new Error(`No column ${column}: lib/mapping/targets.ts and db/schema/orders.ts disagree`);
  return name;
}

function intOrNull(value: unknown): number | null {
  return typeof value === "number" && Number.isInteger(value) ? value : null;
}

/** SellerCloud's wall-clock date, or null for the unset sentinel / garbage. */
function scTimestamp(value: unknown): string | null {
  if (typeof value !== "string" || value.startsWith("0001-01-01")) return null;
  return /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}/.test(value) ? value.slice(0, 19) : null;
}

/** Same normalisation as the catalog's sku_key (trim + upper case). */
function skuKey(sku: string): string {
  return sku.trim().toUpperCase();
}

interface PlannedOrder {
  mapped: MappedOrder;
  raw: Record<string, unknown>;
  hash: string;
  scId: number;
}

function planOrder(compiled: CompiledTemplate, order: ScOrder): PlannedOrder | { issues: string[]; field: string } {
  const raw = (order.raw ?? {}) as Record<string, unknown>;
  const result = compiled.map(raw);
  if (!result.ok) return { issues: result.issues.map((i) => i.message), field: result.issues[0]?.field ?? "order" };
  // Equal hash = same SellerCloud record mapped the same way: nothing to update.
  const hash = createHash("sha1")
    .update(JSON.stringify([raw, result.order.values, result.order.items]))
    .digest("base64url");
  return { mapped: result.order, raw, hash, scId: order.id };
}

function orderRow(ctx: OperationContext, plan: PlannedOrder, compiled: CompiledTemplate, versionId: string | null) {
  const raw = plan.raw;
  const row: Record<string, unknown> = {
    workspaceId: ctx.workspaceId,
    channelId: ctx.channelId,
    sellercloudOrderId: plan.scId,
    customerEmail: typeof raw.CustomerEmail === "string" && raw.CustomerEmail.trim() ? raw.CustomerEmail.trim() : null,
    scStatusCode: intOrNull(raw.StatusCode),
    scShippingStatus: intOrNull(raw.ShippingStatus),
    scPaymentStatus: intOrNull(raw.PaymentStatus),
    scDropshipStatus: intOrNull(raw.Dropship),
    scCompanyId: intOrNull(raw.CompanyID),
    scCreatedOn: scTimestamp(raw.CreatedOn),
    scLastUpdated: scTimestamp(raw.LastUpdated),
    raw,
    contentHash: plan.hash,
    importedByRunId: ctx.runId,
    lastUpdatedByRunId: ctx.runId,
    templateVersionId: versionId,
  };
  // Don't Map targets stay out of the row: NULL on insert, untouched on update.
  for (const target of compiled.writtenOrderTargets)
    row[prop(ORDER_PROPS, target.column)] = plan.mapped.values[target.key] ?? null;
  return row as typeof orders.$inferInsert;
}

function itemRows(
  ctx: OperationContext,
  orderId: string,
  plan: PlannedOrder,
  compiled: CompiledTemplate,
  variantBySku: Map<string, string>,
) {
  return plan.mapped.items.map((item) => {
    const row: Record<string, unknown> = {
      workspaceId: ctx.workspaceId,
      orderId,
      lineNumber: item.lineNumber,
      sellercloudItemId: item.sellercloudItemId === null ? null : Number(item.sellercloudItemId),
    };
    for (const target of compiled.writtenItemTargets)
      row[prop(ITEM_PROPS, target.column)] = item.values[target.key] ?? null;
    const productId = item.values["item.productId"];
    row.variantId =
      typeof productId === "string"
        ? (variantBySku.get(productId) ?? variantBySku.get(skuKey(productId)) ?? null)
        : null;
    return row as typeof orderItems.$inferInsert;
  });
}

/**
 * Catalog variants for the page's product IDs: the channel's Link Listings link first (exact
 * SellerCloud SKU), then a variant whose SKU matches. Keys: exact SellerCloud SKU, and sku_key.
 */
async function findVariants(ctx: OperationContext, productIds: string[]): Promise<Map<string, string>> {
  const found = new Map<string, string>();
  if (productIds.length === 0) return found;
  const keys = [...new Set(productIds.map(skuKey))];
  const bySku = await ctx.db
    .select({ skuKey: variants.skuKey, id: variants.id })
    .from(variants)
    .where(and(eq(variants.workspaceId, ctx.workspaceId), inArray(variants.skuKey, keys)));
  for (const v of bySku) found.set(v.skuKey, v.id);
  const linked = await ctx.db
    .select({ productId: listingLinks.sellercloudProductId, variantId: listingLinks.variantId })
    .from(listingLinks)
    .where(
      and(
        eq(listingLinks.workspaceId, ctx.workspaceId),
        eq(listingLinks.channelId, ctx.channelId),
        inArray(listingLinks.sellercloudProductId, [...new Set(productIds)]),
      ),
    );
  for (const l of linked) found.set(l.productId, l.variantId);
  return found;
}

// --- the page --------------------------------------------------------------------------------

type Verdict = "create" | "update" | "unchanged" | "shipped";

async function runPage(ctx: OperationContext, previous: GetOrdersCursor | null): Promise<PageOutcome<GetOrdersCursor>> {
  const isFirstPage = previous === null;
  const cursor = previous ?? (await firstCursor(ctx));
  const template = await prepareTemplate(ctx, cursor.templateVersionId);
  const client = await ctx.sellercloud();
  const page = await client.getOrdersPage(toQuery(cursor), cursor.page, ctx.signal);

  const counts: RunCounts = { fetched: 0, created: 0, updated: 0, unchanged: 0, skipped: 0, failed: 0 };
  const events: RunEventInput[] = [];
  const isMainPass = cursor.pass === 1;

  // Records SellerCloud sent that fail the list-DTO schema (the client validated them).
  for (const invalid of page.invalid) {
    if (!isMainPass) continue; // already reported in the main pass
    counts.fetched++;
    counts.skipped++;
    events.push({
      level: "warn",
      entity: "order",
      entityId: invalid.id ?? undefined,
      code: "invalid_record",
      message: `Skipped: ${invalid.message}`,
    });
  }

  // Dedupe by ID within the page, then plan each order.
  const seenOnPage = new Set<number>();
  const planned: Array<{ plan: PlannedOrder; revisit: boolean }> = [];
  let maxId = cursor.maxIdSeen;
  for (const order of page.items) {
    if (seenOnPage.has(order.id)) continue;
    seenOnPage.add(order.id);
    // A row at or below the highest ID already read was seen before (rows shifted forward) or
    // is an order that slid back into view; either way it only counts if it changes something.
    const revisit = !isMainPass || order.id <= cursor.maxIdSeen;
    if (isMainPass) maxId = Math.max(maxId, order.id);
    if (!revisit) counts.fetched++;
    const plan = planOrder(template.compiled, order);
    if ("issues" in plan) {
      if (revisit) continue;
      counts.skipped++;
      events.push({
        level: "warn",
        entity: "order",
        entityId: String(order.id),
        code: "mapping_failed",
        message: `Skipped: ${plan.issues.join("; ")}`,
        details: { field: plan.field, issues: plan.issues },
      });
      continue;
    }
    planned.push({ plan, revisit });
  }

  const ids = planned.map((p) => p.plan.scId);
  const existing = ids.length
    ? await ctx.db
        .select({
          id: orders.id,
          scId: orders.sellercloudOrderId,
          hash: orders.contentHash,
          shippedAt: orders.shippedAt,
        })
        .from(orders)
        .where(
          and(
            eq(orders.workspaceId, ctx.workspaceId),
            eq(orders.channelId, ctx.channelId),
            inArray(orders.sellercloudOrderId, ids),
          ),
        )
    : [];
  const existingById = new Map(existing.map((e) => [e.scId, e]));

  const writes: PlannedOrder[] = [];
  const updatedIds = new Set<number>();
  for (const { plan, revisit } of planned) {
    const found = existingById.get(plan.scId);
    const verdict: Verdict = !found
      ? "create"
      : found.hash === plan.hash
        ? "unchanged"
        : found.shippedAt
          ? "shipped"
          : "update";
    if (revisit && (verdict === "unchanged" || verdict === "shipped")) continue;
    if (revisit) counts.fetched++;
    const id = String(plan.scId);
    if (verdict === "create") counts.created++;
    if (verdict === "update") counts.updated++;
    if (verdict === "unchanged") counts.unchanged++;
    if (verdict === "shipped") counts.skipped++;
    if (verdict === "create" || verdict === "update") writes.push(plan);
    if (verdict === "update") updatedIds.add(plan.scId);
    if (ctx.dryRun) {
      const message = {
        create: "Would create: not imported yet.",
        update: "Would update: SellerCloud's record or the template changed since the last import.",
        unchanged: "Would skip: nothing changed since the last import.",
        shipped: "Would skip: the order has shipped in Conduit, so SellerCloud changes are no longer applied.",
      }[verdict];
      const code = verdict === "create" || verdict === "update" ? `would_${verdict}` : "would_skip";
      events.push({ level: "info", entity: "order", entityId: id, code, message, details: { verdict } });
    } else if (verdict === "shipped") {
      events.push({
        level: "info",
        entity: "order",
        entityId: id,
        code: "shipped_not_updated",
        message: "Not updated: the order changed in SellerCloud but has already shipped in Conduit.",
      });
    }
  }

  // --- next cursor ---------------------------------------------------------------------------
  const pageSize = Math.max(cursor.pageSize, page.received);
  const total = page.totalResults;
  const shifted = cursor.shifted || (cursor.lastTotal !== null && cursor.lastTotal !== total);
  const passDone = page.received === 0 || cursor.page * pageSize >= total;
  let next: GetOrdersCursor;
  let done = false;
  if (!passDone) {
    next = { ...cursor, page: cursor.page + 1, pageSize, lastTotal: total, shifted, maxIdSeen: maxId };
  } else if (shifted && cursor.pass < MAX_PASSES && !ctx.dryRun) {
    next = { ...cursor, pass: cursor.pass + 1, page: 1, pageSize, lastTotal: null, shifted: false, maxIdSeen: maxId };
    events.push({
      level: "info",
      entity: "run",
      code: "recheck_pass",
      message: `SellerCloud's order list changed while paging (${cursor.lastTotal} → ${total} orders); checking the pages again so no order that moved is missed.`,
    });
  } else {
    next = { ...cursor, pageSize, lastTotal: total, shifted, maxIdSeen: maxId };
    done = true;
    if (shifted)
      events.push({
        level: "info",
        entity: "run",
        code: "list_still_changing",
        message: ctx.dryRun
          ? "SellerCloud's order list changed while paging; a real run would check the pages again."
          : "SellerCloud's order list kept changing; the next run checks again (its window overlaps this one).",
      });
  }

  const outcome: PageOutcome<GetOrdersCursor> = {
    counts,
    events,
    nextCursor: next,
    done,
    total,
    progressLabel: `${cursor.pass > 1 ? "Re-check: " : ""}page ${cursor.page} of ${Math.max(1, Math.ceil(total / pageSize))}`,
  };
  if (ctx.dryRun) return outcome;

  const variantBySku = await findVariants(
    ctx,
    writes.flatMap((w) =>
      w.mapped.items.map((i) => i.values["item.productId"]).filter((v): v is string => typeof v === "string"),
    ),
  );
  outcome.commit = async (tx: Db) => {
    if (isFirstPage) await tx.update(runs).set({ templateVersionId: template.versionId }).where(eq(runs.id, ctx.runId));
    await writeOrders(tx, ctx, writes, updatedIds, template, variantBySku);
  };
  return outcome;
}

async function writeOrders(
  tx: Db,
  ctx: OperationContext,
  writes: PlannedOrder[],
  updatedIds: Set<number>,
  template: PreparedTemplate,
  variantBySku: Map<string, string>,
): Promise<void> {
  if (writes.length === 0) return;
  const { compiled, versionId } = template;
  const rows = writes.map((plan) => orderRow(ctx, plan, compiled, versionId));
  const set: Record<string, unknown> = {};
  const excluded = (column: string) => sql.raw(`excluded."${column}"`);
  for (const target of compiled.writtenOrderTargets) set[prop(ORDER_PROPS, target.column)] = excluded(target.column);
  for (const column of [
    "customer_email",
    "sc_status_code",
    "sc_shipping_status",
    "sc_payment_status",
    "sc_dropship_status",
    "sc_company_id",
    "sc_created_on",
    "sc_last_updated",
    "raw",
    "content_hash",
    "last_updated_by_run_id",
    "template_version_id",
  ])
    set[prop(ORDER_PROPS, column)] = excluded(column);
  set.updatedAt = sql`now()`;
  // The guard repeats the page's verdict inside the transaction: a shipped order or an
  // identical one is never rewritten, even if it changed between the read and this commit.
  const saved = await tx
    .insert(orders)
    .values(rows)
    .onConflictDoUpdate({
      target: [orders.workspaceId, orders.channelId, orders.sellercloudOrderId],
      set,
      setWhere: sql`${orders.shippedAt} is null and ${orders.contentHash} is distinct from excluded.content_hash`,
    })
    .returning({ id: orders.id, scId: orders.sellercloudOrderId });
  if (saved.length === 0) return;
  const idByScId = new Map(saved.map((s) => [s.scId, s.id]));
  // Items of a changed order are replaced whole: SellerCloud may add, drop or reorder lines.
  const replaced = saved.filter((s) => updatedIds.has(s.scId)).map((s) => s.id);
  if (replaced.length > 0)
    await tx
      .delete(orderItems)
      .where(and(eq(orderItems.workspaceId, ctx.workspaceId), inArray(orderItems.orderId, replaced)));
  const items = writes.flatMap((plan) => {
    const orderId = idByScId.get(plan.scId);
    return orderId ? itemRows(ctx, orderId, plan, compiled, variantBySku) : [];
  });
  if (items.length > 0) await tx.insert(orderItems).values(items);
}

export const getOrdersOperation: OperationModule<GetOrdersCursor> = {
  operation: "get_orders",
  runPage,
};
