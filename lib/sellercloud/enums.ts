/**
 * SellerCloud's enumerations and their display labels, the one copy in the codebase. SellerCloud
 * sends and accepts these as integers (reference/sellercloud-api.md §2.3); names below are the
 * swagger's `x-enumNames`, labels are the same names in plain words. Shared by client and server
 * (no imports).
 */

/**
 * Order status: `StatusCode` on list rows, `Statuses.OrderStatus` on the single order, and the
 * `model.orderStatus` filter of `GET /api/Orders`. Source: swagger 2022 `OrderStatusesDto.OrderStatus`
 * (the `OrderStatusCode` enum), docs "order-status"; reference/sellercloud-api.md §7.1. The docs'
 * filter list spells -1 "Cancelled"; the enum member is `Canceled`. 1 is a shopping cart, which
 * Get Orders must not import by default; 2 (In Process) is the default.
 */
export const OrderStatus = {
  Canceled: -1,
  ShoppingCart: 1,
  InProcess: 2,
  Completed: 3,
  ProblemOrder: 100,
  OnHold: 200,
  Quote: 300,
  Void: 999,
} as const;
export type OrderStatusCode = (typeof OrderStatus)[keyof typeof OrderStatus];

/**
 * Order shipping status: `ShippingStatus` on orders and the `model.shippingStatus` filter.
 * Source: swagger 2022 `OrderStatusesDto.ShippingStatus` (`OrderShippingStatus`); reference §7.2.
 */
export const ShippingStatus = {
  Unknown: 0,
  Unshipped: 1,
  PartiallyShipped: 2,
  FullyShipped: 3,
  ReadyForPickup: 4,
} as const;
export type ShippingStatusCode = (typeof ShippingStatus)[keyof typeof ShippingStatus];

/**
 * Order payment status: `PaymentStatus` on orders. Source: swagger 2022
 * `OrderStatusesDto.PaymentStatus`, docs "payment-status"; reference §7.3. The `model.paymentStatus`
 * filter adds composite values (-1 ALL, 11, 61, 71, 81, 711, 713) that Conduit does not send.
 */
export const PaymentStatus = {
  NoPayment: 10,
  Authorized: 20,
  Charged: 30,
  Uncleared: 40,
  PartiallyRefund: 50,
  FullRefund: 60,
  PartialPayment: 70,
  eBayPaid: 80,
  PaymentError: 99,
} as const;

/**
 * Dropship status: `Dropship` on list rows, `Statuses.DropshipStatus` on the single order, and the
 * `model.dropShipStatus` filter. Source: swagger 2022 `model.dropShipStatus` (`DropShipStatusType`),
 * docs "dropship-statuses"; reference §7.4. 6 is `Cancelled`, two l's, unlike `OrderStatus.Canceled`.
 */
export const DropshipStatus = {
  None: 0,
  Pending: 1,
  Requested: 2,
  Acknowledged: 3,
  Processed: 4,
  PartialProcessed: 5,
  Cancelled: 6,
  Invalid: 7,
} as const;
export type DropshipStatusCode = (typeof DropshipStatus)[keyof typeof DropshipStatus];

/**
 * Order source (sales channel): `OrderSource` on orders, `model.channel` filter. The values Conduit's
 * sandbox generates, out of about 80 (reference §7.5, swagger 2022 `OrderSource`).
 */
export const OrderSource = {
  Local_Store: 0,
  eBayOrder: 1,
  Amazon: 4,
  Website: 6,
  FBA: 20,
  Wholesale: 21,
  Wayfair: 27,
  Walmart_Marketplace: 50,
  Dropship_Central: 66,
  Houzz: 68,
} as const;

/** `model.orderBy` of `GET /api/Orders`. Source: swagger 2022, parameter `model.orderBy`. */
export const OrderSortBy = { OrderID: 0, OrderDate: 1, OrderStatus: 2, ShipDate: 3, ShippingStatus: 4 } as const;

/**
 * Order status labels, keyed by code. Note `Object.entries` lists the non-negative codes first
 * (ascending) and Canceled (-1) last; iterate `OrderStatus` for the enum's own order.
 */
export const ORDER_STATUS_LABELS: Record<number, string> = {
  [OrderStatus.Canceled]: "Canceled",
  [OrderStatus.ShoppingCart]: "Shopping Cart",
  [OrderStatus.InProcess]: "In Process",
  [OrderStatus.Completed]: "Completed",
  [OrderStatus.ProblemOrder]: "Problem Order",
  [OrderStatus.OnHold]: "On Hold",
  [OrderStatus.Quote]: "Quote",
  [OrderStatus.Void]: "Void",
};

/** Dropship status labels, keyed by code. */
export const DROPSHIP_STATUS_LABELS: Record<number, string> = {
  [DropshipStatus.None]: "None",
  [DropshipStatus.Pending]: "Pending",
  [DropshipStatus.Requested]: "Requested",
  [DropshipStatus.Acknowledged]: "Acknowledged",
  [DropshipStatus.Processed]: "Processed",
  [DropshipStatus.PartialProcessed]: "Partially Processed",
  [DropshipStatus.Cancelled]: "Cancelled",
  [DropshipStatus.Invalid]: "Invalid",
};

/** Shipping status labels, keyed by code. */
export const SHIPPING_STATUS_LABELS: Record<number, string> = {
  [ShippingStatus.Unknown]: "Unknown",
  [ShippingStatus.Unshipped]: "Unshipped",
  [ShippingStatus.PartiallyShipped]: "Partially Shipped",
  [ShippingStatus.FullyShipped]: "Fully Shipped",
  [ShippingStatus.ReadyForPickup]: "Ready For Pickup",
};
