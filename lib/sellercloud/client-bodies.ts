/**
 * The JSON bodies of SellerCloud's shipping writes, built from the app's inputs: PUT
 * /api/Orders/ShippingStatus (ShippingCarrier / ShippingService), PUT
 * /api/Orders/ShippingStatus/SinglePackage (CarrierName / ShippingMethod) and POST
 * /api/Orders/{id}/Shipping/Packages. Fields left undefined are not sent.
 */
import { formatBodyDate } from "./value-formats";

export interface ShippingStatusInput {
  orderId: number;
  /** SellerCloud's carrier key, e.g. "UPS". */
  carrier: string;
  /** SellerCloud's service, e.g. "UPS Ground". */
  service: string;
  /** Not in the future, not before the order's CreatedOn. */
  shipDate: Date | string;
  trackingNumber?: string;
  shipFromWarehouseId?: number;
  shippingCost?: number;
  declaredValue?: number;
  weight?: number;
  length?: number;
  width?: number;
  height?: number;
}

export interface SinglePackageInput {
  orderId: number;
  /** Omitted: SellerCloud uses the order's first package. */
  packageId?: number;
  trackingNumber: string;
  carrier: string;
  service: string;
  /** Ignored by SellerCloud once the order is shipped. */
  shipDate?: Date | string;
  shippingCost?: number;
  warehouseId?: number;
  weight?: number;
  length?: number;
  width?: number;
  height?: number;
}

export interface NewPackageInput {
  weight?: number;
  length?: number;
  width?: number;
  height?: number;
  declaredValue?: number;
  items: { orderItemId: number; qty: number; bundleItemProductId?: string }[];
}

const bodyDate = (value: Date | string) => (typeof value === "string" ? value : formatBodyDate(value));

/** `PUT /api/Orders/ShippingStatus` takes ShippingCarrier / ShippingService. */
export function shippingStatusBody(input: ShippingStatusInput): Record<string, unknown> {
  return dropUndefined({
    OrderID: input.orderId,
    ShippingCarrier: input.carrier,
    ShippingService: input.service,
    ShipDate: bodyDate(input.shipDate),
    TrackingNumber: input.trackingNumber,
    ShipFromWarehouseID: input.shipFromWarehouseId,
    ShippingCost: input.shippingCost,
    DeclaredValue: input.declaredValue,
    Weight: input.weight,
    Length: input.length,
    Width: input.width,
    Height: input.height,
  });
}

/** `PUT /api/Orders/ShippingStatus/SinglePackage` takes CarrierName / ShippingMethod instead. */
export function singlePackageBody(input: SinglePackageInput): Record<string, unknown> {
  return dropUndefined({
    OrderID: input.orderId,
    PackageID: input.packageId,
    TrackingNumber: input.trackingNumber,
    CarrierName: input.carrier,
    ShippingMethod: input.service,
    ShipDate: input.shipDate === undefined ? undefined : bodyDate(input.shipDate),
    ShippingCost: input.shippingCost,
    WarehouseID: input.warehouseId,
    Weight: input.weight,
    Length: input.length,
    Width: input.width,
    Height: input.height,
  });
}

/** Every package with its items; a kit's child is named by OrderItemBundleItemProductID. */
export function createPackagesBody(packages: readonly NewPackageInput[]): Record<string, unknown> {
  return {
    Packages: packages.map((p) =>
      dropUndefined({
        Weight: p.weight,
        Length: p.length,
        Width: p.width,
        Height: p.height,
        DeclaredValue: p.declaredValue,
        Items: p.items.map((i) =>
          dropUndefined({
            OrderItemID: i.orderItemId,
            Qty: i.qty,
            OrderItemBundleItemProductID: i.bundleItemProductId,
          }),
        ),
      }),
    ),
  };
}

function dropUndefined(record: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(record)) if (value !== undefined) out[key] = value;
  return out;
}
