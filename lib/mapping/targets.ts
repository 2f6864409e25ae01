/**
 * The Conduit order fields a mapping template fills, in the order the editor shows them.
 * `column` is the orders / order_items column the value lands in.
 */
export const VALUE_TYPES = ["text", "number", "money", "date", "integer"] as const;
export type ValueType = (typeof VALUE_TYPES)[number];

export type TargetGroup = "billing" | "shipping" | "order" | "item";
export const TARGET_GROUP_LABELS: Record<TargetGroup, string> = {
  billing: "Billing address",
  shipping: "Shipping address",
  order: "Order",
  item: "Order item",
};

export interface TargetField {
  key: string;
  group: TargetGroup;
  label: string;
  type: ValueType;
  /** A required target cannot be Don't Map / Set to Empty, and an order whose value comes out empty is skipped. */
  required: boolean;
  column: string;
}

const ADDRESS_FIELDS: Array<[name: string, label: string, required: boolean]> = [
  ["city", "City", false],
  ["companyName", "Company name", false],
  ["countryCode", "Country code", false],
  ["countryName", "Country name", false],
  ["firstName", "First name", false],
  ["lastName", "Last name", false],
  ["phone", "Phone", false],
  ["postalCode", "Postal code", false],
  ["stateCode", "State code", false],
  ["stateName", "State name", false],
  ["street1", "Street line 1", false],
  ["street2", "Street line 2", false],
];

// Only the shipping address is required: without it nothing can be shipped. Billing is often
// absent on marketplace orders, and postal code / state are optional in many countries.
const SHIPPING_REQUIRED = new Set(["city", "countryCode", "street1"]);

function snake(name: string): string {
  return name.replace(/([A-Z])/g, (c) => `_${c.toLowerCase()}`);
}

function addressTargets(group: "billing" | "shipping"): TargetField[] {
  return ADDRESS_FIELDS.map(([name, label]) => ({
    key: `${group}.${name}`,
    group,
    label,
    type: "text" as const,
    required: group === "shipping" && SHIPPING_REQUIRED.has(name),
    column: `${group}_${snake(name)}`,
  }));
}

export const TARGET_FIELDS: readonly TargetField[] = [
  ...addressTargets("billing"),
  ...addressTargets("shipping"),
  {
    key: "order.grandTotal",
    group: "order",
    label: "Grand total",
    type: "money",
    required: true,
    column: "grand_total",
  },
  {
    key: "order.orderSourceOrderId",
    group: "order",
    label: "Order source order ID",
    type: "text",
    required: false,
    column: "order_source_order_id",
  },
  {
    key: "order.shippingService",
    group: "order",
    label: "Shipping service",
    type: "text",
    required: false,
    column: "shipping_service",
  },
  {
    key: "order.shippingTotal",
    group: "order",
    label: "Shipping total",
    type: "money",
    required: false,
    column: "shipping_total",
  },
  { key: "order.taxTotal", group: "order", label: "Tax total", type: "money", required: false, column: "tax_total" },
  {
    key: "order.timeOfOrder",
    group: "order",
    label: "Time of order",
    type: "date",
    required: true,
    column: "time_of_order",
  },
  {
    key: "item.adjustedSitePrice",
    group: "item",
    label: "Adjusted site price",
    type: "money",
    required: false,
    column: "adjusted_site_price",
  },
  {
    key: "item.displayName",
    group: "item",
    label: "Display name",
    type: "text",
    required: false,
    column: "display_name",
  },
  {
    key: "item.originalBasePrice",
    group: "item",
    label: "Original base price",
    type: "money",
    required: false,
    column: "original_base_price",
  },
  { key: "item.productId", group: "item", label: "Product ID", type: "text", required: true, column: "product_id" },
  { key: "item.quantity", group: "item", label: "Quantity", type: "integer", required: true, column: "quantity" },
  { key: "item.sitePrice", group: "item", label: "Site price", type: "money", required: false, column: "site_price" },
  { key: "item.weight", group: "item", label: "Weight", type: "number", required: false, column: "weight" },
];

const BY_KEY = new Map(TARGET_FIELDS.map((t) => [t.key, t]));

export function findTarget(key: string): TargetField | undefined {
  return BY_KEY.get(key);
}
