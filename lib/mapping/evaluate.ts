/**
 * Applies a Get Orders mapping template to SellerCloud list-DTO orders. A template is compiled once
 * per run (paths split, sets indexed; per field by lib/mapping/compile-mapping.ts) and then applied
 * to every order and item of every page, collecting one MappingIssue per bad value.
 */

import { compileMapping, RowError, type Scope, type SellerCloudRecord } from "./compile-mapping";
import { TARGET_FIELDS, type TargetField } from "./targets";
import type { MappingSetData, TemplateBody } from "./template";
import type { MappedValue } from "./values";

export type { SellerCloudRecord } from "./compile-mapping";

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
