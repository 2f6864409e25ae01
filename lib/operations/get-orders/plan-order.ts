import { createHash } from "node:crypto";
import type { CompiledTemplate, MappedOrder } from "@/lib/mapping/evaluate";
import type { ScOrder } from "@/lib/sellercloud/transform";

/**
 * One SellerCloud order mapped through the run's template, with the content hash that tells a
 * changed order from an unchanged one. Pure: no database, no SellerCloud call.
 */

/** An order ready to classify and write. */
export interface PlannedOrder {
  mapped: MappedOrder;
  /** The list DTO as SellerCloud sent it (MultipleOrderDataDto, GET /api/Orders). */
  raw: Record<string, unknown>;
  /** The raw record serialised once: hashed, then spliced into the write payload. */
  rawJson: string;
  /** sha1 (base64url) of the raw record and the mapped values and items. */
  hash: string;
  /** SellerCloud's order ID. */
  scId: number;
}

/** Why an order could not be mapped: every issue's message, and the first failing target key. */
export interface UnmappableOrder {
  issues: string[];
  field: string;
}

/**
 * Maps `order` (its raw list DTO) with `compiled`. An equal hash later means the same SellerCloud
 * record mapped the same way, so there is nothing to update; a template edit changes the hash.
 */
export function planOrder(compiled: CompiledTemplate, order: ScOrder): PlannedOrder | UnmappableOrder {
  const raw = (order.raw ?? {}) as Record<string, unknown>;
  const result = compiled.map(raw);
  if (!result.ok) return { issues: result.issues.map((i) => i.message), field: result.issues[0]?.field ?? "order" };
  const rawJson = JSON.stringify(raw);
  const hash = createHash("sha1")
    .update(rawJson)
    .update(JSON.stringify([result.order.values, result.order.items]))
    .digest("base64url");
  return { mapped: result.order, raw, rawJson, hash, scId: order.id };
}
