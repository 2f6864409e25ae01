import { expect, it } from "vitest";
import { workspaces } from "@/db/schema/accounts";
import { describeEachDb } from "@/db/testing/describe-db";
import { createMappingSet, getMappingSet, parseMappingSetCsv, updateMappingSet } from "./set-queries";

describeEachDb("mapping sets refuse keys a lookup cannot tell apart (issue 14 §5)", (ctx) => {
  it("refuses 'us' and 'US ' in one set, naming both rows, on create and on update", async () => {
    const [ws] = await ctx.db.insert(workspaces).values({ name: "Sets" }).returning();
    const entries = [
      { from: "CA", to: "CAN" },
      { from: "us", to: "DUP" },
      { from: "", to: "ignored" },
      { from: "US ", to: "USA" },
    ];
    await expect(createMappingSet(ctx.db, ws!.id, { name: "Countries", entries })).rejects.toMatchObject({
      code: "VALIDATION",
      message: expect.stringMatching(/^Row 4 repeats the SellerCloud value of row 2: "US" \(same as "us"\)/),
      fieldErrors: { entries: expect.stringContaining("Row 4") },
    });
    const set = await createMappingSet(ctx.db, ws!.id, { name: "Countries", entries: entries.slice(0, 2) });
    await expect(updateMappingSet(ctx.db, ws!.id, set.id, { entries })).rejects.toMatchObject({ code: "VALIDATION" });
    expect((await getMappingSet(ctx.db, ws!.id, set.id)).entries).toEqual(entries.slice(0, 2));
  });

  it("names the CSV rows of a repeated key", async () => {
    await expect(parseMappingSetCsv("from,to\nus,DUP\nca,CAN\nUS,USA\n")).rejects.toMatchObject({
      code: "VALIDATION",
      message: expect.stringMatching(/^CSV row 4 repeats the SellerCloud value of CSV row 2/),
    });
  });
});
