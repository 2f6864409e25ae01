/**
 * Link Listings' mirror of SellerCloud: per channel, the identifiers of every product of the
 * channel's company that linking reads (ID, UPC, EAN, GTIN, ASIN, ManufacturerSKU, company, last
 * modified), in a few large chunks, and when the mirror was last refreshed. A full pass replaces a
 * channel's chunks; an incremental pass reads only products SellerCloud says were modified since
 * (model.lastUpdatedFrom) and adds them as a chunk that overrides earlier rows, so later runs match
 * against the mirror without paging the rest.
 */
import { boolean, integer, json, pgTable, primaryKey, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { workspaces } from "./accounts";

/**
 * The mirror as a few large chunks instead of a row per product, so a full pass costs one
 * server-side copy of its staging steps (link_staging_pages) rather than a 200k-row write: "catalog"
 * chunks hold a full pass's catalog steps ([id, upc, gtin, asin, mpn, ean, lastModified] per
 * product), "inventory" chunks its EANs ([id, ean]), "changes" chunks the products an incremental
 * pass read (same shape as catalog, EAN resolved). Read back in `seq` order: catalog (first copy of
 * a product wins), inventory EANs where a catalog row had none, then each changes chunk replacing
 * its products whole, the newest last.
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
    // json, not jsonb (as staging): written once, read back whole, never queried inside, and a full
    // pass copies staging's json datums as they are. STORAGE EXTERNAL (migration 0017), as staging:
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
  },
  (t) => [primaryKey({ columns: [t.workspaceId, t.channelId] })],
);
