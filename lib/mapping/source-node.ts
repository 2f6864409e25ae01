/**
 * The node type of the SellerCloud source-field tree: one field (with its value type) or a group
 * of fields (an address object). Its own module so the generated tree
 * (source-fields.generated.ts), its generator (scripts/generate-source-fields.ts) and the picker
 * (source-fields.ts) share one definition without importing each other. Shared by client and server.
 */

/** How a source value is read and shown: money is a decimal amount, date an ISO date-time, list a list of strings. */
export type SourceType = "text" | "number" | "money" | "integer" | "date" | "boolean" | "list";

export interface SourceNode {
  /** Dotted path: `GrandTotal`, `ShippingAddress.City`, `Items.ProductID`. */
  path: string;
  label: string;
  /** Absent on a group (an address object). */
  type?: SourceType;
  children?: SourceNode[];
}
