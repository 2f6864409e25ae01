/**
 * Replacing an order's lines (test data): each given item becomes a list-DTO order line, a kit line's
 * `BundleItems` become kit items (`MultipleOrderItemBundleItemDto`), and the order gets one
 * unshipped package holding every unit (a kit through its kit items).
 */
import type { GeneratedOrder } from "../data/orders";
import { skuFor } from "../identifiers";
import type { Json } from "../wire-format";

/** Replaces the lines and packages of `order` (mutated) with `items`; fields an item gives win. */
export function replaceItems(order: GeneratedOrder, items: Json[]) {
  const id = order.dto.ID as number;
  const built = items.map((item, k): Json => {
    const qty = Number(item.Qty ?? 1);
    const price = Number(item.SitePrice ?? 10);
    return {
      ID: id * 10 + k,
      OrderID: id,
      ProductID: String(item.ProductID ?? skuFor(k)),
      ProductIDRequested: String(item.ProductID ?? skuFor(k)),
      DisplayName: String(item.DisplayName ?? item.ProductID ?? "Item"),
      Qty: qty,
      QtyShipped: 0,
      SitePrice: price,
      AdjustedSitePrice: Number(item.AdjustedSitePrice ?? price),
      OriginalBasePrice: Number(item.OriginalBasePrice ?? 0),
      LineTotal: Math.round(qty * price * 100) / 100,
      LineTaxTotal: 0,
      Weight: Number(item.Weight ?? 1),
      ShipFromWareHouseID: 1,
      BundleItems: [],
      ...item,
    };
  });
  for (const item of built) {
    const children = Array.isArray(item.BundleItems) ? (item.BundleItems as Json[]) : [];
    item.BundleItems = children.map((child, c) => kitChild(item, child, c));
    item.KitItemsCount = children.length;
  }
  order.dto.Items = built;
  const packageId = id * 10 + 1;
  order.packages = [
    {
      ID: packageId,
      TrackingNumber: "",
      Weight: 1,
      DeliveryStatus: 0,
      Items: built.flatMap((i): Json[] => {
        const children = i.BundleItems as Json[];
        if (!children.length) return [{ PackageID: packageId, OrderItemID: i.ID, ProductID: i.ProductID, Qty: i.Qty }];
        return children.map((child) => ({
          PackageID: packageId,
          OrderItemID: i.ID,
          OrderItemBundleItemID: child.ID,
          ProductID: child.ProductID,
          Qty: child.TotalQty,
        }));
      }),
    },
  ];
}

/**
 * Changes fields of an order's list DTO (test data). Like an edit in SellerCloud it moves

/**
 * A kit item of an order line as the list DTO carries it (`MultipleOrderItemBundleItemDto`): `Qty`
 * per kit, `TotalQty` for the whole line (Qty x the line's quantity).
 */
function kitChild(parent: Json, child: Json, position: number): Json {
  const perKit = Number(child.Qty ?? 1);
  const productId = String(child.ProductID ?? `KIT-PART-${position + 1}`);
  return {
    ID: Number(parent.ID) * 100 + position + 1,
    ParentID: 0,
    OrderItemId: parent.ID,
    OrderID: parent.OrderID,
    ProductID: productId,
    ProductName: String(child.ProductName ?? productId),
    Qty: perKit,
    TotalQty: perKit * Number(parent.Qty),
    QtyReturned: 0,
    QtyPicked: 0,
  };
}
