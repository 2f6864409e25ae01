/**
 * Deleting catalog rows chosen on the Catalog page, in one transaction: the variants (or the whole
 * listings they belong to), their Link Listings links and link issues on every channel, and any
 * listing left without variants. Imported order lines keep their data; their link to the variant
 * is cleared by the foreign key (order_items.variant_id on delete set null).
 */
import { and, eq, inArray, notExists, sql } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "@/db/client";
import { linkIssues, listingLinks, listings, variants } from "@/db/schema/catalog";
import { notFound } from "@/lib/errors";

/** Rows one request may delete (the page shows at most a few hundred). */
export const MAX_DELETE = 1_000;

export const deleteCatalogSchema = z.object({
  variantIds: z
    .array(z.string().uuid("Not a valid variant id"))
    .min(1, "Select at least one row")
    .max(MAX_DELETE, `Select at most ${MAX_DELETE} rows at a time`),
  /** "variants": only the selected variants; "listings": every variant of their listings too. */
  scope: z.enum(["variants", "listings"]).default("variants"),
});
export type DeleteCatalogInput = z.input<typeof deleteCatalogSchema>;

export interface DeleteCatalogResult {
  variantsDeleted: number;
  listingsDeleted: number;
  linksDeleted: number;
}

/**
 * Deletes the workspace's selected variants (scope "variants") or their whole listings (scope
 * "listings"), with their links and link issues on every channel. Ids of other workspaces are
 * never touched; NOT_FOUND when none of the ids is this workspace's (already deleted, or not
 * yours). Returns what was deleted.
 */
export async function deleteCatalogItems(
  db: Db,
  workspaceId: string,
  raw: DeleteCatalogInput,
): Promise<DeleteCatalogResult> {
  const input = deleteCatalogSchema.parse(raw);
  return db.transaction(async (tx) => {
    const chosen = await tx
      .select({ id: variants.id, listingId: variants.listingId })
      .from(variants)
      .where(and(eq(variants.workspaceId, workspaceId), inArray(variants.id, input.variantIds)));
    if (chosen.length === 0) throw notFound("Those catalog rows");
    const listingIds = [...new Set(chosen.map((v) => v.listingId))];
    const ids =
      input.scope === "listings"
        ? (
            await tx
              .select({ id: variants.id })
              .from(variants)
              .where(and(eq(variants.workspaceId, workspaceId), inArray(variants.listingId, listingIds)))
          ).map((v) => v.id)
        : chosen.map((v) => v.id);
    // Links and issues have no foreign key (db/schema/catalog.ts): deleted here, in the same transaction.
    const links = await tx
      .delete(listingLinks)
      .where(and(eq(listingLinks.workspaceId, workspaceId), inArray(listingLinks.variantId, ids)))
      .returning({ id: listingLinks.variantId });
    await tx.delete(linkIssues).where(and(eq(linkIssues.workspaceId, workspaceId), inArray(linkIssues.variantId, ids)));
    const deleted = await tx
      .delete(variants)
      .where(and(eq(variants.workspaceId, workspaceId), inArray(variants.id, ids)))
      .returning({ id: variants.id });
    const emptied = await tx
      .delete(listings)
      .where(
        and(
          eq(listings.workspaceId, workspaceId),
          inArray(listings.id, listingIds),
          notExists(tx.select({ one: sql`1` }).from(variants).where(eq(variants.listingId, listings.id))),
        ),
      )
      .returning({ id: listings.id });
    return { variantsDeleted: deleted.length, listingsDeleted: emptied.length, linksDeleted: links.length };
  });
}
