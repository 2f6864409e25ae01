/**
 * The recommended Get Orders template: every Conduit field from its natural SellerCloud list-DTO
 * field. A new channel gets it as its first (active) template.
 */
import type { FieldMapping, TemplateBody } from "./template";

const ADDRESS_SOURCES: Record<string, string> = {
  city: "City",
  companyName: "CompanyName",
  countryCode: "CountryCode",
  countryName: "CountryName",
  firstName: "FirstName",
  lastName: "LastName",
  phone: "PhoneNumber",
  postalCode: "PostalCode",
  stateCode: "StateCode",
  stateName: "StateName",
  street1: "StreetLine1",
  street2: "StreetLine2",
};

const ORDER_SOURCES: Record<string, string> = {
  "order.grandTotal": "GrandTotal",
  "order.orderSourceOrderId": "OrderSourceOrderID",
  "order.shippingService": "ShippingService",
  "order.shippingTotal": "ShippingTotal",
  "order.taxTotal": "TaxTotal",
  "order.timeOfOrder": "TimeOfOrder",
  "item.adjustedSitePrice": "Items.AdjustedSitePrice",
  "item.displayName": "Items.DisplayName",
  "item.originalBasePrice": "Items.OriginalBasePrice",
  // ProductID is the SellerCloud SKU, the same key Link Listings matches catalog variants on.
  "item.productId": "Items.ProductID",
  "item.quantity": "Items.Qty",
  "item.sitePrice": "Items.SitePrice",
  "item.weight": "Items.Weight",
};

export function buildDefaultTemplateBody(): TemplateBody {
  const fields: Record<string, FieldMapping> = {};
  for (const [name, source] of Object.entries(ADDRESS_SOURCES)) {
    fields[`billing.${name}`] = { mode: "field", path: `BillingAddress.${source}` };
    fields[`shipping.${name}`] = { mode: "field", path: `ShippingAddress.${source}` };
  }
  for (const [key, path] of Object.entries(ORDER_SOURCES)) fields[key] = { mode: "field", path };
  return { format: 1, fields };
}

export function defaultTemplateName(channelName: string): string {
  return `${channelName} – recommended`;
}
