"use server";

// Server actions for mapping templates (create, duplicate, activate, rename, delete, save) and mapping sets
// (create, update, delete): each checks the session, validates with zod and calls lib/mapping.

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { getDb } from "@/db/index";
import { TEMPLATE_KINDS } from "@/db/schema/mapping";
import { buildDefaultTemplateBody } from "@/lib/mapping/default-template";
import { buildDefaultSyncTemplateBody } from "@/lib/mapping/sync-targets";
import {
  createMappingSet,
  deleteMappingSet,
  getMappingSet,
  MAX_SET_ENTRIES,
  updateMappingSet,
} from "@/lib/mapping/set-queries";
import {
  activateTemplate,
  createTemplate,
  deleteTemplate,
  duplicateTemplate,
  getActiveTemplate,
  getLatestVersion,
  getTemplateRow,
  renameTemplate,
  saveTemplateVersion,
} from "@/lib/mapping/template-queries";
import { diffForAudit } from "@/lib/audit/diff";
import { diffTemplateBodies } from "@/lib/mapping/template-diff";
import { recordAuditFor } from "../audit";
import { authedAction } from "../handle";

const uuid = z.string().uuid("Not a valid id");
/** A template's or mapping set's name, as the forms ask for it. */
const nameField = z.string().trim().min(1, "Enter a name").max(120, "Keep the name to 120 characters or fewer");
const templateIdSchema = z.object({ templateId: uuid });

function revalidateTemplates(channelId: string) {
  revalidatePath(`/channels/${channelId}/mapping`, "layout");
}

/** A new template of its kind (Get Orders unless told) from the recommended default; active when the channel has none. */
export const createTemplateAction = authedAction(
  "templates.edit",
  z.object({
    channelId: uuid,
    name: nameField,
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
    await recordAuditFor(session, {
      objectType: "mapping_template",
      objectId: template.id,
      objectLabel: template.name,
      action: "created",
      summary: `Created mapping template "${template.name}" from the recommended one`,
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
    await recordAuditFor(session, {
      objectType: "mapping_template",
      objectId: template.id,
      objectLabel: template.name,
      action: "created",
      summary: `Duplicated a mapping template as "${template.name}"`,
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
    await recordAuditFor(session, {
      objectType: "mapping_template",
      objectId: template.id,
      objectLabel: template.name,
      action: "activated",
      summary: `Activated mapping template "${template.name}"`,
    });
    revalidateTemplates(template.channelId);
    return { templateId: template.id };
  },
);

export const renameTemplateAction = authedAction(
  "templates.edit",
  z.object({
    templateId: uuid,
    name: nameField,
  }),
  async ({ templateId, name }, session) => {
    const db = await getDb();
    const before = await getTemplateRow(db, session.workspaceId, templateId);
    const template = await renameTemplate(db, session.workspaceId, templateId, name);
    await recordAuditFor(session, {
      objectType: "mapping_template",
      objectId: template.id,
      objectLabel: template.name,
      action: "updated",
      changes: diffForAudit({ name: before.name }, { name: template.name }),
    });
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
    await recordAuditFor(session, {
      objectType: "mapping_template",
      objectId: template.id,
      objectLabel: template.name,
      action: "deleted",
      summary: `Deleted mapping template "${template.name}"`,
    });
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
    const previous = await getLatestVersion(db, session.workspaceId, templateId).catch(() => null);
    const version = await saveTemplateVersion(db, session.workspaceId, templateId, body, { createdBy: session.userId });
    const rows = previous ? diffTemplateBodies(previous.body, version.body, template.kind) : [];
    await recordAuditFor(session, {
      objectType: "mapping_template",
      objectId: template.id,
      objectLabel: template.name,
      action: "updated",
      summary: `Saved version ${version.version} of "${template.name}"`,
      changes: rows.filter((r) => r.changed).map((r) => ({ field: r.label, before: r.left, after: r.right })),
    });
    revalidateTemplates(template.channelId);
    return { version: version.version, versionId: version.id };
  },
);

// --- mapping sets ------------------------------------------------------------------------------

const entriesSchema = z
  .array(z.object({ from: z.string().max(2000), to: z.string().max(2000) }))
  .max(MAX_SET_ENTRIES, `A mapping set holds at most ${MAX_SET_ENTRIES} rows`);

/** A mapping set as the audit log compares it: name, description and each row as from → to. */
function setForAudit(set: { name: string; description: string; entries: Array<{ from: string; to: string }> }) {
  return {
    Name: set.name,
    Description: set.description,
    Rows: Object.fromEntries(set.entries.map((e) => [e.from, e.to])),
  };
}

function revalidateSets() {
  revalidatePath("/settings/mapping-sets", "layout");
}

export const createMappingSetAction = authedAction(
  "mappingSets.edit",
  z.object({
    name: nameField,
    description: z.string().max(1000).default(""),
    entries: entriesSchema.default([]),
  }),
  async (input, session) => {
    const set = await createMappingSet(await getDb(), session.workspaceId, input);
    await recordAuditFor(session, {
      objectType: "mapping_set",
      objectId: set.id,
      objectLabel: set.name,
      action: "created",
      changes: diffForAudit(null, setForAudit(set), { verbatimKeys: true }),
    });
    revalidateSets();
    return { id: set.id, name: set.name, entries: set.entries };
  },
);

export const updateMappingSetAction = authedAction(
  "mappingSets.edit",
  z.object({
    setId: uuid,
    name: nameField.optional(),
    description: z.string().max(1000).optional(),
    entries: entriesSchema.optional(),
  }),
  async ({ setId, ...input }, session) => {
    const db = await getDb();
    const before = await getMappingSet(db, session.workspaceId, setId);
    const set = await updateMappingSet(db, session.workspaceId, setId, input);
    await recordAuditFor(session, {
      objectType: "mapping_set",
      objectId: set.id,
      objectLabel: set.name,
      action: "updated",
      changes: diffForAudit(setForAudit(before), setForAudit(set), { labels: { rows: "Rows" }, verbatimKeys: true }),
    });
    revalidateSets();
    return { id: set.id, name: set.name, entries: set.entries };
  },
);

export const deleteMappingSetAction = authedAction(
  "mappingSets.edit",
  z.object({ setId: uuid }),
  async ({ setId }, session) => {
    const db = await getDb();
    const before = await getMappingSet(db, session.workspaceId, setId);
    await deleteMappingSet(db, session.workspaceId, setId);
    await recordAuditFor(session, {
      objectType: "mapping_set",
      objectId: setId,
      objectLabel: before.name,
      action: "deleted",
      summary: `Deleted mapping set "${before.name}" (${before.entries.length} rows)`,
    });
    revalidateSets();
    return { deleted: true };
  },
);
