/**
 * One SellerCloud order mapped through the run's template, with the content hash that tells a
 * changed order from an unchanged one. Pure: no database, no SellerCloud call.
 *
 * Text is cleaned here, at the edge, before mapping: SellerCloud records can hold NUL (Postgres
 * refuses U+0000 in text and jsonb, which made every run of the channel fail), other C0 control
 * characters and lone UTF-16 surrogates. The raw record is cleaned (lib/text/clean.ts, line breaks
 * kept), so both the stored raw record and every mapped column come from clean text.
 */
import { createHash } from "node:crypto";
import type { CompiledTemplate, MappedOrder } from "@/lib/mapping/evaluate";
import type { ScOrder } from "@/lib/sellercloud/transform-orders";
import { CleaningTally } from "@/lib/text/clean";

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
  /** Paths of the raw record's strings that had control or broken characters removed (usually none). */
  cleanedFields: string[];
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
  const { raw, rawJson, cleanedFields } = cleanRecord((order.raw ?? {}) as Record<string, unknown>);
  const result = compiled.map(raw);
  if (!result.ok) return { issues: result.issues.map((i) => i.message), field: result.issues[0]?.field ?? "order" };
  const hash = createHash("sha1")
    .update(rawJson)
    .update(JSON.stringify([result.order.values, result.order.items]))
    .digest("base64url");
  return { mapped: result.order, raw, rawJson, hash, scId: order.id, cleanedFields };
}

/**
 * What JSON.stringify writes for the characters cleanText removes or replaces: \u0000-\u001f
 * escapes (other than \n, \r, \t, which are kept), \b and \f, lone surrogates (\ud800-\udfff)
 * and a literal DEL. A false match (a backslash typed before a "b") only costs the full walk.
 */
const SUSPECT_JSON = /\\u00[01][0-9a-f]|\\[bf]|\\ud[89a-f]|\u007f/;

/**
 * The raw record with its text cleaned, serialised once. Almost every record is clean: its JSON,
 * needed anyway for the hash and the write, is checked with one regular expression, and only a
 * suspect record is walked (and copied).
 */
export function cleanRecord(raw: Record<string, unknown>): {
  raw: Record<string, unknown>;
  rawJson: string;
  cleanedFields: string[];
} {
  const rawJson = JSON.stringify(raw);
  if (!SUSPECT_JSON.test(rawJson)) return { raw, rawJson, cleanedFields: [] };
  const cleanedFields: string[] = [];
  const cleaned = new CleaningTally().cleanJson(raw, (path) => cleanedFields.push(path));
  if (cleanedFields.length === 0) return { raw, rawJson, cleanedFields };
  return { raw: cleaned, rawJson: JSON.stringify(cleaned), cleanedFields };
}
