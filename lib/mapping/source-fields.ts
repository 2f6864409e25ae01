/**
 * The SellerCloud fields a template may read: the list DTO of GET /api/Orders, as a tree for the
 * editor's picker. Paths are dotted: `GrandTotal`, `ShippingAddress.City`, and `Items.ProductID`
 * for the item being mapped (item targets only). The editor offers only these paths, never free text.
 */
import { ITEM_SOURCE_NODES, ORDER_SOURCE_NODES } from "./source-fields.generated";
import type { SourceNode, SourceType } from "./source-node";

export type { SourceNode, SourceType };

export interface SourceField {
  path: string;
  label: string;
  type: SourceType;
  /** True for `Items.*`: read from the item being mapped, so only item targets may use it. */
  isItemField: boolean;
  /** Breadcrumb for search results, e.g. "Shipping Address › City". */
  breadcrumb: string;
}

export const SOURCE_TREE: SourceNode[] = [
  { path: "", label: "Order", children: ORDER_SOURCE_NODES },
  { path: "Items", label: "Order item", children: ITEM_SOURCE_NODES },
];

function flatten(nodes: SourceNode[], trail: string[], out: SourceField[]): SourceField[] {
  for (const node of nodes) {
    if (node.children) flatten(node.children, [...trail, node.label], out);
    else if (node.type)
      out.push({
        path: node.path,
        label: node.label,
        type: node.type,
        isItemField: node.path.startsWith("Items."),
        breadcrumb: [...trail, node.label].join(" › "),
      });
  }
  return out;
}

export const SOURCE_FIELDS: readonly SourceField[] = flatten(SOURCE_TREE, [], []);
const BY_PATH = new Map(SOURCE_FIELDS.map((f) => [f.path, f]));

export function findSourceField(path: string): SourceField | undefined {
  return BY_PATH.get(path);
}

/** The words of a path or label: "ShippingAddress.City" -> shipping, address, city. */
function wordsOf(text: string): string[] {
  return text
    .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
    .replace(/([A-Z]+)([A-Z][a-z])/g, "$1 $2")
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
}

/**
 * How well a field matches the query's words, or null when a word appears nowhere in its path or
 * breadcrumb. Each word scores by how it matches: a whole word of the field's own label (4), a
 * whole word of its path or breadcrumb (3), the start of one (2), anywhere inside (1).
 */
function matchScore(field: SourceField, words: readonly string[]): number | null {
  const hay = `${field.path} ${field.breadcrumb}`.toLowerCase();
  if (!words.every((w) => hay.includes(w))) return null;
  const label = new Set(wordsOf(field.label));
  const all = wordsOf(`${field.path} ${field.breadcrumb}`);
  const whole = new Set(all);
  let score = 0;
  for (const w of words) {
    if (label.has(w)) score += 4;
    else if (whole.has(w)) score += 3;
    else if (all.some((x) => x.startsWith(w))) score += 2;
    else score += 1;
  }
  return score;
}

/**
 * Fields matching a search string (every word must appear in the path or the breadcrumb), best
 * first: whole-word matches before fields where a word only appears inside another ("shipping
 * city" lists Shipping Address › City first); equal matches keep the tree's order. An empty
 * search lists every field in the tree's order. Order targets never see item fields.
 */
function searchFields(
  fields: readonly SourceField[],
  query: string,
  options: { forItemTarget: boolean },
): SourceField[] {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  const scored: Array<{ field: SourceField; score: number; index: number }> = [];
  for (const [index, field] of fields.entries()) {
    if (!options.forItemTarget && field.isItemField) continue;
    const score = matchScore(field, words);
    if (score !== null) scored.push({ field, score, index });
  }
  return scored.sort((a, b) => b.score - a.score || a.index - b.index).map((s) => s.field);
}

/** The Get Orders fields for the picker, best match first (see searchFields). */
export function searchSourceFields(query: string, options: { forItemTarget: boolean }): SourceField[] {
  return searchFields(SOURCE_FIELDS, query, options);
}

/** A searchable field list for any source tree (Get Orders' above, Sync Orders' in sync-targets.ts). */
export interface SourceCatalog {
  fields: readonly SourceField[];
  find(path: string): SourceField | undefined;
  search(query: string, options: { forItemTarget: boolean }): SourceField[];
}

export function buildSourceCatalog(tree: SourceNode[]): SourceCatalog {
  const fields = flatten(tree, [], []);
  const byPath = new Map(fields.map((f) => [f.path, f]));
  return {
    fields,
    find: (path) => byPath.get(path),
    search: (query, options) => searchFields(fields, query, options),
  };
}

/** The Get Orders catalog (SellerCloud's order list DTO). */
export const GET_ORDERS_SOURCE_CATALOG: SourceCatalog = {
  fields: SOURCE_FIELDS,
  find: findSourceField,
  search: searchSourceFields,
};
