/**
 * Why a Link Listings run reads the whole SellerCloud catalog (./pass.ts decides), in words shared
 * by the run's events (./events.ts) and its result panel on the run page. Pure: no imports, so the
 * browser bundle can take it.
 */

/** A full pass's reason (PassInfo["reason"], ./cursor.ts). */
export type FullPassReason = "first" | "company_changed" | "rules_changed" | "requested" | "scheduled";

export const FULL_REASON: Record<FullPassReason, string> = {
  first: "the first pass fills the channel's copy of SellerCloud",
  company_changed: "the SellerCloud company changed",
  rules_changed: "the linking rules now use EAN, which the copy of SellerCloud lacked",
  requested: "a full re-check was asked for",
  scheduled: "the scheduled full re-check was due",
};

/**
 * SellerCloud's LastModifiedDate as the run shows it: "2026-12-01 00:29:21 (SellerCloud's clock)"
 * from the ISO text without a zone that the pass keeps (fractions of a second dropped).
 */
export function sellerCloudTimeText(iso: string): string {
  return `${iso.replace("T", " ").replace(/\.\d+$/, "")} (SellerCloud's clock)`;
}
