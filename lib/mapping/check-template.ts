/**
 * Template checks without zod, so the browser can run them (the template editor's live messages):
 * one message per target row (checkMapping, checkTyped) for a body already shaped like a
 * TemplateBody, and the walk each template kind runs with its own targets and source tree
 * (checkTemplate here for Get Orders, checkSyncTemplate in lib/mapping/sync-checks.ts). The server
 * parses untrusted input with zod first: lib/mapping/validate-template.ts.
 */

import { centsToDecimal, decimalToCents } from "@/lib/money/cents";
import type { SourceLookup } from "./compile-mapping";
import { findSourceField } from "./source-fields";
import { findTarget, TARGET_FIELDS, type TargetField } from "./targets";
import type { Condition, FieldMapping, MappingSetData, TemplateBody } from "./template";
import { UNARY_OPERATORS } from "./template-terms";
import { coerce, normaliseDate, parseNumber } from "./values";

export type TemplateValidation =
  | { ok: true; body: TemplateBody }
  | { ok: false; errors: Record<string, string>; body?: TemplateBody };

/** What a template kind's source fields are called in messages ("SellerCloud field", "Conduit field"). */
const DEFAULT_SOURCE_LABEL = "SellerCloud field";

function checkPath(
  path: string,
  target: TargetField,
  what: string,
  find: SourceLookup,
  label = DEFAULT_SOURCE_LABEL,
): string | null {
  if (path.trim() === "") return `${what}: choose a ${label}`;
  const field = find(path);
  if (!field) return `${what}: unknown ${label} "${path}"`;
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

function checkCondition(
  condition: Condition,
  target: TargetField,
  where: string,
  find: SourceLookup,
  label: string,
): string | null {
  const pathError = checkPath(condition.path, target, where, find, label);
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

/**
 * One target's problems, one message each, every one naming where it is ("Rule 2, condition 1: …");
 * exported for other template kinds. `label`: what the kind's source fields are called.
 */
export function checkMapping(
  mapping: FieldMapping,
  target: TargetField,
  sets: Map<string, MappingSetData>,
  find: SourceLookup = findSourceField,
  label = DEFAULT_SOURCE_LABEL,
): string[] {
  const errors: string[] = [];
  const push = (e: string | null) => {
    if (e) errors.push(e);
  };
  if (target.required && (mapping.mode === "none" || mapping.mode === "empty"))
    errors.push(`${target.label} is required: map it to a field, a value, a mapping set or rules`);
  switch (mapping.mode) {
    case "field":
      push(checkPath(mapping.path, target, "Field", find, label));
      break;
    case "value":
      if (target.required && mapping.value.trim() === "") errors.push(`${target.label} is required: enter a value`);
      else push(checkTyped(mapping.value, target, "Value"));
      break;
    case "mapping_set": {
      if (mapping.setId === "") errors.push("Mapping set: choose a mapping set");
      else if (!sets.has(mapping.setId)) errors.push("Mapping set: the chosen set does not exist");
      push(checkPath(mapping.path, target, "Mapping set source", find, label));
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
          push(checkCondition(condition, target, `Rule ${i + 1}, condition ${j + 1}`, find, label));
        if (rule.output.kind === "field")
          push(checkPath(rule.output.path, target, `Rule ${i + 1} output`, find, label));
        else push(checkTyped(rule.output.value, target, `Rule ${i + 1} output`));
      }
      if (mapping.default.kind === "field") push(checkPath(mapping.default.path, target, "Default", find, label));
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
  /** What the kind's source fields are called in messages (default "SellerCloud field"). */
  sourceLabel?: string;
  /** Further problems with one row (e.g. a status SellerCloud does not accept), appended to checkMapping's. */
  extraChecks?(target: T, mapping: FieldMapping): string[];
}

/**
 * Checks every target row of one template kind in a body shaped like a TemplateBody (the editor's
 * own state, or what zod parsed): every row's problems at once (a choice left empty is one of
 * them, named with its place); `errors` is keyed by target key, one "; "-joined message per row.
 */
export function checkTemplateBody<T extends TargetField>(
  body: TemplateBody,
  sets: MappingSetData[],
  kind: TemplateKindChecks<T>,
): TemplateValidation {
  const errors: Record<string, string> = {};
  const setsById = new Map(sets.map((s) => [s.id, s]));
  for (const key of Object.keys(body.fields)) {
    const unknown = kind.unknownTarget(key);
    if (unknown) errors[key] = unknown;
  }
  for (const target of kind.targets) {
    const mapping = body.fields[target.key] ?? { mode: "none" as const };
    const rowErrors = checkMapping(mapping, target, setsById, kind.find, kind.sourceLabel);
    if (kind.extraChecks) rowErrors.push(...kind.extraChecks(target, mapping));
    if (rowErrors.length > 0) errors[target.key] = rowErrors.join("; ");
  }
  return Object.keys(errors).length > 0 ? { ok: false, errors, body } : { ok: true, body };
}

/** Get Orders' targets, source tree and unknown-key message, for checkTemplateBody. */
export const GET_ORDERS_CHECKS: TemplateKindChecks<TargetField> = {
  targets: TARGET_FIELDS,
  unknownTarget: (key) => (findTarget(key) ? null : `"${key}" is not a Conduit order field`),
  find: findSourceField,
};

/** Checks a Get Orders template body the editor holds (no zod: see validateTemplate for untrusted input). */
export function checkTemplate(body: TemplateBody, sets: MappingSetData[]): TemplateValidation {
  return checkTemplateBody(body, sets, GET_ORDERS_CHECKS);
}
