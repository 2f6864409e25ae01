import { describe, expect, it } from "vitest";
import { DEFAULT_LINK_PRIORITY, type LinkPair } from "@/lib/channels/settings";
import type { SellerCloudProductIds } from "./index";
import { type ExistingLink, matchVariants, type VariantIds, type VariantOutcome } from "./match";

const P = (listingField: LinkPair["listingField"], sellercloudField: LinkPair["sellercloudField"]): LinkPair => ({
  listingField,
  sellercloudField,
});

const UPC_A = "012345678905"; // valid
const UPC_B = "036000291452"; // valid
const UPC_BAD = "012345678906"; // wrong check digit

interface Case {
  name: string;
  priority?: LinkPair[];
  products: SellerCloudProductIds[];
  variants: VariantIds[];
  existing?: ExistingLink[];
  /** Expected outcome per variant SKU: status plus product (or winner for conflicts). */
  expected: Record<string, string>;
  unlinks?: Array<[string, string]>;
}

function describeOutcome(outcome: VariantOutcome): string {
  switch (outcome.status) {
    case "linked":
    case "already_linked":
      return `${outcome.status} ${outcome.productId} by ${outcome.pair.listingField}`;
    case "conflict":
      return `conflict ${outcome.productId} won by ${outcome.winner.sku}`;
    case "ambiguous":
      return `ambiguous ${outcome.pair.listingField} x${outcome.candidateCount}`;
    case "invalid_code":
      return `invalid_code ${outcome.field}`;
    case "unmatched":
      return "unmatched";
  }
}

const cases: Case[] = [
  {
    name: "links by SKU case-insensitively and trimmed",
    products: [{ id: "ABC-1" }],
    variants: [{ id: "v1", sku: " abc-1 " }],
    expected: { " abc-1 ": "linked ABC-1 by sku" },
  },
  {
    name: "links UPC-A to the same code written as EAN-13",
    products: [{ id: "P1", upc: `0${UPC_A}` }],
    variants: [{ id: "v1", sku: "x", upc: UPC_A }],
    expected: { x: "linked P1 by upc" },
  },
  {
    name: "uses the first pair that finds a product",
    products: [
      { id: "P1", upc: UPC_A },
      { id: "SKU-2", upc: UPC_B },
    ],
    variants: [{ id: "v1", sku: "SKU-2", upc: UPC_A }],
    expected: { "SKU-2": "linked SKU-2 by sku" },
  },
  {
    name: "follows a custom priority order",
    priority: [P("upc", "UPC"), P("sku", "ID")],
    products: [
      { id: "P1", upc: UPC_A },
      { id: "SKU-2", upc: UPC_B },
    ],
    variants: [{ id: "v1", sku: "SKU-2", upc: UPC_A }],
    expected: { "SKU-2": "linked P1 by upc" },
  },
  {
    name: "reports an ambiguous value and tries the next pair",
    products: [
      { id: "P1", upc: UPC_A, mpn: "M-1" },
      { id: "P2", upc: UPC_A },
    ],
    variants: [{ id: "v1", sku: "x", upc: UPC_A, mpn: "m-1" }],
    expected: { x: "linked P1 by mpn" },
  },
  {
    name: "is ambiguous when no later pair settles it",
    products: [
      { id: "P1", upc: UPC_A },
      { id: "P2", upc: UPC_A },
      { id: "P3", upc: UPC_A },
    ],
    variants: [{ id: "v1", sku: "x", upc: UPC_A }],
    expected: { x: "ambiguous upc x3" },
  },
  {
    name: "reports an invalid listing code and does not match it",
    products: [{ id: "P1", upc: UPC_BAD }],
    variants: [{ id: "v1", sku: "x", upc: UPC_BAD }],
    expected: { x: "invalid_code upc" },
  },
  {
    name: "skips an invalid code and links by a later pair",
    products: [{ id: "P1", mpn: "M-1" }],
    variants: [{ id: "v1", sku: "x", upc: UPC_BAD, mpn: "M-1" }],
    expected: { x: "linked P1 by mpn" },
  },
  {
    name: "leaves variants with no matching value unmatched",
    products: [{ id: "P1", upc: UPC_A }],
    variants: [
      { id: "v1", sku: "nothing" },
      { id: "v2", sku: "other", upc: UPC_B },
    ],
    expected: { nothing: "unmatched", other: "unmatched" },
  },
  {
    name: "gives a product to the variant reached by the higher-priority pair",
    products: [{ id: "SKU-1", upc: UPC_A }],
    variants: [
      { id: "v2", sku: "A-other", upc: UPC_A },
      { id: "v1", sku: "SKU-1" },
    ],
    expected: { "SKU-1": "linked SKU-1 by sku", "A-other": "conflict SKU-1 won by SKU-1" },
  },
  {
    name: "breaks a tie on the same pair by the smaller SKU",
    products: [{ id: "P1", upc: UPC_A }],
    variants: [
      { id: "v1", sku: "B", upc: UPC_A },
      { id: "v2", sku: "a", upc: UPC_A },
      { id: "v3", sku: "C", upc: `00${UPC_A}` },
    ],
    expected: { a: "linked P1 by upc", B: "conflict P1 won by a", C: "conflict P1 won by a" },
  },
  {
    name: "keeps an existing link on a tie so a look-alike does not steal it",
    products: [{ id: "P1", upc: UPC_A }],
    variants: [
      { id: "v1", sku: "B", upc: UPC_A },
      { id: "v2", sku: "a", upc: UPC_A },
    ],
    existing: [{ variantId: "v1", productId: "P1" }],
    expected: { B: "already_linked P1 by upc", a: "conflict P1 won by B" },
  },
  {
    name: "leaves an unchanged link alone",
    products: [{ id: "SKU-1" }],
    variants: [{ id: "v1", sku: "sku-1" }],
    existing: [{ variantId: "v1", productId: "sku-1" }],
    expected: { "sku-1": "already_linked SKU-1 by sku" },
  },
  {
    name: "unlinks a link whose product disappeared",
    products: [{ id: "OTHER" }],
    variants: [{ id: "v1", sku: "SKU-1" }],
    existing: [{ variantId: "v1", productId: "SKU-1" }],
    expected: { "SKU-1": "unmatched" },
    unlinks: [["v1", "product_missing"]],
  },
  {
    name: "unlinks a link whose identifiers no longer match",
    products: [{ id: "P1", upc: UPC_A }],
    variants: [{ id: "v1", sku: "x", upc: UPC_B }],
    existing: [{ variantId: "v1", productId: "P1" }],
    expected: { x: "unmatched" },
    unlinks: [["v1", "no_longer_matches"]],
  },
  {
    name: "moves a link when the identifiers now point to another product",
    products: [
      { id: "P1", upc: UPC_A },
      { id: "P2", upc: UPC_B },
    ],
    variants: [{ id: "v1", sku: "x", upc: UPC_B }],
    existing: [{ variantId: "v1", productId: "P1" }],
    expected: { x: "linked P2 by upc" },
    unlinks: [["v1", "relinked"]],
  },
  {
    name: "unlinks variants that are no longer in the run",
    products: [{ id: "P1" }],
    variants: [],
    existing: [{ variantId: "gone", productId: "P1" }],
    expected: {},
    unlinks: [["gone", "out_of_scope"]],
  },
  {
    name: "compares cross pairs as text",
    priority: [P("sku", "UPC")],
    products: [{ id: "P1", upc: "ABC" }],
    variants: [{ id: "v1", sku: "abc" }],
    expected: { abc: "linked P1 by sku" },
  },
  {
    name: "does not index products with an invalid code",
    priority: [P("upc", "UPC")],
    products: [{ id: "P1", upc: UPC_BAD }],
    variants: [{ id: "v1", sku: "x", upc: UPC_A }],
    expected: { x: "unmatched" },
  },
];

describe("matchVariants", () => {
  it.each(cases)("$name", (c) => {
    const result = matchVariants({
      variants: c.variants,
      products: c.products,
      priority: c.priority ?? DEFAULT_LINK_PRIORITY,
      existingLinks: c.existing,
    });
    const actual: Record<string, string> = {};
    c.variants.forEach((variant, i) => {
      actual[variant.sku] = describeOutcome(result.outcomes[i]!);
    });
    expect(actual).toEqual(c.expected);
    expect(result.unlinks.map((u) => [u.variantId, u.reason])).toEqual(c.unlinks ?? []);
  });

  it("counts outcomes and links by pair", () => {
    const result = matchVariants({
      variants: [
        { id: "v1", sku: "S1" },
        { id: "v2", sku: "x", upc: UPC_A },
        { id: "v3", sku: "y", upc: UPC_BAD },
        { id: "v4", sku: "z" },
      ],
      products: [{ id: "S1" }, { id: "P2", upc: UPC_A }, { id: "P3", upc: "123" }],
      priority: DEFAULT_LINK_PRIORITY,
    });
    expect(result.counts).toMatchObject({
      variants: 4,
      products: 3,
      linked: 2,
      linkedByPair: { "SKU → ID": 1, "UPC → UPC": 1 },
      unmatched: 1,
      invalidCode: 1,
      invalidProductCodes: 1,
    });
    expect(result.index.invalidCodes[0]).toMatchObject({ productId: "P3", field: "UPC" });
  });

  it("keeps the first copy of a product seen twice", () => {
    const result = matchVariants({
      variants: [{ id: "v1", sku: "S1" }],
      products: [{ id: "S1" }, { id: "s1" }],
      priority: DEFAULT_LINK_PRIORITY,
    });
    expect(result.outcomes[0]).toMatchObject({ status: "linked", productId: "S1" });
    expect(result.index.duplicateIds).toEqual(["s1"]);
  });

  it("matches 200k variants against 200k products in linear time", () => {
    const make = (n: number) => {
      const products: SellerCloudProductIds[] = [];
      const variants: VariantIds[] = [];
      for (let i = 0; i < n; i++) {
        products.push({ id: `SC-${i}`, mpn: `M${i}` });
        variants.push({ id: `v${i}`, sku: i % 2 ? `sc-${i}` : `other-${i}`, mpn: `m${i}` });
      }
      return { products, variants };
    };
    const time = (n: number) => {
      const { products, variants } = make(n);
      const started = performance.now();
      const result = matchVariants({ variants, products, priority: DEFAULT_LINK_PRIORITY });
      expect(result.counts.linked).toBe(n);
      return performance.now() - started;
    };
    time(20_000); // warm up
    const small = time(50_000);
    const large = time(200_000);
    // Linear means ~4x; allow generous slack for GC and shared CI cores.
    expect(large / small).toBeLessThan(10);
  });
});
