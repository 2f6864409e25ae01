/**
 * Link Listings' cursor: the phase a run is in and how far it has paged. "catalog" and
 * "inventory" page SellerCloud into staging (lastPage is null until the first page tells the
 * total; staged counts catalog products so far, eans the inventory EANs); "match" matches what was
 * staged.
 */

export type LinkListingsCursor =
  | { phase: "catalog"; nextPage: number; lastPage: number | null; staged: number }
  | { phase: "inventory"; nextPage: number; lastPage: number | null; staged: number; eans: number }
  | { phase: "match"; staged: number };

/** The cursor of a fetch step (catalog or inventory paging). */
export type FetchCursor = Extract<LinkListingsCursor, { phase: "catalog" | "inventory" }>;

/** Which SellerCloud listing a fetch step pages. */
export type FetchPhase = FetchCursor["phase"];
