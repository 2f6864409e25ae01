/**
 * Link Listings' mirror of SellerCloud: per channel, the identifiers of every product of the
 * channel's company that linking reads (ID, UPC, EAN, GTIN, ASIN, ManufacturerSKU, company, last
 * modified), and when the mirror was last refreshed. A full pass replaces a channel's rows; an
 * incremental pass reads only products SellerCloud says were modified since (model.lastUpdatedFrom)
 * and overwrites those rows, so later runs match against the mirror without paging the rest.
 */
import { boolean, integer, pgTable, primaryKey, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { workspaces } from "./accounts";

export const linkProductMirror = pgTable(
  "link_product_mirror",
  {
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    channelId: uuid("channel_id").notNull(),
    /** The SellerCloud SKU (catalog `ID`), cleaned as linking reads it. */
    productId: text("product_id").notNull(),
    companyId: integer("company_id"),
    upc: text("upc"),
    ean: text("ean"),
    gtin: text("gtin"),
    asin: text("asin"),
    mpn: text("mpn"),
    /** SellerCloud's `LastModifiedDate` as it sent it (its own clock, no zone), when it sent one. */
    lastModified: text("last_modified"),
  },
  (t) => [primaryKey({ columns: [t.workspaceId, t.channelId, t.productId] })],
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
  },
  (t) => [primaryKey({ columns: [t.workspaceId, t.channelId] })],
);
