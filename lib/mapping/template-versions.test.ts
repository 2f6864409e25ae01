import { expect, it } from "vitest";
import { describeEachDb } from "@/db/testing/describe-db";
import { seedChannel } from "@/lib/operations/testing/fixtures";
import { buildDefaultTemplateBody } from "./default-template";
import { describeMapping, diffTemplateBodies } from "./template-diff";
import {
  ensureActiveGetOrdersTemplate,
  getTemplate,
  listTemplateVersions,
  restoreTemplateVersion,
  saveTemplateVersion,
} from "./template-queries";

it("describes each mapping mode in words", () => {
  const sets = new Map([["6f1f1b8e-0000-4000-8000-000000000001", "Carriers"]]);
  expect(describeMapping(undefined, sets)).toBe("Don't Map");
  expect(describeMapping({ mode: "field", path: "ShippingAddress.City" }, sets)).toBe("Field: ShippingAddress.City");
  expect(describeMapping({ mode: "value", value: "USA" }, sets)).toBe("Value: “USA”");
  expect(
    describeMapping(
      {
        mode: "mapping_set",
        setId: "6f1f1b8e-0000-4000-8000-000000000001",
        path: "ShippingCarrier",
        fallback: { kind: "pass_through" },
      },
      sets,
    ),
  ).toBe("Mapping Set Carriers on ShippingCarrier, otherwise the value as it is");
  expect(
    describeMapping(
      {
        mode: "rules",
        rules: [
          {
            match: "all",
            conditions: [
              { path: "ShippingCountry", op: "equals", value: "US" },
              { path: "Zip", op: "is_empty" },
            ],
            output: { kind: "value", value: "Domestic" },
          },
        ],
        default: { kind: "empty" },
      },
      sets,
    ),
  ).toBe("Rules: if ShippingCountry equals “US” and Zip is empty then “Domestic”; otherwise empty");
});

it("diffs two bodies side by side, in the targets' order, marking only what changed", () => {
  const left = buildDefaultTemplateBody();
  const right = buildDefaultTemplateBody();
  right.fields["shipping.countryName"] = { mode: "value", value: "USA" };
  const rows = diffTemplateBodies(left, right, "get_orders");
  const changed = rows.filter((r) => r.changed);
  expect(changed).toHaveLength(1);
  expect(changed[0]).toMatchObject({ key: "shipping.countryName", label: "Shipping address · Country name" });
  expect(changed[0]!.right).toBe("Value: “USA”");
  expect(rows.length).toBeGreaterThan(20);
});

describeEachDb("template versions: restore", (ctx) => {
  it("restores an old version as the next version, leaving history as it was", async () => {
    const { workspaceId, channelId } = await seedChannel(ctx.db);
    const { template, version: v1 } = await ensureActiveGetOrdersTemplate(ctx.db, workspaceId, channelId);
    const body = buildDefaultTemplateBody();
    body.fields["shipping.countryName"] = { mode: "value", value: "USA" };
    await saveTemplateVersion(ctx.db, workspaceId, template.id, body);
    const restored = await restoreTemplateVersion(ctx.db, workspaceId, template.id, v1.id);
    expect(restored.version).toBe(3);
    expect(restored.body).toEqual(v1.body);
    expect((await getTemplate(ctx.db, workspaceId, template.id)).version.id).toBe(restored.id);
    expect((await listTemplateVersions(ctx.db, workspaceId, template.id)).map((v) => v.version)).toEqual([3, 2, 1]);
  });

  it("refuses a version of another template or another workspace", async () => {
    const a = await seedChannel(ctx.db);
    const b = await seedChannel(ctx.db);
    const { template: ta } = await ensureActiveGetOrdersTemplate(ctx.db, a.workspaceId, a.channelId);
    const { version: vb } = await ensureActiveGetOrdersTemplate(ctx.db, b.workspaceId, b.channelId);
    await expect(restoreTemplateVersion(ctx.db, a.workspaceId, ta.id, vb.id)).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
  });
});
