/**
 * Matching rules (the product document's "Linking Priority"), kept pure so they can be tested
 * table by table:
 *  1. For each variant the pairs are tried top to bottom; the first pair whose value finds exactly
 *     one product is the variant's candidate. A value found on several products is ambiguous and
 *     the next pair is tried; an invalid code is noted and the next pair is tried.
 *  2. A product links to at most one variant. When several variants reach the same product the one
 *     reached by the higher-priority pair wins; on a tie the variant already linked to it wins (so
 *     importing a look-alike never steals a link), then the smaller SKU. Losers are conflicts.
 *  3. The links after a run are exactly the outcome of 1-2: an existing link that agrees is left
 *     alone; one that disagrees (product gone, identifiers changed, now ambiguous, out of scope) is
 *     removed and reported.
 * Everything is one pass over products and one over variants, with hash lookups: O(products + variants).
 */

import type { LinkPair, ListingField } from "@/lib/channels/settings";
import { buildProductIndex, indexKey, type ProductIndex, type SellerCloudProductIds } from "./index";
import { compareKey, compareKindOf, normalizeAs, skuKey } from "./normalize";

export interface VariantIds {
  id: string;
  sku: string;
  upc?: string | null;
  ean?: string | null;
  gtin?: string | null;
  asin?: string | null;
  mpn?: string | null;
}

export interface ExistingLink {
  variantId: string;
  /** The SellerCloud product ID (SKU) the variant is linked to. */
  productId: string;
  matchedBy?: LinkPair | null;
}

export type MatchNote =
  | { kind: "ambiguous"; pair: LinkPair; value: string; candidates: string[]; candidateCount: number }
  | { kind: "invalid_code"; field: ListingField; value: string; reason: string };

export type VariantOutcome =
  | { status: "linked"; productId: string; pair: LinkPair; pairIndex: number; notes: MatchNote[] }
  | { status: "already_linked"; productId: string; pair: LinkPair; pairIndex: number; notes: MatchNote[] }
  | { status: "unmatched"; notes: MatchNote[] }
  | {
      status: "ambiguous";
      pair: LinkPair;
      value: string;
      candidates: string[];
      candidateCount: number;
      notes: MatchNote[];
    }
  | {
      status: "conflict";
      productId: string;
      pair: LinkPair;
      winner: { variantId: string; sku: string; pair: LinkPair };
      notes: MatchNote[];
    }
  | { status: "invalid_code"; field: ListingField; value: string; reason: string; notes: MatchNote[] };

export type VariantStatus = VariantOutcome["status"];

export type UnlinkReason = "product_missing" | "out_of_scope" | "relinked" | "no_longer_matches";

export interface Unlink {
  variantId: string;
  /** Set when the variant is in this run (its SKU is known); out-of-scope variants are not. */
  sku?: string;
  productId: string;
  reason: UnlinkReason;
}

export interface MatchCounts {
  variants: number;
  products: number;
  linked: number;
  linkedByPair: Record<string, number>;
  alreadyLinked: number;
  unmatched: number;
  ambiguous: number;
  conflict: number;
  invalidCode: number;
  unlinked: number;
  invalidProductCodes: number;
}

export interface MatchResult {
  /** Aligned with the input variants. */
  outcomes: VariantOutcome[];
  unlinks: Unlink[];
  index: ProductIndex;
  counts: MatchCounts;
}

export interface MatchInput {
  variants: readonly VariantIds[];
  products: readonly SellerCloudProductIds[] | ProductIndex;
  priority: readonly LinkPair[];
  existingLinks?: readonly ExistingLink[];
}

const CANDIDATES_SHOWN = 5;

/** The notes of a variant that has none (shared by every such outcome, so frozen: a push throws). */
const NO_NOTES = Object.freeze([]) as unknown as MatchNote[];

/**
 * A linking pair in run messages and the summary's counts by pair: "UPC → UPC", "MPN → ManufacturerSKU".
 * (The wizard's longer "Listing UPC ↔ SellerCloud UPC" is components/channels/pair-labels.ts pairLabel.)
 */
export function pairShortLabel(pair: LinkPair): string {
  return `${pair.listingField.toUpperCase()} → ${pair.sellercloudField}`;
}

export function variantFieldValue(variant: VariantIds, field: ListingField): string | null | undefined {
  return variant[field];
}

function isIndex(value: MatchInput["products"]): value is ProductIndex {
  return !Array.isArray(value);
}

export function matchVariants(input: MatchInput): MatchResult {
  const { variants, priority } = input;
  const index = isIndex(input.products) ? input.products : buildProductIndex(input.products, priority);
  const { products, byId } = index;

  const linkByVariant = new Map<string, ExistingLink>();
  for (const link of input.existingLinks ?? []) linkByVariant.set(link.variantId, link);

  // Pass 1: each variant's candidate product, by priority.
  const candidate = new Int32Array(variants.length).fill(-1);
  const candidatePair = new Int32Array(variants.length).fill(-1);
  // Most variants have no notes: they share one empty list (never written to) instead of 200k.
  const notes: MatchNote[][] = new Array(variants.length).fill(NO_NOTES);
  // SKU keys break ties between variants claiming one product: made only when asked.
  const skuKeys: Array<string | undefined> = new Array(variants.length);
  const skuKeyOf = (v: number) => (skuKeys[v] ??= skuKey(variants[v]!.sku));
  // The product each variant is currently linked to (-1: none, or the product disappeared).
  const linkedTo = new Int32Array(variants.length).fill(-1);
  const kinds = priority.map(compareKindOf);
  // Each pair's product map, found once here rather than by building its `${field}:${kind}` key
  // for every variant and pair (800k short-lived strings in a 200k-variant run).
  const pairMaps = priority.map((pair, p) => index.fields.get(indexKey(pair.sellercloudField, kinds[p]!)));

  // A variant's notes: its own list, made on its first note.
  const note = (v: number, n: MatchNote) => {
    if (notes[v] === NO_NOTES) notes[v] = [n];
    else notes[v]!.push(n);
  };
  for (let v = 0; v < variants.length; v++) {
    const variant = variants[v]!;
    const link = linkByVariant.get(variant.id);
    if (link) linkedTo[v] = byId.get(link.productId.trim().toUpperCase()) ?? -1;
    for (let p = 0; p < priority.length; p++) {
      const pair = priority[p]!;
      const value = variantFieldValue(variant, pair.listingField);
      const key = compareKey(kinds[p]!, value);
      if (key === null) continue;
      if (key === undefined) {
        const normalized = normalizeAs(kinds[p]!, value);
        // The same field may appear in several pairs; report it once.
        if (
          normalized.kind === "invalid" &&
          !notes[v]!.some((n) => n.kind === "invalid_code" && n.field === pair.listingField)
        ) {
          note(v, {
            kind: "invalid_code",
            field: pair.listingField,
            value: normalized.value,
            reason: normalized.reason,
          });
        }
        continue;
      }
      const entry = pairMaps[p]?.get(key);
      if (entry === undefined) continue;
      if (typeof entry === "number") {
        candidate[v] = entry;
        candidatePair[v] = p;
        break;
      }
      note(v, {
        kind: "ambiguous",
        pair,
        value: value?.trim() ?? "",
        candidates: entry.slice(0, CANDIDATES_SHOWN).map((i) => products[i]!.id),
        candidateCount: entry.length,
      });
    }
  }

  // Pass 2: one variant per product. claim[p] is the winning variant so far.
  const claim = new Int32Array(products.length).fill(-1);
  const beats = (a: number, b: number): boolean => {
    if (candidatePair[a] !== candidatePair[b]) return candidatePair[a]! < candidatePair[b]!;
    const product = candidate[a]!;
    const aHeld = linkedTo[a] === product;
    const bHeld = linkedTo[b] === product;
    if (aHeld !== bHeld) return aHeld;
    const aKey = skuKeyOf(a);
    const bKey = skuKeyOf(b);
    if (aKey !== bKey) return aKey < bKey;
    return variants[a]!.id < variants[b]!.id;
  };
  for (let v = 0; v < variants.length; v++) {
    const product = candidate[v]!;
    if (product < 0) continue;
    const holder = claim[product]!;
    if (holder < 0 || beats(v, holder)) claim[product] = v;
  }

  // Pass 3: outcomes and the links that must go.
  const counts: MatchCounts = {
    variants: variants.length,
    products: products.length,
    linked: 0,
    linkedByPair: {},
    alreadyLinked: 0,
    unmatched: 0,
    ambiguous: 0,
    conflict: 0,
    invalidCode: 0,
    unlinked: 0,
    invalidProductCodes: index.invalidCodes.length,
  };
  const outcomes: VariantOutcome[] = new Array(variants.length);
  const unlinks: Unlink[] = [];
  // Linked variants seen in this run; the channel's other links are out of scope.
  const seen = new Set<string>();
  const labels = priority.map(pairShortLabel);

  for (let v = 0; v < variants.length; v++) {
    const variant = variants[v]!;
    const product = candidate[v]!;
    const variantNotes = notes[v]!;
    let outcome: VariantOutcome;
    if (product >= 0 && claim[product] === v) {
      const pair = priority[candidatePair[v]!]!;
      const productId = products[product]!.id;
      if (linkedTo[v] === product) {
        outcome = { status: "already_linked", productId, pair, pairIndex: candidatePair[v]!, notes: variantNotes };
        counts.alreadyLinked++;
      } else {
        outcome = { status: "linked", productId, pair, pairIndex: candidatePair[v]!, notes: variantNotes };
        counts.linked++;
        const label = labels[candidatePair[v]!]!;
        counts.linkedByPair[label] = (counts.linkedByPair[label] ?? 0) + 1;
      }
    } else if (product >= 0) {
      const winner = claim[product]!;
      outcome = {
        status: "conflict",
        productId: products[product]!.id,
        pair: priority[candidatePair[v]!]!,
        winner: {
          variantId: variants[winner]!.id,
          sku: variants[winner]!.sku,
          pair: priority[candidatePair[winner]!]!,
        },
        notes: variantNotes,
      };
      counts.conflict++;
    } else {
      const ambiguous = variantNotes.find((n) => n.kind === "ambiguous");
      const invalid = variantNotes.find((n) => n.kind === "invalid_code");
      if (ambiguous && ambiguous.kind === "ambiguous") {
        const { pair, value, candidates, candidateCount } = ambiguous;
        outcome = { status: "ambiguous", pair, value, candidates, candidateCount, notes: variantNotes };
        counts.ambiguous++;
      } else if (invalid && invalid.kind === "invalid_code") {
        const { field, value, reason } = invalid;
        outcome = { status: "invalid_code", field, value, reason, notes: variantNotes };
        counts.invalidCode++;
      } else {
        outcome = { status: "unmatched", notes: variantNotes };
        counts.unmatched++;
      }
    }
    outcomes[v] = outcome;

    const link = linkByVariant.get(variant.id);
    if (link) seen.add(variant.id);
    if (link && outcome.status !== "already_linked") {
      const reason: UnlinkReason =
        linkedTo[v]! < 0 ? "product_missing" : outcome.status === "linked" ? "relinked" : "no_longer_matches";
      unlinks.push({ variantId: variant.id, sku: variant.sku, productId: link.productId, reason });
    }
  }

  // Links of variants that are not in this run (deleted or outside the listing scope) go too,
  // so the links always equal the outcome of the rules over the variants the channel manages.
  for (const link of input.existingLinks ?? []) {
    if (!seen.has(link.variantId)) {
      unlinks.push({ variantId: link.variantId, productId: link.productId, reason: "out_of_scope" });
    }
  }
  counts.unlinked = unlinks.length;
  return { outcomes, unlinks, index, counts };
}
