import { and, asc, count, eq, ilike, isNotNull, isNull, or, type SQL, sql } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "@/db/client";
import { linkIssues, listingLinks, listings, variants } from "@/db/schema/catalog";
import type { LinkPair } from "@/lib/channels/settings";

/** The catalog page's query: one zod schema shared by the route/action and this function. */
export const listCatalogQuerySchema = z.object({
  /** Link status is shown for this channel; without it every variant reads "unlinked". */
  channelId: z.string().uuid().optional(),
  search: z.string().trim().max(200).optional(),
  status: z.enum(["all", "linked", "unlinked", "conflict", "ambiguous", "unmatched", "invalid_code"]).default("all"),
  brand: z.string().trim().max(200).optional(),
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
  total: number;
  page: number;
  pageSize: number;
  pageCount: number;
}

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

/**
 * One page of the workspace's variants with their listing and their link status on a channel.
 * Searches SKU, title, brand and identifiers; filters by link status and brand; paginated on the server.
 */
export async function listCatalog(db: Db, workspaceId: string, query: ListCatalogQuery = {}): Promise<CatalogPage> {
  const q = listCatalogQuerySchema.parse(query);
  const channelId = q.channelId ?? NO_CHANNEL;
  const { linkJoin, issueJoin } = joinsFor(workspaceId, channelId);
  const filters: SQL[] = [eq(variants.workspaceId, workspaceId)];
  if (q.search) {
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

  const from = db
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
    .where(and(...filters));

  const [totalRow] = await db
    .select({ total: count() })
    .from(variants)
    .innerJoin(listings, eq(listings.id, variants.listingId))
    .leftJoin(listingLinks, linkJoin)
    .leftJoin(linkIssues, issueJoin)
    .where(and(...filters));
  const total = Number(totalRow?.total ?? 0);
  const rows = await from
    .orderBy(asc(variants.skuKey))
    .limit(q.pageSize)
    .offset((q.page - 1) * q.pageSize);

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
    page: q.page,
    pageSize: q.pageSize,
    pageCount: Math.max(1, Math.ceil(total / q.pageSize)),
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

/** Counts of variants by link status on a channel (for the filter chips). */
export async function countCatalogLinkStatuses(
  db: Db,
  workspaceId: string,
  channelId: string,
): Promise<Record<LinkStatus, number> & { total: number }> {
  const { linkJoin, issueJoin } = joinsFor(workspaceId, channelId);
  const rows = await db
    .select({
      linked: sql<number>`count(${listingLinks.variantId})::int`,
      total: sql<number>`count(*)::int`,
      conflict: sql<number>`count(*) filter (where ${listingLinks.variantId} is null and ${linkIssues.status} = 'conflict')::int`,
      ambiguous: sql<number>`count(*) filter (where ${listingLinks.variantId} is null and ${linkIssues.status} = 'ambiguous')::int`,
      unmatched: sql<number>`count(*) filter (where ${listingLinks.variantId} is null and ${linkIssues.status} = 'unmatched')::int`,
      invalid_code: sql<number>`count(*) filter (where ${listingLinks.variantId} is null and ${linkIssues.status} = 'invalid_code')::int`,
    })
    .from(variants)
    .leftJoin(listingLinks, linkJoin)
    .leftJoin(linkIssues, issueJoin)
    .where(eq(variants.workspaceId, workspaceId));
  const r = rows[0]!;
  return { ...r, unlinked: r.total - r.linked };
}
