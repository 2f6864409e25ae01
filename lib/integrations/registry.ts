/**
 * The integration types a channel can use. One registry, read by the wizard's "Integration type"
 * step and checked by the server; SellerCloud is the only type Conduit supports today.
 */
export interface IntegrationType {
  id: string;
  name: string;
  description: string;
  /** Fields the Connect step asks for. */
  connectionFields: readonly string[];
}

export const INTEGRATION_TYPES = [
  {
    id: "sellercloud",
    name: "SellerCloud",
    description:
      "Link your listings to existing SellerCloud products, import SellerCloud orders and send tracking numbers back.",
    connectionFields: ["username", "password", "serverId", "apiUrl", "apiToken"],
  },
] as const satisfies readonly IntegrationType[];

export type IntegrationTypeId = (typeof INTEGRATION_TYPES)[number]["id"];
export const INTEGRATION_TYPE_IDS = INTEGRATION_TYPES.map((t) => t.id) as [IntegrationTypeId, ...IntegrationTypeId[]];

export function findIntegrationType(id: string | null | undefined): IntegrationType | undefined {
  return INTEGRATION_TYPES.find((t) => t.id === id);
}
