/**
 * The merchant's catalog (listings with variants) and its links to SellerCloud products per channel.
 * Money is integer cents (exact, cheap to compare on re-import); quantity is an integer.
 */
import { sql } from "drizzle-orm";
import { index, integer, json, jsonb, pgTable, primaryKey, text, timestamp, unique, uuid } from "drizzle-orm/pg-core";
import type { LinkPair } from "./values";
import { workspaces } from "./accounts";
import { runs } from "./runs";

export const listings = pgTable(
  "listings",
  {
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    id: uuid("id").primaryKey().defaultRandom(),
    /** The CSV's listing/parent key; a variant without one is its own listing, keyed by its SKU key. */
    key: text("key").notNull(),
    title: text("title").notNull().default(""),
    brand: text("brand"),
    tags: text("tags").array().notNull().default([]),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    unique("listings_workspace_key").on(t.workspaceId, t.key),
    index("listings_workspace_brand").on(t.workspaceId, t.brand),
    // Catalog search (lib/catalog/list.ts): trigram index on the searched text, so ILIKE '%…%'
    // reads the index instead of every row. Keep the expression equal to LISTING_SEARCH_TEXT there.
    index("listings_search_trgm").using("gin", sql`(${t.title} || chr(31) || coalesce(${t.brand}, '')) gin_trgm_ops`),
  ],
);

export const variants = pgTable(
  "variants",
  {
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    id: uuid("id").primaryKey().defaultRandom(),
    listingId: uuid("listing_id")
      .notNull()
      .references(() => listings.id, { onDelete: "cascade" }),
    sku: text("sku").notNull(),
    /** trim + upper-case of sku (lib/linking/normalize skuKey): SKUs are unique case-insensitively. */
    skuKey: text("sku_key").notNull(),
    upc: text("upc"),
    ean: text("ean"),
    gtin: text("gtin"),
    asin: text("asin"),
    mpn: text("mpn"),
    costCents: integer("cost_cents"),
    priceCents: integer("price_cents"),
    msrpCents: integer("msrp_cents"),
    mapCents: integer("map_cents"),
    quantity: integer("quantity"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    unique("variants_workspace_sku_key").on(t.workspaceId, t.skuKey),
    index("variants_workspace_listing").on(t.workspaceId, t.listingId),
    // Catalog search: SKU and identifiers in one trigram index (keep equal to VARIANT_SEARCH_TEXT).
    index("variants_search_trgm").using(
      "gin",
      sql`(${t.sku} || chr(31) || coalesce(${t.upc}, '') || chr(31) || coalesce(${t.ean}, '') || chr(31) || coalesce(${t.gtin}, '') || chr(31) || coalesce(${t.asin}, '') || chr(31) || coalesce(${t.mpn}, '')) gin_trgm_ops`,
    ),
  ],
);

/**
 * A variant linked to an existing SellerCloud product on one channel (Link Listings).
 *
 * No foreign keys, on purpose: a run writes up to ~200k of these in one commit, and each foreign
 * key is a per-row check (channel + variant measured at ~2.4 s per 160k rows on Postgres, more
 * than the COPY itself). Integrity is kept instead by:
 *  - the only writer, the Link Listings match step, which writes variant ids it has just read from
 *    `variants` (in the same workspace) for the run's own channel;
 *  - every run reading all of the channel's links and removing those whose variant is not in the
 *    run (deleted, or outside the listing scope: "out_of_scope" unlinks), so a stale row lives at
 *    most until the next run;
 *  - the catalog list and export joining from `variants`, so a stale row is never shown;
 *  - the rule that code deleting variants, channels or workspaces (none does today) deletes their
 *    rows here and in link_issues in the same transaction: Get Orders reads variant_id from here.
 * run_id is a plain reference ("which run linked it").
 */
export const listingLinks = pgTable(
  "listing_links",
  {
    workspaceId: uuid("workspace_id").notNull(),
    channelId: uuid("channel_id").notNull(),
    variantId: uuid("variant_id").notNull(),
    /** The SellerCloud SKU (catalog `ID`) as SellerCloud spells it. */
    sellercloudProductId: text("sellercloud_product_id").notNull(),
    matchedBy: jsonb("matched_by").$type<LinkPair>().notNull(),
    linkedAt: timestamp("linked_at", { withTimezone: true }).notNull().defaultNow(),
    /** The run that created the link. */
    runId: uuid("run_id"),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.channelId, t.variantId] }),
    unique("listing_links_channel_product").on(t.workspaceId, t.channelId, t.sellercloudProductId),
    // Catalog search by the linked SellerCloud SKU.
    index("listing_links_product_trgm").using("gin", sql`${t.sellercloudProductId} gin_trgm_ops`),
  ],
);

/**
 * Why an in-scope variant is not linked, as of the channel's last (non-dry) Link Listings run:
 * unmatched, ambiguous, conflict or invalid_code. The catalog page filters on it.
 */
export const linkIssues = pgTable(
  "link_issues",
  {
    // No foreign keys, for the same reasons and with the same safeguards as listing_links.
    workspaceId: uuid("workspace_id").notNull(),
    channelId: uuid("channel_id").notNull(),
    variantId: uuid("variant_id").notNull(),
    status: text("status").$type<"unmatched" | "ambiguous" | "conflict" | "invalid_code">().notNull(),
    message: text("message").notNull(),
    runId: uuid("run_id"),
  },
  (t) => [primaryKey({ columns: [t.workspaceId, t.channelId, t.variantId] })],
);

/**
 * Per-run staging of the SellerCloud catalog: one row per fetch step (up to a few thousand products
 * as a compact json array), written with the run's cursor so a crashed run resumes where it
 * stopped, and deleted by the run's match step, except a full pass's, which become the channel's
 * mirror (link_mirror_state.base_run_id) until the next full pass. One row per step, not per
 * product: staging then costs a few milliseconds a step instead of being the run's largest write.
 */
export const linkStagingPages = pgTable(
  "link_staging_pages",
  {
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    runId: uuid("run_id")
      .notNull()
      .references(() => runs.id, { onDelete: "cascade" }),
    /** "catalog" rows are [id, upc, gtin, asin, mpn, ean]; "inventory" rows (EAN only) are [id, ean]. */
    phase: text("phase").$type<"catalog" | "inventory">().notNull(),
    fromPage: integer("from_page").notNull(),
    toPage: integer("to_page").notNull(),
    // json, not jsonb: staging is written once and read back whole, never queried inside, so the
    // text is only validated, not converted (a per-step cost while paging, on PGlite most of all).
    // STORAGE EXTERNAL (migration 0017): uncompressed out of line, since pglz on every write cost
    // more than it saved for a value written once and read whole (17 steps: ~0.74 → ~0.35 s, PGlite).
    rows: json("rows").$type<Array<Array<string | null>>>().notNull(),
  },
  (t) => [primaryKey({ columns: [t.workspaceId, t.runId, t.phase, t.fromPage] })],
);

export type Listing = typeof listings.$inferSelect;
export type Variant = typeof variants.$inferSelect;
export type ListingLink = typeof listingLinks.$inferSelect;
