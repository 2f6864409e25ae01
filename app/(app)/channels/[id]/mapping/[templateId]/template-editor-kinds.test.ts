import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it, vi } from "vitest";
import { TemplateEditor } from "@/components/mapping/template-editor";
import { buildDefaultTemplateBody } from "@/lib/mapping/default-template";
import { buildDefaultSyncTemplateBody, SYNC_SOURCE_TREE, SYNC_TARGET_FIELDS } from "@/lib/mapping/sync-targets";

// The editor page's client component, rendered as the server sends it (no browser, no next build).
vi.mock("next/navigation", () => ({ useRouter: () => ({ refresh() {}, push() {} }) }));
vi.mock("@/lib/server/actions/mapping-actions", () => ({
  createMappingSetAction: vi.fn(),
  saveTemplateAction: vi.fn(),
  updateMappingSetAction: vi.fn(),
  parseMappingSetCsvAction: vi.fn(),
}));

const common = {
  channelId: "00000000-0000-4000-8000-000000000001",
  templateId: "00000000-0000-4000-8000-000000000002",
  baseVersion: 1,
  latestVersion: 1,
  initialSets: [],
};

describe("template editor for each kind", () => {
  it("renders a Sync Orders template: shipping-update rows from Conduit's fields, with the status explained", () => {
    // The Sync Orders editor now previews on a real shipment (a TanStack Query picker), like Get Orders.
    const editor = createElement(TemplateEditor, {
      ...common,
      kind: "sync_orders",
      targets: SYNC_TARGET_FIELDS,
      sourceTree: SYNC_SOURCE_TREE,
      initialBody: buildDefaultSyncTemplateBody(),
    });
    const html = renderToStaticMarkup(createElement(QueryClientProvider, { client: new QueryClient() }, editor));
    expect(html).toContain("SellerCloud shipping update");
    for (const target of SYNC_TARGET_FIELDS) expect(html).toContain(`data-testid="row-${target.key}"`);
    expect(html).toContain("Fully Shipped is the only status these calls accept today");
    expect(html).toContain("Conduit field for Order › Carrier");
    expect(html).toContain("Shipment › Carrier (SellerCloud name, from shipping mappings)");
    // No SellerCloud order preview: the sources are Conduit's shipment, not a SellerCloud order.
    expect(html).not.toContain("Pick a SellerCloud order");
    expect(html).not.toContain('data-testid="row-shipping.city"');
  });

  it("still renders a Get Orders template as before", () => {
    const editor = createElement(TemplateEditor, { ...common, initialBody: buildDefaultTemplateBody() });
    const html = renderToStaticMarkup(createElement(QueryClientProvider, { client: new QueryClient() }, editor));
    expect(html).toContain('data-testid="row-shipping.city"');
    expect(html).toContain("SellerCloud field for Shipping address › City");
    expect(html).not.toContain("SellerCloud shipping update");
  });
});
