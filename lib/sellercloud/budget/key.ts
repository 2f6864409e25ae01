/** budgetKey: the key of a SellerCloud login's shared call budget (a hash of base URL and username, no secret). */
import { createHash } from "node:crypto";
import { normaliseBaseUrl } from "../base-url";

/**
 * The key of a SellerCloud login's shared call budget: SHA-256 of the API base URL (normalised)
 * and the username (trimmed, lower case), so one row serves every channel on that login and the
 * key carries no secret. SellerCloud counts its limit per user (and source IP):
 * reference/sellercloud-api.md §8.2. A token-only connection (no username) is keyed by its URL.
 */
export function budgetKey(baseUrl: string, username: string | undefined): string {
  const user = (username ?? "").trim().toLowerCase();
  return createHash("sha256")
    .update(`${normaliseBaseUrl(baseUrl)}\n${user}`)
    .digest("hex");
}
