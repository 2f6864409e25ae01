import { expect, it } from "vitest";
import { describeEachDb } from "@/db/testing/describe-db";
import { AppError } from "@/lib/errors";
import { seedChannel } from "@/lib/operations/testing/fixtures";
import { buildDefaultTemplateBody } from "./default-template";
import {
  createMappingSet,
  deleteMappingSet,
  listMappingSets,
  loadMappingSetCsv,
  loadSetsForTemplate,
  parseMappingSetCsv,
  updateMappingSet,
} from "./set-queries";
import {
  activateTemplate,
  createTemplate,
  deleteTemplate,
  duplicateTemplate,
  ensureActiveGetOrdersTemplate,
  getActiveTemplate,
  getTemplate,
  listTemplates,
  listTemplateVersions,
  saveTemplateVersion,
} from "./template-queries";

async function rejection(promise: Promise<unknown>): Promise<AppError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error("expected an AppError");
}

describeEachDb("mapping templates and sets", (ctx) => {
  it("creates the recommended template once and keeps it active", async () => {
    const { workspaceId, channelId } = await seedChannel(ctx.db);
    const first = await ensureActiveGetOrdersTemplate(ctx.db, workspaceId, channelId);
    const again = await ensureActiveGetOrdersTemplate(ctx.db, workspaceId, channelId);
    expect(again.version.id).toBe(first.version.id);
    expect(first.template).toMatchObject({ isActive: true, kind: "get_orders", name: "Test channel – recommended" });
    expect(first.version).toMatchObject({ version: 1, body: buildDefaultTemplateBody() });
  });

  it("saves each edit as a new version and keeps the old ones", async () => {
    const { workspaceId, channelId } = await seedChannel(ctx.db);
    const { template } = await ensureActiveGetOrdersTemplate(ctx.db, workspaceId, channelId);
    const body = buildDefaultTemplateBody();
    body.fields["shipping.countryName"] = { mode: "value", value: "USA" };
    const v2 = await saveTemplateVersion(ctx.db, workspaceId, template.id, body);
    expect(v2.version).toBe(2);
    expect((await getTemplate(ctx.db, workspaceId, template.id)).version.id).toBe(v2.id);
    expect((await listTemplateVersions(ctx.db, workspaceId, template.id)).map((v) => v.version)).toEqual([2, 1]);
    expect((await listTemplates(ctx.db, workspaceId, { channelId }))[0]).toMatchObject({ latestVersion: 2 });
  });

  it("refuses an invalid template with a message per row", async () => {
    const { workspaceId, channelId } = await seedChannel(ctx.db);
    const body = buildDefaultTemplateBody();
    body.fields["shipping.city"] = { mode: "none" };
    body.fields["order.taxTotal"] = { mode: "field", path: "Nope" };
    body.fields["order.shippingService"] = {
      mode: "mapping_set",
      setId: "",
      path: "ID",
      fallback: { kind: "pass_through" },
    };
    const error = await rejection(
      createTemplate(ctx.db, workspaceId, { channelId, kind: "get_orders", name: "Bad", body }),
    );
    expect(error.code).toBe("VALIDATION");
    expect(error.fieldErrors).toMatchObject({
      "shipping.city": expect.stringContaining("required"),
      "order.taxTotal": expect.stringContaining('unknown SellerCloud field "Nope"'),
      "order.shippingService": "Mapping set: choose a mapping set",
    });
  });

  it("duplicates the latest version and switches the active template", async () => {
    const { workspaceId, channelId } = await seedChannel(ctx.db);
    const original = await ensureActiveGetOrdersTemplate(ctx.db, workspaceId, channelId);
    const body = buildDefaultTemplateBody();
    body.fields["order.shippingService"] = { mode: "value", value: "Ground" };
    await saveTemplateVersion(ctx.db, workspaceId, original.template.id, body);
    const copy = await duplicateTemplate(ctx.db, workspaceId, original.template.id);
    expect(copy.template).toMatchObject({ name: "Test channel – recommended (copy)", isActive: false });
    expect(copy.version).toMatchObject({ version: 1, body });
    const copy2 = await duplicateTemplate(ctx.db, workspaceId, original.template.id);
    expect(copy2.template.name).toBe("Test channel – recommended (copy 2)");

    await activateTemplate(ctx.db, workspaceId, copy.template.id);
    expect((await getActiveTemplate(ctx.db, workspaceId, channelId, "get_orders"))?.template.id).toBe(copy.template.id);
    expect((await rejection(deleteTemplate(ctx.db, workspaceId, copy.template.id))).code).toBe("CONFLICT");
    await deleteTemplate(ctx.db, workspaceId, original.template.id);
  });

  it("keeps templates and sets inside their workspace", async () => {
    const a = await seedChannel(ctx.db);
    const b = await seedChannel(ctx.db);
    const { template } = await ensureActiveGetOrdersTemplate(ctx.db, a.workspaceId, a.channelId);
    expect((await rejection(getTemplate(ctx.db, b.workspaceId, template.id))).code).toBe("NOT_FOUND");
    expect(
      (
        await rejection(
          createTemplate(ctx.db, b.workspaceId, {
            channelId: a.channelId,
            kind: "get_orders",
            name: "x",
            body: buildDefaultTemplateBody(),
          }),
        )
      ).code,
    ).toBe("NOT_FOUND");
  });

  it("loads mapping sets from CSV, edits them and refuses to delete one in use", async () => {
    const { workspaceId, channelId } = await seedChannel(ctx.db);
    const set = await loadMappingSetCsv(ctx.db, workspaceId, {
      name: "Services",
      csv: 'From,To\nUPS Ground,Ground\n"FedEx, Home",Home\n ,skipped\n',
    });
    expect(set.entries).toEqual([
      { from: "UPS Ground", to: "Ground" },
      { from: "FedEx, Home", to: "Home" },
    ]);
    const replaced = await loadMappingSetCsv(ctx.db, workspaceId, { setId: set.id, csv: "a,b\nc,d" });
    expect(replaced.entries).toEqual([
      { from: "a", to: "b" },
      { from: "c", to: "d" },
    ]);
    await updateMappingSet(ctx.db, workspaceId, set.id, { name: "Carrier services" });
    expect(
      (await rejection(createMappingSet(ctx.db, workspaceId, { name: "Carrier services", entries: [] }))).code,
    ).toBe("CONFLICT");

    const body = buildDefaultTemplateBody();
    body.fields["order.shippingService"] = {
      mode: "mapping_set",
      setId: set.id,
      path: "ShippingService",
      fallback: { kind: "pass_through" },
    };
    const created = await createTemplate(ctx.db, workspaceId, {
      channelId,
      kind: "get_orders",
      name: "With set",
      body,
    });
    expect(await loadSetsForTemplate(ctx.db, workspaceId, created.version.body)).toEqual([
      { id: set.id, name: "Carrier services", entries: replaced.entries },
    ]);
    expect((await rejection(deleteMappingSet(ctx.db, workspaceId, set.id))).message).toContain("With set");

    await saveTemplateVersion(ctx.db, workspaceId, created.template.id, buildDefaultTemplateBody());
    await deleteMappingSet(ctx.db, workspaceId, set.id);
    expect(await listMappingSets(ctx.db, workspaceId)).toEqual([]);
  });

  it("reads CSV without a header and rejects one-column rows", async () => {
    expect(await parseMappingSetCsv("x,y\n")).toEqual([{ from: "x", to: "y" }]);
    expect(await parseMappingSetCsv("to,from\n1,2")).toEqual([{ from: "2", to: "1" }]);
    await expect(parseMappingSetCsv("only-one\n")).rejects.toThrow("needs two columns");
    expect(await parseMappingSetCsv("")).toEqual([]);
  });

  it("reads mapping-set files as every upload is read", async () => {
    // Windows-1252, semicolons, and a value with a comma.
    const bytes = Buffer.from("From;To\nCaf\xE9 Men\x92s;Coffee, men\nR\xE9sum\xE9;CV\n", "latin1");
    expect(await parseMappingSetCsv(bytes)).toEqual([
      { from: "Café Men’s", to: "Coffee, men" },
      { from: "Résumé", to: "CV" },
    ]);
    const png = Buffer.from("89504e470d0a1a0a0000000d4948445200000001", "hex");
    await expect(parseMappingSetCsv(png)).rejects.toMatchObject({ code: "VALIDATION", message: /PNG image/ });
    await expect(parseMappingSetCsv('from,to\na,b\n"c,d\ne,f\n')).rejects.toMatchObject({
      code: "VALIDATION",
      message: expect.stringMatching(
        /^The CSV could not be read: Row 3 \(line 3\): a quote opens in this row and is never closed/,
      ),
    });
  });
});
