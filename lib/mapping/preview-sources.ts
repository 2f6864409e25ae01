/**
 * What a mapping preview shows of its sources, for any source tree (Get Orders' SellerCloud order,
 * Sync Orders' shipment packages): the source paths a mapping reads, kept only where the tree's
 * lookup knows them, and how one source value is displayed.
 */

import type { FieldMapping } from "./template";
import { rawToText } from "./values";

/**
 * The source paths a mapping reads, in the order a person would read them (field, then each rule's
 * conditions and output, then the default), without repeats, keeping only the paths `isSourceField`
 * finds (e.g. findSourceField for Get Orders, findSyncSourceField for Sync Orders).
 */
export function pathsOf(mapping: FieldMapping, isSourceField: (path: string) => unknown): string[] {
  const paths: string[] = [];
  if (mapping.mode === "field" || mapping.mode === "mapping_set") paths.push(mapping.path);
  if (mapping.mode === "rules") {
    for (const rule of mapping.rules) {
      for (const c of rule.conditions) paths.push(c.path);
      if (rule.output.kind === "field") paths.push(rule.output.path);
    }
    if (mapping.default.kind === "field") paths.push(mapping.default.path);
  }
  return [...new Set(paths.filter((p) => p && isSourceField(p)))];
}

/** A source value as the preview shows it: "(missing)" when absent, "(empty)" when blank, else its text. */
export function displayValue(value: unknown): string {
  if (value === undefined) return "(missing)";
  const text = rawToText(value);
  return text === "" ? "(empty)" : text;
}
