import { ITEM_SOURCE_NODES, ORDER_SOURCE_NODES } from "./source-fields.generated";
import type { SourceNode, SourceType } from "./source-node";

export type { SourceNode, SourceType };

/**
 * The SellerCloud fields a template may read: the list DTO of GET /api/Orders, as a tree for the
 * editor's picker. Paths are dotted: `GrandTotal`, `ShippingAddress.City`, and `Items.ProductID`
 * for the item being mapped (item targets only). The editor offers only these paths, never free text.
 */
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

/**
 * Fields for the picker, filtered by a search string (every word must appear in the path or the
 * breadcrumb). Order targets never see item fields.
 */
export function searchSourceFields(query: string, options: { forItemTarget: boolean }): SourceField[] {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  return SOURCE_FIELDS.filter((f) => options.forItemTarget || !f.isItemField).filter((f) => {
    const hay = `${f.path} ${f.breadcrumb}`.toLowerCase();
    return words.every((w) => hay.includes(w));
  });
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
    search(query, options) {
      const words = query.toLowerCase().split(/\s+/).filter(Boolean);
      return fields
        .filter((f) => options.forItemTarget || !f.isItemField)
        .filter((f) => {
          const hay = `${f.path} ${f.breadcrumb}`.toLowerCase();
          return words.every((w) => hay.includes(w));
        });
    },
  };
}

/** The Get Orders catalog (SellerCloud's order list DTO). */
export const GET_ORDERS_SOURCE_CATALOG: SourceCatalog = {
  fields: SOURCE_FIELDS,
  find: findSourceField,
  search: searchSourceFields,
};
