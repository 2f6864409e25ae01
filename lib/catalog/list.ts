/**
 * The catalog page's reads: one page of variants with their link status on a channel, the brand
 * list and the link-status counts. Built for large catalogs (120k variants and more) on the
 * embedded database as well as Postgres: the search reads trigram indexes, the page is found by
 * walking the SKU index, and the total is counted only up to COUNT_CAP.
 */
import { and, asc, count, eq, gt, ilike, inArray, isNotNull, isNull, lte, or, type SQL, sql } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "@/db/client";
import { linkIssues, listingLinks, listings, variants } from "@/db/schema/catalog";
import type { LinkPair } from "@/lib/channels/settings";
import { searchText } from "@/lib/validation";

/** The catalog page's query: one zod schema shared by the route/action and this function. */
export const listCatalogQuerySchema = z.object({
  /** Link status is shown for this channel; without it every variant reads "unlinked". */
  channelId: z.string().uuid().optional(),
  // Control characters are dropped (Postgres cannot search for a NUL); empty means no search.
  search: searchText(200).optional(),
  status: z.enum(["all", "linked", "unlinked", "conflict", "ambiguous", "unmatched", "invalid_code"]).default("all"),
  brand: searchText(200).optional(),
  /** Only the variants a given Link Listings run linked (its links carry the run id). */
  linkedInRun: z.string().uuid().optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});
export type ListCatalogQuery = z.input<typeof listCatalogQuerySchema>;

export type LinkStatus = "linked" | "unlinked" | "conflict" | "ambiguous" | "unmatched" | "invalid_code";

export interface CatalogRow {
  variantId: string;
  listingId: string;
  listingKey: string;
  sku: string;
  title: string;
  brand: string | null;
  tags: string[];
  upc: string | null;
  ean: string | null;
  gtin: string | null;
  asin: string | null;
  mpn: string | null;
  /** Money in integer cents. */
  costCents: number | null;
  priceCents: number | null;
  msrpCents: number | null;
  mapCents: number | null;
  quantity: number | null;
  updatedAt: Date;
  link: {
    status: LinkStatus;
    /** The SellerCloud product (SKU) the variant is linked to. */
    sellercloudProductId: string | null;
    matchedBy: LinkPair | null;
    linkedAt: Date | null;
    /** Why the variant is not linked, from the channel's last Link Listings run. */
    message: string | null;
  };
}

export interface CatalogPage {
  rows: CatalogRow[];
  /** Matching variants, counted up to COUNT_CAP: when `totalCapped`, there are more than this. */
  total: number;
  totalCapped: boolean;
  /** Whether a page follows this one. */
  hasMore: boolean;
  page: number;
  pageSize: number;
  /** Pages known to exist (with `totalCapped`, at least this many). */
  pageCount: number;
}

/** Matching rows are counted up to this many; past it the page says "1,000+" (counting 120k rows cost seconds). */
export const COUNT_CAP = 1_000;

/**
 * The searched text of a variant and of a listing, exactly as the trigram indexes in
 * db/schema/catalog.ts index it (chr(31), the unit separator, keeps one field's end from joining
 * the next field's start; searches never contain it).
 */
const VARIANT_SEARCH_TEXT = sql`(${variants.sku} || chr(31) || coalesce(${variants.upc}, '') || chr(31) || coalesce(${variants.ean}, '') || chr(31) || coalesce(${variants.gtin}, '') || chr(31) || coalesce(${variants.asin}, '') || chr(31) || coalesce(${variants.mpn}, ''))`;
const LISTING_SEARCH_TEXT = sql`(${listings.title} || chr(31) || coalesce(${listings.brand}, ''))`;
/** Trigram indexes need three characters; shorter searches are matched row by row (few rows to scan before a page fills). */
const TRIGRAM = 3;

// A uuid no channel has: joins on "no channel" then match nothing, and the query keeps one shape.
const NO_CHANNEL = "00000000-0000-0000-0000-000000000000";

function joinsFor(workspaceId: string, channelId: string) {
  return {
    linkJoin: and(
      eq(listingLinks.workspaceId, workspaceId),
      eq(listingLinks.channelId, channelId),
      eq(listingLinks.variantId, variants.id),
    )!,
    issueJoin: and(
      eq(linkIssues.workspaceId, workspaceId),
      eq(linkIssues.channelId, channelId),
      eq(linkIssues.variantId, variants.id),
    )!,
  };
}

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** A search matching more rows than this is "broad": matched row by row while walking the SKU order. */
export const SEARCH_PROBE = 1_000;

/**
 * The search as a filter on the page query. Three trigram-index lookups (variants' SKU and
 * identifiers, listings' title and brand, the channel's linked SellerCloud SKUs), each stopped at
 * SEARCH_PROBE + 1 rows:
 *  - all under the probe ("narrow", most searches): the filter is those ids, so the page and its
 *    count read a few rows by primary key;
 *  - any over it ("broad", like one common word): the rows are matched one by one while walking
 *    the SKU order, which finds a page of matches after a few hundred rows; the total is then only
 *    known to exceed SEARCH_PROBE.
 */
async function searchFilter(
  db: Db,
  workspaceId: string,
  channelId: string,
  search: string,
): Promise<{ filter: SQL; broad: boolean }> {
  const like = `%${escapeLike(search)}%`;
  const variantMatch = sql`${VARIANT_SEARCH_TEXT} ilike ${like}`;
  const listingMatch = sql`${LISTING_SEARCH_TEXT} ilike ${like}`;
  const [byVariant, byListing, byLink] = await Promise.all([
    db
      .select({ id: variants.id })
      .from(variants)
      .where(and(eq(variants.workspaceId, workspaceId), variantMatch))
      .limit(SEARCH_PROBE + 1),
    db
      .select({ id: listings.id })
      .from(listings)
      .where(and(eq(listings.workspaceId, workspaceId), listingMatch))
      .limit(SEARCH_PROBE + 1),
    db
      .select({ id: listingLinks.variantId })
      .from(listingLinks)
      .where(
        and(
          eq(listingLinks.workspaceId, workspaceId),
          eq(listingLinks.channelId, channelId),
          ilike(listingLinks.sellercloudProductId, like),
        ),
      )
      .limit(SEARCH_PROBE + 1),
  ]);
  if ([byVariant, byListing, byLink].some((rows) => rows.length > SEARCH_PROBE)) {
    return { filter: or(variantMatch, listingMatch, ilike(listingLinks.sellercloudProductId, like))!, broad: true };
  }
  const variantIds = [...byVariant, ...byLink].map((r) => r.id);
  const listingIds = byListing.map((r) => r.id);
  const parts = [
    variantIds.length ? inArray(variants.id, variantIds) : undefined,
    listingIds.length ? inArray(variants.listingId, listingIds) : undefined,
  ].filter((part): part is SQL => part !== undefined);
  return { filter: parts.length ? or(...parts)! : sql`false`, broad: false };
}

/**
 * The first `needed` rows of a filter the planner cannot estimate (a broad search), found by
 * walking the workspace's SKU order in growing slices (1,000 SKUs, then 2,000 … up to 16,000):
 * each slice is a bounded range of the SKU index, which the planner reads row by row, so a page of
 * a common word's matches costs a few hundred rows instead of a join over the whole catalog.
 */
async function walkInSkuOrder<T>(
  db: Db,
  workspaceId: string,
  needed: number,
  query: (range: SQL | undefined, limit: number) => Promise<T[]>,
): Promise<T[]> {
  const matched: T[] = [];
  let after: string | null = null;
  for (let size = 1_000; matched.length < needed; size = Math.min(size * 2, 16_000)) {
    const [edge] = await db
      .select({ skuKey: variants.skuKey })
      .from(variants)
      .where(and(eq(variants.workspaceId, workspaceId), after === null ? undefined : gt(variants.skuKey, after)))
      .orderBy(asc(variants.skuKey))
      .offset(size - 1)
      .limit(1);
    const range = and(
      after === null ? undefined : gt(variants.skuKey, after),
      edge ? lte(variants.skuKey, edge.skuKey) : undefined,
    );
    matched.push(...(await query(range, needed - matched.length)));
    if (!edge) break;
    after = edge.skuKey;
  }
  return matched;
}

/**
 * One page of the workspace's variants with their listing and their link status on a channel.
 * Searches SKU, title, brand and identifiers (substring, any case; trigram indexes from three
 * characters); filters by link status and brand; pages by SKU with a capped total (COUNT_CAP).
 */
export async function listCatalog(db: Db, workspaceId: string, query: ListCatalogQuery = {}): Promise<CatalogPage> {
  const q = listCatalogQuerySchema.parse(query);
  const channelId = q.channelId ?? NO_CHANNEL;
  const { linkJoin, issueJoin } = joinsFor(workspaceId, channelId);
  const filters: SQL[] = [eq(variants.workspaceId, workspaceId)];
  let broadSearch = false;
  if (q.search && q.search.length >= TRIGRAM) {
    const search = await searchFilter(db, workspaceId, channelId, q.search);
    filters.push(search.filter);
    broadSearch = search.broad;
  } else if (q.search) {
    const like = `%${escapeLike(q.search)}%`;
    filters.push(
      or(
        ilike(variants.sku, like),
        ilike(listings.title, like),
        ilike(listings.brand, like),
        ilike(variants.upc, like),
        ilike(variants.ean, like),
        ilike(variants.gtin, like),
        ilike(variants.asin, like),
        ilike(variants.mpn, like),
        ilike(listingLinks.sellercloudProductId, like),
      )!,
    );
  }
  if (q.brand) filters.push(eq(listings.brand, q.brand));
  if (q.linkedInRun) filters.push(eq(listingLinks.runId, q.linkedInRun));
  if (q.status === "linked") filters.push(isNotNull(listingLinks.variantId));
  else if (q.status === "unlinked") filters.push(isNull(listingLinks.variantId));
  else if (q.status !== "all") filters.push(and(isNull(listingLinks.variantId), eq(linkIssues.status, q.status))!);

  const pageQuery = (where: SQL | undefined) =>
    db
      .select({
        variant: variants,
        listing: listings,
        link: listingLinks,
        issue: { status: linkIssues.status, message: linkIssues.message },
      })
      .from(variants)
      .innerJoin(listings, eq(listings.id, variants.listingId))
      .leftJoin(listingLinks, linkJoin)
      .leftJoin(linkIssues, issueJoin)
      .where(where)
      .orderBy(asc(variants.skuKey));
  const skip = (q.page - 1) * q.pageSize;

  const capped = db
    .select({ one: sql`1`.as("one") })
    .from(variants)
    .innerJoin(listings, eq(listings.id, variants.listingId))
    .leftJoin(listingLinks, linkJoin)
    .leftJoin(linkIssues, issueJoin)
    .where(and(...filters))
    .limit(COUNT_CAP + 1)
    .as("capped");
  const [[totalRow], found] = await Promise.all([
    // A broad search is not counted: walking every match would cost what the index saved.
    broadSearch ? [{ total: SEARCH_PROBE + 1 }] : db.select({ total: count() }).from(capped),
    broadSearch
      ? walkInSkuOrder(db, workspaceId, skip + q.pageSize + 1, (range, limit) =>
          pageQuery(and(...filters, range)).limit(limit),
        ).then((matched) => matched.slice(skip))
      : pageQuery(and(...filters))
          .limit(q.pageSize + 1)
          .offset(skip),
  ]);
  const counted = Number(totalRow?.total ?? 0);
  const cap = broadSearch ? SEARCH_PROBE : COUNT_CAP;
  const totalCapped = counted > cap;
  const total = Math.min(counted, cap);
  const hasMore = found.length > q.pageSize;
  const rows = found.slice(0, q.pageSize);
  const knownPages = Math.max(1, Math.ceil(total / q.pageSize));

  return {
    rows: rows.map(({ variant: v, listing: l, link, issue }) => ({
      variantId: v.id,
      listingId: l.id,
      listingKey: l.key,
      sku: v.sku,
      title: l.title,
      brand: l.brand,
      tags: l.tags,
      upc: v.upc,
      ean: v.ean,
      gtin: v.gtin,
      asin: v.asin,
      mpn: v.mpn,
      costCents: v.costCents,
      priceCents: v.priceCents,
      msrpCents: v.msrpCents,
      mapCents: v.mapCents,
      quantity: v.quantity,
      updatedAt: v.updatedAt,
      link: link
        ? {
            status: "linked",
            sellercloudProductId: link.sellercloudProductId,
            matchedBy: link.matchedBy,
            linkedAt: link.linkedAt,
            message: null,
          }
        : {
            status: issue?.status ?? "unlinked",
            sellercloudProductId: null,
            matchedBy: null,
            linkedAt: null,
            message: issue?.message ?? null,
          },
    })),
    total,
    totalCapped,
    hasMore,
    page: q.page,
    pageSize: q.pageSize,
    pageCount: totalCapped ? Math.max(knownPages, q.page + (hasMore ? 1 : 0)) : knownPages,
  };
}

/** The workspace's brands, for the brand filter. */
export async function listCatalogBrands(db: Db, workspaceId: string): Promise<string[]> {
  const rows = await db
    .selectDistinct({ brand: listings.brand })
    .from(listings)
    .where(and(eq(listings.workspaceId, workspaceId), isNotNull(listings.brand), sql`${listings.brand} <> ''`))
    .orderBy(asc(listings.brand));
  return rows.map((r) => r.brand!);
}

/**
 * Counts of variants by link status on a channel (for the filter chips). Read from each table's
 * own index (the workspace's variants; the channel's links; its issues by status) rather than by
 * joining every variant to its link, which on 120k variants cost seconds on the embedded database.
 * Links and issues are written per variant by Link Listings (a variant has one or the other), and a
 * link whose variant was deleted is removed by the channel's next run.
 */
export async function countCatalogLinkStatuses(
  db: Db,
  workspaceId: string,
  channelId: string,
): Promise<Record<LinkStatus, number> & { total: number }> {
  const [[variantCount], [linkCount], issueCounts] = await Promise.all([
    db.select({ n: count() }).from(variants).where(eq(variants.workspaceId, workspaceId)),
    db
      .select({ n: count() })
      .from(listingLinks)
      .where(and(eq(listingLinks.workspaceId, workspaceId), eq(listingLinks.channelId, channelId))),
    db
      .select({ status: linkIssues.status, n: count() })
      .from(linkIssues)
      .where(and(eq(linkIssues.workspaceId, workspaceId), eq(linkIssues.channelId, channelId)))
      .groupBy(linkIssues.status),
  ]);
  const total = Number(variantCount?.n ?? 0);
  const linked = Math.min(total, Number(linkCount?.n ?? 0));
  const issues = Object.fromEntries(issueCounts.map((r) => [r.status, Number(r.n)]));
  return {
    total,
    linked,
    unlinked: total - linked,
    conflict: issues.conflict ?? 0,
    ambiguous: issues.ambiguous ?? 0,
    unmatched: issues.unmatched ?? 0,
    invalid_code: issues.invalid_code ?? 0,
  };
}
