import { ORDER_STATUS_LABELS, SHIPPING_STATUS_LABELS } from "@/lib/sellercloud/enums";

/** SellerCloud's wall-clock time as sent (its zone is undocumented, so none is shown). */
export function formatScTime(value: string | null | undefined): string {
  if (!value) return "—";
  return value.slice(0, 16).replace("T", " ");
}

export function formatMoney(value: string | number | null | undefined): string {
  if (value === null || value === undefined || value === "") return "—";
  const n = typeof value === "number" ? value : Number(value);
  return Number.isFinite(n)
    ? n.toLocaleString("en-US", { minimumFractionDigits: 2, maximumFractionDigits: 2 })
    : String(value);
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
