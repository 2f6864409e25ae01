import { describe, expect, it } from "vitest";
import {
  type ChannelState,
  canOpenStep,
  furthestReachableStep,
  missingRequiredSteps,
  resumeStep,
  STEP_IDS,
  stepStatus,
  WIZARD_STEPS,
} from "./wizard";

const base: ChannelState = {
  id: "c",
  name: "Main",
  status: "draft",
  integrationType: "sellercloud",
  connection: {
    id: "k",
    name: "SC",
    username: "me",
    serverId: "demo",
    apiUrl: null,
    hasPassword: true,
    hasApiToken: false,
    lastTestedAt: null,
    lastTestResult: null,
  },
  operations: [],
  settings: { shippingMappings: [] },
  completedSteps: ["details", "integration", "connect"],
  currentStep: "operations",
  activatedAt: null,
};
const withOps = (ops: ChannelState["operations"][number]["operation"][]): ChannelState => ({
  ...base,
  operations: ops.map((operation) => ({ operation, enabled: true, schedule: { kind: "manual" }, nextRunAt: null })),
});

describe("wizard steps", () => {
  it("declares every step once, with review last", () => {
    expect(new Set(STEP_IDS).size).toBe(STEP_IDS.length);
    expect(STEP_IDS.at(-1)).toBe("review");
    for (const id of STEP_IDS) expect(WIZARD_STEPS[id].id).toBe(id);
  });

  it("stops a deep link at the first required step still missing", () => {
    expect(furthestReachableStep({ ...base, connection: null })).toBe("connect");
    expect(canOpenStep({ ...base, connection: null }, "pricing")).toBe(false);
    expect(furthestReachableStep(base)).toBe("operations");
    // With only Sync Orders enabled, link and order settings do not block.
    expect(furthestReachableStep(withOps(["sync_orders"]))).toBe("schedules");
    expect(furthestReachableStep(withOps(["get_orders"]))).toBe("orders");
  });

  it("requires link settings only for Link Listings and order settings only for Get Orders", () => {
    expect(missingRequiredSteps(withOps(["link_listings"])).map((s) => s.id)).toEqual(["linking", "schedules"]);
    expect(missingRequiredSteps(withOps(["get_orders"])).map((s) => s.id)).toEqual(["orders", "schedules"]);
    expect(stepStatus(withOps(["sync_orders"]), "linking", null)).toBe("not_needed");
    expect(stepStatus(base, "linking", null)).toBe("todo");
    expect(stepStatus(withOps(["sync_orders"]), "pricing", null)).toBe("optional");
    expect(stepStatus(base, "connect", "operations")).toBe("done");
    expect(stepStatus(base, "operations", "operations")).toBe("current");
  });

  it("resumes at the saved step unless it is out of reach", () => {
    expect(resumeStep({ ...base, currentStep: "operations" })).toBe("operations");
    expect(resumeStep({ ...base, currentStep: "review" })).toBe("operations");
    expect(resumeStep({ ...base, currentStep: "nonsense" })).toBe("details");
  });
});
