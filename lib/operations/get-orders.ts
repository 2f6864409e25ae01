import { createHash, randomUUID } from "node:crypto";
import { and, eq, getTableColumns, inArray, sql } from "drizzle-orm";
import { type BulkColumn, copyRows } from "@/db/bulk";
import type { Db } from "@/db/client";
import { rowsOf } from "@/db/rows";
import { channels } from "@/db/schema/channels";
import { orderItems, orders } from "@/db/schema/orders";
import { runs } from "@/db/schema/runs";
import { orderSettingsSchema } from "@/lib/channels/settings";
import { AppError } from "@/lib/errors";
import { buildDefaultTemplateBody } from "@/lib/mapping/default-template";
import { type CompiledTemplate, compileTemplate, type MappedOrder, validateTemplate } from "@/lib/mapping/evaluate";
import { loadSetsForTemplate } from "@/lib/mapping/set-queries";
import type { MappingSetData, TemplateBody } from "@/lib/mapping/template";
import { ensureActiveGetOrdersTemplate, getActiveTemplate, getTemplateVersion } from "@/lib/mapping/template-queries";
import { MAX_PAGE_SIZE, type OrdersQuery, type Page, type SellerCloudClient } from "@/lib/sellercloud/client";
import { OrderSortBy, OrderStatus, type ScOrder } from "@/lib/sellercloud/transform";
import type { OperationContext, OperationModule, PageOutcome, RunCounts, RunEventInput } from "./types";

/**
 * Get Orders: pages SellerCloud's order list (the list DTO carries every field a template can
 * read, so there is never a per-order call), maps each order through the channel's active
 * template and writes orders and items with the cursor and counts in one transaction per runner
 * page (PageOutcome.commit; a runner page groups up to SELLERCLOUD_PAGES_PER_COMMIT list pages).
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

export interface PreparedTemplate {
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

// Versions are immutable, so a compiled template can be reused by every page of every run that
// pins it; the sets it reads are mutable and part of the key (their ids and updated_at).
const compiledCache = new Map<string, PreparedTemplate>();
const versionBodies = new Map<string, TemplateBody>();

/** The run's pinned version with the workspace's current sets, validated before any order is mapped. */
async function prepareTemplate(ctx: OperationContext, versionId: string | null): Promise<PreparedTemplate> {
  let body = versionId ? versionBodies.get(versionId) : buildDefaultTemplateBody();
  if (!body) {
    body = (await getTemplateVersion(ctx.db, ctx.workspaceId, versionId!)).body;
    if (versionBodies.size > 200) versionBodies.clear();
    versionBodies.set(versionId!, body);
  }
  const sets = await loadSetsForTemplate(ctx.db, ctx.workspaceId, body);
  const key = `${versionId}:${setsFingerprint(sets)}`;
  const cached = compiledCache.get(key);
  if (cached) return cached;
  const check = validateTemplate(body, sets);
  if (!check.ok) {
    const first = Object.entries(check.errors)[0];
    throw new AppError(
      "VALIDATION",
      `The mapping template cannot be used: ${first ? `${first[0]}: ${first[1]}` : "invalid"}.`,
    );
  }
  const prepared = { versionId, compiled: compileTemplate(check.body, sets) };
  if (compiledCache.size > 50) compiledCache.clear();
  compiledCache.set(key, prepared);
  return prepared;
}

function setsFingerprint(sets: MappingSetData[]): string {
  const hash = createHash("sha1");
  for (const set of sets) hash.update(JSON.stringify([set.id, set.name, set.entries]));
  return hash.digest("base64url");
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

const ORDER_COLUMNS = new Map(Object.values(getTableColumns(orders)).map((col) => [col.name, col.getSQLType()]));
const ITEM_COLUMNS = new Map(Object.values(getTableColumns(orderItems)).map((col) => [col.name, col.getSQLType()]));

function sqlType(columns: Map<string, string>, column: string): string {
  const type = columns.get(column);
  if (!type) throw new Error(`No column ${column}: lib/mapping/targets.ts and db/schema/orders.ts disagree`);
  return type;
}

function intOrNull(value: unknown): number | null {
  return typeof value === "number" && Number.isInteger(value) ? value : null;
}

/** SellerCloud's wall-clock date, or null for the unset sentinel / garbage. */
function scTimestamp(value: unknown): string | null {
  if (typeof value !== "string" || value.startsWith("0001-01-01")) return null;
  return /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}/.test(value) ? value.slice(0, 19) : null;
}

export interface PlannedOrder {
  mapped: MappedOrder;
  raw: Record<string, unknown>;
  /** The raw record serialised once: hashed, then spliced into the write payload. */
  rawJson: string;
  hash: string;
  scId: number;
}

export function planOrder(
  compiled: CompiledTemplate,
  order: ScOrder,
): PlannedOrder | { issues: string[]; field: string } {
  const raw = (order.raw ?? {}) as Record<string, unknown>;
  const result = compiled.map(raw);
  if (!result.ok) return { issues: result.issues.map((i) => i.message), field: result.issues[0]?.field ?? "order" };
  // Equal hash = same SellerCloud record mapped the same way: nothing to update.
  const rawJson = JSON.stringify(raw);
  const hash = createHash("sha1")
    .update(rawJson)
    .update(JSON.stringify([result.order.values, result.order.items]))
    .digest("base64url");
  return { mapped: result.order, raw, rawJson, hash, scId: order.id };
}

/** Columns every import writes besides the template's targets. */
const SYSTEM_ORDER_COLUMNS = [
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
  "template_version_id",
] as const;

/** The page's orders as one JSON array of records keyed by column (one statement parameter). */
function orderRecords(writes: PlannedOrder[], compiled: CompiledTemplate, versionId: string | null) {
  return writes.map((plan) => {
    const raw = plan.raw;
    const record: Record<string, unknown> = {
      sellercloud_order_id: plan.scId,
      customer_email:
        typeof raw.CustomerEmail === "string" && raw.CustomerEmail.trim() ? raw.CustomerEmail.trim() : null,
      sc_status_code: intOrNull(raw.StatusCode),
      sc_shipping_status: intOrNull(raw.ShippingStatus),
      sc_payment_status: intOrNull(raw.PaymentStatus),
      sc_dropship_status: intOrNull(raw.Dropship),
      sc_company_id: intOrNull(raw.CompanyID),
      sc_created_on: scTimestamp(raw.CreatedOn),
      sc_last_updated: scTimestamp(raw.LastUpdated),
      content_hash: plan.hash,
      template_version_id: versionId,
    };
    for (const target of compiled.writtenOrderTargets) record[target.column] = plan.mapped.values[target.key] ?? null;
    return record;
  });
}

function textAt(record: unknown, key: string): string | null {
  const value = record && typeof record === "object" ? (record as Record<string, unknown>)[key] : undefined;
  return typeof value === "string" && value.trim() ? value : null;
}

function itemRecords(writes: PlannedOrder[], compiled: CompiledTemplate) {
  return writes.flatMap((plan) =>
    plan.mapped.items.map((item) => {
      const record: Record<string, unknown> = {
        sellercloud_order_id: plan.scId,
        line_number: item.lineNumber,
        sellercloud_item_id: item.sellercloudItemId === null ? null : Number(item.sellercloudItemId),
        // For the variant match: the SellerCloud SKU (Link Listings links) and the mapped Product
        // ID (a template may translate SellerCloud SKUs into the merchant's own).
        sc_product_id: textAt((plan.raw.Items as unknown[] | undefined)?.[item.lineNumber - 1], "ProductID"),
        match_sku: typeof item.values["item.productId"] === "string" ? item.values["item.productId"] : null,
      };
      for (const target of compiled.writtenItemTargets) record[target.column] = item.values[target.key] ?? null;
      return record;
    }),
  );
}

const ident = (name: string) => `"${name.replace(/"/g, '""')}"`;

// --- prefetch ------------------------------------------------------------------------------

/**
 * The next page is requested while this page is mapped and committed, so SellerCloud's latency
 * and our database work overlap instead of adding up. It is only a head start on the call the
 * next runPage would make anyway: keyed by run and cursor position, used only by the same
 * process for exactly that page, and refetched normally when absent or failed (another worker
 * took over, a retry, a cancel). At most one page per run is held.
 */
const prefetched = new Map<string, { key: string; page: Promise<Page<ScOrder> | null> }>();

function pageKey(cursor: GetOrdersCursor): string {
  const { window, filters, pass, page } = cursor;
  // Field by field: a cursor read back from jsonb has its keys in another order.
  return [window.from, window.to, filters.companyId, filters.orderStatus, filters.dropshipStatus, pass, page].join("|");
}

function prefetch(ctx: OperationContext, client: SellerCloudClient, next: GetOrdersCursor): void {
  if (prefetched.size > 100) prefetched.clear();
  const page = client.getOrdersPage(toQuery(next), next.page, ctx.signal).catch(() => null);
  prefetched.set(ctx.runId, { key: pageKey(next), page });
}

async function takePrefetched(ctx: OperationContext, cursor: GetOrdersCursor): Promise<Page<ScOrder> | null> {
  const entry = prefetched.get(ctx.runId);
  if (!entry) return null;
  prefetched.delete(ctx.runId);
  return entry.key === pageKey(cursor) ? entry.page : null;
}

// --- the page --------------------------------------------------------------------------------

type Verdict = "create" | "update" | "unchanged" | "shipped";

interface PageStep {
  counts: RunCounts;
  events: RunEventInput[];
  planned: Array<{ plan: PlannedOrder; revisit: boolean }>;
  next: GetOrdersCursor;
  done: boolean;
  /** The next page starts a new pass (a re-check): the batch ends here. */
  passEnds: boolean;
  total: number;
  pageSize: number;
}

/** One SellerCloud page: fetch, validate, map. Reads and writes nothing in the database. */
async function processPage(
  ctx: OperationContext,
  cursor: GetOrdersCursor,
  template: PreparedTemplate,
  client: SellerCloudClient,
  batchIds: Set<number>,
): Promise<PageStep> {
  const page =
    (await takePrefetched(ctx, cursor)) ?? (await client.getOrdersPage(toQuery(cursor), cursor.page, ctx.signal));
  const pageSize = Math.max(cursor.pageSize, page.received);
  const total = page.totalResults;
  const passDone = page.received === 0 || cursor.page * pageSize >= total;
  // Ask for the next page now, so its transfer overlaps this page's mapping and commit.
  if (!passDone) prefetch(ctx, client, { ...cursor, page: cursor.page + 1 });

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
    // Dedupe by ID within the page and across the pages of this commit (not yet stored).
    if (seenOnPage.has(order.id) || batchIds.has(order.id)) continue;
    seenOnPage.add(order.id);
    batchIds.add(order.id);
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

  // --- next cursor ---------------------------------------------------------------------------
  const shifted = cursor.shifted || (cursor.lastTotal !== null && cursor.lastTotal !== total);
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

  return { counts, events, planned, next, done, passEnds: passDone, total, pageSize };
}

/**
 * Sorts the group's mapped orders against what is stored, with one query: create, update,
 * unchanged, or skipped because the order has shipped in Conduit. Revisited rows (already read
 * in this run) count only when they change something.
 */
async function classify(
  ctx: OperationContext,
  planned: Array<{ plan: PlannedOrder; revisit: boolean }>,
  counts: RunCounts,
  events: RunEventInput[],
): Promise<{ writes: PlannedOrder[]; updatedIds: Set<number> }> {
  const writes: PlannedOrder[] = [];
  const updatedIds = new Set<number>();
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

  return { writes, updatedIds };
}

/**
 * A runner page: up to SELLERCLOUD_PAGES_PER_COMMIT SellerCloud pages (one list call per 50
 * orders), validated, mapped and classified, then written with the cursor and counts in one
 * transaction. Grouping a few list pages per transaction keeps the per-transaction cost (run
 * row, fencing, commit) from dominating; a crash still loses at most this group, which the
 * resumed run re-imports idempotently. A group never spans two passes.
 */
export const SELLERCLOUD_PAGES_PER_COMMIT = 5;

async function runPage(ctx: OperationContext, previous: GetOrdersCursor | null): Promise<PageOutcome<GetOrdersCursor>> {
  const isFirstPage = previous === null;
  const first = previous ?? (await firstCursor(ctx));
  const template = await prepareTemplate(ctx, first.templateVersionId);
  const client = await ctx.sellercloud();

  const counts: RunCounts = { fetched: 0, created: 0, updated: 0, unchanged: 0, skipped: 0, failed: 0 };
  const events: RunEventInput[] = [];
  const planned: PageStep["planned"] = [];
  const batchIds = new Set<number>();
  const runEvents: RunEventInput[] = [];
  let cursor = first;
  let step: PageStep | undefined;
  for (let i = 0; i < SELLERCLOUD_PAGES_PER_COMMIT; i++) {
    step = await processPage(ctx, cursor, template, client, batchIds);
    for (const key of Object.keys(counts) as Array<keyof RunCounts>) counts[key] += step.counts[key];
    for (const event of step.events) (event.entity === "run" ? runEvents : events).push(event);
    planned.push(...step.planned);
    cursor = step.next;
    if (step.done || step.passEnds || ctx.signal.aborted) break;
  }
  const last = step!;
  const { writes, updatedIds } = await classify(ctx, planned, counts, events);
  events.push(...runEvents);

  const outcome: PageOutcome<GetOrdersCursor> = {
    counts,
    events,
    nextCursor: last.next,
    done: last.done,
    total: last.total,
    progressLabel: `${first.pass > 1 ? "Re-check: " : ""}page ${Math.min(last.next.page, Math.max(1, Math.ceil(last.total / last.pageSize)))} of ${Math.max(1, Math.ceil(last.total / last.pageSize))}`,
  };
  if (ctx.dryRun) {
    // A dry run writes no orders, but its run row still says which template version it used.
    if (isFirstPage && template.versionId) {
      const versionId = template.versionId;
      outcome.commit = async (tx: Db) => {
        await tx.update(runs).set({ templateVersionId: versionId }).where(eq(runs.id, ctx.runId));
      };
    }
    return outcome;
  }

  outcome.commit = async (tx: Db) => {
    // The group commits asynchronously (no wait for the WAL flush). Safe here because its rows,
    // the run's cursor and its counts share this transaction: a crash can only roll the last
    // groups back *together with* their cursor, and the resumed run re-imports them idempotently.
    await tx.execute(sql`set local synchronous_commit = off`);
    if (isFirstPage) await tx.update(runs).set({ templateVersionId: template.versionId }).where(eq(runs.id, ctx.runId));
    await writeOrders(tx, ctx, writes, updatedIds, template);
  };
  return outcome;
}

/**
 * Upserts the page's orders and replaces the items of the ones that changed: three statements,
 * each taking the page as one jsonb parameter (jsonb_to_recordset), so the cost does not grow with
 * a bind parameter per value and the catalog variant match happens in the same insert.
 */
export async function writeOrders(
  tx: Db,
  ctx: OperationContext,
  writes: PlannedOrder[],
  updatedIds: Set<number>,
  template: PreparedTemplate,
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
async function copyNewOrders(tx: Db, ctx: OperationContext, creates: PlannedOrder[], template: PreparedTemplate) {
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
    ...targetColumns.map((c) => ({ name: c, type: sqlType(ORDER_COLUMNS, c) })),
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
  const variants = await matchVariants(tx, ctx, items);
  const itemColumnNames = compiled.writtenItemTargets.map((t) => t.column);
  const itemColumns: BulkColumn[] = [
    { name: "workspace_id", type: "uuid" },
    { name: "order_id", type: "uuid" },
    { name: "line_number", type: "integer" },
    { name: "sellercloud_item_id", type: "bigint" },
    ...itemColumnNames.map((c) => ({ name: c, type: sqlType(ITEM_COLUMNS, c) })),
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
 * Catalog variants for the lines, in one query: the channel's Link Listings link wins (exact
 * SellerCloud SKU); else a variant whose sku_key (trim + upper case, as the catalog stores it)
 * matches the mapped Product ID. Both keys are unique, so each line gets at most one.
 */
async function matchVariants(tx: Db, ctx: OperationContext, items: Array<Record<string, unknown>>) {
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
  ctx: OperationContext,
  writes: PlannedOrder[],
  updatedIds: Set<number>,
  template: PreparedTemplate,
): Promise<void> {
  const { compiled, versionId } = template;
  const columns = [...compiled.writtenOrderTargets.map((t) => t.column), ...SYSTEM_ORDER_COLUMNS];
  const recordType = [
    "sellercloud_order_id bigint",
    ...columns.map((c) => `${ident(c)} ${sqlType(ORDER_COLUMNS, c)}`),
  ].join(", ");
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
    ...itemColumns.map((c) => `${ident(c)} ${sqlType(ITEM_COLUMNS, c)}`),
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

export const getOrdersOperation: OperationModule<GetOrdersCursor> = {
  operation: "get_orders",
  runPage,
};
