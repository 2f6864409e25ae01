import { z } from "zod";
import { CATALOG_FIELDS } from "@/lib/catalog/fields";

/**
 * Input schemas of the catalog's actions and routes, in a plain module so the browser (import
 * form) and the server (action, route handler) validate the same shape.
 */

/** Catalog field -> CSV header; fields left out are not imported (their stored values are kept). */
export const columnMappingSchema = z.partialRecord(z.enum(CATALOG_FIELDS), z.string().min(1).max(500));

/** The preview reads only the head of the file, sent as text; the browser cuts it at a line end. */
export const PREVIEW_BYTES = 128 * 1024;

export const previewCatalogSchema = z.object({
  text: z
    .string()
    .min(1, "The file is empty: it needs a header row and at least one data row.")
    .max(PREVIEW_BYTES * 2, "Send only the first part of the file for the preview."),
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
