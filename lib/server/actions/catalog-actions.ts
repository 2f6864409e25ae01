"use server";

/** Server actions of the catalog: the CSV import's preview and loading the demo catalog. */
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { getDb } from "@/db/index";
import { importDemoCatalog } from "@/lib/catalog/demo";
import type { ImportResult } from "@/lib/catalog/import";
import { type CatalogPreview, previewCatalogCsv } from "@/lib/catalog/import-preview";
import { previewCatalogSchema } from "@/lib/catalog/input-schemas";
import { authedAction } from "../handle";

/**
 * The import's preview: the browser sends the head of the file as bytes (never the whole file; the
 * import itself streams through POST /api/catalog/import) and gets how it was read (encoding,
 * delimiter, repeated headers), the suggested mapping and the first rows checked under the mapping.
 */
export const previewCatalogAction = authedAction(
  "catalog.edit",
  previewCatalogSchema,
  async (input): Promise<CatalogPreview> =>
    previewCatalogCsv(Buffer.from(input.base64, "base64"), {
      mapping: input.mapping,
      rows: input.rows,
      partial: input.partial,
    }),
);

/** Imports the demo catalog (it matches the built-in SellerCloud sandbox); importing it again changes nothing. */
export const loadDemoCatalogAction = authedAction(
  "catalog.edit",
  z.object({}),
  async (_input, session): Promise<ImportResult> => {
    const result = await importDemoCatalog(await getDb(), session.workspaceId);
    revalidatePath("/catalog");
    return result;
  },
);
