import { expect, it } from "vitest";
import { describeEachDb } from "@/db/testing/describe-db";
import { AppError } from "@/lib/errors";
import { seedChannel } from "@/lib/operations/testing/fixtures";
import { buildDefaultTemplateBody } from "./default-template";
import { buildDefaultSyncTemplateBody } from "./sync-targets";
import { createTemplate, getActiveTemplate, listTemplateVersions, saveTemplateVersion } from "./template-queries";

async function rejection(promise: Promise<unknown>): Promise<AppError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error("expected an AppError");
}

/** What the editor's save does for a Sync Orders template: validated as its kind, versioned like any other. */
describeEachDb("sync orders templates (queries)", (ctx) => {
  it("creates the recommended sync template, active for Sync Orders only, and saves edits as versions", async () => {
    const { workspaceId, channelId } = await seedChannel(ctx.db);
    const { template, version } = await createTemplate(ctx.db, workspaceId, {
      channelId,
      kind: "sync_orders",
      name: "Sync",
      body: buildDefaultSyncTemplateBody(),
      activate: true,
    });
    expect(version.body).toEqual(buildDefaultSyncTemplateBody());
    expect((await getActiveTemplate(ctx.db, workspaceId, channelId, "sync_orders"))?.template.id).toBe(template.id);
    expect(await getActiveTemplate(ctx.db, workspaceId, channelId, "get_orders")).toBeNull();

    const body = buildDefaultSyncTemplateBody();
    body.fields.carrier = { mode: "value", value: "FedEx" };
    const v2 = await saveTemplateVersion(ctx.db, workspaceId, template.id, body);
    expect(v2).toMatchObject({ version: 2, body });
    expect((await listTemplateVersions(ctx.db, workspaceId, template.id)).map((v) => v.version)).toEqual([2, 1]);
  });

  it("refuses a status SellerCloud does not take, and a body of the other kind, with a message per row", async () => {
    const { workspaceId, channelId } = await seedChannel(ctx.db);
    const { template } = await createTemplate(ctx.db, workspaceId, {
      channelId,
      kind: "sync_orders",
      name: "Sync",
      body: buildDefaultSyncTemplateBody(),
    });
    const body = buildDefaultSyncTemplateBody();
    body.fields.shippingStatus = { mode: "value", value: "Partially Shipped" };
    const refused = await rejection(saveTemplateVersion(ctx.db, workspaceId, template.id, body));
    expect(refused.code).toBe("VALIDATION");
    const errors = refused.fieldErrors ?? {};
    expect(errors.shippingStatus).toMatch(/"Partially Shipped" cannot be sent: .*"Fully Shipped"/);

    const getOrdersBody = await rejection(
      saveTemplateVersion(ctx.db, workspaceId, template.id, buildDefaultTemplateBody()),
    );
    expect(getOrdersBody.fieldErrors?.["shipping.city"]).toMatch(/not a SellerCloud shipping-update field/);
    // And the other way round: a Get Orders template still validates as Get Orders.
    const wrongKind = await rejection(
      createTemplate(ctx.db, workspaceId, {
        channelId,
        kind: "get_orders",
        name: "Orders",
        body: buildDefaultSyncTemplateBody(),
      }),
    );
    expect(wrongKind.fieldErrors?.carrier).toMatch(/not a Conduit order field/);
  });
});
