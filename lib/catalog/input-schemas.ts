/**
 * Input schemas of the catalog's actions and routes, in a plain module so the browser (import
 * form) and the server (action, route handler) validate the same shape.
 */

import { z } from "zod";
import { IMPORT_FIELDS } from "./fields";

/** Catalog field -> CSV header; fields left out are not imported (their stored values are kept). */
export const columnMappingSchema = z.partialRecord(z.enum(IMPORT_FIELDS), z.string().min(1).max(500));

/** The preview reads only the head of the file: its first bytes, base64, decoded on the server. */
export const PREVIEW_BYTES = 128 * 1024;

export const previewCatalogSchema = z.object({
  base64: z
    .string()
    .min(1, "The file is empty: it needs a header row and at least one data row.")
    .max(Math.ceil(PREVIEW_BYTES / 3) * 4 + 4, "Send only the first part of the file for the preview.")
    .regex(/^[A-Za-z0-9+/]*={0,2}$/, "The file's head was not sent as base64."),
  /** The file is longer than the head (its last row may be cut). */
  partial: z.boolean().default(false),
  mapping: columnMappingSchema.optional(),
  rows: z.number().int().min(1).max(50).default(10),
});

/** The import route's query string: ?mapping=<JSON>. */
export function parseMappingParam(value: string | null): z.infer<typeof columnMappingSchema> | null {
  if (!value) return null;
  try {
    const parsed = columnMappingSchema.safeParse(JSON.parse(value));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}
