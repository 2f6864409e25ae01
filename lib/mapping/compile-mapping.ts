/**
 * The per-field compiler shared by every template kind: turns one target's mapping (Don't Map,
 * Empty, Field, Value, Mapping Set, Rules) into an evaluator that reads a record scope and returns
 * the typed value, throwing RowError for a value-level problem. Get Orders (lib/mapping/evaluate.ts)
 * and Sync Orders (lib/mapping/sync-evaluate.ts) differ only in their targets and source tree.
 */

import { findSourceField, type SourceField, type SourceType } from "./source-fields";
import type { TargetField } from "./targets";
import type { Condition, FieldMapping, MappingSetData, RuleOutput } from "./template";
import { coerce, isEmptyRaw, type MappedValue, normaliseDate, parseNumber, rawToText } from "./values";

/** A SellerCloud record as read from JSON (an order, an item, or a sync source). */
export type SellerCloudRecord = Record<string, unknown>;

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
