/**
 * Template validation: refuses a template the importer could not apply, with one message per
 * target row (checkMapping, checkTyped), and validateTemplateBody, the parse-then-check-every-row
 * walk each template kind runs with its own targets and source tree (validateTemplate here for
 * Get Orders, validateSyncTemplate in lib/mapping/sync-evaluate.ts).
 */

import { centsToDecimal, decimalToCents } from "@/lib/money/cents";
import type { SourceLookup } from "./compile-mapping";
import { findSourceField } from "./source-fields";
import { findTarget, TARGET_FIELDS, type TargetField } from "./targets";
import {
  type Condition,
  type FieldMapping,
  type MappingSetData,
  type TemplateBody,
  templateBodySchema,
  UNARY_OPERATORS,
} from "./template";
import { coerce, normaliseDate, parseNumber } from "./values";

export type TemplateValidation =
  | { ok: true; body: TemplateBody }
  | { ok: false; errors: Record<string, string>; body?: TemplateBody };

function checkPath(path: string, target: TargetField, what: string, find: SourceLookup): string | null {
  const field = find(path);
  if (!field) return `${what}: unknown SellerCloud field "${path}"`;
  if (field.isItemField && target.group !== "item")
    return `${what}: "${path}" is an item field; order fields cannot use it`;
  return null;
}

export function checkTyped(value: string, target: TargetField, what: string): string | null {
  const result = coerce(value, target.type);
  if (!result.ok) return `${what} ${result.reason}`;
  // A typed amount is never rounded behind the user's back (issue 14 §10): 12.345 is refused with
  // the cent it would be, as a catalog CSV says which amounts it rounded.
  if (target.type === "money") {
    const cents = decimalToCents(value);
    if (cents.ok && cents.rounded)
      return `${what} "${value.trim()}" has more than two decimals: money is kept to the cent, so enter ${centsToDecimal(cents.cents)} or the amount you mean`;
  }
  return null;
}

function checkCondition(condition: Condition, target: TargetField, where: string, find: SourceLookup): string | null {
  const pathError = checkPath(condition.path, target, where, find);
  if (pathError) return pathError;
  const { op, value } = condition;
  if (UNARY_OPERATORS.has(op)) return null;
  if (op === "in_list") {
    if (!Array.isArray(value) || value.filter((v) => v.trim() !== "").length === 0)
      return `${where}: "is in list" needs a list of values`;
    return null;
  }
  if (typeof value !== "string") return `${where}: enter one value to compare with`;
  if (op === "gt" || op === "lt") {
    const type = find(condition.path)?.type;
    const isNumber = parseNumber(value) !== null;
    const isDate = normaliseDate(value) !== undefined;
    if (type === "date" && !isDate) return `${where}: "${value}" is not a date to compare with`;
    if ((type === "number" || type === "money" || type === "integer") && !isNumber)
      return `${where}: "${value}" is not a number to compare with`;
    if (!isNumber && !isDate) return `${where}: "${value}" is not a number or a date`;
  }
  return null;
}

/** One target's problems, one message each; exported for other template kinds. */
export function checkMapping(
  mapping: FieldMapping,
  target: TargetField,
  sets: Map<string, MappingSetData>,
  find: SourceLookup = findSourceField,
): string[] {
  const errors: string[] = [];
  const push = (e: string | null) => {
    if (e) errors.push(e);
  };
  if (target.required && (mapping.mode === "none" || mapping.mode === "empty"))
    errors.push(`${target.label} is required: map it to a field, a value, a mapping set or rules`);
  switch (mapping.mode) {
    case "field":
      push(checkPath(mapping.path, target, "Field", find));
      break;
    case "value":
      if (target.required && mapping.value.trim() === "") errors.push(`${target.label} is required: enter a value`);
      else push(checkTyped(mapping.value, target, "Value"));
      break;
    case "mapping_set": {
      if (!sets.has(mapping.setId)) errors.push("Mapping set: the chosen set does not exist");
      push(checkPath(mapping.path, target, "Mapping set source", find));
      if (mapping.fallback.kind === "value") push(checkTyped(mapping.fallback.value, target, "Fallback value"));
      if (target.required && mapping.fallback.kind === "empty")
        errors.push(`${target.label} is required: the fallback cannot be empty`);
      break;
    }
    case "rules": {
      if (mapping.rules.length === 0) errors.push("Rules: add at least one rule, or choose another mode");
      for (const [i, rule] of mapping.rules.entries()) {
        if (rule.conditions.length === 0) errors.push(`Rule ${i + 1}: add at least one condition`);
        for (const [j, condition] of rule.conditions.entries())
          push(checkCondition(condition, target, `Rule ${i + 1}, condition ${j + 1}`, find));
        if (rule.output.kind === "field") push(checkPath(rule.output.path, target, `Rule ${i + 1} output`, find));
        else push(checkTyped(rule.output.value, target, `Rule ${i + 1} output`));
      }
      if (mapping.default.kind === "field") push(checkPath(mapping.default.path, target, "Default", find));
      if (mapping.default.kind === "value") push(checkTyped(mapping.default.value, target, "Default"));
      if (target.required && mapping.default.kind === "empty")
        errors.push(`${target.label} is required: the default cannot be empty`);
      break;
    }
  }
  return errors;
}

/** What differs between template kinds when validating: their targets, source tree and extra row checks. */
export interface TemplateKindChecks<T extends TargetField> {
  targets: readonly T[];
  /** The message for a key in the body that is not one of `targets`. */
  unknownTarget(key: string): string | null;
  find: SourceLookup;
  /** Further problems with one row (e.g. a status SellerCloud does not accept), appended to checkMapping's. */
  extraChecks?(target: T, mapping: FieldMapping): string[];
}

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
  const body = parsed.data;
  const setsById = new Map(sets.map((s) => [s.id, s]));
  for (const key of Object.keys(body.fields)) {
    const unknown = kind.unknownTarget(key);
    if (unknown) errors[key] = unknown;
  }
  for (const target of kind.targets) {
    const mapping = body.fields[target.key] ?? { mode: "none" as const };
    const rowErrors = checkMapping(mapping, target, setsById, kind.find);
    if (kind.extraChecks) rowErrors.push(...kind.extraChecks(target, mapping));
    if (rowErrors.length > 0) errors[target.key] = rowErrors.join("; ");
  }
  return Object.keys(errors).length > 0 ? { ok: false, errors, body } : { ok: true, body };
}

/**
 * Checks a Get Orders template before it is saved or used. `input` may be untrusted (editor form,
 * jsonb): it is parsed first, and zod's messages are attached to their rows too.
 */
export function validateTemplate(input: unknown, sets: MappingSetData[]): TemplateValidation {
  return validateTemplateBody(input, sets, {
    targets: TARGET_FIELDS,
    unknownTarget: (key) => (findTarget(key) ? null : `"${key}" is not a Conduit order field`),
    find: findSourceField,
  });
}
