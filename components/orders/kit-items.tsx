/**
 * A kit line's children on the order page (issue 13 §4): SellerCloud lists them in the line's
 * `BundleItems`, and Sync Orders puts them (not the kit) in packages, so a person sees what ships.
 */

import { z } from "zod";
import { kitItemSchema } from "@/lib/sellercloud/schemas";
import { type ScKitItem, toKitItems } from "@/lib/sellercloud/transform-orders";

const lineSchema = z.object({ Qty: z.number().int().nullish(), BundleItems: z.array(kitItemSchema).nullish() });

/** The kit items of line `lineNumber` (1-based) in SellerCloud's raw order record; empty when not a kit. */
export function kitItemsOf(raw: Record<string, unknown> | null | undefined, lineNumber: number): ScKitItem[] {
  const items = raw?.Items;
  const line = lineSchema.safeParse(Array.isArray(items) ? items[lineNumber - 1] : undefined);
  if (!line.success) return [];
  return toKitItems(line.data.BundleItems, line.data.Qty ?? 0);
}

/** "Kit of: 1 × MUG-1 Mug, 2 × SPOON-1 Spoon" under the line's product; nothing for a plain line. */
export function KitItems({ items }: { items: ScKitItem[] }) {
  if (!items.length) return null;
  return (
    <div className="mt-1 text-xs text-slate-600">
      <span className="font-medium text-slate-700">Kit of:</span>
      <ul className="ml-4 list-disc" aria-label="Kit items">
        {items.map((child) => (
          <li key={child.productId}>
            {child.totalQty} × <span className="font-mono">{child.productId}</span>
            {child.name && child.name !== child.productId ? ` ${child.name}` : ""}
          </li>
        ))}
      </ul>
    </div>
  );
}
