/** How the catalog pages write link statuses, linking pairs, cents, counts, sizes and row errors. */

import { LISTING_LABELS, SC_LABELS } from "@/components/channels/pair-labels";
import type { LinkPair } from "@/lib/channels/settings";
import type { LinkStatus } from "@/lib/catalog/list";

export const LINK_STATUS_LABELS: Record<LinkStatus, string> = {
  linked: "Linked",
  unlinked: "Not linked",
  conflict: "Conflict",
  ambiguous: "Ambiguous",
  unmatched: "Unmatched",
  invalid_code: "Invalid code",
};

/** "SKU = SellerCloud ID (SKU)": the linking pair that found a product, as people read it. */
export function matchedByText(pair: LinkPair): string {
  return `${LISTING_LABELS[pair.listingField]} = SellerCloud ${SC_LABELS[pair.sellercloudField]}`;
}

/** Integer cents as "12.99"; blank for none. */
export function formatCents(cents: number | null): string {
  if (cents == null) return "—";
  return (cents / 100).toLocaleString("en-US", { minimumFractionDigits: 2, maximumFractionDigits: 2 });
}

export function formatCount(n: number): string {
  return n.toLocaleString("en-US");
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/** A row error as a sentence: 'Column "price": Price must be an amount like 12.99 (got "abc")'. */
export function rowErrorText(error: { column: string | null; message: string }): string {
  return error.column === null ? `This row ${error.message}` : `Column “${error.column}”: ${error.message}`;
}
