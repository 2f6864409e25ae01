/**
 * zod schemas for the SellerCloud responses Conduit reads. They check only the fields the app
 * uses and ignore every other key (SellerCloud adds fields ahead of its 2022 spec), so they stay
 * cheap on 50-row pages. Required: the record's own id and the fields a decision depends on;
 * everything else may be null or missing. A record that fails names the field and its id.
 */
import { type ZodType, z } from "zod";

const str = z.string().nullish();
const num = z.number().nullish();
const int = z.number().int().nullish();
const bool = z.boolean().nullish();

// --- envelopes -------------------------------------------------------------------------------

/**
 * A list answer's envelope: `GetAllResponse<T>` is `{ Items, TotalResults }`, and `Orders/Packages`
 * answers `{ Results, TotalResults }` (`key` names which). Returns the rows (not copied) and the
 * total, or null when `data` is not that shape: rows not an array, or TotalResults not a
 * non-negative safe integer. Checked by hand rather than by a schema, which copied every page's rows
 * into a new array (Link Listings reads ~8,000 pages of a 200k catalog). Records are validated one
 * by one by their callers.
 */
export function readListEnvelope(
  data: unknown,
  key: "Items" | "Results",
): { rows: unknown[]; totalResults: number } | null {
  if (typeof data !== "object" || data === null) return null;
  const rows = (data as Record<string, unknown>)[key];
  const totalResults = (data as Record<string, unknown>).TotalResults;
  if (!Array.isArray(rows) || typeof totalResults !== "number") return null;
  // Number.isSafeInteger, as zod's int() that this replaced: 1e16 is not a count.
  if (!Number.isSafeInteger(totalResults) || totalResults < 0) return null;
  return { rows, totalResults };
}

// --- companies, catalog, inventory ----------------------------------------------------------

export const companySchema = z.object({
  ID: z.number().int(),
  CompanyName: str,
  IsDefaultCompany: bool,
  IsDisabled: bool,
});
export type RawCompany = z.infer<typeof companySchema>;

/** `ProductCatalogDto`. `ID` is the SKU; there is no ProductID and no EAN on catalog rows. */
export const catalogProductSchema = z.object({
  ID: z.string().min(1),
  ProductName: str,
  CompanyID: int,
  CompanyName: str,
  UPC: str,
  GTIN: str,
  ASIN: str,
  ManufacturerSKU: str,
  // Not in the 2022 spec; read when a newer tenant sends it.
  EAN: str,
  SitePrice: num,
  ListPrice: num,
  SiteCost: num,
  MAPPrice: num,
  InventoryAvailableQty: int,
  PhysicalQty: int,
  Weight: num,
  Status: int,
  ActiveStatus: z.union([z.string(), z.number()]).nullish(),
  IsKit: bool,
  ShadowOf: str,
  ImageUrl: str,
  BrandName: str,
  LastModifiedDate: str,
});
export type RawCatalogProduct = z.infer<typeof catalogProductSchema>;

/** `ProductInventoryDto`: the row that carries EAN. Its Weight is a string in the 2022 spec. */
export const inventoryRowSchema = z.object({
  ID: z.string().min(1),
  ProductName: str,
  CompanyID: int,
  UPC: str,
  EAN: str,
  ASIN: str,
  ManufacturerSKU: str,
  PhysicalQty: int,
  InventoryAvailableQty: int,
  AggregateQty: int,
  WarehouseName: str,
  LastModifiedDate: str,
});
export type RawInventoryRow = z.infer<typeof inventoryRowSchema>;

// --- orders: list DTO ------------------------------------------------------------------------

/** `BVSoftware.BVC.Core.Contacts.Address`, the same on both order DTOs. */
export const addressSchema = z.object({
  FirstName: str,
  MiddleInitial: str,
  LastName: str,
  CompanyName: str,
  StreetLine1: str,
  StreetLine2: str,
  City: str,
  StateCode: str,
  StateName: str,
  PostalCode: str,
  CountryCode: str,
  CountryName: str,
  PhoneNumber: str,
  EmailAddress: str,
  AddressClassification: int,
});
export type RawAddress = z.infer<typeof addressSchema>;

/**
 * A kit item of an order line: `MultipleOrderItemBundleItemDto` in the list DTO (`Qty` per kit,
 * `TotalQty` for the line) and `OrderBundleItemDto` in the single DTO (`QtyPerKit`, `TotalQty`).
 * Swagger 2022; SellerCloud's Create Shipping Packages names the child by its `ProductID`.
 */
export const kitItemSchema = z.object({
  ID: num,
  ProductID: z.string().min(1),
  ProductName: str,
  Qty: int,
  QtyPerKit: int,
  TotalQty: int,
});
export type RawKitItem = z.infer<typeof kitItemSchema>;

/** `MultipleOrderItemDto`. Ignore the duplicated `…1` columns (Qty1, ID1…). */
export const listOrderItemSchema = z.object({
  ID: z.number().int(),
  OrderID: int,
  ProductID: z.string().min(1),
  ProductIDRequested: str,
  ProductIDOriginal: str,
  DisplayName: str,
  Qty: z.number().int(),
  QtyShipped: int,
  QtyReturned: int,
  SitePrice: num,
  AdjustedSitePrice: num,
  OriginalBasePrice: num,
  LineTotal: num,
  LineTaxTotal: num,
  Weight: num,
  ShipFromWareHouseID: int,
  IsSKUReplaced: bool,
  ReplacementSKU: str,
  BundleItems: z.array(kitItemSchema).nullish(),
});

/** `MultipleOrderDataDto`, the flat list row. Its id is `ID`, status `StatusCode`, dropship `Dropship`. */
export const listOrderSchema = z.object({
  ID: z.number().int(),
  CompanyID: z.number().int(),
  CompanyName: str,
  StatusCode: z.number().int(),
  ShippingStatus: int,
  PaymentStatus: int,
  Dropship: int,
  OrderSource: int,
  OrderSourceOrderID: str,
  TimeOfOrder: str,
  CreatedOn: str,
  LastUpdated: str,
  ShipDate: str,
  FirstName: str,
  LastName: str,
  CustomerEmail: str,
  GrandTotal: num,
  ShippingTotal: num,
  TaxTotal: num,
  OrderDiscountsTotal: num,
  ShippingCarrier: str,
  ShippingService: str,
  TrackingNumber: str,
  AllTrackingNumbers: z.array(z.string()).nullish(),
  OrderCurrencyCode: int,
  ShippingAddress: addressSchema.nullish(),
  BillingAddress: addressSchema.nullish(),
  Items: z.array(listOrderItemSchema).nullish(),
});
export type RawListOrder = z.infer<typeof listOrderSchema>;

// --- orders: single DTO ----------------------------------------------------------------------

const packageItemSchema = z.object({
  PackageID: int,
  OrderItemID: int,
  ProductID: str,
  Qty: int,
});

/** `OrderPackageDto`, in `OrderPackages[]` and in the `Orders/Packages` listing. */
export const packageSchema = z.object({
  ID: z.number().int(),
  TrackingNumber: str,
  Weight: num,
  Length: num,
  Width: num,
  Height: num,
  ShippingCost: num,
  FinalShippingFee: num,
  DeliveryStatus: int,
  Items: z.array(packageItemSchema).nullish(),
});
export type RawPackage = z.infer<typeof packageSchema>;

/** `SingleOrderDataDto`: nested, with different names (`OrderID`, `Statuses.OrderStatus`, `OrderItems`). */
export const singleOrderSchema = z.object({
  OrderID: z.number().int(),
  OrderDetails: z
    .object({
      CompanyId: int,
      OrderSource: int,
      OrderSourceOrderId: str,
      OrderDate: str,
      CreatedOn: str,
      CustomerEmail: str,
      CurrencyCode: int,
    })
    .nullish(),
  Statuses: z
    .object({
      OrderStatus: int,
      ShippingStatus: int,
      PaymentStatus: int,
      DropshipStatus: int,
    })
    .nullish(),
  OrderItems: z
    .array(
      z.object({
        ID: z.number().int(),
        OrderID: int,
        ProductID: z.string().min(1),
        ProductIDRequested: str,
        ProductIDOriginal: str,
        DisplayName: str,
        Qty: z.number().int(),
        SitePrice: num,
        AdjustedSitePrice: num,
        LineTotal: num,
        LineTaxTotal: num,
        WarehouseID: int,
        BundleItems: z.array(kitItemSchema).nullish(),
      }),
    )
    .nullish(),
  TotalInfo: z.object({ SubTotal: num, Shipping: num, Tax: num, GrandTotal: num, Discount: num }).nullish(),
  ShippingDetails: z
    .object({ ShippingStatus: int, Carrier: str, Service: str, ShipDate: str, ShippingTotal: num })
    .nullish(),
  OrderPackages: z.array(packageSchema).nullish(),
  ShippingAddress: addressSchema.nullish(),
  BillingAddress: addressSchema.nullish(),
  LastUpdated: str,
});
export type RawSingleOrder = z.infer<typeof singleOrderSchema>;

// --- settings --------------------------------------------------------------------------------

/**
 * Carrier and service lists are not in the 2022 spec. SellerCloud's Settings lists answer
 * `[{ Key, Value }]`; accept plain strings and `{ ID/Name }` too, since this is unverified.
 */
export const settingEntrySchema = z.union([
  z.string(),
  z.object({
    Key: z.union([z.string(), z.number()]).nullish(),
    Value: z.union([z.string(), z.number()]).nullish(),
    ID: z.union([z.string(), z.number()]).nullish(),
    Name: str,
  }),
]);
export type RawSettingEntry = z.infer<typeof settingEntrySchema>;

// --- validation helpers ----------------------------------------------------------------------

export interface InvalidRecord {
  /** Position in the page (0-based). */
  index: number;
  /** The record's own id when it could be read (order ID, SKU…). */
  id: string | null;
  /** "Order 5120347: Items[0].Qty must be a number (got "two")". */
  message: string;
  raw: unknown;
}

export function formatPath(path: readonly PropertyKey[]): string {
  let out = "";
  for (const part of path) {
    if (typeof part === "number") out += `[${part}]`;
    else out += out ? `.${String(part)}` : String(part);
  }
  return out || "(record)";
}

function describeInput(input: unknown): string {
  if (input === undefined) return "missing";
  if (input === null) return "null";
  if (typeof input === "string") return `"${input.length > 40 ? `${input.slice(0, 40)}…` : input}"`;
  if (typeof input === "object") return Array.isArray(input) ? "an array" : "an object";
  return String(input);
}

function describeIssue(issue: z.core.$ZodIssue): string {
  const field = formatPath(issue.path);
  const input = (issue as { input?: unknown }).input;
  if (issue.code === "invalid_type") {
    if (input === undefined) return `${field} is missing`;
    return `${field} must be ${article(issue.expected)} (got ${describeInput(input)})`;
  }
  return `${field}: ${issue.message}`;
}

function article(expected: string): string {
  return /^[aeiou]/i.test(expected) ? `an ${expected}` : `a ${expected}`;
}

/** Reads a record's id for messages, even from a record that failed validation. */
export function recordId(raw: unknown, keys: readonly string[]): string | null {
  if (!raw || typeof raw !== "object") return null;
  for (const key of keys) {
    const value = (raw as Record<string, unknown>)[key];
    if ((typeof value === "string" && value) || typeof value === "number") return String(value);
  }
  return null;
}

export type RecordCheck<T> = { ok: true; value: T } | { ok: false; invalid: InvalidRecord };

export function checkRecord<T>(
  schema: ZodType<T>,
  raw: unknown,
  index: number,
  entity: string,
  idKeys: readonly string[],
): RecordCheck<T> {
  const fast = schema.safeParse(raw);
  if (fast.success) return { ok: true, value: fast.data };
  // Parse again with the offending inputs attached, only on the rare failure (it is ~2x slower).
  const result = schema.safeParse(raw, { reportInput: true });
  if (result.success) return { ok: true, value: result.data };
  const id = recordId(raw, idKeys);
  const details = result.error.issues.slice(0, 5).map(describeIssue).join("; ");
  const label = id ? `${entity} ${id}` : `${entity} at position ${index + 1} of the page (no ID)`;
  return { ok: false, invalid: { index, id, message: `${label}: ${details}`, raw } };
}
