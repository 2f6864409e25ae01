/**
 * SellerCloud products whose own codes fail validation: one run event per field (not one per
 * product), every product in the run's CSV, and the run page not loading the list.
 */

import { text } from "node:stream/consumers";
import { expect, it } from "vitest";
import { runs } from "@/db/schema/runs";
import { describeEachDb } from "@/db/testing/describe-db";
import { openLinkRunInvalidCodesCsv } from "@/lib/catalog/queries";
import type { InvalidProductCode } from "@/lib/linking/index";
import { getRun } from "../queries";
import { insertRunEvents } from "../shared/event-rows";
import { seedChannel } from "../testing/fixtures";
import { invalidProductCodesEvents } from "./events";
import { exportInvalidProductCodesCsv } from "./export";

const notes: InvalidProductCode[] = [
  { productId: "SC-1", field: "UPC", value: "012345678906", reason: "has a wrong check digit (expected 5)" },
  { productId: "SC-2", field: "EAN", value: "12345", reason: "has 5 digits; a UPC/EAN/GTIN has 8, 12, 13 or 14" },
  { productId: "SC-3", field: "UPC", value: "1.23E+11", reason: "is in scientific notation" },
  { productId: "SC-4", field: "UPC", value: "0360002914", reason: "has 10 digits" },
  { productId: 'SC-5, "quoted"', field: "UPC", value: "03600029145x", reason: "contains characters other than digits" },
];

it("says the invalid codes once per field, naming the first three and counting the rest", () => {
  const events = invalidProductCodesEvents(notes);
  expect(events.map((e) => [e.details?.field, e.code, e.level, e.details?.count])).toEqual([
    ["UPC", "invalid_product_codes", "warn", 4],
    ["EAN", "invalid_product_codes", "warn", 1],
  ]);
  expect(events[0]!.message).toBe(
    "4 SellerCloud product(s) have a UPC that fails validation, so they cannot be matched by UPC: " +
      "SC-1 (UPC 012345678906 has a wrong check digit (expected 5)); SC-3 (UPC 1.23E+11 is in scientific notation); " +
      "SC-4 (UPC 0360002914 has 10 digits); and 1 more. The list is in the run's CSV of invalid SellerCloud codes.",
  );
  expect(invalidProductCodesEvents([])).toEqual([]);
});

describeEachDb("invalid SellerCloud codes of a run", (ctx) => {
  it("lists every product in the CSV, keeps the list out of the run page, and only for the run's workspace", async () => {
    const { workspaceId, channelId } = await seedChannel(ctx.db);
    const [run] = await ctx.db
      .insert(runs)
      .values({ workspaceId, channelId, operation: "link_listings", trigger: "manual", status: "succeeded" })
      .returning();
    await insertRunEvents(ctx.db, { workspaceId, runId: run!.id }, [
      ...invalidProductCodesEvents(notes),
      { level: "info", entity: "run", code: "summary", message: "Linked 0.", details: { products: 2000 } },
      // A run recorded before the per-field events: one event per product.
      {
        level: "warn",
        entity: "product",
        entityId: "SC-OLD",
        code: "invalid_code",
        message: "SellerCloud product SC-OLD: GTIN 123 has 3 digits.",
        details: { productId: "SC-OLD", field: "GTIN", value: "123", reason: "has 3 digits" },
      },
    ]);

    const csv = await text(exportInvalidProductCodesCsv(ctx.db, workspaceId, run!.id));
    expect(csv.trim().split(/\r?\n/)).toEqual([
      "sellercloud_sku,field,value,reason",
      "SC-1,UPC,012345678906,has a wrong check digit (expected 5)",
      "SC-3,UPC,1.23E+11,is in scientific notation",
      "SC-4,UPC,0360002914,has 10 digits",
      '"SC-5, ""quoted""",UPC,03600029145x,contains characters other than digits',
      'SC-2,EAN,12345,"has 5 digits; a UPC/EAN/GTIN has 8, 12, 13 or 14"',
      "SC-OLD,GTIN,123,has 3 digits",
    ]);

    const detail = await getRun(ctx.db, { workspaceId, runId: run!.id });
    expect(detail!.events.map((e) => e.details)).toEqual([
      { field: "UPC", count: 4 },
      { field: "EAN", count: 1 },
      { products: 2000 },
      { productId: "SC-OLD", field: "GTIN", value: "123", reason: "has 3 digits" },
    ]);

    const other = await seedChannel(ctx.db);
    expect(await openLinkRunInvalidCodesCsv(ctx.db, other.workspaceId, run!.id)).toBeNull();
    const download = await openLinkRunInvalidCodesCsv(ctx.db, workspaceId, run!.id);
    expect(download!.filename).toMatch(/^link-listings-invalid-sellercloud-codes-.*\.csv$/);
    expect(await text(download!.stream)).toBe(csv);
  });
});
