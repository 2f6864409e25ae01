/**
 * The note on an order line whose quantity is 0 or below (issue 13 §5): SellerCloud sent it so,
 * Get Orders imported it as sent and flagged it in the run's events (quantity_not_positive); the
 * order page shows the same flag on the line so a person checks it before shipping.
 */

/**
 * The line's quantity when it is 0 or below, else null: the stored quantity, or when the template
 * does not map quantity, the `Qty` of the line in SellerCloud's raw record (`Items[line - 1]`).
 */
export function nonPositiveQuantity(
  quantity: number | null,
  raw: Record<string, unknown> | null | undefined,
  lineNumber: number,
): number | null {
  if (quantity !== null) return quantity <= 0 ? quantity : null;
  const items = raw?.Items;
  const rawQty = Array.isArray(items) ? (items[lineNumber - 1] as { Qty?: unknown } | undefined)?.Qty : undefined;
  return typeof rawQty === "number" && rawQty <= 0 ? rawQty : null;
}

/** A small plain badge under the quantity; nothing when the quantity is above 0. */
export function LineQuantityNote({ quantity }: { quantity: number | null }) {
  if (quantity === null) return null;
  return (
    <span
      className="mt-1 block rounded bg-amber-100 px-1.5 py-0.5 text-xs font-medium text-amber-900"
      title="SellerCloud sent this line with a quantity of 0 or below. It was imported as sent; check the line in SellerCloud before shipping."
    >
      Quantity {quantity}: check in SellerCloud
    </span>
  );
}
