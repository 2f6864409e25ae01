/**
 * Templates are versioned: a save never edits a version, it adds the next one. Runs and orders
 * keep the version id they used, so an order can always be traced to the exact mapping.
 */
import { and, asc, desc, eq, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { isUniqueViolation } from "@/db/errors";
import { channels } from "@/db/schema/channels";
import {
  type MappingTemplate,
  type MappingTemplateVersion,
  mappingTemplates,
  mappingTemplateVersions,
  type TemplateKind,
} from "@/db/schema/mapping";
import { AppError, notFound } from "@/lib/errors";
import { buildDefaultTemplateBody, defaultTemplateName } from "./default-template";
import { validateTemplate } from "./validate-template";
import { listMappingSets, toMappingSetData } from "./set-queries";
import { validateSyncTemplate } from "./sync-evaluate";
import type { TemplateBody } from "./template";

export interface TemplateWithVersion {
  template: MappingTemplate;
  version: MappingTemplateVersion;
}

/** Validates against the workspace's sets; throws VALIDATION with a message per target row. */
async function checkedBody(
  db: Db,
  workspaceId: string,
  body: unknown,
  kind: TemplateKind = "get_orders",
): Promise<TemplateBody> {
  const sets = (await listMappingSets(db, workspaceId)).map(toMappingSetData);
  const result = kind === "sync_orders" ? validateSyncTemplate(body, sets) : validateTemplate(body, sets);
  if (!result.ok) {
    throw new AppError("VALIDATION", "The template has fields that cannot be saved; see the messages next to them.", {
      fieldErrors: result.errors,
    });
  }
  return result.body;
}

async function assertChannel(db: Db, workspaceId: string, channelId: string): Promise<void> {
  const [row] = await db
    .select({ id: channels.id })
    .from(channels)
    .where(and(eq(channels.workspaceId, workspaceId), eq(channels.id, channelId)));
  if (!row) throw notFound("That channel");
}

export async function getTemplateRow(db: Db, workspaceId: string, templateId: string): Promise<MappingTemplate> {
  const [template] = await db
    .select()
    .from(mappingTemplates)
    .where(and(eq(mappingTemplates.workspaceId, workspaceId), eq(mappingTemplates.id, templateId)));
  if (!template) throw notFound("That mapping template");
  return template;
}

export async function getLatestVersion(
  db: Db,
  workspaceId: string,
  templateId: string,
): Promise<MappingTemplateVersion> {
  const [version] = await db
    .select()
    .from(mappingTemplateVersions)
    .where(
      and(eq(mappingTemplateVersions.workspaceId, workspaceId), eq(mappingTemplateVersions.templateId, templateId)),
    )
    .orderBy(desc(mappingTemplateVersions.version))
    .limit(1);
  if (!version) throw notFound("That template's saved version");
  return version;
}

/** A template with its latest version (what the editor opens). */
export async function getTemplate(db: Db, workspaceId: string, templateId: string): Promise<TemplateWithVersion> {
  const template = await getTemplateRow(db, workspaceId, templateId);
  return { template, version: await getLatestVersion(db, workspaceId, templateId) };
}

export async function getTemplateVersion(
  db: Db,
  workspaceId: string,
  versionId: string,
): Promise<MappingTemplateVersion> {
  const [version] = await db
    .select()
    .from(mappingTemplateVersions)
    .where(and(eq(mappingTemplateVersions.workspaceId, workspaceId), eq(mappingTemplateVersions.id, versionId)));
  if (!version) throw notFound("That template version");
  return version;
}

export async function listTemplates(
  db: Db,
  workspaceId: string,
  filter: { channelId?: string; kind?: TemplateKind } = {},
): Promise<Array<MappingTemplate & { latestVersion: number }>> {
  const conditions = [eq(mappingTemplates.workspaceId, workspaceId)];
  if (filter.channelId) conditions.push(eq(mappingTemplates.channelId, filter.channelId));
  if (filter.kind) conditions.push(eq(mappingTemplates.kind, filter.kind));
  return db
    .select({
      ...getColumns(),
      latestVersion: sql<number>`(select max(v.version) from ${mappingTemplateVersions} v where v.template_id = "mapping_templates"."id")::int`,
    })
    .from(mappingTemplates)
    .where(and(...conditions))
    .orderBy(desc(mappingTemplates.isActive), asc(mappingTemplates.name));
}

function getColumns() {
  const { id, workspaceId, channelId, kind, name, isActive, createdAt, updatedAt } = mappingTemplates;
  return { id, workspaceId, channelId, kind, name, isActive, createdAt, updatedAt };
}

export async function listTemplateVersions(
  db: Db,
  workspaceId: string,
  templateId: string,
): Promise<MappingTemplateVersion[]> {
  await getTemplateRow(db, workspaceId, templateId);
  return db
    .select()
    .from(mappingTemplateVersions)
    .where(
      and(eq(mappingTemplateVersions.workspaceId, workspaceId), eq(mappingTemplateVersions.templateId, templateId)),
    )
    .orderBy(desc(mappingTemplateVersions.version));
}

export interface CreateTemplateInput {
  channelId: string;
  kind: TemplateKind;
  name: string;
  body: unknown;
  activate?: boolean;
  createdBy?: string | null;
}

export async function createTemplate(
  db: Db,
  workspaceId: string,
  input: CreateTemplateInput,
): Promise<TemplateWithVersion> {
  await assertChannel(db, workspaceId, input.channelId);
  const body = await checkedBody(db, workspaceId, input.body, input.kind);
  const name = input.name.trim();
  if (!name) throw new AppError("VALIDATION", "Name the template.", { fieldErrors: { name: "Enter a name" } });
  try {
    return await db.transaction(async (tx) => {
      if (input.activate) await deactivateOthers(tx, workspaceId, input.channelId, input.kind);
      const [template] = await tx
        .insert(mappingTemplates)
        .values({ workspaceId, channelId: input.channelId, kind: input.kind, name, isActive: input.activate ?? false })
        .returning();
      const [version] = await tx
        .insert(mappingTemplateVersions)
        .values({ workspaceId, templateId: template!.id, version: 1, body, createdBy: input.createdBy ?? null })
        .returning();
      return { template: template!, version: version! };
    });
  } catch (error) {
    if (isUniqueViolation(error))
      throw new AppError("CONFLICT", `A template named "${name}" already exists on this channel.`, {
        fieldErrors: { name: "Name taken" },
      });
    throw error;
  }
}

/** Each save is a new version; the previous ones stay for the runs and orders that used them. */
export async function saveTemplateVersion(
  db: Db,
  workspaceId: string,
  templateId: string,
  body: unknown,
  options: { createdBy?: string | null } = {},
): Promise<MappingTemplateVersion> {
  const template = await getTemplateRow(db, workspaceId, templateId);
  const checked = await checkedBody(db, workspaceId, body, template.kind);
  try {
    // Next version number in the same statement; two concurrent saves collide on the unique key.
    const [version] = await db
      .insert(mappingTemplateVersions)
      .values({
        workspaceId,
        templateId,
        version: sql`(select coalesce(max(version), 0) + 1 from ${mappingTemplateVersions} where template_id = ${templateId})`,
        body: checked,
        createdBy: options.createdBy ?? null,
      })
      .returning();
    await db
      .update(mappingTemplates)
      .set({ updatedAt: new Date() })
      .where(and(eq(mappingTemplates.workspaceId, workspaceId), eq(mappingTemplates.id, templateId)));
    return version!;
  } catch (error) {
    if (isUniqueViolation(error))
      throw new AppError("CONFLICT", "Someone saved this template at the same time; reload and try again.");
    throw error;
  }
}

/**
 * Restores an older version as the template's next version (the history is never rewritten): the
 * old body is checked against today's mapping sets like any save (VALIDATION naming the fields
 * that no longer hold, e.g. a deleted mapping set). NOT_FOUND when the version is not this
 * template's in this workspace. Returns the new version.
 */
export async function restoreTemplateVersion(
  db: Db,
  workspaceId: string,
  templateId: string,
  versionId: string,
  options: { createdBy?: string | null } = {},
): Promise<MappingTemplateVersion> {
  const old = await getTemplateVersion(db, workspaceId, versionId);
  if (old.templateId !== templateId) throw notFound("That template version");
  return saveTemplateVersion(db, workspaceId, templateId, old.body, options);
}

/** Copies the latest version into a new, inactive template on the same channel. */
export async function duplicateTemplate(
  db: Db,
  workspaceId: string,
  templateId: string,
  options: { name?: string; createdBy?: string | null } = {},
): Promise<TemplateWithVersion> {
  const { template, version } = await getTemplate(db, workspaceId, templateId);
  const taken = new Set(
    (await listTemplates(db, workspaceId, { channelId: template.channelId, kind: template.kind })).map((t) => t.name),
  );
  let name = options.name?.trim() || `${template.name} (copy)`;
  for (let n = 2; !options.name && taken.has(name); n++) name = `${template.name} (copy ${n})`;
  return createTemplate(db, workspaceId, {
    channelId: template.channelId,
    kind: template.kind,
    name,
    body: version.body,
    createdBy: options.createdBy,
  });
}

async function deactivateOthers(db: Db, workspaceId: string, channelId: string, kind: TemplateKind): Promise<void> {
  await db
    .update(mappingTemplates)
    .set({ isActive: false, updatedAt: new Date() })
    .where(
      and(
        eq(mappingTemplates.workspaceId, workspaceId),
        eq(mappingTemplates.channelId, channelId),
        eq(mappingTemplates.kind, kind),
        eq(mappingTemplates.isActive, true),
      ),
    );
}

/** Marks the template as its channel's active one for its kind (the one Get Orders uses). */
export async function activateTemplate(db: Db, workspaceId: string, templateId: string): Promise<MappingTemplate> {
  return db.transaction(async (tx) => {
    const template = await getTemplateRow(tx, workspaceId, templateId);
    await deactivateOthers(tx, workspaceId, template.channelId, template.kind);
    const [updated] = await tx
      .update(mappingTemplates)
      .set({ isActive: true, updatedAt: new Date() })
      .where(eq(mappingTemplates.id, templateId))
      .returning();
    return updated!;
  });
}

export async function renameTemplate(
  db: Db,
  workspaceId: string,
  templateId: string,
  name: string,
): Promise<MappingTemplate> {
  try {
    const [updated] = await db
      .update(mappingTemplates)
      .set({ name: name.trim(), updatedAt: new Date() })
      .where(and(eq(mappingTemplates.workspaceId, workspaceId), eq(mappingTemplates.id, templateId)))
      .returning();
    if (!updated) throw notFound("That mapping template");
    return updated;
  } catch (error) {
    if (isUniqueViolation(error))
      throw new AppError("CONFLICT", `A template named "${name}" already exists on this channel.`);
    throw error;
  }
}

/** The active template can't be deleted: the channel's imports depend on it. */
export async function deleteTemplate(db: Db, workspaceId: string, templateId: string): Promise<void> {
  const template = await getTemplateRow(db, workspaceId, templateId);
  if (template.isActive)
    throw new AppError("CONFLICT", "This is the channel's active template; activate another one first.");
  await db
    .delete(mappingTemplates)
    .where(and(eq(mappingTemplates.workspaceId, workspaceId), eq(mappingTemplates.id, templateId)));
}

export async function getActiveTemplate(
  db: Db,
  workspaceId: string,
  channelId: string,
  kind: TemplateKind,
): Promise<TemplateWithVersion | null> {
  const [template] = await db
    .select()
    .from(mappingTemplates)
    .where(
      and(
        eq(mappingTemplates.workspaceId, workspaceId),
        eq(mappingTemplates.channelId, channelId),
        eq(mappingTemplates.kind, kind),
        eq(mappingTemplates.isActive, true),
      ),
    );
  if (!template) return null;
  return { template, version: await getLatestVersion(db, workspaceId, template.id) };
}

/**
 * The channel's active Get Orders template, creating the recommended one first when the channel
 * has none yet (a new channel, or one whose templates were all deleted).
 */
export async function ensureActiveGetOrdersTemplate(
  db: Db,
  workspaceId: string,
  channelId: string,
): Promise<TemplateWithVersion> {
  const active = await getActiveTemplate(db, workspaceId, channelId, "get_orders");
  if (active) return active;
  // Templates but none active: the most recently edited one takes over rather than a new default.
  const [latest] = await listTemplates(db, workspaceId, { channelId, kind: "get_orders" }).then((all) =>
    all.sort((a, b) => b.updatedAt.getTime() - a.updatedAt.getTime()),
  );
  if (latest) {
    const template = await activateTemplate(db, workspaceId, latest.id);
    return { template, version: await getLatestVersion(db, workspaceId, template.id) };
  }
  const [channel] = await db
    .select({ name: channels.name })
    .from(channels)
    .where(and(eq(channels.workspaceId, workspaceId), eq(channels.id, channelId)));
  if (!channel) throw notFound("That channel");
  try {
    return await createTemplate(db, workspaceId, {
      channelId,
      kind: "get_orders",
      name: defaultTemplateName(channel.name),
      body: buildDefaultTemplateBody(),
      activate: true,
    });
  } catch (error) {
    // Created concurrently (two runs of the wizard): use the winner's.
    if (error instanceof AppError && error.code === "CONFLICT") {
      const winner = await getActiveTemplate(db, workspaceId, channelId, "get_orders");
      if (winner) return winner;
    }
    throw error;
  }
}
