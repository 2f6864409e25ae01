/**
 * Each wizard step's form values when the step opens: what the channel has saved, else the
 * step's defaults. The forms start from exactly these values (no reshaping of their own), and
 * lib/channels/step-defaults.test.ts checks, for every step in the table, that they pass the
 * step's schema, so a default can always be saved with Save & Next. A field left out here is
 * one the user must fill in (the company before SellerCloud can be asked, the connection).
 * Shared by client and server (no server-only imports).
 */

import { INTEGRATION_TYPE_IDS } from "@/lib/integrations/registry";
import { DEFAULT_PRICING_RULES } from "./pricing";
import { OrderStatus } from "@/lib/sellercloud/enums";
import { DEFAULT_LINK_PRIORITY } from "./settings";
import type { ChannelState, StepFormValues, StepId } from "./wizard";

/** A step's starting form values; fields the user must choose may be absent. */
export type StepFormDefaults<K extends StepId> = Partial<StepFormValues<K>>;

export const STEP_FORM_DEFAULTS: { [K in StepId]: (channel: ChannelState) => StepFormDefaults<K> } = {
  details: (channel) => ({ name: channel.name }),
  integration: (channel) => ({
    integrationType: INTEGRATION_TYPE_IDS.find((id) => id === channel.integrationType) ?? "sellercloud",
  }),
  // Secrets are never sent back: the password and token fields start empty (blank keeps the saved one).
  connect: ({ connection: c }) => ({
    name: c?.name ?? "",
    username: c?.username ?? "",
    password: "",
    serverId: c?.serverId ?? "",
    apiUrl: c?.apiUrl ?? "",
    apiToken: "",
    clearApiToken: false,
  }),
  operations: (channel) => ({
    operations: channel.operations.length
      ? channel.operations.filter((o) => o.enabled).map((o) => o.operation)
      : ["link_listings", "get_orders", "sync_orders"],
  }),
  listings: ({ settings }) => {
    const saved = settings.listingManagement;
    // The list is one comma-separated text box; the step's schema splits it.
    return {
      scope: saved?.scope ?? "all",
      values: (saved?.values ?? []).join(", "),
      autoLinkNew: saved?.autoLinkNew ?? true,
    };
  },
  pricing: ({ settings }) => settings.pricing ?? DEFAULT_PRICING_RULES,
  linking: ({ settings }) => settings.link ?? { mode: "default", priority: DEFAULT_LINK_PRIORITY },
  shipping: ({ settings }) => ({ mappings: settings.shippingMappings }),
  orders: ({ settings }) =>
    settings.orders ?? {
      orderStatus: OrderStatus.InProcess,
      dropshipStatus: null,
      // The company chosen for Link Listings is offered again here.
      companyId: settings.link?.companyId,
      ageDays: 7,
      retention: "keep",
      partialShipments: "wait",
    },
  schedules: (channel) => ({
    schedules: channel.operations
      .filter((o) => o.enabled)
      .map((o) => ({ operation: o.operation, schedule: o.schedule })),
  }),
  review: () => ({}),
};

/** The starting form values of one step, typed for that step. */
export function stepFormDefaults<K extends StepId>(step: K, channel: ChannelState): StepFormDefaults<K> {
  return STEP_FORM_DEFAULTS[step](channel);
}
