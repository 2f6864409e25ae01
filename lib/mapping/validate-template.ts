/**
 * Template validation for untrusted input (editor form data, jsonb): validateTemplateBody parses
 * it with zod (lib/mapping/template.ts templateBodySchema), attaching zod's messages to their
 * rows, then checks every row (lib/mapping/check-template.ts, which the browser runs without
 * zod). validateTemplate here for Get Orders, validateSyncTemplate in lib/mapping/sync-evaluate.ts.
 */

import {
  checkTemplateBody,
  GET_ORDERS_CHECKS,
  type TemplateKindChecks,
  type TemplateValidation,
} from "./check-template";
import type { TargetField } from "./targets";
import { type MappingSetData, templateBodySchema } from "./template";

export {
  checkMapping,
  checkTyped,
  type TemplateKindChecks,
  type TemplateValidation,
} from "./check-template";

/**
 * Parses `input` (untrusted: editor form, jsonb) as a template body, then checks every target row
 * of one template kind. zod's messages are attached to their rows ("template" when not a row's);
 * `errors` is keyed by target key, one "; "-joined message per row.
 */
export function validateTemplateBody<T extends TargetField>(
  input: unknown,
  sets: MappingSetData[],
  kind: TemplateKindChecks<T>,
): TemplateValidation {
  const errors: Record<string, string> = {};
  const parsed = templateBodySchema.safeParse(input);
  if (!parsed.success) {
    for (const problem of parsed.error.issues) {
      const [first, key] = problem.path;
      const row = first === "fields" && typeof key === "string" ? key : "template";
      errors[row] ??= problem.message;
    }
    return { ok: false, errors };
  }
  return checkTemplateBody(parsed.data, sets, kind);
}

/**
 * Checks a Get Orders template before it is saved or used. `input` may be untrusted (editor form,
 * jsonb): it is parsed first, and zod's messages are attached to their rows too.
 */
export function validateTemplate(input: unknown, sets: MappingSetData[]): TemplateValidation {
  return validateTemplateBody(input, sets, GET_ORDERS_CHECKS);
}
