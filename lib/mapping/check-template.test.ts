/**
 * The browser's template checks (check-template.ts, sync-checks.ts) give the server's messages
 * (validate-template.ts, sync-evaluate.ts, which parse with zod first), and reach no zod: the
 * template editor's JavaScript stays without it.
 */
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { checkTemplate } from "./check-template";
import { checkSyncTemplate } from "./sync-checks";
import { validateSyncTemplate } from "./sync-evaluate";
import type { FieldMapping, TemplateBody } from "./template";
import { validateTemplate } from "./validate-template";

const SET_ID = "5b0c1a9e-8f3d-4c2a-9e1b-7d6f5a4c3b2a";
const sets = [{ id: SET_ID, name: "Carriers", entries: [{ from: "UPS", to: "UPS Ground" }] }];
const body = (fields: Record<string, FieldMapping>): TemplateBody => ({ format: 1, fields });

const GET_ORDERS_BODIES: Array<[string, TemplateBody]> = [
  ["valid", body({ orderNumber: { mode: "field", path: "ID" } })],
  ["an empty field", body({ orderNumber: { mode: "field", path: " " } })],
  ["an unknown field", body({ orderNumber: { mode: "field", path: "NoSuchField" } })],
  ["an unknown target", body({ notATarget: { mode: "value", value: "x" } })],
  [
    "no mapping set chosen",
    body({ orderNumber: { mode: "mapping_set", setId: "", path: "ID", fallback: { kind: "pass_through" } } }),
  ],
  [
    "a missing set",
    body({
      orderNumber: {
        mode: "mapping_set",
        setId: "9b0c1a9e-8f3d-4c2a-9e1b-7d6f5a4c3b2a",
        path: "ID",
        fallback: { kind: "pass_through" },
      },
    }),
  ],
  [
    "a rule without conditions",
    body({
      orderNumber: {
        mode: "rules",
        rules: [{ match: "all", conditions: [], output: { kind: "value", value: "A" } }],
        default: { kind: "empty" },
      },
    }),
  ],
  [
    "a rule comparing a text with gt",
    body({
      orderNumber: {
        mode: "rules",
        rules: [
          { match: "all", conditions: [{ path: "ID", op: "gt", value: "abc" }], output: { kind: "value", value: "A" } },
        ],
        default: { kind: "value", value: "B" },
      },
    }),
  ],
  ["a required field left empty", body({ orderNumber: { mode: "empty" } })],
];

describe("template checks in the browser", () => {
  it.each(GET_ORDERS_BODIES)("Get Orders: %s gives the server's messages", (_, b) => {
    const server = validateTemplate(b, sets);
    const browser = checkTemplate(b, sets);
    expect(browser.ok).toBe(server.ok);
    if (!server.ok && !browser.ok) expect(browser.errors).toEqual(server.errors);
  });

  it("lists every row's problems at once, each naming its place", () => {
    const b = body({
      orderNumber: { mode: "field", path: "ID" },
      "order.shippingService": { mode: "mapping_set", setId: "", path: "ID", fallback: { kind: "pass_through" } },
      "order.orderSourceOrderId": {
        mode: "rules",
        rules: [
          { match: "all", conditions: [{ path: "ID", op: "is_not_empty" }], output: { kind: "field", path: "ID" } },
          { match: "all", conditions: [{ path: "", op: "is_empty" }], output: { kind: "field", path: "" } },
        ],
        default: { kind: "empty" },
      },
      "order.grandTotal": { mode: "empty" },
    });
    const server = validateTemplate(b, sets);
    expect(server.ok).toBe(false);
    if (server.ok) return;
    expect(server.errors).toMatchObject({
      "order.shippingService": "Mapping set: choose a mapping set",
      "order.orderSourceOrderId":
        "Rule 2, condition 1: choose a SellerCloud field; Rule 2 output: choose a SellerCloud field",
      "order.grandTotal": expect.stringMatching(/^Grand total is required/),
    });
    expect(checkTemplate(b, sets)).toEqual(server);
  });

  it("Sync Orders: a status SellerCloud refuses, and an empty field, give the server's messages", () => {
    for (const b of [
      body({ shippingStatus: { mode: "value", value: "Delivered" } }),
      body({ trackingNumber: { mode: "field", path: "" } }),
    ]) {
      const server = validateSyncTemplate(b, sets);
      const browser = checkSyncTemplate(b, sets);
      expect(browser.ok).toBe(false);
      if (!server.ok && !browser.ok) expect(browser.errors).toEqual(server.errors);
    }
  });

  it("reaches no zod from the modules the editor imports", () => {
    const root = process.cwd();
    const seen = new Set<string>();
    const reached: string[] = [];
    const visit = (file: string) => {
      if (seen.has(file)) return;
      seen.add(file);
      const text = fs.readFileSync(file, "utf8");
      // Server actions reach the browser as references, not code.
      if (/^\s*["']use server["']/.test(text)) return;
      // Value imports and re-exports: `import type` / `export type` are erased from the browser's code.
      for (const m of text.matchAll(/^(?:import|export)\s+(?!type\s)[^;]*?from\s+"([^"]+)"/gms)) {
        const spec = m[1]!;
        if (spec === "zod" || spec.startsWith("zod/")) reached.push(path.relative(root, file));
        const base = spec.startsWith("@/")
          ? path.join(root, spec.slice(2))
          : spec.startsWith(".")
            ? path.resolve(path.dirname(file), spec)
            : null;
        if (!base) continue;
        const resolved = [`${base}.ts`, `${base}.tsx`, path.join(base, "index.ts")].find((f) => fs.existsSync(f));
        if (resolved) visit(resolved);
      }
    };
    for (const entry of ["components/mapping/template-editor.tsx"]) visit(path.join(root, entry));
    expect(seen.size).toBeGreaterThan(10);
    expect(reached).toEqual([]);
  });
});
