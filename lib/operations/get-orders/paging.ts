/**
 * Get Orders' paging: the run's cursor over SellerCloud's order list (GET /api/Orders, swagger
 * operation Orders_GetAll; sellercloud-api.md §4.1), the first cursor, the prefetch of the next
 * page, and one list page read, validated and mapped (no database access).
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
 *
 * An incremental run (./incremental.ts) reads the same window with `model.lastUpdatedFrom` added:
 * the list is still sorted by ID over a filter fixed at the start, and an order updated while we
 * page keeps matching (its LastUpdated only moves later), so the same reasoning holds; an order
 * updated after its page was read is read by the next run, whose lastUpdatedFrom reaches back
 * before this run's start.
 */
import { tenantTimeZone } from "@/lib/channels/settings";
import type { CompiledTemplate } from "@/lib/mapping/evaluate";
import type { SellerCloudClient } from "@/lib/sellercloud/client";
import type { OrdersQuery } from "@/lib/sellercloud/client-orders";
import { MAX_PAGE_SIZE, type Page } from "@/lib/sellercloud/client-pages";
import { OrderSortBy, OrderStatus } from "@/lib/sellercloud/enums";
import { DEFAULT_TENANT_TIME_ZONE, toTenantWallClock } from "@/lib/sellercloud/tenant-clock";
import type { ScOrder } from "@/lib/sellercloud/transform-orders";
import type { OperationContext, RunCounts } from "../types";
import {
  type GetOrdersEvent,
  invalidRecordEvent,
  listStillChangingEvent,
  mappingFailedEvent,
  recheckPassEvent,
  runKindEvent,
} from "./events";
import { askedFilters, filtersMissed } from "./filters";
import type { IncrementalStart } from "./incremental";
import { copyNotes, type DataNotes, noteCleaned, noteEvents, noteIgnored } from "./notes";
import { type PlannedOrder, planOrder } from "./plan-order";

/** Orders per list call: SellerCloud's maximum model.pageSize (50, sellercloud-api.md §4.1). */
export const GET_ORDERS_PAGE_SIZE = MAX_PAGE_SIZE;
/** The main pass plus at most two re-check passes. */
export const MAX_PASSES = 3;
const DAY_MS = 86_400_000;

export interface GetOrdersCursor {
  /** The created-on window, fixed at the start of the run (ISO strings). */
  window: { from: string; to: string };
  /** SellerCloud's clock zone: the window is sent as its local time (absent in older cursors: UTC). */
  timeZone?: string;
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
  /** What the run noticed so far (cleaned text, orders outside the filters), reported when it ends. */
  notes?: DataNotes;
  /** "incremental": only orders updated since `updatedSince`; absent (older cursors) = full. */
  kind?: "full" | "incremental";
  /** Incremental runs: model.lastUpdatedFrom (ISO instant, sent on SellerCloud's clock). */
  updatedSince?: string;
  /** Incremental runs: SellerCloud calls of the last full pass, to say what this run saved. */
  fullCalls?: number;
  /** Orders read (main pass) and list calls made so far in this run, for the run's closing note. */
  ordersRead?: number;
  listCalls?: number;
}

/** The channel's Get Orders settings the first cursor reads (lib/channels/settings.ts orderSettingsSchema). */
export interface GetOrdersCursorSettings {
  companyId: number;
  /** SellerCloud OrderStatus code; In Process when unset. */
  orderStatus?: number | null;
  dropshipStatus: number | null;
  /** How many days back the created-on window reaches (plus one day for SellerCloud's unknown time zone). */
  ageDays: number;
  /** The channel's SellerCloud time zone (lib/channels/settings.ts tenantTimeZone); UTC when absent. */
  timeZone?: string;
}

/**
 * The run's first cursor: the created-on window from `now` (ageDays + 1 days back to 1 day
 * ahead, since SellerCloud's time zone is undocumented; the ID dedupe absorbs the overlap), the
 * filters, and the pinned template version.
 */
export function firstCursor(
  settings: GetOrdersCursorSettings,
  now: Date,
  templateVersionId: string | null,
  incremental: IncrementalStart | null = null,
): GetOrdersCursor {
  return {
    kind: incremental ? "incremental" : "full",
    ...(incremental ? { updatedSince: incremental.updatedSince, fullCalls: incremental.fullCalls } : {}),
    ordersRead: 0,
    listCalls: 0,
    window: {
      from: new Date(now.getTime() - (settings.ageDays + 1) * DAY_MS).toISOString(),
      to: new Date(now.getTime() + DAY_MS).toISOString(),
    },
    timeZone: tenantTimeZone(settings),
    filters: {
      companyId: settings.companyId,
      orderStatus: settings.orderStatus ?? OrderStatus.InProcess,
      dropshipStatus: settings.dropshipStatus,
    },
    pass: 1,
    page: 1,
    pageSize: GET_ORDERS_PAGE_SIZE,
    lastTotal: null,
    shifted: false,
    maxIdSeen: 0,
    templateVersionId,
  };
}

/**
 * The cursor's filters as the client's GET /api/Orders query, sorted by order ID ascending. The
 * created-on window goes in SellerCloud's local time (the channel's time zone), as it reads filters.
 */
function toQuery(cursor: GetOrdersCursor): OrdersQuery {
  const zone = cursor.timeZone ?? DEFAULT_TENANT_TIME_ZONE;
  return {
    companyId: cursor.filters.companyId,
    orderStatus: cursor.filters.orderStatus,
    dropshipStatus: cursor.filters.dropshipStatus ?? undefined,
    createdFrom: toTenantWallClock(new Date(cursor.window.from), zone),
    createdTo: toTenantWallClock(new Date(cursor.window.to), zone),
    updatedFrom: cursor.updatedSince ? toTenantWallClock(new Date(cursor.updatedSince), zone) : undefined,
    sortBy: OrderSortBy.OrderID,
    ascending: true,
    pageSize: GET_ORDERS_PAGE_SIZE,
  };
}

// --- prefetch ------------------------------------------------------------------------------

/**
 * The next page is requested while this page is mapped and committed, so SellerCloud's latency
 * and our database work overlap instead of adding up. It is only a head start on the call the
 * next runPage would make anyway: keyed by run and cursor position, used only by the same
 * process for exactly that page, and refetched normally when absent or failed (another worker
 * took over, a retry, a cancel). At most one page per run is held.
 */
export interface Prefetcher {
  /** Starts fetching `next` for the run; a failure is swallowed (the page is fetched again later). */
  prefetch(ctx: OperationContext, client: SellerCloudClient, next: GetOrdersCursor): void;
  /** The prefetched page for exactly this cursor position (forgotten once taken), or null. */
  take(ctx: OperationContext, cursor: GetOrdersCursor): Promise<Page<ScOrder> | null>;
}

/** A prefetcher holding at most one page per run (and forgetting all past 100 runs). */
export function createPrefetcher(): Prefetcher {
  const prefetched = new Map<string, { key: string; page: Promise<Page<ScOrder> | null> }>();
  return {
    prefetch(ctx, client, next) {
      if (prefetched.size > 100) prefetched.clear();
      const page = client.getOrdersPage(toQuery(next), next.page, ctx.signal).catch(() => null);
      prefetched.set(ctx.runId, { key: pageKey(next), page });
    },
    async take(ctx, cursor) {
      const entry = prefetched.get(ctx.runId);
      if (!entry) return null;
      prefetched.delete(ctx.runId);
      return entry.key === pageKey(cursor) ? entry.page : null;
    },
  };
}

function pageKey(cursor: GetOrdersCursor): string {
  const { window, filters, pass, page } = cursor;
  // Field by field: a cursor read back from jsonb has its keys in another order.
  return [
    window.from,
    window.to,
    cursor.updatedSince ?? "",
    filters.companyId,
    filters.orderStatus,
    filters.dropshipStatus,
    pass,
    page,
  ].join("|");
}

// --- one list page -------------------------------------------------------------------------

/** A mapped order of a page; `revisit` = already read in this run (it counts only if it changes something). */
export interface PlannedRead {
  plan: PlannedOrder;
  revisit: boolean;
}

/** What one SellerCloud list page yielded, and where paging goes next. */
export interface PageRead {
  counts: RunCounts;
  events: GetOrdersEvent[];
  planned: PlannedRead[];
  next: GetOrdersCursor;
  /** The run's paging is over. */
  done: boolean;
  /** The next page starts a new pass (a re-check): the runner page ends here. */
  passEnds: boolean;
  /** TotalResults of this page: orders matching the filters. */
  total: number;
  /** Rows per page as served. */
  pageSize: number;
}

/**
 * One SellerCloud page (GET /api/Orders, Orders_GetAll): fetch (or take the prefetched copy),
 * count and report invalid records, dedupe by ID, set aside orders outside the filters asked for
 * (./filters.ts; noted in the cursor and reported once when the run ends), map each order with the run's `compiled` template, and work out
 * the next cursor (next page, re-check pass, or done). Starts prefetching the next page. Reads
 * and writes nothing in the database. `batchIds` holds the IDs already read by this runner page
 * and is added to. Throws what the client throws (SellerCloudError after its retries).
 */
export async function readPage(
  ctx: OperationContext,
  cursor: GetOrdersCursor,
  compiled: CompiledTemplate,
  client: SellerCloudClient,
  batchIds: Set<number>,
  prefetcher: Prefetcher,
): Promise<PageRead> {
  const page =
    (await prefetcher.take(ctx, cursor)) ?? (await client.getOrdersPage(toQuery(cursor), cursor.page, ctx.signal));
  const pageSize = Math.max(cursor.pageSize, page.received);
  const total = page.totalResults;
  const passDone = page.received === 0 || cursor.page * pageSize >= total;
  // Ask for the next page now, so its transfer overlaps this page's mapping and commit.
  if (!passDone) prefetcher.prefetch(ctx, client, { ...cursor, page: cursor.page + 1 });

  const counts: RunCounts = { fetched: 0, created: 0, updated: 0, unchanged: 0, skipped: 0, failed: 0 };
  const events: GetOrdersEvent[] = [];
  const isMainPass = cursor.pass === 1;

  // Records SellerCloud sent that fail the list-DTO schema (the client validated them).
  for (const invalid of page.invalid) {
    if (!isMainPass) continue; // already reported in the main pass
    counts.fetched++;
    counts.skipped++;
    events.push(invalidRecordEvent(invalid.id, invalid.message));
  }

  const seenOnPage = new Set<number>();
  const planned: PlannedRead[] = [];
  const notes = copyNotes(cursor.notes);
  const asked = askedFilters(cursor);
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
    // The server may have ignored a filter: an order that does not match what was asked is not
    // imported (counted as skipped, reported once per run).
    const missed = filtersMissed(order, asked);
    if (missed.length > 0) {
      if (revisit) continue;
      counts.skipped++;
      noteIgnored(notes, order.id, missed);
      continue;
    }
    const plan = planOrder(compiled, order);
    if ("issues" in plan) {
      if (revisit) continue;
      counts.skipped++;
      events.push(mappingFailedEvent(order.id, plan.field, plan.issues));
      continue;
    }
    if (!revisit && plan.cleanedFields.length > 0) noteCleaned(notes, order.id, plan.cleanedFields);
    planned.push({ plan, revisit });
  }

  // --- next cursor ---------------------------------------------------------------------------
  const shifted = cursor.shifted || (cursor.lastTotal !== null && cursor.lastTotal !== total);
  const tally = { ordersRead: (cursor.ordersRead ?? 0) + counts.fetched, listCalls: (cursor.listCalls ?? 0) + 1 };
  const current: GetOrdersCursor = { ...cursor, ...tally };
  let next: GetOrdersCursor;
  let done = false;
  if (!passDone) {
    next = { ...current, page: cursor.page + 1, pageSize, lastTotal: total, shifted, maxIdSeen: maxId, notes };
  } else if (shifted && cursor.pass < MAX_PASSES && !ctx.dryRun) {
    next = {
      ...current,
      pass: cursor.pass + 1,
      page: 1,
      pageSize,
      lastTotal: null,
      shifted: false,
      maxIdSeen: maxId,
      notes,
    };
    events.push(recheckPassEvent(cursor.lastTotal, total));
  } else {
    next = { ...current, pageSize, lastTotal: total, shifted, maxIdSeen: maxId, notes };
    done = true;
    if (shifted) events.push(listStillChangingEvent(ctx.dryRun));
    // Once per run, when it ends: the orders ignored as outside the filters, the text cleaned,
    // and which kind of run it was (full or incremental) with what it read and saved.
    events.push(...noteEvents(notes));
    events.push(runKindEvent(next));
  }

  return { counts, events, planned, next, done, passEnds: passDone, total, pageSize };
}
