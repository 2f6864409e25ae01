"use server";

// Server actions for mapping templates (create, duplicate, activate, rename, delete, save) and mapping sets
// (create, update, delete): each checks the session, validates with zod and calls lib/mapping.

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { getDb } from "@/db/index";
import { TEMPLATE_KINDS } from "@/db/schema/mapping";
import { buildDefaultTemplateBody } from "@/lib/mapping/default-template";
import { buildDefaultSyncTemplateBody } from "@/lib/mapping/sync-targets";
import { createMappingSet, deleteMappingSet, MAX_SET_ENTRIES, updateMappingSet } from "@/lib/mapping/set-queries";
import {
  activateTemplate,
  createTemplate,
  deleteTemplate,
  duplicateTemplate,
  getActiveTemplate,
  getTemplateRow,
  renameTemplate,
  saveTemplateVersion,
} from "@/lib/mapping/template-queries";
import { authedAction } from "../handle";

const uuid = z.string().uuid("Not a valid id");
const templateIdSchema = z.object({ templateId: uuid });

function revalidateTemplates(channelId: string) {
  revalidatePath(`/channels/${channelId}/mapping`, "layout");
}

/** A new template of its kind (Get Orders unless told) from the recommended default; active when the channel has none. */
export const createTemplateAction = authedAction(
  "templates.edit",
  z.object({
    channelId: uuid,
    name: z.string().trim().min(1, "Enter a name").max(120, "Keep the name to 120 characters or fewer"),
    kind: z.enum(TEMPLATE_KINDS).default("get_orders"),
  }),
  async ({ channelId, name, kind }, session) => {
    const db = await getDb();
    const active = await getActiveTemplate(db, session.workspaceId, channelId, kind);
    const { template } = await createTemplate(db, session.workspaceId, {
      channelId,
      kind,
      name,
      body: kind === "sync_orders" ? buildDefaultSyncTemplateBody() : buildDefaultTemplateBody(),
      activate: !active,
      createdBy: session.userId,
    });
    revalidateTemplates(channelId);
    return { templateId: template.id };
  },
);

export const duplicateTemplateAction = authedAction(
  "templates.edit",
  templateIdSchema,
  async ({ templateId }, session) => {
    const { template } = await duplicateTemplate(await getDb(), session.workspaceId, templateId, {
      createdBy: session.userId,
    });
    revalidateTemplates(template.channelId);
    return { templateId: template.id, name: template.name };
  },
);

export const activateTemplateAction = authedAction(
  "templates.edit",
  templateIdSchema,
  async ({ templateId }, session) => {
    const template = await activateTemplate(await getDb(), session.workspaceId, templateId);
    revalidateTemplates(template.channelId);
    return { templateId: template.id };
  },
);

export const renameTemplateAction = authedAction(
  "templates.edit",
  z.object({
    templateId: uuid,
    name: z.string().trim().min(1, "Enter a name").max(120, "Keep the name to 120 characters or fewer"),
  }),
  async ({ templateId, name }, session) => {
    const template = await renameTemplate(await getDb(), session.workspaceId, templateId, name);
    revalidateTemplates(template.channelId);
    return { name: template.name };
  },
);

export const deleteTemplateAction = authedAction(
  "templates.edit",
  templateIdSchema,
  async ({ templateId }, session) => {
    const db = await getDb();
    const template = await getTemplateRow(db, session.workspaceId, templateId);
    await deleteTemplate(db, session.workspaceId, templateId);
    revalidateTemplates(template.channelId);
    return { channelId: template.channelId };
  },
);

/**
 * Saves the editor's body as the template's next version. The body is checked by the domain's
 * validateTemplate; a refusal comes back as fieldErrors keyed by target field for the rows.
 */
export const saveTemplateAction = authedAction(
  "templates.edit",
  z.object({ templateId: uuid, body: z.unknown() }),
  async ({ templateId, body }, session) => {
    const db = await getDb();
    const template = await getTemplateRow(db, session.workspaceId, templateId);
    const version = await saveTemplateVersion(db, session.workspaceId, templateId, body, { createdBy: session.userId });
    revalidateTemplates(template.channelId);
    return { version: version.version, versionId: version.id };
  },
);

// --- mapping sets ------------------------------------------------------------------------------

const entriesSchema = z
  .array(z.object({ from: z.string().max(2000), to: z.string().max(2000) }))
  .max(MAX_SET_ENTRIES, `A mapping set holds at most ${MAX_SET_ENTRIES} rows`);

function revalidateSets() {
  revalidatePath("/settings/mapping-sets", "layout");
}

export const createMappingSetAction = authedAction(
  "mappingSets.edit",
  z.object({
    name: z.string().trim().min(1, "Enter a name").max(120, "Keep the name to 120 characters or fewer"),
    description: z.string().max(1000).default(""),
    entries: entriesSchema.default([]),
  }),
  async (input, session) => {
    const set = await createMappingSet(await getDb(), session.workspaceId, input);
    revalidateSets();
    return { id: set.id, name: set.name, entries: set.entries };
  },
);

export const updateMappingSetAction = authedAction(
  "mappingSets.edit",
  z.object({
    setId: uuid,
    name: z.string().trim().min(1, "Enter a name").max(120, "Keep the name to 120 characters or fewer").optional(),
    description: z.string().max(1000).optional(),
    entries: entriesSchema.optional(),
  }),
  async ({ setId, ...input }, session) => {
    const set = await updateMappingSet(await getDb(), session.workspaceId, setId, input);
    revalidateSets();
    return { id: set.id, name: set.name, entries: set.entries };
  },
);

export const deleteMappingSetAction = authedAction(
  "mappingSets.edit",
  z.object({ setId: uuid }),
  async ({ setId }, session) => {
    await deleteMappingSet(await getDb(), session.workspaceId, setId);
    revalidateSets();
    return { deleted: true };
  },
);
