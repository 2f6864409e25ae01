import { centsToDecimal, decimalToCents } from "@/lib/money/cents";
import { findSourceField, type SourceField, type SourceType } from "./source-fields";
import { findTarget, TARGET_FIELDS, type TargetField } from "./targets";
import {
  type Condition,
  type FieldMapping,
  type MappingSetData,
  type RuleOutput,
  type TemplateBody,
  templateBodySchema,
  UNARY_OPERATORS,
} from "./template";
import { coerce, isEmptyRaw, type MappedValue, normaliseDate, parseNumber, rawToText } from "./values";

/**
 * Applies a mapping template to SellerCloud list-DTO orders. A template is compiled once per
 * run (paths split, sets indexed) and then applied to every order of every page.
 */

export type SellerCloudRecord = Record<string, unknown>;

/** Values by target key. `undefined` = Don't Map (leave the stored value), `null` = empty. */
export type MappedValues = Record<string, MappedValue | undefined>;

export interface MappedItem {
  /** 1-based position in SellerCloud's Items array. */
  lineNumber: number;
  sellercloudItemId: string | null;
  values: MappedValues;
}

export interface MappedOrder {
  sellercloudOrderId: string;
  values: MappedValues;
  items: MappedItem[];
}

export interface MappingIssue {
  orderId: string;
  /** The target field key, e.g. "shipping.city"; "order" when the record itself is unusable. */
  field: string;
  itemLine?: number;
  reason: string;
  /** "Order 123, Shipping address › City: …" */
  message: string;
}

export type MapResult = { ok: true; order: MappedOrder } | { ok: false; issues: MappingIssue[] };

export interface CompiledTemplate {
  map(record: SellerCloudRecord): MapResult;
  /** The targets this template writes (not Don't Map), for building upserts. */
  writtenOrderTargets: TargetField[];
  writtenItemTargets: TargetField[];
}

/** A value-level problem with one target of one record; the caller turns it into an issue. */
export class RowError extends Error {}

/** Finds a source field by path: Get Orders' SellerCloud fields by default, another kind's tree otherwise. */
export type SourceLookup = (path: string) => SourceField | undefined;

export type Scope = { order: SellerCloudRecord; item?: SellerCloudRecord };
type Reader = (scope: Scope) => unknown;
export type Evaluator = (scope: Scope) => MappedValue | undefined;

function compilePath(path: string): Reader {
  const isItem = path.startsWith("Items.");
  const keys = (isItem ? path.slice("Items.".length) : path).split(".");
  return (scope) => {
    let current: unknown = isItem ? scope.item : scope.order;
    for (const key of keys) {
      if (current === null || typeof current !== "object") return undefined;
      current = (current as Record<string, unknown>)[key];
    }
    return current;
  };
}

function typed(value: unknown, target: TargetField, what: string): MappedValue {
  const result = coerce(value, target.type);
  if (!result.ok) throw new RowError(`${what} ${result.reason}`);
  return result.value;
}

function setIndex(set: MappingSetData): Map<string, string> {
  const index = new Map<string, string>();
  // First entry wins when a CSV repeats a key, so the table reads top-down like the rules.
  for (const entry of set.entries) {
    const key = entry.from.trim().toLowerCase();
    if (!index.has(key)) index.set(key, entry.to);
  }
  return index;
}

function sameValue(raw: unknown, expected: string): boolean {
  const a = parseNumber(raw);
  const b = parseNumber(expected);
  if (a !== null && b !== null && typeof raw !== "boolean") return a === b;
  return rawToText(raw).toLowerCase() === expected.trim().toLowerCase();
}

function compare(raw: unknown, expected: string, sourceType: SourceType | undefined): number | null {
  if (isEmptyRaw(raw)) return null; // nothing to compare: the condition is simply false
  if (sourceType === "date" || (typeof raw === "string" && parseNumber(raw) === null)) {
    const left = typeof raw === "string" ? normaliseDate(raw) : undefined;
    const right = normaliseDate(expected);
    if (left === undefined || right === undefined)
      throw new RowError(`cannot compare ${JSON.stringify(raw)} with "${expected}" as numbers or dates`);
    return left < right ? -1 : left > right ? 1 : 0;
  }
  const left = parseNumber(raw);
  const right = parseNumber(expected);
  if (left === null || right === null)
    throw new RowError(`cannot compare ${JSON.stringify(raw)} with "${expected}" as numbers`);
  return Math.sign(left - right);
}

function compileCondition(condition: Condition, find: SourceLookup): (scope: Scope) => boolean {
  const read = compilePath(condition.path);
  const sourceType = find(condition.path)?.type;
  const text = typeof condition.value === "string" ? condition.value : "";
  const list = Array.isArray(condition.value) ? condition.value : [];
  const lower = text.trim().toLowerCase();
  switch (condition.op) {
    case "equals":
      return (s) => sameValue(read(s), text);
    case "not_equals":
      return (s) => !sameValue(read(s), text);
    case "contains":
      return (s) => rawToText(read(s)).toLowerCase().includes(lower);
    case "starts_with":
      return (s) => rawToText(read(s)).toLowerCase().startsWith(lower);
    case "ends_with":
      return (s) => rawToText(read(s)).toLowerCase().endsWith(lower);
    case "in_list":
      return (s) => {
        const raw = read(s);
        return list.some((v) => sameValue(raw, v));
      };
    case "gt":
      return (s) => compare(read(s), text, sourceType) === 1;
    case "lt":
      return (s) => compare(read(s), text, sourceType) === -1;
    case "is_empty":
      return (s) => isEmptyRaw(read(s));
    case "is_not_empty":
      return (s) => !isEmptyRaw(read(s));
  }
}

function compileOutput(output: RuleOutput | { kind: "empty" }, target: TargetField): Evaluator {
  if (output.kind === "empty") return () => null;
  if (output.kind === "value") {
    const fixed = output.value;
    return () => typed(fixed, target, "the value");
  }
  const read = compilePath(output.path);
  return (s) => typed(read(s), target, `${output.path}`);
}

/** Compiles one target's mapping; exported for other template kinds (lib/mapping/sync-evaluate.ts). */
export function compileMapping(
  mapping: FieldMapping,
  target: TargetField,
  sets: Map<string, MappingSetData>,
  find: SourceLookup = findSourceField,
): Evaluator {
  switch (mapping.mode) {
    case "none":
      return () => undefined;
    case "empty":
      return () => null;
    case "field": {
      const read = compilePath(mapping.path);
      return (s) => typed(read(s), target, mapping.path);
    }
    case "value": {
      // Typed once: a fixed value is the same for every order.
      const result = coerce(mapping.value, target.type);
      return () => {
        if (!result.ok) throw new RowError(`the value ${result.reason}`);
        return result.value;
      };
    }
    case "mapping_set": {
      const set = sets.get(mapping.setId);
      const index = set ? setIndex(set) : undefined;
      const read = compilePath(mapping.path);
      const fallback = mapping.fallback;
      return (s) => {
        if (!index) throw new RowError("the mapping set no longer exists");
        const raw = read(s);
        const hit = index.get(rawToText(raw).toLowerCase());
        if (hit !== undefined) return typed(hit, target, `mapping set "${set?.name}" value`);
        if (fallback.kind === "empty") return null;
        if (fallback.kind === "value") return typed(fallback.value, target, "the fallback value");
        return typed(raw, target, mapping.path);
      };
    }
    case "rules": {
      const rules = mapping.rules.map((rule) => {
        const tests = rule.conditions.map((c) => compileCondition(c, find));
        const matches =
          rule.match === "all" ? (s: Scope) => tests.every((t) => t(s)) : (s: Scope) => tests.some((t) => t(s));
        return { matches, output: compileOutput(rule.output, target) };
      });
      const fallback = compileOutput(mapping.default, target);
      return (s) => {
        for (const [i, rule] of rules.entries()) {
          let matched: boolean;
          try {
            matched = rule.matches(s);
          } catch (error) {
            throw new RowError(`rule ${i + 1}: ${(error as Error).message}`);
          }
          if (matched) return rule.output(s); // first matching rule wins
        }
        return fallback(s);
      };
    }
  }
}

function label(target: TargetField): string {
  const group = { billing: "Billing address", shipping: "Shipping address", order: "Order", item: "Item" }[
    target.group
  ];
  return `${group} › ${target.label}`;
}

function issue(orderId: string, target: TargetField | null, reason: string, itemLine?: number): MappingIssue {
  const where = target ? `${itemLine ? `item ${itemLine}, ` : ""}${label(target)}` : "record";
  return { orderId, field: target?.key ?? "order", itemLine, reason, message: `Order ${orderId}, ${where}: ${reason}` };
}

function idText(value: unknown): string | null {
  if (typeof value === "number" && Number.isInteger(value)) return String(value);
  if (typeof value === "string" && /^\d+$/.test(value.trim())) return value.trim();
  return null;
}

export function compileTemplate(body: TemplateBody, sets: MappingSetData[] = []): CompiledTemplate {
  const setsById = new Map(sets.map((s) => [s.id, s]));
  const compiled = TARGET_FIELDS.map((target) => {
    const mapping = body.fields[target.key] ?? { mode: "none" as const };
    return { target, mode: mapping.mode, evaluate: compileMapping(mapping, target, setsById) };
  });
  const orderTargets = compiled.filter((c) => c.target.group !== "item");
  const itemTargets = compiled.filter((c) => c.target.group === "item");

  function run(list: typeof compiled, scope: Scope, orderId: string, issues: MappingIssue[], line?: number) {
    const values: MappedValues = {};
    for (const { target, evaluate } of list) {
      try {
        const value = evaluate(scope);
        if (target.required && (value === null || value === undefined))
          issues.push(issue(orderId, target, "is required but came out empty", line));
        values[target.key] = value;
      } catch (error) {
        if (!(error instanceof RowError)) throw error;
        issues.push(issue(orderId, target, error.message, line));
      }
    }
    return values;
  }

  return {
    writtenOrderTargets: orderTargets.filter((c) => c.mode !== "none").map((c) => c.target),
    writtenItemTargets: itemTargets.filter((c) => c.mode !== "none").map((c) => c.target),
    map(record) {
      const orderId = idText(record.ID);
      if (orderId === null) return { ok: false, issues: [issue(String(record.ID ?? "?"), null, "has no numeric ID")] };
      const issues: MappingIssue[] = [];
      const values = run(orderTargets, { order: record }, orderId, issues);
      const rawItems = record.Items ?? [];
      if (!Array.isArray(rawItems)) return { ok: false, issues: [issue(orderId, null, "Items is not a list")] };
      const items: MappedItem[] = [];
      for (const [i, raw] of rawItems.entries()) {
        if (raw === null || typeof raw !== "object") {
          issues.push(issue(orderId, null, `item ${i + 1} is not an object`));
          continue;
        }
        const item = raw as SellerCloudRecord;
        items.push({
          lineNumber: i + 1,
          sellercloudItemId: idText(item.ID),
          values: run(itemTargets, { order: record, item }, orderId, issues, i + 1),
        });
      }
      if (issues.length > 0) return { ok: false, issues };
      return { ok: true, order: { sellercloudOrderId: orderId, values, items } };
    },
  };
}

/** One-off convenience (preview): compile and map a single order. */
export function evaluateOrder(body: TemplateBody, record: SellerCloudRecord, sets: MappingSetData[] = []): MapResult {
  return compileTemplate(body, sets).map(record);
}

// ---------------------------------------------------------------------------------------------
// Validation: refuse a template the importer could not apply, with one message per target row.

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

/**
 * Checks a template before it is saved or used. `input` may be untrusted (editor form, jsonb):
 * it is parsed first, and zod's messages are attached to their rows too.
 */
export function validateTemplate(input: unknown, sets: MappingSetData[]): TemplateValidation {
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
    if (!findTarget(key)) errors[key] = `"${key}" is not a Conduit order field`;
  }
  for (const target of TARGET_FIELDS) {
    const mapping = body.fields[target.key] ?? { mode: "none" as const };
    const rowErrors = checkMapping(mapping, target, setsById);
    if (rowErrors.length > 0) errors[target.key] = rowErrors.join("; ");
  }
  return Object.keys(errors).length > 0 ? { ok: false, errors, body } : { ok: true, body };
}
