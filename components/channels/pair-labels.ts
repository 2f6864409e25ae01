/** How the wizard and channel pages name listing fields, SellerCloud fields and linking pairs. */
import type { LinkPair, ListingField, SellerCloudProductField } from "@/lib/channels/settings";

export const LISTING_LABELS: Record<ListingField, string> = {
  sku: "SKU",
  upc: "UPC",
  ean: "EAN",
  gtin: "GTIN",
  asin: "ASIN",
  mpn: "MPN",
};
export const SC_LABELS: Record<SellerCloudProductField, string> = {
  ID: "ID (SKU)",
  UPC: "UPC",
  EAN: "EAN",
  GTIN: "GTIN",
  ASIN: "ASIN",
  ManufacturerSKU: "ManufacturerSKU",
};

export const pairKey = (p: LinkPair) => `${p.listingField}:${p.sellercloudField}`;
/** A linking pair for people: "Listing UPC ↔ SellerCloud UPC" (run messages use lib/linking pairShortLabel). */
export const pairLabel = (p: LinkPair) =>
  `Listing ${LISTING_LABELS[p.listingField]} ↔ SellerCloud ${SC_LABELS[p.sellercloudField]}`;
