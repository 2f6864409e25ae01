import { and, eq, inArray, like, or, type SQL, sql } from "drizzle-orm";
import { z } from "zod";
import { type BulkColumn, copyRows } from "@/db/bulk";
import type { Db } from "@/db/client";
import { rowsOf } from "@/db/rows";
import { linkIssues, linkStagingPages, listingLinks, listings, variants } from "@/db/schema/catalog";
import { channels } from "@/db/schema/channels";
import { runs } from "@/db/schema/runs";
import { chunkForParameters } from "@/lib/catalog/import";
import {
  type LinkPair,
  type LinkSettings,
  type ListingManagement,
  linkSettingsSchema,
  listingManagementSchema,
} from "@/lib/channels/settings";
import { AppError } from "@/lib/errors";
import type { SellerCloudProductIds } from "@/lib/linking/index";
import {
  type MatchNote,
  type MatchResult,
  matchVariants,
  pairLabel,
  type Unlink,
  type VariantIds,
  type VariantOutcome,
} from "@/lib/linking/match";
import type { SellerCloudClient } from "@/lib/sellercloud/client";
import type { OperationContext, OperationModule, PageOutcome, RunCounts, RunEventInput } from "./types";

/**
 * Link Listings: connect catalog variants to existing SellerCloud products by the channel's
 * linking priority. It never creates or changes SellerCloud products.
 *
 * The cursor walks three phases. "catalog" and "inventory" page the configured company's products
 * (inventory rows carry the EAN that catalog rows lack) into a per-run staging table, a few
 * SellerCloud pages per runner page, each committed with the cursor, so a crashed run resumes
 * from its last committed page. "match" then loads staging, variants and links, matches in memory
 * (lib/linking, linear) and writes the difference in one transaction: a run either changes the
 * links or it does not.
 */

export type LinkListingsCursor =
  | { phase: "catalog"; nextPage: number; lastPage: number | null; staged: number }
  | { phase: "inventory"; nextPage: number; lastPage: number | null; staged: number; eans: number }
  | { phase: "match"; staged: number };

export interface LinkListingsOptions {
  /** SellerCloud pages fetched (and committed together) per runner page. */
  pagesPerStep?: number;
  /** SellerCloud pages in flight at once, within the connection's rate limiter. */
  concurrency?: number;
  /**
   * Per-variant "linked" events. By default only a dry run emits them ("would link"): a real run
   * records each link in listing_links (run_id, matched_by, linked_at) and the counts by pair in its
   * summary, and keeps its events for what was skipped or failed, as every run does. "always" adds
   * them to real runs too (about 40% of a 200k-variant run's write time).
   */
  linkedEvents?: "dry_run" | "always";
}

const PAGE_SIZE = 50;

// Bulk writes (db/bulk.ts): rows keyed by column name, one json parameter per chunk.
/** A staged catalog product: [id, upc, gtin, asin, mpn, ean] (compact: staged per step as json). */
type StagedProduct = [string, string | null, string | null, string | null, string | null, string | null];
/** An EAN from an inventory row: [id, ean]. */
type StagedEan = [string, string];
const text = (name: string): BulkColumn => ({ name, type: "text" });
const uuid = (name: string): BulkColumn => ({ name, type: "uuid" });
const LINK_COLUMNS = [
  uuid("workspace_id"),
  uuid("channel_id"),
  uuid("variant_id"),
  text("sellercloud_product_id"),
  { name: "matched_by", type: "jsonb" },
  uuid("run_id"),
];
const ISSUE_COLUMNS = [
  uuid("workspace_id"),
  uuid("channel_id"),
  uuid("variant_id"),
  text("status"),
  text("message"),
  uuid("run_id"),
];
const EVENT_COLUMNS = [
  uuid("workspace_id"),
  uuid("run_id"),
  ...["level", "entity", "entity_id", "code", "message"].map(text),
  { name: "details", type: "jsonb" },
];

interface ChannelLinkConfig {
  link: LinkSettings;
  scope: ListingManagement;
}

async function loadConfig(db: Db, ctx: OperationContext): Promise<ChannelLinkConfig> {
  const [channel] = await db
    .select({ settings: channels.settings })
    .from(channels)
    .where(and(eq(channels.id, ctx.channelId), eq(channels.workspaceId, ctx.workspaceId)));
  if (!channel) throw new AppError("NOT_FOUND", "The channel of this run no longer exists.");
  const link = linkSettingsSchema.safeParse(channel.settings.link);
  if (!link.success) {
    throw new AppError("VALIDATION", "Save the channel's Link Settings (company ID and linking priority) first.");
  }
  const scope = listingManagementSchema.parse(channel.settings.listingManagement ?? {});
  return { link: link.data, scope };
}

const needsEan = (priority: readonly LinkPair[]) => priority.some((p) => p.sellercloudField === "EAN");

/** Fetches pages [from, to] with at most `concurrency` requests in flight, in page order. */
async function fetchPages<P>(
  from: number,
  to: number,
  concurrency: number,
  get: (pageNumber: number) => Promise<P>,
): Promise<P[]> {
  const results: P[] = new Array(to - from + 1);
  let next = from;
  const worker = async () => {
    while (next <= to) {
      const pageNumber = next++;
      results[pageNumber - from] = await get(pageNumber);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, to - from + 1) }, worker));
  return results;
}

function lastPageOf(totalResults: number): number {
  return Math.max(1, Math.ceil(totalResults / PAGE_SIZE));
}

async function deleteStaging(tx: Db, workspaceId: string, runId: string): Promise<void> {
  await tx
    .delete(linkStagingPages)
    .where(and(eq(linkStagingPages.workspaceId, workspaceId), eq(linkStagingPages.runId, runId)));
}

type FetchCursor = Extract<LinkListingsCursor, { phase: "catalog" | "inventory" }>;

/**
 * What linking reads from a catalog or inventory row: the identifiers only. The client's full
 * product DTO validates and copies ~25 fields per row; at 200k products, twice (catalog and
 * inventory), that was the largest CPU cost of a run, for fields linking never reads. The row
 * check below is written out by hand (ID: non-blank string or number; CompanyID: number or
 * absent; identifiers: string, number or absent): a schema library's per-row parse was still a
 * visible share of paging at 400k rows.
 */
const envelopeSchema = z.object({ Items: z.array(z.unknown()), TotalResults: z.number() });

interface IdentifiersRow {
  id: string;
  companyId: number | null;
  upc: string | null;
  ean: string | null;
  gtin: string | null;
  asin: string | null;
  mpn: string | null;
}

interface IdentifiersPage {
  items: IdentifiersRow[];
  invalid: Array<{ index: number; id: string | null }>;
  pageNumber: number;
  received: number;
  totalResults: number;
}

const isScValue = (value: unknown): value is string | number | null | undefined =>
  value == null || typeof value === "string" || typeof value === "number";

/** A row's identifiers, or null when the row is not a readable catalog/inventory row. */
function readIdentifiersRow(raw: unknown): IdentifiersRow | null {
  if (typeof raw !== "object" || raw === null || Array.isArray(raw)) return null;
  const r = raw as Record<string, unknown>;
  const id = r.ID;
  if (typeof id === "string") {
    if (id.trim() === "") return null;
  } else if (typeof id !== "number") return null;
  const companyId = r.CompanyID;
  if (companyId != null && typeof companyId !== "number") return null;
  const { UPC, EAN, GTIN, ASIN, ManufacturerSKU } = r;
  if (!isScValue(UPC) || !isScValue(EAN) || !isScValue(GTIN) || !isScValue(ASIN) || !isScValue(ManufacturerSKU)) {
    return null;
  }
  return {
    id: typeof id === "string" ? id.trim() : String(id),
    companyId: companyId ?? null,
    upc: scIdentifier(UPC),
    ean: scIdentifier(EAN),
    gtin: scIdentifier(GTIN),
    asin: scIdentifier(ASIN),
    mpn: scIdentifier(ManufacturerSKU),
  };
}

/** SellerCloud sends "" for a missing identifier; numbers appear where strings are expected. */
function scIdentifier(value: string | number | null | undefined): string | null {
  if (value == null) return null;
  const text = String(value).trim();
  return text === "" ? null : text;
}

async function fetchIdentifiersPage(
  client: SellerCloudClient,
  path: "/api/Catalog" | "/api/Inventory",
  companyId: number,
  pageNumber: number,
  signal: AbortSignal,
): Promise<IdentifiersPage> {
  const data = await client.http.json("GET", path, {
    query: { "model.companyID": [companyId], "model.pageNumber": pageNumber, "model.pageSize": PAGE_SIZE },
    signal,
  });
  const envelope = envelopeSchema.safeParse(data);
  if (!envelope.success) {
    throw new AppError("UPSTREAM", `SellerCloud answered ${path} with something other than a list of rows.`);
  }
  const items: IdentifiersRow[] = [];
  const invalid: IdentifiersPage["invalid"] = [];
  const rows = envelope.data.Items;
  for (let index = 0; index < rows.length; index++) {
    const item = readIdentifiersRow(rows[index]);
    if (item) {
      items.push(item);
      continue;
    }
    const id = (rows[index] as { ID?: unknown } | null)?.ID;
    invalid.push({ index, id: typeof id === "string" || typeof id === "number" ? String(id) : null });
  }
  return { items, invalid, pageNumber, received: envelope.data.Items.length, totalResults: envelope.data.TotalResults };
}

/** The SellerCloud pages a fetch step covers: one until the total is known, then pagesPerStep. */
function rangeOf(cursor: FetchCursor, pagesPerStep: number): { from: number; to: number } {
  const from = cursor.nextPage;
  return { from, to: cursor.lastPage === null ? from : Math.min(cursor.lastPage, from + pagesPerStep - 1) };
}

export function createLinkListingsModule(options: LinkListingsOptions = {}): OperationModule<LinkListingsCursor> {
  // 250 pages (12,500 products) per committed step: a 200k catalog is ~16 steps per phase, so the
  // runner's per-step transaction (fence, cursor, progress) stays small next to the paging, and a
  // crash loses at most one step.
  const pagesPerStep = options.pagesPerStep ?? 250;
  const concurrency = options.concurrency ?? 4;

  // The next step's pages, requested while the runner commits this one, so SellerCloud latency and
  // database writes overlap. Used only by the same run at exactly that cursor; anything else (a
  // retry, another worker, a resumed run) simply fetches again.
  let prefetched: { key: string; pages: Promise<IdentifiersPage[]> } | undefined;

  // What this process staged for each run, by fetch step, so the match step can skip re-reading the
  // staging table. Used only when it covers every page the cursor says was staged; a run resumed
  // elsewhere (or after a restart) reads staging. Staging stays the source of truth.
  const memory = new Map<string, RunMemory>();
  const memoryOf = (runId: string): RunMemory => {
    let entry = memory.get(runId);
    if (!entry) {
      // Runs that never reached their match step here (lost, failed) are dropped oldest first.
      if (memory.size >= 4) memory.delete(memory.keys().next().value!);
      entry = { steps: new Map(), lastPage: {}, inputs: undefined };
      memory.set(runId, entry);
    }
    return entry;
  };

  async function fetchRange(
    ctx: OperationContext,
    companyId: number,
    phase: FetchCursor["phase"],
    from: number,
    to: number,
  ): Promise<IdentifiersPage[]> {
    const client = await ctx.sellercloud();
    const path = phase === "catalog" ? "/api/Catalog" : "/api/Inventory";
    return fetchPages(from, to, concurrency, (pageNumber) =>
      fetchIdentifiersPage(client, path, companyId, pageNumber, ctx.signal),
    );
  }

  async function fetchStep(
    ctx: OperationContext,
    config: ChannelLinkConfig,
    cursor: Extract<LinkListingsCursor, { phase: "catalog" | "inventory" }>,
  ): Promise<PageOutcome<LinkListingsCursor>> {
    const companyId = config.link.companyId;
    const isCatalog = cursor.phase === "catalog";
    const { from, to } = rangeOf(cursor, pagesPerStep);
    const key = `${ctx.runId}:${cursor.phase}:${from}:${to}`;
    const pending = prefetched?.key === key ? prefetched.pages : undefined;
    prefetched = undefined;
    const pages = await (pending ?? fetchRange(ctx, companyId, cursor.phase, from, to));
    const events: RunEventInput[] = [];
    const products: StagedProduct[] = [];
    const eans: StagedEan[] = [];
    const { workspaceId, runId } = ctx;
    let lastPage = cursor.lastPage;
    let exhausted = false;
    let otherCompany = 0;
    for (const page of pages) {
      lastPage = lastPageOf(page.totalResults);
      if (page.received === 0) exhausted = true;
      for (const bad of page.invalid) {
        events.push({
          level: "warn",
          entity: "product",
          code: "invalid_record",
          message: `A SellerCloud ${isCatalog ? "catalog" : "inventory"} row on page ${page.pageNumber} could not be read and was skipped.`,
          details: { ...bad },
        });
      }
      for (const item of page.items) {
        // Only the configured company's products are eligible, whatever the server sent.
        if (item.companyId !== null && item.companyId !== companyId) {
          otherCompany++;
          continue;
        }
        // Newer tenants may send EAN on catalog rows too; inventory rows fill in the rest.
        if (isCatalog) {
          products.push([item.id, item.upc, item.gtin, item.asin, item.mpn, item.ean]);
        } else if (item.ean) {
          eans.push([item.id, item.ean]);
        }
      }
    }
    if (otherCompany > 0) {
      events.push({
        level: "warn",
        entity: "page",
        code: "other_company",
        message: `SellerCloud returned ${otherCompany} row(s) of another company; they were ignored.`,
      });
    }
    const nextPage = to + 1;
    const phaseDone = exhausted || nextPage > (lastPage ?? 0);
    const staged = cursor.staged + (isCatalog ? products.length : 0);

    let nextCursor: LinkListingsCursor;
    if (isCatalog) {
      nextCursor = phaseDone
        ? needsEan(config.link.priority)
          ? { phase: "inventory", nextPage: 1, lastPage: null, staged, eans: 0 }
          : { phase: "match", staged }
        : { phase: "catalog", nextPage, lastPage, staged };
    } else {
      const eanCount = (cursor as { eans: number }).eans + eans.length;
      nextCursor = phaseDone
        ? { phase: "match", staged }
        : { phase: "inventory", nextPage, lastPage, staged, eans: eanCount };
    }
    const runMemory = memoryOf(ctx.runId);
    runMemory.steps.set(`${cursor.phase}:${from}`, { to, products, eans });
    if (phaseDone) runMemory.lastPage[cursor.phase] = to;
    if (nextCursor.phase === "match") {
      // Read the variants and links while the runner commits this last page.
      const inputs = loadMatchInputs(ctx.db, ctx.workspaceId, ctx.channelId, config.scope);
      inputs.catch(() => undefined);
      runMemory.inputs = { scope: JSON.stringify(config.scope), promise: inputs };
    } else {
      const next = rangeOf(nextCursor, pagesPerStep);
      const pages = fetchRange(ctx, companyId, nextCursor.phase, next.from, next.to);
      // A failed prefetch is not an error: the next step fetches those pages again.
      pages.catch(() => undefined);
      prefetched = { key: `${ctx.runId}:${nextCursor.phase}:${next.from}:${next.to}`, pages };
    }
    return {
      async commit(tx) {
        if (cursor.phase === "catalog" && cursor.nextPage === 1) {
          // A fresh run starts from an empty staging area, and clears what finished runs left behind.
          await tx.execute(sql`
            delete from ${linkStagingPages} where ${linkStagingPages.workspaceId} = ${workspaceId}
              and ${linkStagingPages.runId} not in (select ${runs.id} from ${runs} where ${runs.workspaceId} = ${workspaceId}
              and ${runs.status} in ('queued', 'running'))`);
          await deleteStaging(tx, workspaceId, runId);
        }
        const rows = isCatalog ? products : eans;
        await tx
          .insert(linkStagingPages)
          .values({ workspaceId, runId, phase: cursor.phase, fromPage: from, toPage: to, rows })
          .onConflictDoUpdate({
            target: [
              linkStagingPages.workspaceId,
              linkStagingPages.runId,
              linkStagingPages.phase,
              linkStagingPages.fromPage,
            ],
            // excluded.rows: the step's json is sent (and parsed) once, not twice.
            set: { toPage: sql`excluded.to_page`, rows: sql`excluded.rows` },
          });
      },
      counts: { fetched: isCatalog ? products.length : 0 },
      events,
      nextCursor,
      done: false,
      total: lastPage ?? undefined,
      progressLabel: isCatalog
        ? `Reading SellerCloud catalog: page ${Math.min(to, lastPage ?? to)} of ${lastPage ?? "?"}`
        : `Reading SellerCloud inventory (EAN): page ${Math.min(to, lastPage ?? to)} of ${lastPage ?? "?"}`,
    };
  }

  return {
    operation: "link_listings",
    async runPage(ctx, cursor) {
      const config = await loadConfig(ctx.db, ctx);
      const current: LinkListingsCursor = cursor ?? { phase: "catalog", nextPage: 1, lastPage: null, staged: 0 };
      if (current.phase === "match") {
        const runMemory = memory.get(ctx.runId);
        memory.delete(ctx.runId);
        const staged = runMemory && productsFromMemory(runMemory, current.staged);
        // The compact copies are no longer needed once rebuilt: free them before matching.
        runMemory?.steps.clear();
        const inputs = runMemory?.inputs?.scope === JSON.stringify(config.scope) ? runMemory.inputs.promise : undefined;
        return matchStep(ctx, config, options.linkedEvents ?? "dry_run", current.staged, {
          products: staged ?? undefined,
          inputs,
        });
      }
      return fetchStep(ctx, config, current);
    },
  };
}

export const linkListingsModule = createLinkListingsModule();

interface RunMemory {
  steps: Map<string, { to: number; products: StagedProduct[]; eans: StagedEan[] }>;
  lastPage: Partial<Record<FetchCursor["phase"], number>>;
  inputs: { scope: string; promise: Promise<MatchInputs> } | undefined;
}

interface MatchInputs {
  variants: VariantIds[];
  links: Array<{ variantId: string; productId: string; matchedBy: LinkPair }>;
}

/**
 * The staged products rebuilt from memory, with the staging table's semantics (first copy of a
 * product and first EAN win, catalog before inventory), or null unless memory holds every step of
 * both phases from page 1 and exactly the number of products the cursor counted. Consumes the
 * steps' rows when it succeeds.
 */
function productsFromMemory(runMemory: RunMemory, staged: number): SellerCloudProductIds[] | null {
  const collect = (phase: FetchCursor["phase"]) => {
    const last = runMemory.lastPage[phase];
    if (last === undefined) return null;
    const steps = [];
    for (let from = 1; from <= last; ) {
      const step = runMemory.steps.get(`${phase}:${from}`);
      if (!step) return null;
      steps.push(step);
      from = step.to + 1;
    }
    return steps;
  };
  const catalog = collect("catalog");
  if (!catalog) return null;
  const inventory = runMemory.lastPage.inventory === undefined ? [] : collect("inventory");
  if (!inventory) return null;
  if (catalog.reduce((n, step) => n + step.products.length, 0) !== staged) return null;
  // First copy of a product and first EAN win (a product seen twice while the catalog shifted).
  const eanById = new Map<string, string>();
  for (const step of catalog) for (const p of step.products) if (p[5] && !eanById.has(p[0])) eanById.set(p[0], p[5]);
  // Each step's compact rows are released once read (memory is used once, by the match step), so
  // the staged copy and the rebuilt products are not both held whole at the peak.
  for (const step of inventory) {
    for (const [id, ean] of step.eans) if (!eanById.has(id)) eanById.set(id, ean);
    step.eans = [];
  }
  const products: SellerCloudProductIds[] = [];
  for (const step of catalog) {
    for (const [id, upc, gtin, asin, mpn] of step.products) {
      products.push({ id, upc, gtin, asin, mpn, ean: eanById.get(id) ?? null });
    }
    step.products = [];
  }
  return products;
}

/** The run's staged steps read back from the staging table (a resumed run, another worker). */
async function loadStagedMemory(db: Db, workspaceId: string, runId: string): Promise<RunMemory> {
  const rows = await db
    .select()
    .from(linkStagingPages)
    .where(and(eq(linkStagingPages.workspaceId, workspaceId), eq(linkStagingPages.runId, runId)));
  const runMemory: RunMemory = { steps: new Map(), lastPage: {}, inputs: undefined };
  for (const row of rows) {
    runMemory.steps.set(`${row.phase}:${row.fromPage}`, {
      to: row.toPage,
      products: row.phase === "catalog" ? (row.rows as StagedProduct[]) : [],
      eans: row.phase === "inventory" ? (row.rows as StagedEan[]) : [],
    });
    runMemory.lastPage[row.phase] = Math.max(runMemory.lastPage[row.phase] ?? 0, row.toPage);
  }
  return runMemory;
}

async function loadStagedProducts(db: Db, workspaceId: string, runId: string, staged: number) {
  const products = productsFromMemory(await loadStagedMemory(db, workspaceId, runId), staged);
  // The cursor says every page was staged; a gap means staging was tampered with or lost.
  if (!products)
    throw new AppError("CONFLICT", "This run's staged SellerCloud catalog is incomplete; start a new run.");
  return products;
}

async function loadMatchInputs(
  db: Db,
  workspaceId: string,
  channelId: string,
  scope: ListingManagement,
): Promise<MatchInputs> {
  const [scoped, links] = await Promise.all([
    loadScopedVariants(db, workspaceId, scope),
    db
      .select({
        variantId: listingLinks.variantId,
        productId: listingLinks.sellercloudProductId,
        matchedBy: listingLinks.matchedBy,
      })
      .from(listingLinks)
      .where(and(eq(listingLinks.workspaceId, workspaceId), eq(listingLinks.channelId, channelId))),
  ]);
  return { variants: scoped, links };
}

/** The variants the channel manages (listing management scope), with their identifiers. */
async function loadScopedVariants(db: Db, workspaceId: string, scope: ListingManagement): Promise<VariantIds[]> {
  const filters: SQL[] = [eq(variants.workspaceId, workspaceId)];
  const values = scope.values.map((v) => v.trim().toLowerCase()).filter((v) => v !== "");
  if (scope.scope !== "all") {
    // A scope with no values manages nothing: safer than silently managing everything.
    if (values.length === 0) return [];
    if (scope.scope === "brand") filters.push(inArray(sql`lower(${listings.brand})`, values));
    if (scope.scope === "tag") {
      const list = sql.join(
        values.map((v) => sql`${v}`),
        sql`, `,
      );
      filters.push(sql`exists (select 1 from unnest(${listings.tags}) as t(tag) where lower(t.tag) in (${list}))`);
    }
    if (scope.scope === "sku_prefix") {
      filters.push(or(...values.map((v) => like(variants.skuKey, `${v.toUpperCase().replace(/[\\%_]/g, "\\$&")}%`)))!);
    }
  }
  // Raw rows (one object per variant, as the driver returns them) rather than the query builder's
  // mapped copy: at 200k variants the second copy was a visible share of the match step's memory.
  const join =
    scope.scope === "all" || scope.scope === "sku_prefix"
      ? sql``
      : sql` inner join ${listings} on ${listings.id} = ${variants.listingId}`;
  const result = await db.execute(sql`
    select ${variants.id} as id, ${variants.sku} as sku, ${variants.upc} as upc, ${variants.ean} as ean,
      ${variants.gtin} as gtin, ${variants.asin} as asin, ${variants.mpn} as mpn
    from ${variants}${join} where ${and(...filters)}`);
  return rowsOf<VariantIds>(result);
}

const FIELD_LABEL: Record<string, string> = {
  sku: "SKU",
  upc: "UPC",
  ean: "EAN",
  gtin: "GTIN",
  asin: "ASIN",
  mpn: "MPN",
};

function noteText(note: MatchNote): string {
  return note.kind === "ambiguous"
    ? `${FIELD_LABEL[note.pair.listingField]} ${note.value} matched ${note.candidateCount} SellerCloud products (${pairLabel(note.pair)})`
    : `${FIELD_LABEL[note.field]} ${note.value} ${note.reason}`;
}

function notesSuffix(notes: MatchNote[]): string {
  return notes.length ? ` Before that: ${notes.map(noteText).join("; ")}.` : "";
}

/** The event for one variant's outcome, or null when nothing happened (an unchanged link). */
export function outcomeEvent(
  variant: VariantIds,
  outcome: VariantOutcome,
  context: { priority: readonly LinkPair[]; companyId: number; dryRun: boolean; autoLinkNew: boolean },
): RunEventInput | null {
  const would = context.dryRun ? "Would link" : "Linked";
  const base = { entity: "variant", entityId: variant.sku } as const;
  switch (outcome.status) {
    case "already_linked":
      return null;
    case "linked":
      if (!context.autoLinkNew) {
        return {
          ...base,
          level: "info",
          code: "not_auto_linked",
          message: `Matches SellerCloud product ${outcome.productId} by ${pairLabel(outcome.pair)}, but automatic linking of new listings is off for this channel.`,
          details: { productId: outcome.productId, pair: outcome.pair },
        };
      }
      return {
        ...base,
        level: "info",
        code: "linked",
        message: `${would} to SellerCloud product ${outcome.productId} by ${pairLabel(outcome.pair)}.${notesSuffix(outcome.notes)}`,
        details: {
          productId: outcome.productId,
          pair: outcome.pair,
          notes: outcome.notes.length ? outcome.notes : undefined,
        },
      };
    case "conflict":
      return {
        ...base,
        level: "warn",
        code: "conflict",
        message: `SellerCloud product ${outcome.productId} (found by ${pairLabel(outcome.pair)}) goes to variant ${outcome.winner.sku}, found by ${pairLabel(outcome.winner.pair)}; a product links to one variant only.`,
        details: { productId: outcome.productId, pair: outcome.pair, winner: outcome.winner },
      };
    case "ambiguous":
      return {
        ...base,
        level: "warn",
        code: "ambiguous",
        message: `${FIELD_LABEL[outcome.pair.listingField]} ${outcome.value} matches ${outcome.candidateCount} SellerCloud products (${outcome.candidates.join(", ")}${outcome.candidateCount > outcome.candidates.length ? ", …" : ""}) and no later rule found exactly one.`,
        details: {
          pair: outcome.pair,
          value: outcome.value,
          candidates: outcome.candidates,
          candidateCount: outcome.candidateCount,
          identifiers: identifiersOf(variant),
        },
      };
    case "invalid_code":
      return {
        ...base,
        level: "warn",
        code: "invalid_code",
        message: `${FIELD_LABEL[outcome.field]} ${outcome.value} ${outcome.reason}, so it was not used; no other rule found a product.`,
        details: {
          field: outcome.field,
          value: outcome.value,
          reason: outcome.reason,
          identifiers: identifiersOf(variant),
        },
      };
    case "unmatched": {
      const tried = context.priority.filter((p) => (variant[p.listingField] ?? "").trim() !== "");
      const message =
        tried.length === 0
          ? `Has none of the fields the linking rules use (${[...new Set(context.priority.map((p) => FIELD_LABEL[p.listingField]))].join(", ")}).`
          : `No SellerCloud product of company ${context.companyId} matches (tried ${tried.map(pairLabel).join(", ")}).`;
      return { ...base, level: "warn", code: "unmatched", message, details: { identifiers: identifiersOf(variant) } };
    }
  }
}

function identifiersOf(variant: VariantIds): Record<string, string> {
  const out: Record<string, string> = {};
  for (const field of ["upc", "ean", "gtin", "asin", "mpn"] as const) {
    const value = variant[field];
    if (value) out[field] = value;
  }
  return out;
}

const UNLINK_TEXT: Record<Unlink["reason"], string> = {
  product_missing: "is no longer in the SellerCloud catalog of this company",
  no_longer_matches: "no longer matches this variant by the linking rules",
  relinked: "is replaced by a better match",
  out_of_scope: "belongs to a variant this channel no longer manages (listing scope) or that was deleted",
};

export interface LinkRunSummary {
  products: number;
  variants: number;
  linked: number;
  linkedByPair: Record<string, number>;
  alreadyLinked: number;
  unlinked: number;
  unmatched: number;
  ambiguous: number;
  conflicts: number;
  invalidCodes: number;
  invalidProductCodes: number;
  notAutoLinked: number;
  dryRun: boolean;
}

/** Inserts run events in bulk (a 200k-variant run has that many events). */
async function insertEvents(tx: Db, workspaceId: string, runId: string, events: RunEventInput[]): Promise<void> {
  const rows = events.map((e) => ({
    workspace_id: workspaceId,
    run_id: runId,
    level: e.level,
    entity: e.entity,
    entity_id: e.entityId ?? null,
    code: e.code,
    message: e.message,
    details: e.details ?? null,
  }));
  await copyRows(tx, "run_events", EVENT_COLUMNS, rows);
}

async function matchStep(
  ctx: OperationContext,
  config: ChannelLinkConfig,
  linkedEvents: "dry_run" | "always",
  staged: number,
  ready: { products?: SellerCloudProductIds[]; inputs?: Promise<MatchInputs> } = {},
): Promise<PageOutcome<LinkListingsCursor>> {
  const { db, workspaceId, channelId, runId, dryRun } = ctx;
  const { priority, companyId } = config.link;
  const autoLinkNew = config.scope.autoLinkNew;
  const [products, inputs] = await Promise.all([
    ready.products ?? loadStagedProducts(db, workspaceId, runId, staged),
    ready.inputs ?? loadMatchInputs(db, workspaceId, channelId, config.scope),
  ]);
  const scoped = inputs.variants;
  const existingLinks = inputs.links;
  const result: MatchResult = matchVariants({ variants: scoped, products, priority, existingLinks });
  const { outcomes, unlinks, counts } = result;

  const events: RunEventInput[] = [];
  const newLinks: Record<string, unknown>[] = [];
  const issues: Record<string, unknown>[] = [];
  let notAutoLinked = 0;

  // Unlink events first, so a relinked variant reads "unlinked from A" then "linked to B".
  for (const unlink of unlinks) {
    events.push({
      level: "warn",
      entity: "variant",
      entityId: unlink.sku ?? unlink.variantId,
      code: "unlinked",
      message: `${dryRun ? "Would unlink" : "Unlinked"} from SellerCloud product ${unlink.productId}: it ${UNLINK_TEXT[unlink.reason]}.`,
      details: { productId: unlink.productId, reason: unlink.reason, variantId: unlink.variantId },
    });
  }
  for (let i = 0; i < scoped.length; i++) {
    const variant = scoped[i]!;
    const outcome = outcomes[i]!;
    const event =
      outcome.status === "linked" && autoLinkNew && !dryRun && linkedEvents === "dry_run"
        ? null
        : outcomeEvent(variant, outcome, { priority, companyId, dryRun, autoLinkNew });
    if (event) events.push(event);
    if (outcome.status === "linked") {
      if (autoLinkNew) {
        newLinks.push({
          workspace_id: workspaceId,
          channel_id: channelId,
          variant_id: variant.id,
          sellercloud_product_id: outcome.productId,
          matched_by: outcome.pair,
          run_id: runId,
        });
      } else notAutoLinked++;
    } else if (outcome.status !== "already_linked" && event) {
      issues.push({
        workspace_id: workspaceId,
        channel_id: channelId,
        variant_id: variant.id,
        status: outcome.status,
        message: event.message,
        run_id: runId,
      });
    }
  }
  for (const note of result.index.invalidCodes) {
    events.push({
      level: "warn",
      entity: "product",
      entityId: note.productId,
      code: "invalid_code",
      message: `SellerCloud product ${note.productId}: ${note.field} ${note.value} ${note.reason}, so it cannot be matched by ${note.field}.`,
      details: { ...note },
    });
  }

  const linked = autoLinkNew ? counts.linked : 0;
  const summary: LinkRunSummary = {
    products: counts.products,
    variants: counts.variants,
    linked,
    linkedByPair: autoLinkNew ? counts.linkedByPair : {},
    alreadyLinked: counts.alreadyLinked,
    unlinked: counts.unlinked,
    unmatched: counts.unmatched,
    ambiguous: counts.ambiguous,
    conflicts: counts.conflict,
    invalidCodes: counts.invalidCode,
    invalidProductCodes: counts.invalidProductCodes,
    notAutoLinked,
    dryRun,
  };
  const byPair = Object.entries(summary.linkedByPair)
    .map(([pair, n]) => `${n} by ${pair}`)
    .join(", ");
  const summaryEvent: RunEventInput = {
    level: "info",
    entity: "run",
    code: "summary",
    message:
      `${dryRun ? "Dry run: would link" : "Linked"} ${linked} variant(s)${byPair ? ` (${byPair})` : ""}; ` +
      `${summary.alreadyLinked} already linked, ${summary.unlinked} ${dryRun ? "would be " : ""}unlinked, ` +
      `${summary.unmatched} unmatched, ${summary.ambiguous} ambiguous, ${summary.conflicts} conflict(s), ` +
      `${summary.invalidCodes} invalid code(s); ${summary.products} SellerCloud product(s) of company ${companyId}.`,
    details: { ...summary },
  };

  const runCounts: Partial<RunCounts> = {
    created: linked,
    updated: 0,
    unchanged: counts.alreadyLinked,
    skipped: counts.unmatched + counts.ambiguous + counts.conflict + counts.invalidCode + notAutoLinked,
  };
  return {
    async commit(tx) {
      if (!dryRun) {
        // Removals before inserts: a product moving between variants must be free first.
        const unlinkIds = unlinks.map((u) => u.variantId);
        for (const chunk of chunkForParameters(unlinkIds, 2)) {
          await tx
            .delete(listingLinks)
            .where(
              and(
                eq(listingLinks.workspaceId, workspaceId),
                eq(listingLinks.channelId, channelId),
                inArray(listingLinks.variantId, chunk),
              ),
            );
        }
        await copyRows(tx, "listing_links", LINK_COLUMNS, newLinks);
        await tx
          .delete(linkIssues)
          .where(and(eq(linkIssues.workspaceId, workspaceId), eq(linkIssues.channelId, channelId)));
        await copyRows(tx, "link_issues", ISSUE_COLUMNS, issues);
      }
      await insertEvents(tx, workspaceId, runId, events);
      await deleteStaging(tx, workspaceId, runId);
    },
    counts: runCounts,
    events: [summaryEvent],
    nextCursor: { phase: "match", staged: counts.products },
    done: true,
    progressLabel: summaryEvent.message,
  };
}
