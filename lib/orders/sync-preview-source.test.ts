import { expect, it } from "vitest";
import { orderItems, orders } from "@/db/schema/orders";
import { describeEachDb } from "@/db/testing/describe-db";
import { previewSyncTarget } from "@/lib/mapping/sync-preview";
import { buildDefaultSyncTemplateBody, SYNC_TARGET_FIELDS } from "@/lib/mapping/sync-targets";
import { seedChannel } from "@/lib/operations/testing/fixtures";
import { recordShipment } from "@/lib/shipments/record";
import { SANDBOX_MAPPINGS, setChannelShippingSettings } from "@/lib/shipments/testing/seed";
import { listSyncPreviewShipments } from "./sync-preview-source";

/**
 * The Sync Orders template preview (issue 14 §3): a real Conduit shipment, one source per tracking
 * number with the carrier through the channel's shipping mappings, evaluated row by row.
 */
describeEachDb("Sync Orders template preview", (ctx) => {
  it("previews each row on each package of a recorded shipment, and only for the workspace's channel", async () => {
    const scope = await seedChannel(ctx.db);
    await setChannelShippingSettings(ctx.db, scope.channelId, { mappings: SANDBOX_MAPPINGS });
    const [order] = await ctx.db
      .insert(orders)
      .values({ ...scope, sellercloudOrderId: 7_800_001, orderSourceOrderId: "AMZ-1", raw: {}, contentHash: "x" })
      .returning();
    await ctx.db
      .insert(orderItems)
      .values({ workspaceId: scope.workspaceId, orderId: order!.id, lineNumber: 1, quantity: 2 });
    expect(await listSyncPreviewShipments(ctx.db, scope)).toEqual([]);
    await recordShipment(
      ctx.db,
      { ...scope, source: "ui" },
      { id: order!.id, channelId: scope.channelId, sellercloudOrderId: 7_800_001 },
      {
        carrier: "ups",
        service: "ground",
        trackingNumbers: ["PREVIEW1", "PREVIEW2"],
        items: [],
        shipDate: new Date("2026-03-01T10:00:00.200Z"),
      },
    );

    const [shipment] = await listSyncPreviewShipments(ctx.db, scope);
    expect(shipment).toMatchObject({ sellercloudOrderId: 7_800_001, carrierMapped: true });
    expect(shipment!.label).toBe("#7800001 · ups ground · 2 tracking numbers · pending");
    expect(shipment!.packages).toHaveLength(2);

    const body = buildDefaultSyncTemplateBody();
    const preview = (key: string) =>
      previewSyncTarget(SYNC_TARGET_FIELDS.find((t) => t.key === key)!, body.fields[key]!, shipment!.packages, []);
    expect(preview("trackingNumber").map((l) => [l.scope, l.result.ok && l.result.text])).toEqual([
      ["Package 1", "PREVIEW1"],
      ["Package 2", "PREVIEW2"],
    ]);
    expect(preview("carrier")[0]!.result).toMatchObject({ ok: true, text: "UPS" });
    expect(preview("service")[0]!.sources).toEqual([{ path: "shipment.service", value: "UPS Ground" }]);
    expect(preview("orderId")[0]!.result).toMatchObject({ ok: true, text: "7800001" });
    expect(preview("shipDate")[0]!.result).toMatchObject({ ok: true, text: "2026-03-01T10:00:01" });
    // A value SellerCloud refuses is said on its row.
    const bad = previewSyncTarget(
      SYNC_TARGET_FIELDS.find((t) => t.key === "shippingStatus")!,
      { mode: "value", value: "Partially Shipped" },
      shipment!.packages,
      [],
    );
    expect(bad[0]!.result).toMatchObject({ ok: false });

    const other = await seedChannel(ctx.db);
    await expect(
      listSyncPreviewShipments(ctx.db, { workspaceId: other.workspaceId, channelId: scope.channelId }),
    ).rejects.toThrow();
  });
});
