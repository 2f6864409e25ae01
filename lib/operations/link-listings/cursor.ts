/**
 * Link Listings' cursor: the phase a run is in and how far it has paged. "catalog" and
 * "inventory" page SellerCloud into staging (lastPage is null until the first page tells the
 * total; staged counts catalog products so far, eans the inventory EANs); "match" matches what was
 * staged. `pass` says whether the run reads SellerCloud whole or only what changed (./pass.ts);
 * cursors written before incremental runs have none and are full passes.
 */

import type { FullPassReason } from "./pass-reasons";

/** Which kind of pass a run makes, why, and what it has spent so far. */
export interface PassInfo {
  kind: "full" | "incremental";
  /** Why a full pass: the mirror was empty or for another company, asked for, or the re-check was due. */
  reason?: FullPassReason;
  /** Incremental: `model.lastUpdatedFrom` sent, on SellerCloud's clock (ISO, no zone). */
  since?: string;
  /** When the run decided its pass (Conduit's clock, ISO): the next incremental pass reads from here. */
  startedAt: string;
  /** SellerCloud pages requested so far (catalog and inventory). */
  calls: number;
  /** Products in the mirror when the run started (what a full pass would page). */
  mirrored: number;
}

export type LinkListingsCursor =
  | { phase: "catalog"; nextPage: number; lastPage: number | null; staged: number; pass?: PassInfo }
  | { phase: "inventory"; nextPage: number; lastPage: number | null; staged: number; eans: number; pass?: PassInfo }
  | { phase: "match"; staged: number; pass?: PassInfo };

/** The cursor of a fetch step (catalog or inventory paging). */
export type FetchCursor = Extract<LinkListingsCursor, { phase: "catalog" | "inventory" }>;

/** Which SellerCloud listing a fetch step pages. */
export type FetchPhase = FetchCursor["phase"];
