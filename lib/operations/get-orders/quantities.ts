/**
 * Order lines with a quantity of 0 or below (SellerCloud sends them: a line zeroed after a
 * partial cancel, a negative adjustment). They are imported as sent, never dropped or changed,
 * and flagged: one run event per line here, a note on the line on the order page
 * (components/orders/line-quantity-note.tsx).
 */
import { quantityNotPositiveEvent } from "./events";
import type { PlannedOrder } from "./plan-order";

/**
 * One warn event per line of the orders being written whose `Qty` in SellerCloud's record is a
 * number of 0 or below (the raw record, so the flag does not depend on the template).
 */
export function quantityEvents(writes: readonly PlannedOrder[]) {
  const events = [];
  for (const plan of writes) {
    const items = plan.raw.Items;
    if (!Array.isArray(items)) continue;
    for (let i = 0; i < items.length; i++) {
      const item = items[i] as Record<string, unknown> | null;
      const qty = item?.Qty;
      if (typeof qty !== "number" || qty > 0) continue;
      const sku = typeof item?.ProductID === "string" && item.ProductID.trim() ? item.ProductID.trim() : null;
      events.push(quantityNotPositiveEvent(plan.scId, i + 1, qty, sku));
    }
  }
  return events;
}
