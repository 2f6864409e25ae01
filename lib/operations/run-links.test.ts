import { expect, it } from "vitest";
import { mappingTemplates, mappingTemplateVersions } from "@/db/schema/mapping";
import { orders } from "@/db/schema/orders";
import { runs } from "@/db/schema/runs";
import { describeEachDb } from "@/db/testing/describe-db";
import { buildDefaultTemplateBody } from "@/lib/mapping/default-template";
import { listOrders } from "@/lib/orders/queries";
import { getRun } from "./queries";
import { seedChannel } from "./testing/fixtures";

describeEachDb("a Get Orders run page links its orders and template version (issue 14 §16)", (ctx) => {
  it("names the template version and lists the orders the run imported or updated", async () => {
    const { workspaceId, channelId } = await seedChannel(ctx.db);
    const [template] = await ctx.db
      .insert(mappingTemplates)
      .values({ workspaceId, channelId, kind: "get_orders", name: "Orders template" })
      .returning();
    const [version] = await ctx.db
      .insert(mappingTemplateVersions)
      .values({ workspaceId, templateId: template!.id, version: 3, body: buildDefaultTemplateBody() })
      .returning();
    const [run, other] = await ctx.db
      .insert(runs)
      .values([
        { workspaceId, channelId, operation: "get_orders", trigger: "manual", templateVersionId: version!.id },
        { workspaceId, channelId, operation: "get_orders", trigger: "manual", status: "succeeded" },
      ])
      .returning();
    const order = (id: number, imported: string | null, updated: string | null) => ({
      workspaceId,
      channelId,
      sellercloudOrderId: id,
      raw: {},
      contentHash: String(id),
      importedByRunId: imported,
      lastUpdatedByRunId: updated,
    });
    await ctx.db
      .insert(orders)
      .values([order(1, run!.id, run!.id), order(2, other!.id, run!.id), order(3, other!.id, other!.id)]);

    const detail = await getRun(ctx.db, { workspaceId, runId: run!.id });
    expect(detail!.templateVersion).toEqual({ templateId: template!.id, templateName: "Orders template", version: 3 });
    expect((await getRun(ctx.db, { workspaceId, runId: other!.id }))!.templateVersion).toBeNull();

    const listed = await listOrders(ctx.db, workspaceId, { runId: run!.id });
    expect(listed.rows.map((r) => r.sellercloudOrderId).sort()).toEqual([1, 2]);
    expect(listed.total).toBe(2);
  });
});
