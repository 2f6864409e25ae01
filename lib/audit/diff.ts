/**
 * Readable before → after diffs for the audit log. Settings are flattened to labelled leaves
 * ("Order settings › Order status": "In Process" → "Completed"), compared as text, and only what
 * differs is kept. A field named as secret never shows a value: its change reads "changed".
 */
import type { AuditChange } from "@/db/schema/audit";
import { SECRET_CHANGED } from "./kinds";

const MAX_VALUE_CHARS = 500;
const MAX_CHANGES = 200;

/** A value as one line of text: null/undefined → null, booleans → Yes/No, arrays joined, objects as JSON. */
export function auditText(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  let text: string;
  if (typeof value === "boolean") text = value ? "Yes" : "No";
  else if (value instanceof Date) text = value.toISOString();
  else if (typeof value === "string") text = value;
  else if (typeof value === "number" || typeof value === "bigint") text = String(value);
  else if (Array.isArray(value) && value.every((v) => v === null || typeof v !== "object")) {
    text = value.map((v) => String(v)).join(", ");
  } else text = JSON.stringify(value);
  return text.length > MAX_VALUE_CHARS ? `${text.slice(0, MAX_VALUE_CHARS)}…` : text;
}

/** "orderStatus" / "order_status" → "Order status"; a key that is already words ("Get Orders") is kept. */
function humanise(key: string): string {
  if (!/^[A-Za-z][A-Za-z0-9_]*$/.test(key)) return key;
  const words = key
    .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
    .replace(/[_-]+/g, " ")
    .trim()
    .toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/**
 * Flattens plain objects into leaves keyed by label path ("Orders › Order status"). Arrays of
 * objects stay one leaf (a list is read as a whole: "2 rows" would hide what changed).
 */
export function flattenForAudit(
  value: Record<string, unknown>,
  labels: Record<string, string> = {},
  prefix = "",
  keyPrefix = "",
  out: Record<string, unknown> = {},
  verbatim = false,
): Record<string, unknown> {
  for (const [key, inner] of Object.entries(value)) {
    const path = keyPrefix ? `${keyPrefix}.${key}` : key;
    const label = labels[path] ?? labels[key] ?? (verbatim ? key : humanise(key));
    const name = prefix ? `${prefix} › ${label}` : label;
    if (inner && typeof inner === "object" && !Array.isArray(inner) && !(inner instanceof Date)) {
      flattenForAudit(inner as Record<string, unknown>, labels, name, path, out, verbatim);
    } else {
      out[`${path}\u0000${name}`] = inner;
    }
  }
  return out;
}

export interface DiffOptions {
  /** Keys (dotted paths or plain keys) whose values are secret: shown only as "changed". */
  secret?: readonly string[];
  /** Labels by dotted path or key, instead of the key made readable. */
  labels?: Record<string, string>;
  /** Keys are data (carrier names, operation labels), shown as they are rather than made readable. */
  verbatimKeys?: boolean;
  /** Keys (dotted paths or plain keys) left out (timestamps, internal ids). */
  ignore?: readonly string[];
  /** Values written by their own function (by dotted path or plain key), instead of auditText. */
  formats?: Record<string, (value: unknown) => string | null>;
}

/**
 * The changes from `before` to `after` (either may be null: created or deleted), as readable
 * text, in the order the fields first appear. Secret fields read `changed` and never carry a value.
 */
export function diffForAudit(
  before: Record<string, unknown> | null,
  after: Record<string, unknown> | null,
  options: DiffOptions = {},
): AuditChange[] {
  const flat = (value: Record<string, unknown>) =>
    flattenForAudit(value, options.labels, "", "", {}, options.verbatimKeys);
  const flatBefore = before ? flat(before) : {};
  const flatAfter = after ? flat(after) : {};
  const keys = [...new Set([...Object.keys(flatBefore), ...Object.keys(flatAfter)])];
  const changes: AuditChange[] = [];
  for (const key of keys) {
    const [path = "", field = ""] = key.split("\u0000");
    const leaf = path.split(".").at(-1) ?? path;
    if (options.ignore?.some((i) => i === path || i === leaf)) continue;
    const format = options.formats?.[path] ?? options.formats?.[leaf];
    const text = (value: unknown) =>
      format && value !== null && value !== undefined ? format(value) : auditText(value);
    const was = text(flatBefore[key]);
    const now = text(flatAfter[key]);
    if (was === now) continue;
    if (options.secret?.some((s) => s === path || s === leaf)) {
      changes.push({ field, before: null, after: SECRET_CHANGED });
    } else {
      changes.push({ field, before: was, after: now });
    }
    if (changes.length >= MAX_CHANGES) break;
  }
  return changes;
}

/** "Order status: In Process → Completed; Password: changed" — one line for CSV cells and summaries. */
export function changesAsText(changes: readonly AuditChange[]): string {
  return changes
    .map((c) =>
      c.after === SECRET_CHANGED && c.before === null
        ? `${c.field}: ${SECRET_CHANGED}`
        : `${c.field}: ${c.before ?? "(empty)"} → ${c.after ?? "(empty)"}`,
    )
    .join("; ");
}
