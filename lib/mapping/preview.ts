/**
 * The editor's live preview, evaluated in the browser with the domain's own evaluator, so what the
 * preview shows is what an import would store. Each row is evaluated on its own: the other
 * required targets get a placeholder value, so one broken row never hides the results of the rest.
 */

import { compileTemplate, type SellerCloudRecord } from "@/lib/mapping/evaluate";
import { findSourceField } from "@/lib/mapping/source-fields";
import type { TargetField } from "@/lib/mapping/targets";
import type { FieldMapping, MappingSetData } from "@/lib/mapping/template";
import { displayValue, pathsOf } from "./preview-sources";

export interface PreviewLine {
  /** "Order" for order-level targets, "Item 2" for the second item. */
  scope: string;
  /** The SellerCloud values the mapping reads, "path: value". */
  sources: Array<{ path: string; value: string }>;
  result: { ok: true; text: string; isEmpty: boolean; isUnmapped: boolean } | { ok: false; reason: string };
}

const PLACEHOLDER: Record<TargetField["type"], string> = {
  text: "x",
  number: "1",
  integer: "1",
  money: "1",
  date: "2020-01-01T00:00:00",
};

export function readPath(order: SellerCloudRecord, path: string, item?: SellerCloudRecord): unknown {
  const isItem = path.startsWith("Items.");
  let current: unknown = isItem ? item : order;
  for (const key of (isItem ? path.slice(6) : path).split(".")) {
    if (current === null || typeof current !== "object") return undefined;
    current = (current as Record<string, unknown>)[key];
  }
  return current;
}

export function previewTarget(
  target: TargetField,
  mapping: FieldMapping,
  requiredTargets: readonly TargetField[],
  order: SellerCloudRecord,
  sets: MappingSetData[],
): PreviewLine[] {
  const fields: Record<string, FieldMapping> = {};
  for (const other of requiredTargets)
    if (other.key !== target.key) fields[other.key] = { mode: "value", value: PLACEHOLDER[other.type] };
  fields[target.key] = mapping;
  // The row may be half-edited (a rule without a field yet): show why instead of a result.
  let compiled: ReturnType<typeof compileTemplate>;
  try {
    compiled = compileTemplate({ format: 1, fields }, sets);
  } catch (error) {
    return [{ scope: "Order", sources: [], result: { ok: false, reason: (error as Error).message } }];
  }
  const paths = pathsOf(mapping, findSourceField);
  const items = Array.isArray(order.Items) ? (order.Items as SellerCloudRecord[]) : [];
  // Each item is mapped on its own (as a one-item order) so one bad line never hides the others.
  const runs =
    target.group === "item"
      ? items.map((item, i) => ({ scope: `Item ${i + 1}`, item, record: { ...order, Items: [item] } }))
      : [{ scope: "Order", item: undefined, record: { ...order, Items: [] } }];
  if (runs.length === 0)
    return [{ scope: "Items", sources: [], result: { ok: false, reason: "This order has no items" } }];
  return runs.map(({ scope, item, record }): PreviewLine => {
    const sources = paths.map((path) => ({ path, value: displayValue(readPath(order, path, item)) }));
    let result: ReturnType<typeof compiled.map>;
    try {
      result = compiled.map(record);
    } catch (error) {
      return { scope, sources, result: { ok: false, reason: (error as Error).message } };
    }
    if (!result.ok) {
      const issue = result.issues.find((i) => i.field === target.key) ?? result.issues[0];
      const reason =
        issue?.field === target.key ? `${target.label} ${issue.reason}` : (issue?.message ?? "Could not be mapped");
      return { scope, sources, result: { ok: false, reason } };
    }
    const values = target.group === "item" ? result.order.items[0]?.values : result.order.values;
    const value = values?.[target.key];
    return {
      scope,
      sources,
      result: {
        ok: true,
        text: value === undefined || value === null ? "" : String(value),
        isEmpty: value === null,
        isUnmapped: value === undefined,
      },
    };
  });
}
