/**
 * The match step's inputs read with COPY (db/copy-out.ts): the listing scope's values are written
 * into the SQL text, so brand, tag and SKU-prefix values that look like SQL must still mean only
 * themselves (and a prefix's % and _ are not wildcards).
 */

import { expect, it } from "vitest";
import { listingLinks, listings, variants } from "@/db/schema/catalog";
import { describeEachDb } from "@/db/testing/describe-db";
import type { ListingManagement } from "@/lib/channels/settings";
import { skuKey } from "@/lib/linking/normalize";
import { seedChannel } from "../testing/fixtures";
import { loadMatchInputs } from "./match-inputs";

const AWKWARD = ["O'Brien", "back\\slash", "dollar $$ sign", "$c1$", "100%", "a_b", "ünï ✓"];

describeEachDb("Link Listings match inputs", (ctx) => {
  it("scopes by brand, tag and SKU prefix with values that look like SQL, and reads the channel's links", async () => {
    const { workspaceId, channelId } = await seedChannel(ctx.db);
    const add = async (key: string, brand: string | null, tags: string[], skus: string[], upc?: string) => {
      const [listing] = await ctx.db.insert(listings).values({ workspaceId, key, brand, tags }).returning();
      return ctx.db
        .insert(variants)
        .values(skus.map((sku) => ({ workspaceId, listingId: listing!.id, sku, skuKey: skuKey(sku), upc })))
        .returning();
    };
    await add("l1", "O'Brien", ["dollar $$ sign"], ["100%-A", "a_b-1"], "012345678905");
    await add("l2", "back\\slash", ["$c1$"], ["100X-B", "aXb-2"]);
    await add("l3", "ünï ✓", ["tab\there"], ["PLAIN"]);
    const [linked] = await add("l4", "Other", [], ["LINKED"]);
    await ctx.db.insert(listingLinks).values({
      workspaceId,
      channelId,
      variantId: linked!.id,
      sellercloudProductId: "SC-1",
      matchedBy: { listingField: "sku", sellercloudField: "ID" },
    });

    const skusFor = async (scope: ListingManagement["scope"], values: string[]) =>
      (await loadMatchInputs(ctx.db, workspaceId, channelId, { scope, values, autoLinkNew: true })).variants
        .map((v) => v.sku)
        .sort();
    expect(await skusFor("brand", ["o'brien", "BACK\\SLASH"])).toEqual(["100%-A", "100X-B", "aXb-2", "a_b-1"]);
    expect(await skusFor("brand", ["ünï ✓"])).toEqual(["PLAIN"]);
    expect(await skusFor("tag", ["DOLLAR $$ SIGN"])).toEqual(["100%-A", "a_b-1"]);
    expect(await skusFor("tag", ["$c1$"])).toEqual(["100X-B", "aXb-2"]);
    expect(await skusFor("sku_prefix", ["100%"])).toEqual(["100%-A"]);
    expect(await skusFor("sku_prefix", ["a_b"])).toEqual(["a_b-1"]);
    expect(await skusFor("brand", ["x'); delete from variants; --"])).toEqual([]);
    for (const value of AWKWARD) await skusFor("sku_prefix", [value]);
    expect(await skusFor("all", [])).toHaveLength(6);

    const inputs = await loadMatchInputs(ctx.db, workspaceId, channelId, {
      scope: "all",
      values: [],
      autoLinkNew: true,
    });
    expect(inputs.links).toEqual([
      { variantId: linked!.id, productId: "SC-1", matchedBy: { listingField: "sku", sellercloudField: "ID" } },
    ]);
    const mug = inputs.variants.find((v) => v.sku === "100%-A")!;
    expect(mug).toMatchObject({ upc: "012345678905", ean: null, gtin: null, asin: null, mpn: null });
  });
});
