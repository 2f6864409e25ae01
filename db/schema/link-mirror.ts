/**
 * Link Listings' mirror of SellerCloud: per channel, the identifiers of every product of the
 * channel's company that linking reads (ID, UPC, EAN, GTIN, ASIN, ManufacturerSKU, company, last
 * modified), in a few large pieces, and when the mirror was last refreshed. A full pass's staging
 * steps (link_staging_pages) become the mirror's rows where they are (base_run_id) and its chunks
 * are dropped; an incremental pass reads only products SellerCloud says were modified since
 * (model.lastUpdatedFrom) and adds them as a chunk that overrides earlier rows, so later runs match
 * against the mirror without paging the rest.
 */
import { boolean, integer, json, pgTable, primaryKey, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { workspaces } from "./accounts";

/**
 * The mirror's changes as a few large chunks instead of a row per product: "changes" chunks hold
 * the products an incremental pass read ([id, upc, gtin, asin, mpn, ean, lastModified], EAN
 * resolved), read back in `seq` order over the last full pass's rows, each replacing its products
 * whole, the newest last. The full pass's own rows are its staging steps, kept in place
 * (link_mirror_state.base_run_id), so a full pass writes nothing here; mirrors filled before
 * migration 0018 hold them as "catalog" chunks ([id, upc, gtin, asin, mpn, ean, lastModified]) and
 * "inventory" chunks ([id, ean]) until their next full pass.
 */
export const linkMirrorChunks = pgTable(
  "link_mirror_chunks",
  {
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    channelId: uuid("channel_id").notNull(),
    seq: integer("seq").notNull(),
    kind: text("kind").$type<"catalog" | "inventory" | "changes">().notNull(),
    // json, not jsonb (as staging): written once, read back whole, never queried inside. STORAGE
    // EXTERNAL (migration 0017), as staging:
    // compression cost more than it saved; the mirror takes ~4x the disk (~17 MB per 200k products).
    rows: json("rows").$type<Array<Array<string | null>>>().notNull(),
  },
  (t) => [primaryKey({ columns: [t.workspaceId, t.channelId, t.seq] })],
);

/** One row per channel whose mirror has been filled: when, and how far SellerCloud's clock had got. */
export const linkMirrorState = pgTable(
  "link_mirror_state",
  {
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    channelId: uuid("channel_id").notNull(),
    /** The company the mirror holds (a changed company needs a full pass). */
    companyId: integer("company_id").notNull(),
    /** Start of the last full pass (Conduit's clock). */
    fullAt: timestamp("full_at", { withTimezone: true }).notNull(),
    /** Start of the last pass of either kind (Conduit's clock): the next incremental pass reads from here. */
    passAt: timestamp("pass_at", { withTimezone: true }).notNull(),
    /** The latest `LastModifiedDate` seen in the mirror (SellerCloud's clock, as sent), if any. */
    maxModified: text("max_modified"),
    /**
     * Whether every row's EAN was read (from inventory rows, which only runs whose linking rules use
     * EAN page): a run that needs EAN makes a full pass when it is false.
     */
    hasEan: boolean("has_ean").notNull().default(false),
    /** Distinct products the mirror holds (what a full pass would page). */
    products: integer("products").notNull().default(0),
    /**
     * The full pass whose staging steps (link_staging_pages of this run, kept rather than copied)
     * hold the mirror's catalog and inventory rows; null for a mirror whose last full pass copied
     * them into "catalog" and "inventory" chunks (before migration 0018). A plain reference: the
     * run's staging rows go with the run (channel deletion).
     */
    baseRunId: uuid("base_run_id"),
  },
  (t) => [primaryKey({ columns: [t.workspaceId, t.channelId] })],
);
