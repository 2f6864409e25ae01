"use server";

/**
 * Deleting catalog rows selected on the Catalog page. The workspace comes from the session;
 * Next.js refuses a server action whose Origin is not this site; lib/catalog/delete.ts does it in
 * one transaction.
 */
import { revalidatePath } from "next/cache";
import type { z } from "zod";
import { getDb } from "@/db/index";
import { deleteCatalogItems, deleteCatalogSchema } from "@/lib/catalog/delete";
import { authedAction } from "../handle";

const remove = authedAction("catalog.edit", deleteCatalogSchema, async (input, session) => {
  const result = await deleteCatalogItems(await getDb(), session.workspaceId, input);
  revalidatePath("/catalog");
  return result;
});

export async function deleteCatalogItemsAction(input: z.input<typeof deleteCatalogSchema>) {
  return remove(input);
}
