import { describe, expect, it } from "vitest";
import type { Operation } from "./settings";
import { type ChannelState, stepStatus } from "./wizard";

const withOps = (enabled: Operation[]): ChannelState => ({
  id: "c",
  name: "Shop",
  status: "draft",
  integrationType: "custom",
  connection: null,
  operations: (["link_listings", "get_orders", "sync_orders"] as const).map((operation) => ({
    operation,
    enabled: enabled.includes(operation),
    schedule: { kind: "manual" },
    nextRunAt: null,
  })),
  settings: { shippingMappings: [] },
  completedSteps: ["operations"],
  currentStep: "review",
  activatedAt: null,
});

describe("steps for processes that are off read the same (issue 14 §14)", () => {
  it("with only Link Listings on, shipping mappings and order settings are both not needed", () => {
    const state = withOps(["link_listings"]);
    expect(stepStatus(state, "shipping", null)).toBe("not_needed");
    expect(stepStatus(state, "orders", null)).toBe("not_needed");
  });

  it("with Sync Orders on, both are optional (Sync Orders reads partial shipments and the time zone)", () => {
    const state = withOps(["sync_orders"]);
    expect(stepStatus(state, "shipping", null)).toBe("optional");
    expect(stepStatus(state, "orders", null)).toBe("optional");
    expect(stepStatus(state, "linking", null)).toBe("not_needed");
  });
});
