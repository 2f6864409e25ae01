import { eq, inArray } from "drizzle-orm";
import { expect, it } from "vitest";
import type { Db } from "@/db/client";
import { linkIssues, listingLinks, listings, variants } from "@/db/schema/catalog";
import { orderItems, orders } from "@/db/schema/orders";
import { describeEachDb } from "@/db/testing/describe-db";
import { seedChannel } from "@/lib/operations/testing/fixtures";
import { deleteCatalogItems } from "./delete";

/** Listing L (variants A, B) and listing M (variant C), each linked on the channel, B with an issue, A on an order line. */
async function seedCatalog(db: Db) {
  const { workspaceId, channelId } = await seedChannel(db);
  const [l] = await db.insert(listings).values({ workspaceId, key: "L", title: "Lantern" }).returning();
  const [m] = await db.insert(listings).values({ workspaceId, key: "M", title: "Mug" }).returning();
  const add = async (listingId: string, sku: string) =>
    (await db.insert(variants).values({ workspaceId, listingId, sku, skuKey: sku }).returning())[0]!;
  const a = await add(l!.id, "A");
  const b = await add(l!.id, "B");
  const c = await add(m!.id, "C");
  for (const v of [a, b, c]) {
    await db.insert(listingLinks).values({
      workspaceId,
      channelId,
      variantId: v.id,
      sellercloudProductId: `SC-${v.sku}`,
      matchedBy: { listingField: "sku", sellercloudField: "ID" },
    });
  }
  await db.insert(linkIssues).values({ workspaceId, channelId, variantId: b.id, status: "ambiguous", message: "Two" });
  const [order] = await db
    .insert(orders)
    .values({ workspaceId, channelId, sellercloudOrderId: 1, raw: {}, contentHash: "h" })
    .returning();
  const [line] = await db
    .insert(orderItems)
    .values({ workspaceId, orderId: order!.id, lineNumber: 1, productId: "A", variantId: a.id })
    .returning();
  return { workspaceId, channelId, listings: { l: l!, m: m! }, a, b, c, line: line! };
}

describeEachDb("deleting catalog rows", (ctx) => {
  it("deletes the selected variants with their links and issues; a listing goes with its last variant", async () => {
    const s = await seedCatalog(ctx.db);
    expect(await deleteCatalogItems(ctx.db, s.workspaceId, { variantIds: [s.a.id, s.c.id] })).toEqual({
      variantsDeleted: 2,
      listingsDeleted: 1,
      linksDeleted: 2,
    });
    const left = await ctx.db.select().from(variants).where(eq(variants.workspaceId, s.workspaceId));
    expect(left.map((v) => v.sku)).toEqual(["B"]);
    expect(
      (await ctx.db.select().from(listings).where(eq(listings.workspaceId, s.workspaceId))).map((l) => l.key),
    ).toEqual(["L"]);
    expect((await ctx.db.select().from(listingLinks).where(eq(listingLinks.workspaceId, s.workspaceId))).length).toBe(
      1,
    );
    // The order line keeps its data; only its variant link is cleared.
    const [line] = await ctx.db.select().from(orderItems).where(eq(orderItems.id, s.line.id));
    expect(line).toMatchObject({ productId: "A", variantId: null });
  });

  it("deletes whole listings when asked: every variant of the selected rows' listings", async () => {
    const s = await seedCatalog(ctx.db);
    expect(await deleteCatalogItems(ctx.db, s.workspaceId, { variantIds: [s.b.id], scope: "listings" })).toEqual({
      variantsDeleted: 2,
      listingsDeleted: 1,
      linksDeleted: 2,
    });
    const issues = await ctx.db.select().from(linkIssues).where(eq(linkIssues.workspaceId, s.workspaceId));
    expect(issues).toEqual([]);
    expect(
      (await ctx.db.select().from(variants).where(eq(variants.workspaceId, s.workspaceId))).map((v) => v.sku),
    ).toEqual(["C"]);
  });

  it("never touches another workspace's rows", async () => {
    const mine = await seedCatalog(ctx.db);
    const theirs = await seedCatalog(ctx.db);
    await expect(deleteCatalogItems(ctx.db, mine.workspaceId, { variantIds: [theirs.a.id] })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    const result = await deleteCatalogItems(ctx.db, mine.workspaceId, { variantIds: [mine.a.id, theirs.b.id] });
    expect(result.variantsDeleted).toBe(1);
    const still = await ctx.db
      .select()
      .from(variants)
      .where(inArray(variants.id, [theirs.a.id, theirs.b.id]));
    expect(still).toHaveLength(2);
  });
});
