/** How the order pages write SellerCloud times, amounts, statuses and names. */

import { ORDER_STATUS_LABELS, SHIPPING_STATUS_LABELS } from "@/lib/sellercloud/enums";

/** SellerCloud's wall-clock time as sent (its zone is undocumented, so none is shown). */
export function formatScTime(value: string | null | undefined): string {
  if (!value) return "—";
  return value.slice(0, 16).replace("T", " ");
}

/**
 * An amount with two decimals; with the order's ISO 4217 currency (orders.currency_code) it is
 * shown in that currency, e.g. "$12.99", "€12.99", "CA$5.00".
 */
export function formatMoney(value: string | number | null | undefined, currency?: string | null): string {
  if (value === null || value === undefined || value === "") return "—";
  const n = typeof value === "number" ? value : Number(value);
  if (!Number.isFinite(n)) return String(value);
  const digits = { minimumFractionDigits: 2, maximumFractionDigits: 2 };
  if (currency) {
    try {
      return n.toLocaleString("en-US", { style: "currency", currency, ...digits });
    } catch {
      // Not a currency Intl knows: the plain amount and the code.
      return `${n.toLocaleString("en-US", digits)} ${currency}`;
    }
  }
  return n.toLocaleString("en-US", digits);
}

export function orderStatusLabel(code: number | null | undefined): string {
  if (code === null || code === undefined) return "—";
  return ORDER_STATUS_LABELS[code] ?? `Status ${code}`;
}

export function shippingStatusLabel(code: number | null | undefined): string {
  if (code === null || code === undefined) return "—";
  return SHIPPING_STATUS_LABELS[code] ?? `Status ${code}`;
}

export function personName(first: string | null | undefined, last: string | null | undefined): string {
  return [first, last].filter(Boolean).join(" ");
}
