/**
 * Two versions of a mapping template side by side: for each target field, what each version does
 * in words, and whether it changed. Pure (the versions page renders it).
 */
import { findSyncTarget, SYNC_TARGET_FIELDS } from "./sync-targets";
import { findTarget, TARGET_FIELDS, TARGET_GROUP_LABELS } from "./targets";
import {
  type Condition,
  type FieldMapping,
  MAPPING_MODE_LABELS,
  type MappingFallback,
  OPERATOR_LABELS,
  type RuleDefault,
  type RuleOutput,
  type TemplateBody,
  UNARY_OPERATORS,
} from "./template";

export interface TemplateDiffRow {
  /** The target field's key (lib/mapping/targets.ts or sync-targets.ts). */
  key: string;
  label: string;
  left: string;
  right: string;
  changed: boolean;
}

const quote = (value: string) => `“${value}”`;

function describeCondition(c: Condition): string {
  if (UNARY_OPERATORS.has(c.op)) return `${c.path} ${OPERATOR_LABELS[c.op]}`;
  const value = Array.isArray(c.value) ? c.value.map(quote).join(", ") : quote(c.value ?? "");
  return `${c.path} ${OPERATOR_LABELS[c.op]} ${value}`;
}

function describeOutput(o: RuleOutput | RuleDefault): string {
  if (o.kind === "value") return quote(o.value);
  if (o.kind === "field") return `field ${o.path}`;
  return "empty";
}

function describeFallback(f: MappingFallback): string {
  if (f.kind === "pass_through") return "otherwise the value as it is";
  if (f.kind === "value") return `otherwise ${quote(f.value)}`;
  return "otherwise empty";
}

/**
 * One mapping in words, e.g. "Field: ShippingAddress.City", "Value: “USPS”", "Mapping Set
 * Carriers on ShippingCarrier, otherwise the value as it is", "Rules: if … then …; otherwise empty".
 * `setNames` names mapping sets by id (an unknown id shows as "a deleted mapping set").
 */
export function describeMapping(mapping: FieldMapping | undefined, setNames: ReadonlyMap<string, string>): string {
  const m = mapping ?? { mode: "none" as const };
  switch (m.mode) {
    case "none":
    case "empty":
      return MAPPING_MODE_LABELS[m.mode];
    case "field":
      return `Field: ${m.path}`;
    case "value":
      return `Value: ${quote(m.value)}`;
    case "mapping_set":
      return `Mapping Set ${setNames.get(m.setId) ?? "(a deleted mapping set)"} on ${m.path}, ${describeFallback(m.fallback)}`;
    case "rules": {
      const rules = m.rules.map(
        (r) =>
          `if ${r.conditions.map(describeCondition).join(r.match === "all" ? " and " : " or ")} then ${describeOutput(r.output)}`,
      );
      return `Rules: ${[...rules, `otherwise ${describeOutput(m.default)}`].join("; ")}`;
    }
  }
}

/**
 * The rows of a side-by-side diff of `left` and `right` (two bodies of one template of `kind`), in
 * the targets' order, then any key the target list does not know. Changed is decided on the
 * descriptions, so a reordering of JSON keys is not a change.
 */
export function diffTemplateBodies(
  left: TemplateBody,
  right: TemplateBody,
  kind: "get_orders" | "sync_orders",
  setNames: ReadonlyMap<string, string> = new Map(),
): TemplateDiffRow[] {
  const targets = kind === "sync_orders" ? SYNC_TARGET_FIELDS : TARGET_FIELDS;
  const find = kind === "sync_orders" ? findSyncTarget : findTarget;
  const keys = [...targets.map((t) => t.key)];
  for (const key of [...Object.keys(left.fields ?? {}), ...Object.keys(right.fields ?? {})])
    if (!keys.includes(key)) keys.push(key);
  return keys.map((key) => {
    const a = describeMapping(left.fields?.[key], setNames);
    const b = describeMapping(right.fields?.[key], setNames);
    const target = find(key);
    const label = target ? `${TARGET_GROUP_LABELS[target.group]} · ${target.label}` : key;
    return { key, label, left: a, right: b, changed: a !== b };
  });
}
