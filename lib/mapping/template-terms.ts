/**
 * The words of a mapping template that the browser needs without the template's zod schemas
 * (./template.ts): condition operators and their labels, and the mapping modes' labels. Client
 * components import these from here, so zod stays out of the template editor's JavaScript.
 */

import type { MappingMode } from "./template";

export const OPERATORS = [
  "equals",
  "not_equals",
  "contains",
  "starts_with",
  "ends_with",
  "in_list",
  "gt",
  "lt",
  "is_empty",
  "is_not_empty",
] as const;
export type Operator = (typeof OPERATORS)[number];
export const OPERATOR_LABELS: Record<Operator, string> = {
  equals: "equals",
  not_equals: "does not equal",
  contains: "contains",
  starts_with: "starts with",
  ends_with: "ends with",
  in_list: "is in list",
  gt: "is greater than",
  lt: "is less than",
  is_empty: "is empty",
  is_not_empty: "is not empty",
};
/** Operators that take no value. */
export const UNARY_OPERATORS: ReadonlySet<Operator> = new Set(["is_empty", "is_not_empty"]);

export const MAPPING_MODE_LABELS: Record<MappingMode, string> = {
  none: "Don't Map",
  empty: "Set to Empty",
  field: "Field",
  value: "Value",
  mapping_set: "Mapping Set",
  rules: "Rules",
};
