/**
 * SellerCloud's shipping writes and their rules, on a sandbox tenant's orders: PUT
 * Orders/ShippingStatus (tracking on the first package), PUT Orders/ShippingStatus/SinglePackage
 * and POST Orders/{id}/Shipping/Packages (replace the packages), with the carrier/service, ship
 * date and package checks SellerCloud applies. Any tracking update marks the whole order Fully
 * Shipped (SellerCloud has no partial shipments).
 */
import { ShippingStatus } from "../../enums";
import { SANDBOX_CARRIERS } from "../data/account";
import { applyShipped, type GeneratedOrder } from "../data/orders";
import { badRequest } from "../errors";
import { type Json, parseFilterDate, scDateString } from "../wire-format";
import type { OrderStore } from "./orders";
import type { StoreContext } from "./store-context";

const FIRST_PACKAGE_ID = 900_000_001;

export class ShippingDesk {
  private nextPackageId = FIRST_PACKAGE_ID;

  constructor(
    private readonly ctx: StoreContext,
    private readonly orders: OrderStore,
  ) {}

  /** Package ids start again from the first. */
  reset(): void {
    this.nextPackageId = FIRST_PACKAGE_ID;
  }

  private checkCarrier(carrier: unknown, service: unknown, fields: [string, string]) {
    const errors: Record<string, string[]> = {};
    if (typeof carrier !== "string" || !carrier.trim())
      errors[`model.${fields[0]}`] = [`The ${fields[0]} field is required.`];
    if (typeof service !== "string" || !service.trim())
      errors[`model.${fields[1]}`] = [`The ${fields[1]} field is required.`];
    if (Object.keys(errors).length) throw badRequest("", errors);
    if (this.ctx.config.acceptUnknownCarriers) return;
    const key = Object.keys(SANDBOX_CARRIERS).find((c) => c.toLowerCase() === String(carrier).toLowerCase());
    if (!key) throw badRequest(`Shipping carrier '${carrier}' is not valid.`);
    const services = SANDBOX_CARRIERS[key]!;
    if (!services.some((s) => s.toLowerCase() === String(service).toLowerCase())) {
      throw badRequest(`Shipping service '${service}' is not valid for carrier '${key}'.`);
    }
  }

  /** ShipDate may be neither in the future nor before the order was created. */
  private checkShipDate(value: unknown, dto: Json): number {
    if (value === undefined || value === null || value === "") return this.ctx.now();
    const ms = typeof value === "string" ? parseFilterDate(value) : undefined;
    if (ms === undefined)
      throw badRequest("", { "model.ShipDate": [`The value '${String(value)}' is not valid for ShipDate.`] });
    if (ms > this.ctx.now() + 60_000) throw badRequest("Ship Date cannot be in the future.");
    const created = parseFilterDate(String(dto.CreatedOn)) ?? 0;
    if (Math.floor(ms / 1000) < Math.floor(created / 1000)) {
      throw badRequest("Ship Date cannot be earlier than the order creation date.");
    }
    return ms;
  }

  private orderForWrite(orderId: unknown): { index: number; order: GeneratedOrder } {
    if (typeof orderId !== "number" || !Number.isInteger(orderId)) {
      throw badRequest("", { "model.OrderID": ["The OrderID field is required."] });
    }
    const index = this.orders.indexOfOrder(orderId);
    if (index < 0) throw badRequest(`Order #${orderId} does not exist.`);
    return { index, order: this.orders.materialize(index) };
  }

  /** `PUT /api/Orders/ShippingStatus`: marks the order Fully Shipped; tracking on the first package. */
  updateShippingStatus(body: Json): void {
    const { index, order } = this.orderForWrite(body.OrderID);
    this.checkCarrier(body.ShippingCarrier, body.ShippingService, ["ShippingCarrier", "ShippingService"]);
    const wasShipped = order.dto.ShippingStatus === ShippingStatus.FullyShipped;
    // An already-shipped order keeps its ShipDate (changing it needs SetUnshipped).
    const shipMs = wasShipped ? null : this.checkShipDate(body.ShipDate, order.dto);
    const first = order.packages[0];
    if (first) {
      if (typeof body.TrackingNumber === "string") first.TrackingNumber = body.TrackingNumber;
      for (const k of ["Weight", "Length", "Width", "Height", "DeclaredValue"] as const)
        if (typeof body[k] === "number") first[k] = body[k];
      if (typeof body.ShippingCost === "number") first.FinalShippingFee = body.ShippingCost;
    }
    order.dto.ShippingCarrier = body.ShippingCarrier;
    order.dto.ShippingService = body.ShippingService;
    order.dto.LastUpdated = scDateString(this.ctx.now());
    applyShipped(order.dto, order.packages, shipMs);
    this.orders.syncOrderIndex(index, order.dto);
  }

  /** `PUT /api/Orders/ShippingStatus/SinglePackage`: tracking on one package; the whole order ships. */
  updateSinglePackage(body: Json): void {
    const { index, order } = this.orderForWrite(body.OrderID);
    this.checkCarrier(body.CarrierName, body.ShippingMethod, ["CarrierName", "ShippingMethod"]);
    const pkg =
      body.PackageID === undefined || body.PackageID === null || body.PackageID === 0
        ? order.packages[0]
        : order.packages.find((p) => p.ID === body.PackageID);
    if (!pkg) throw badRequest(`Package #${String(body.PackageID)} does not belong to order #${String(body.OrderID)}.`);
    const wasShipped = order.dto.ShippingStatus === ShippingStatus.FullyShipped;
    const shipMs = wasShipped ? null : this.checkShipDate(body.ShipDate, order.dto);
    if (typeof body.TrackingNumber === "string") pkg.TrackingNumber = body.TrackingNumber;
    for (const k of ["Weight", "Length", "Width", "Height"] as const) if (typeof body[k] === "number") pkg[k] = body[k];
    if (typeof body.ShippingCost === "number") pkg.FinalShippingFee = body.ShippingCost;
    order.dto.ShippingCarrier = body.CarrierName;
    order.dto.ShippingService = body.ShippingMethod;
    order.dto.LastUpdated = scDateString(this.ctx.now());
    applyShipped(order.dto, order.packages, shipMs);
    this.orders.syncOrderIndex(index, order.dto);
  }

  /**
   * `POST /api/Orders/{id}/Shipping/Packages`: replaces all packages of an unshipped order. Every
   * order item must be assigned in full; a kit line is assigned through its kit items, each listed
   * with the kit's OrderItemID and the child's SKU in OrderItemBundleItemProductID (SellerCloud
   * docs, Create Shipping Packages; sellercloud-api.md §5.3). A package with no items, a quantity
   * below 1, a kit listed without its kit items or a kit item of another line is refused (400).
   */
  createPackages(orderId: number, body: Json): void {
    const { order } = this.orderForWrite(orderId);
    if (order.dto.ShippingStatus === ShippingStatus.FullyShipped)
      throw badRequest(`Order #${orderId} is already shipped.`);
    const packages = body.Packages;
    if (!Array.isArray(packages) || packages.length === 0)
      throw badRequest("", { "model.Packages": ["The Packages field is required."] });
    const items = order.dto.Items as Json[];
    // Order item id (and kit item SKU) -> units assigned.
    const assigned = new Map<string, number>();
    const built: Json[] = [];
    for (const [position, raw] of (packages as Json[]).entries()) {
      if (!Array.isArray(raw.Items) || raw.Items.length === 0)
        throw badRequest(`Package ${position + 1} has no items. Each package must contain at least one order item.`);
    }
    for (const [position, raw] of (packages as Json[]).entries()) {
      const id = this.nextPackageId++;
      const pkgItems = raw.Items as Json[];
      built.push({
        ID: id,
        TrackingNumber: "",
        Weight: raw.Weight ?? 0,
        Length: raw.Length ?? 0,
        Width: raw.Width ?? 0,
        Height: raw.Height ?? 0,
        DeclaredValue: raw.DeclaredValue ?? 0,
        ShippingCost: 0,
        FinalShippingFee: 0,
        DeliveryStatus: 0,
        Items: pkgItems.map((pi) => {
          const item = items.find((i) => i.ID === pi.OrderItemID);
          if (!item) throw badRequest(`Order item #${String(pi.OrderItemID)} does not belong to order #${orderId}.`);
          const qty = Number(pi.Qty);
          if (!Number.isInteger(qty) || qty < 1)
            throw badRequest(`Package ${position + 1}: Qty of order item #${String(item.ID)} must be at least 1.`);
          const children = (item.BundleItems as Json[] | undefined) ?? [];
          const childSku = typeof pi.OrderItemBundleItemProductID === "string" ? pi.OrderItemBundleItemProductID : "";
          if (!children.length) {
            if (childSku)
              throw badRequest(
                `Order item #${String(item.ID)} is not a kit; '${childSku}' is not one of its kit items.`,
              );
            const key = String(item.ID);
            assigned.set(key, (assigned.get(key) ?? 0) + qty);
            return {
              PackageID: id,
              OrderItemID: item.ID,
              ProductID: item.ProductID,
              Qty: qty,
              ItemName: item.DisplayName,
            };
          }
          if (!childSku)
            throw badRequest(
              `Order item #${String(item.ID)} is a kit: assign its kit items (${children.map((c) => c.ProductID).join(", ")}), each with OrderItemBundleItemProductID.`,
            );
          const child = children.find((c) => String(c.ProductID).toLowerCase() === childSku.toLowerCase());
          if (!child) throw badRequest(`'${childSku}' is not a kit item of order item #${String(item.ID)}.`);
          const key = `${String(item.ID)}|${String(child.ProductID)}`;
          assigned.set(key, (assigned.get(key) ?? 0) + qty);
          return {
            PackageID: id,
            OrderItemID: item.ID,
            OrderItemBundleItemID: child.ID,
            ProductID: child.ProductID,
            Qty: qty,
            ItemName: child.ProductName,
          };
        }),
      });
    }
    for (const item of items) {
      const children = (item.BundleItems as Json[] | undefined) ?? [];
      if (!children.length && (assigned.get(String(item.ID)) ?? 0) !== item.Qty)
        throw badRequest(`All order items must be assigned to packages (item #${String(item.ID)}).`);
      for (const child of children) {
        if ((assigned.get(`${String(item.ID)}|${String(child.ProductID)}`) ?? 0) !== child.TotalQty)
          throw badRequest(
            `All kit items must be assigned to packages (item #${String(item.ID)}, kit item ${String(child.ProductID)}).`,
          );
      }
    }
    order.packages = built;
    this.ctx.cache.touch();
  }
}
