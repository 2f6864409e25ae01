import { describe, expect, it } from "vitest";
import { OrderStatus } from "./enums";
import {
  catalogProductSchema,
  checkRecord,
  inventoryRowSchema,
  listOrderSchema,
  settingEntrySchema,
  singleOrderSchema,
} from "./schemas";
import { toSettingEntry } from "./transform-account";
import { toKitItems, toOrderFromList, toOrderFromSingle } from "./transform-orders";
import { toInventoryRow, toProduct } from "./transform-products";
import { formatBodyDate, formatFilterDate, scDate, scDateToDate } from "./value-formats";

/**
 * Recorded-style payloads (shapes from SellerCloud's swagger and the reference's composed sample;
 * values fictitious), including keys the 2022 spec does not know and the `…1` duplicate columns.
 */
const address = {
  FirstName: "Dana",
  LastName: "Whitfield",
  CompanyName: "",
  StreetLine1: "418 Birchwood Ave",
  StreetLine2: "Apt 2B",
  City: "Columbus",
  StateCode: "OH",
  StateName: "Ohio",
  PostalCode: "43215",
  CountryCode: "US",
  CountryName: "United States",
  PhoneNumber: "614-555-0142",
  EmailAddress: "dana.whitfield@example.com",
  AddressClassification: 1,
  IsShippingAddress: true,
};

const listOrder = {
  ID: 5120347,
  CompanyID: 164,
  CompanyName: "Acme Outdoor LLC",
  OrderSource: 66,
  OrderSourceOrderID: "DS-778812",
  StatusCode: 2,
  ShippingStatus: 1,
  PaymentStatus: 30,
  Dropship: 2,
  TimeOfOrder: "2025-05-12T09:41:17",
  CreatedOn: "2025-05-12T09:44:02",
  LastUpdated: "2025-05-12T10:02:55",
  ShipDate: "0001-01-01T00:00:00",
  FirstName: "Dana",
  LastName: "Whitfield",
  CustomerEmail: "dana.whitfield@example.com",
  GrandTotal: 87.42,
  ShippingTotal: 7.95,
  TaxTotal: 5.49,
  OrderDiscountsTotal: 0,
  ShippingCarrier: "UPS",
  ShippingService: "UPS Ground",
  TrackingNumber: "",
  AllTrackingNumbers: [],
  OrderCurrencyCode: 0,
  SalesRepEmail: "rep@example.com",
  MarketingSourceID: 3,
  ShippingAddress: address,
  BillingAddress: {
    ...address,
    CompanyName: "Whitfield Design",
    StreetLine1: "900 N High St",
    StreetLine2: "",
    IsShippingAddress: false,
  },
  Items: [
    {
      ID: 9983121,
      OrderID: 5120347,
      ProductID: "TRL-LANT-200",
      ProductIDRequested: "TRL-LANT-200",
      DisplayName: "Trailhead LED Lantern 200lm",
      Qty: 2,
      QtyShipped: 0,
      SitePrice: 36.99,
      AdjustedSitePrice: 36.99,
      OriginalBasePrice: 0,
      LineTotal: 73.98,
      LineTaxTotal: 5.49,
      Weight: 1.4,
      ShipFromWareHouseID: 252,
      BundleItems: [],
      ID1: 9983121,
      Qty1: 2,
      ProductID1: "TRL-LANT-200",
    },
  ],
};

const singleOrder = {
  OrderID: 5120347,
  OrderDetails: {
    CompanyId: 164,
    OrderSource: 66,
    OrderSourceOrderId: "DS-778812",
    OrderDate: "2025-05-12T09:41:17",
    CreatedOn: "2025-05-12T09:44:02",
    CustomerEmail: "dana.whitfield@example.com",
    CurrencyCode: 0,
    CurrencyRateFromUSD: 1,
    IsOrderLocked: false,
  },
  Statuses: { OrderStatus: 2, ShippingStatus: 1, PaymentStatus: 30, DropshipStatus: 2, IsExported: false },
  OrderItems: [
    {
      ID: 9983121,
      OrderID: 5120347,
      ProductID: "TRL-LANT-200",
      ProductIDRequested: "TRL-LANT-200",
      DisplayName: "Trailhead LED Lantern 200lm",
      Qty: 2,
      SitePrice: 36.99,
      AdjustedSitePrice: 36.99,
      LineTotal: 73.98,
      LineTaxTotal: 5.49,
      WarehouseID: 252,
      BundleItems: [],
    },
  ],
  TotalInfo: { SubTotal: 73.98, Discount: 0, Shipping: 7.95, Tax: 5.49, GrandTotal: 87.42 },
  ShippingDetails: {
    ShippingStatus: 1,
    Carrier: "UPS",
    Service: "UPS Ground",
    ShipDate: "0001-01-01T00:00:00",
    ShippingTotal: 7.95,
  },
  OrderPackages: [
    {
      ID: 77001,
      TrackingNumber: "",
      Weight: 2.8,
      DeliveryStatus: 0,
      Items: [{ PackageID: 77001, OrderItemID: 9983121, ProductID: "TRL-LANT-200", Qty: 2 }],
    },
  ],
  ShippingAddress: address,
  BillingAddress: { ...address, CompanyName: "Whitfield Design", StreetLine1: "900 N High St", StreetLine2: "" },
  LastUpdated: "2025-05-12T10:02:55",
};

describe("order DTOs", () => {
  const list = (() => {
    const check = checkRecord(listOrderSchema, listOrder, 0, "Order", ["ID"]);
    if (!check.ok) throw new Error(check.invalid.message);
    return toOrderFromList(check.value, listOrder);
  })();
  const single = (() => {
    const check = checkRecord(singleOrderSchema, singleOrder, 0, "Order", ["OrderID"]);
    if (!check.ok) throw new Error(check.invalid.message);
    return toOrderFromSingle(check.value, singleOrder);
  })();

  it("reads the flat list DTO, tolerating unknown keys and ignoring the …1 duplicates", () => {
    expect(list).toMatchObject({
      id: 5120347,
      companyId: 164,
      statusCode: OrderStatus.InProcess,
      dropshipStatus: 2,
      orderSourceOrderId: "DS-778812",
      timeOfOrder: "2025-05-12T09:41:17",
      shipDate: null,
      grandTotal: 87.42,
      shippingService: "UPS Ground",
      trackingNumber: null,
      allTrackingNumbers: [],
      source: "list",
    });
    expect(list.shippingAddress).toMatchObject({
      streetLine1: "418 Birchwood Ave",
      stateCode: "OH",
      email: "dana.whitfield@example.com",
    });
    expect(list.billingAddress?.companyName).toBe("Whitfield Design");
    expect(list.items[0]).toEqual({
      id: 9983121,
      orderId: 5120347,
      productId: "TRL-LANT-200",
      productIdRequested: "TRL-LANT-200",
      displayName: "Trailhead LED Lantern 200lm",
      qty: 2,
      qtyShipped: 0,
      sitePrice: 36.99,
      adjustedSitePrice: 36.99,
      originalBasePrice: 0,
      weight: 1.4,
      lineTotal: 73.98,
      lineTaxTotal: 5.49,
      warehouseId: 252,
      kitItems: [],
    });
    expect(list.raw).toBe(listOrder);
  });

  it("reads a kit line's BundleItems: per-kit and total units from either DTO", () => {
    expect(
      toKitItems(
        [
          { ProductID: "MUG-1", ProductName: "Mug", Qty: 1, TotalQty: 2 },
          { ProductID: "SPOON-1", QtyPerKit: 2, TotalQty: 4 },
          { ProductID: "LID-1" },
        ],
        2,
      ),
    ).toEqual([
      { productId: "MUG-1", name: "Mug", qtyPerKit: 1, totalQty: 2 },
      { productId: "SPOON-1", name: null, qtyPerKit: 2, totalQty: 4 },
      { productId: "LID-1", name: null, qtyPerKit: 1, totalQty: 2 },
    ]);
  });

  it("reads the nested single DTO into the same shape under its other names", () => {
    const shared = [
      "id",
      "companyId",
      "statusCode",
      "shippingStatus",
      "paymentStatus",
      "dropshipStatus",
      "orderSource",
      "orderSourceOrderId",
      "timeOfOrder",
      "createdOn",
      "lastUpdated",
      "shipDate",
      "customerEmail",
      "grandTotal",
      "shippingTotal",
      "taxTotal",
      "shippingCarrier",
      "shippingService",
      "currencyCode",
      "shippingAddress",
      "billingAddress",
    ] as const;
    for (const key of shared) expect([key, single[key]]).toEqual([key, list[key]]);
    expect(single.source).toBe("single");
    expect(single.packages).toEqual([
      {
        id: 77001,
        trackingNumber: null,
        weight: 2.8,
        shippingCost: null,
        deliveryStatus: 0,
        items: [{ orderItemId: 9983121, productId: "TRL-LANT-200", qty: 2 }],
      },
    ]);
  });

  it("has no item Weight or OriginalBasePrice from the single DTO", () => {
    expect(single.items[0]).toMatchObject({ id: 9983121, productId: "TRL-LANT-200", qty: 2, adjustedSitePrice: 36.99 });
    expect(single.items[0]!.weight).toBeNull();
    expect(single.items[0]!.originalBasePrice).toBeNull();
  });

  it("collects tracking numbers from packages of a shipped single order", () => {
    const shipped = structuredClone(singleOrder);
    shipped.OrderPackages[0]!.TrackingNumber = "1Z999";
    shipped.ShippingDetails.ShipDate = "2025-05-13T15:00:00";
    const check = checkRecord(singleOrderSchema, shipped, 0, "Order", ["OrderID"]);
    if (!check.ok) throw new Error(check.invalid.message);
    const order = toOrderFromSingle(check.value);
    expect(order.trackingNumber).toBe("1Z999");
    expect(order.allTrackingNumbers).toEqual(["1Z999"]);
    expect(order.shipDate).toBe("2025-05-13T15:00:00");
  });

  it.each([
    [{ ...listOrder, GrandTotal: "87.42" }, 'Order 5120347: GrandTotal must be a number (got "87.42")'],
    [{ ...listOrder, StatusCode: undefined }, "Order 5120347: StatusCode is missing"],
    [
      { ...listOrder, Items: [{ ...listOrder.Items[0], ProductID: null }] },
      "Order 5120347: Items[0].ProductID must be a string (got null)",
    ],
    [{ ...listOrder, ID: "5120347x" }, 'Order 5120347x: ID must be a number (got "5120347x")'],
    [{ ...listOrder, ID: undefined }, "Order at position 4 of the page (no ID): ID is missing"],
  ])("names the field and the order id when a record is wrong (%#)", (raw, message) => {
    const check = checkRecord(listOrderSchema, raw, 3, "Order", ["ID"]);
    expect(check.ok).toBe(false);
    if (!check.ok) expect(check.invalid.message).toBe(message);
  });
});

describe("catalog and inventory rows", () => {
  const row = {
    ID: "TRL-LANT-200",
    ProductName: "Trailhead LED Lantern 200lm",
    CompanyID: 164,
    UPC: " 012345678905 ",
    GTIN: "",
    ASIN: null,
    ManufacturerSKU: "TL-200",
    SitePrice: 36.99,
    InventoryAvailableQty: 12,
    Status: 1,
    LastModifiedDate: "0001-01-01T00:00:00",
    BrandName: "Trailhead",
    ActiveStatus: "Active",
    ChannelPreviews: [],
  };

  it("treats the catalog ID as the SKU and empty identifiers as absent", () => {
    const check = checkRecord(catalogProductSchema, row, 0, "Product", ["ID"]);
    if (!check.ok) throw new Error(check.invalid.message);
    const product = toProduct(check.value, row);
    expect(product).toMatchObject({
      id: "TRL-LANT-200",
      upc: "012345678905",
      gtin: null,
      asin: null,
      ean: null,
      manufacturerSku: "TL-200",
      isActive: true,
      lastModified: null,
    });
  });

  it("reads EAN from inventory rows (whose Weight is a string)", () => {
    const inv = { ID: "TRL-LANT-200", UPC: "012345678905", EAN: "0012345678905", Weight: "1.4", PhysicalQty: 5 };
    const check = checkRecord(inventoryRowSchema, inv, 0, "Inventory row", ["ID"]);
    if (!check.ok) throw new Error(check.invalid.message);
    expect(toInventoryRow(check.value).ean).toBe("0012345678905");
  });
});

describe("dates and settings", () => {
  it("maps .NET's MinValue to null", () => {
    expect(scDate("0001-01-01T00:00:00")).toBeNull();
    expect(scDate("")).toBeNull();
    expect(scDate("2025-05-12T09:41:17")).toBe("2025-05-12T09:41:17");
    expect(scDateToDate("2025-05-12T09:41:17")?.toISOString()).toBe("2025-05-12T09:41:17.000Z");
    expect(scDateToDate("0001-01-01T00:00:00")).toBeNull();
  });

  it("formats filter dates as mm/dd/yyyy hh:mm and body dates as ISO without offset", () => {
    const date = new Date(Date.UTC(2025, 4, 7, 3, 5, 9));
    expect(formatFilterDate(date)).toBe("05/07/2025 03:05");
    expect(formatBodyDate(date)).toBe("2025-05-07T03:05:09");
  });

  it("reads carrier entries as {Key, Value}, plain strings or {ID, Name}", () => {
    const read = (raw: unknown) => {
      const parsed = settingEntrySchema.safeParse(raw);
      return parsed.success ? toSettingEntry(parsed.data) : "invalid";
    };
    expect(read({ Key: "UPS", Value: "UPS" })).toEqual({ key: "UPS", name: "UPS" });
    expect(read("FedEx")).toEqual({ key: "FedEx", name: "FedEx" });
    expect(read({ ID: 3, Name: "USPS" })).toEqual({ key: "3", name: "USPS" });
    expect(read({ Key: "" })).toBeNull();
  });
});
