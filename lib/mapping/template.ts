/**
 * A mapping template body: for each Conduit target field (lib/mapping/targets.ts) one mapping.
 * Stored as jsonb in mapping_template_versions.body; shared by the editor and the importer.
 * Targets missing from `fields` are Don't Map.
 */

import { z } from "zod";
import { OPERATORS } from "./template-terms";

export {
  MAPPING_MODE_LABELS,
  OPERATOR_LABELS,
  OPERATORS,
  type Operator,
  UNARY_OPERATORS,
} from "./template-terms";

// An empty choice parses: the row checks (lib/mapping/check-template.ts) name it with its place
// ("Rule 2, condition 1: choose a SellerCloud field") together with the row's other problems.
const sourcePath = z.string().trim();

export const conditionSchema = z.object({
  path: sourcePath,
  op: z.enum(OPERATORS),
  /** A list for in_list, a string for the other binary operators, absent for is_empty/is_not_empty. */
  value: z.union([z.string(), z.array(z.string())]).optional(),
});
export type Condition = z.infer<typeof conditionSchema>;

export const outputSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("value"), value: z.string() }),
  z.object({ kind: z.literal("field"), path: sourcePath }),
]);
export type RuleOutput = z.infer<typeof outputSchema>;

export const ruleSchema = z.object({
  match: z.enum(["all", "any"]).default("all"),
  conditions: z.array(conditionSchema),
  output: outputSchema,
});
export type Rule = z.infer<typeof ruleSchema>;

export const ruleDefaultSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("value"), value: z.string() }),
  z.object({ kind: z.literal("field"), path: sourcePath }),
  z.object({ kind: z.literal("empty") }),
]);
export type RuleDefault = z.infer<typeof ruleDefaultSchema>;

export const mappingFallbackSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("pass_through") }),
  z.object({ kind: z.literal("value"), value: z.string() }),
  z.object({ kind: z.literal("empty") }),
]);
export type MappingFallback = z.infer<typeof mappingFallbackSchema>;

export const fieldMappingSchema = z.discriminatedUnion("mode", [
  /** Don't Map: nothing is written; an existing value is left as it is. */
  z.object({ mode: z.literal("none") }),
  /** Set to Empty: the field is cleared. */
  z.object({ mode: z.literal("empty") }),
  z.object({ mode: z.literal("field"), path: sourcePath }),
  z.object({ mode: z.literal("value"), value: z.string() }),
  z.object({
    mode: z.literal("mapping_set"),
    // "" until one is chosen (the row check says so); otherwise a mapping set's id.
    setId: z.union([z.literal(""), z.string().uuid("Choose a mapping set")]),
    path: sourcePath,
    fallback: mappingFallbackSchema.default({ kind: "pass_through" }),
  }),
  z.object({
    mode: z.literal("rules"),
    rules: z.array(ruleSchema),
    default: ruleDefaultSchema.default({ kind: "empty" }),
  }),
]);
export type FieldMapping = z.infer<typeof fieldMappingSchema>;
export type MappingMode = FieldMapping["mode"];
export const templateBodySchema = z.object({
  /** Body format version, so a later format can be migrated on read. */
  format: z.literal(1).default(1),
  fields: z.record(z.string(), fieldMappingSchema),
});
export type TemplateBody = z.infer<typeof templateBodySchema>;

/** A mapping set as the evaluator needs it: from -> to, matched trimmed and case-insensitively. */
export interface MappingSetData {
  id: string;
  name: string;
  entries: Array<{ from: string; to: string }>;
}
