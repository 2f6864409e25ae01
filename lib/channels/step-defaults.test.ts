import { describe, expect, it } from "vitest";
import { DEFAULT_PRICING_RULES } from "./pricing";
import { STEP_FORM_DEFAULTS, type StepFormDefaults } from "./step-defaults";
import { type ChannelState, STEP_IDS, type StepId, WIZARD_STEPS } from "./wizard";

/**
 * Every wizard step's form opens with values Save & Next can send: for each step in the table,
 * its starting values pass the step's schema. A field that cannot have a default (the
 * connection, the company) is listed below as what the user must enter; without it the schema
 * complains about exactly that field, which the form shows with its message.
 */

/** A new channel, as it is when each step is first opened after the steps before it. */
const fresh: ChannelState = {
  id: "c",
  name: "Main",
  status: "draft",
  integrationType: null,
  connection: null,
  operations: [],
  settings: { shippingMappings: [] },
  completedSteps: ["details"],
  currentStep: "integration",
  activatedAt: null,
};
const reached: ChannelState = {
  ...fresh,
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
  operations: (["link_listings", "get_orders", "sync_orders"] as const).map((operation) => ({
    operation,
    enabled: true,
    schedule: { kind: "manual" },
    nextRunAt: null,
  })),
};
/** A channel with every step saved, so its forms open with saved values. */
const saved: ChannelState = {
  ...reached,
  status: "active",
  operations: reached.operations.map((o, i) =>
    i === 0
      ? { ...o, schedule: { kind: "cron", expression: "0 3 * * 1" } }
      : { ...o, schedule: { kind: "hourly", minute: 15 } },
  ),
  settings: {
    listingManagement: { scope: "brand", values: ["Acme", "Zeta"], autoLinkNew: false },
    pricing: DEFAULT_PRICING_RULES,
    link: { mode: "custom", companyId: 1, priority: [{ listingField: "upc", sellercloudField: "UPC" }] },
    orders: {
      orderStatus: 2,
      dropshipStatus: null,
      companyId: 1,
      ageDays: 14,
      retention: "60",
      partialShipments: "wait",
    },
    shippingMappings: [
      { conduitCarrier: "ups", conduitService: "", sellercloudCarrier: "UPS", sellercloudService: "UPS Ground" },
    ],
  },
};

/** What a new user must type or choose on a step before it can be saved (nothing, for most). */
const USER_MUST_ENTER: { [K in StepId]: StepFormDefaults<K> } = {
  details: {},
  integration: {},
  connect: { name: "My SellerCloud", serverId: "acme" },
  operations: {},
  listings: {},
  pricing: {},
  linking: { companyId: 1 },
  shipping: {},
  orders: { companyId: 1 },
  schedules: {},
  review: {},
};

function issuesOf(step: StepId, values: unknown): string[] {
  const result = WIZARD_STEPS[step].schema.safeParse(values);
  return result.success ? [] : result.error.issues.map((i) => i.path.join("."));
}

describe("every wizard step's default can be saved", () => {
  it.each(STEP_IDS)("%s: a new channel's defaults (plus what only the user knows) pass the step's schema", (step) => {
    const state = step === "details" || step === "integration" || step === "connect" ? fresh : reached;
    const defaults = STEP_FORM_DEFAULTS[step](state);
    const mustEnter = USER_MUST_ENTER[step];
    expect(issuesOf(step, { ...defaults, ...mustEnter })).toEqual([]);
    // Without the user's entry the only complaints are about those fields, which the form shows.
    expect(new Set(issuesOf(step, defaults))).toEqual(new Set(Object.keys(mustEnter)));
  });

  it.each(STEP_IDS)("%s: a saved channel's values open in the form and save again unchanged", (step) => {
    const parsed = WIZARD_STEPS[step].schema.safeParse(STEP_FORM_DEFAULTS[step](saved));
    expect(parsed.success ? [] : parsed.error.issues).toEqual([]);
  });

  it("keeps a saved listing scope's list as it was saved", () => {
    const values = STEP_FORM_DEFAULTS.listings(saved);
    expect(values.values).toBe("Acme, Zeta");
    expect(WIZARD_STEPS.listings.schema.parse(values).values).toEqual(["Acme", "Zeta"]);
  });
});
