"use server";

/**
 * Template version history actions: restore an older version as the next one. The workspace comes
 * from the session; the version must belong to the template (lib/mapping/template-queries.ts).
 */
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { getDb } from "@/db/index";
import { getTemplateRow, restoreTemplateVersion } from "@/lib/mapping/template-queries";
import { recordAuditFor } from "../audit";
import { authedAction } from "../handle";

const restoreInput = z.object({
  templateId: z.string().uuid("Not a valid template id"),
  versionId: z.string().uuid("Not a valid version id"),
});

const restore = authedAction("templates.edit", restoreInput, async ({ templateId, versionId }, session) => {
  const db = await getDb();
  const template = await getTemplateRow(db, session.workspaceId, templateId);
  const version = await restoreTemplateVersion(db, session.workspaceId, templateId, versionId, {
    createdBy: session.userId,
  });
  await recordAuditFor(session, {
    objectType: "mapping_template",
    objectId: template.id,
    objectLabel: template.name,
    action: "restored",
    summary: `Restored an older version of "${template.name}" as version ${version.version}`,
  });
  revalidatePath(`/channels/${template.channelId}/mapping`, "layout");
  return { version: version.version };
});

export async function restoreTemplateVersionAction(input: z.input<typeof restoreInput>) {
  return restore(input);
}
