/**
 * Deterministic product records in SellerCloud's own JSON shapes: a product's facts are a pure
 * function of (seed, index), so a 100k catalog costs nothing until a page is served; the catalog
 * row (`ProductCatalogDto`) and inventory row (`ProductInventoryDto`) are views of those facts.
 */
import { asinFor, caseGtinFor, createRng, eanFor, hash32, pick, skuFor, upcFor } from "../identifiers";
import { type Json, round2, scDateString } from "../wire-format";
import { companyName } from "./account";

const ADJECTIVES = [
  "Trailhead",
  "Summit",
  "Harbor",
  "Canyon",
  "Aurora",
  "Granite",
  "Willow",
  "Cobalt",
  "Ember",
  "Prairie",
];
const NOUNS = [
  "LED Lantern",
  "Water Bottle",
  "Daypack",
  "Camp Chair",
  "Rain Jacket",
  "Headlamp",
  "Trekking Pole",
  "Sleeping Pad",
  "Cook Set",
  "Dry Bag",
  "Hammock",
  "Fleece Hoodie",
];
const VARIANTS = ["Black", "Blue", "Red", "Olive", "Small", "Medium", "Large", "XL", "20L", "32oz", "200lm", "2-Pack"];
const BRANDS = ["TRL", "SMT", "HBR", "CNY", "AUR", "GRN"];

export interface ProductFacts {
  sku: string;
  companyId: number;
  name: string;
  upc: string | null;
  ean: string | null;
  gtin: string | null;
  asin: string | null;
  mpn: string | null;
  price: number;
  cost: number;
  qty: number;
  weight: number;
  active: boolean;
  modifiedMs: number;
}

/** 80% of products belong to company 1, the rest to 2; cheap enough to index 200k in milliseconds. */
export function productCompany(index: number, seed: number): number {
  return hash32(seed, index, 5) / 4294967296 < 0.8 ? 1 : 2;
}

/** Products 16 and 17 of every 250 share a UPC, and 32/33 of every 500 an MPN, so linking meets ambiguity. */
export function productFacts(index: number, seed: number, epochMs: number): ProductFacts {
  const rng = createRng(hash32(seed, index, 1));
  const companyId = productCompany(index, seed);
  const name = `${pick(rng, ADJECTIVES)} ${pick(rng, NOUNS)} ${pick(rng, VARIANTS)}`;
  const slot = index % 250;
  const hasUpc = slot === 16 || slot === 17 || rng() < 0.88;
  const upc = hasUpc ? upcFor(slot === 17 ? index - 1 : index, seed) : null;
  const eanRoll = rng();
  const ean = upc ? (eanRoll < 0.5 ? `0${upc}` : null) : eanRoll < 0.6 ? eanFor(index, seed) : null;
  const gtinRoll = rng();
  const gtin = gtinRoll < 0.2 && upc ? `00${upc}` : gtinRoll < 0.4 ? caseGtinFor(index, seed) : null;
  const asin = rng() < 0.5 ? asinFor(rng) : null;
  const mpnSlot = index % 500;
  const mpnIndex = mpnSlot === 33 ? index - 1 : index;
  const mpnRng = createRng(hash32(seed, mpnIndex, 2));
  const hasMpn = mpnSlot === 32 || mpnSlot === 33 || mpnRng() < 0.8;
  const mpn = hasMpn ? `${pick(mpnRng, BRANDS)}-${Math.floor(mpnRng() * 90_000 + 10_000)}-${mpnIndex % 97}` : null;
  const price = round2(5 + rng() * 295);
  const cost = round2(price * (0.4 + rng() * 0.3));
  return {
    sku: skuFor(index),
    companyId,
    name,
    upc,
    ean,
    gtin,
    asin,
    mpn,
    price,
    cost,
    qty: Math.floor(rng() * 500),
    weight: round2(0.2 + rng() * 12),
    active: rng() < 0.95,
    modifiedMs: epochMs - Math.floor(rng() * 90 * 86_400_000),
  };
}

/** A `ProductCatalogDto` row (a realistic subset of its ~200 fields). No EAN: it is not on catalog rows. */
export function catalogRow(f: ProductFacts): Json {
  return {
    ID: f.sku,
    ProductName: f.name,
    CompanyID: f.companyId,
    CompanyName: companyName(f.companyId),
    UPC: f.upc ?? "",
    GTIN: f.gtin,
    ASIN: f.asin,
    ASINInActiveListing: f.asin,
    ManufacturerSKU: f.mpn,
    ManufacturerID: 0,
    BrandID: 0,
    SitePrice: f.price,
    ListPrice: round2(f.price * 1.2),
    StorePrice: f.price,
    MAPPrice: round2(f.price * 0.9),
    SalePrice: 0,
    WholeSalePrice: round2(f.price * 0.7),
    SiteCost: f.cost,
    AverageCost: f.cost,
    LastCost: f.cost,
    InventoryAvailableQty: f.qty,
    PhysicalQty: f.qty,
    AggregateQty: f.qty,
    ReservedQty: 0,
    OnOrder: 0,
    Weight: f.weight,
    WeightLbs: Math.floor(f.weight),
    WeightOz: round2((f.weight % 1) * 16),
    ShippingWeight: f.weight,
    ImageUrl: `https://images.example.com/${f.sku}.jpg`,
    Status: f.active ? 1 : 0,
    IsKit: false,
    ShadowOf: "",
    MainProductID: "",
    ProductType: "Outdoor",
    DropShipMode: 1,
    LastModifiedDate: scDateString(f.modifiedMs),
    LastAggregateDate: scDateString(f.modifiedMs),
    EnabledOnChannels: [4, 6],
    // Newer tenants send fields the 2022 spec lacks; clients must tolerate them.
    BrandName: f.mpn ? f.mpn.split("-")[0] : "",
    ActiveStatus: f.active ? "Active" : "Inactive",
  };
}

/** A `ProductInventoryDto` row: the one place EAN appears. Weight is a string in the spec. */
export function inventoryRow(f: ProductFacts): Json {
  return {
    ID: f.sku,
    ProductName: f.name,
    CompanyID: f.companyId,
    CompanyName: companyName(f.companyId),
    UPC: f.upc ?? "",
    EAN: f.ean ?? "",
    ASIN: f.asin,
    ManufacturerSKU: f.mpn,
    PhysicalQty: f.qty,
    ReservedQty: 0,
    InventoryAvailableQty: f.qty,
    AggregateQty: f.qty,
    WarehouseName: "Main Warehouse",
    Weight: String(f.weight),
    SitePrice: f.price,
    SiteCost: f.cost,
    Status: f.active ? 1 : 0,
    IsKit: false,
    LastModifiedDate: scDateString(f.modifiedMs),
    CreationDate: scDateString(f.modifiedMs - 30 * 86_400_000),
  };
}
