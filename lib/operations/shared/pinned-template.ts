/**
 * Pinning a mapping template version for a run: on its first page a run records which version of
 * the channel's active template (of one kind: get_orders or sync_orders) it maps with, and every
 * later page loads that same version, validated and compiled with the workspace's current mapping
 * sets. A template edited mid-run therefore never changes a run halfway.
 */

import { createHash } from "node:crypto";
import type { Db } from "@/db/client";
import type { TemplateKind } from "@/db/schema/mapping";
import { AppError } from "@/lib/errors";
import { buildDefaultTemplateBody } from "@/lib/mapping/default-template";
import { type CompiledTemplate, compileTemplate } from "@/lib/mapping/evaluate";
import { loadSetsForTemplate } from "@/lib/mapping/set-queries";
import { type CompiledSyncTemplate, compileSyncTemplate, validateSyncTemplate } from "@/lib/mapping/sync-evaluate";
import { buildDefaultSyncTemplateBody } from "@/lib/mapping/sync-targets";
import type { MappingSetData, TemplateBody } from "@/lib/mapping/template";
import { type TemplateValidation, validateTemplate } from "@/lib/mapping/validate-template";
import { ensureActiveGetOrdersTemplate, getActiveTemplate, getTemplateVersion } from "@/lib/mapping/template-queries";

/** The compiled form of each template kind. */
export interface CompiledTemplateMap {
  get_orders: CompiledTemplate;
  sync_orders: CompiledSyncTemplate;
}

/** A run's template: the pinned version (null: the kind's built-in default body) and its compiled form. */
export interface PinnedTemplate<K extends TemplateKind> {
  versionId: string | null;
  compiled: CompiledTemplateMap[K];
}

interface KindRules<K extends TemplateKind> {
  /** Used as "The <label> cannot be used: …" in the error of an invalid version. */
  label: string;
  defaultBody: () => TemplateBody;
  validate: (body: unknown, sets: MappingSetData[]) => TemplateValidation;
  compile: (body: TemplateBody, sets: MappingSetData[]) => CompiledTemplateMap[K];
}

const kinds: { [K in TemplateKind]: KindRules<K> } = {
  get_orders: {
    label: "mapping template",
    defaultBody: buildDefaultTemplateBody,
    validate: validateTemplate,
    compile: compileTemplate,
  },
  sync_orders: {
    label: "Sync Orders mapping template",
    defaultBody: buildDefaultSyncTemplateBody,
    validate: validateSyncTemplate,
    compile: compileSyncTemplate,
  },
};

/**
 * The version a run pins on its first page: the channel's active template of `kind`, or null
 * when there is none (the run then maps with the kind's built-in default body). A real Get Orders
 * run first saves the recommended template when none is active (ensureActiveGetOrdersTemplate),
 * so its orders always name a version; a dry run writes nothing, not even that.
 */
export async function pinTemplateVersion(
  ctx: { db: Db; workspaceId: string; channelId: string; dryRun: boolean },
  kind: TemplateKind,
): Promise<string | null> {
  if (kind === "get_orders" && !ctx.dryRun)
    return (await ensureActiveGetOrdersTemplate(ctx.db, ctx.workspaceId, ctx.channelId)).version.id;
  return (await getActiveTemplate(ctx.db, ctx.workspaceId, ctx.channelId, kind))?.version.id ?? null;
}

// Versions are immutable, so a body is read once per process and a compiled template is reused
// by every page of every run that pins it; the sets it reads are mutable and part of the key
// (their ids, names and entries), loaded per page (no query unless the template uses a set).
const versionBodies = new Map<string, TemplateBody>();
const compiledCache = new Map<string, PinnedTemplate<TemplateKind>>();

/**
 * The pinned version `versionId` of a `kind` template (null: the built-in default body) with the
 * workspace's current mapping sets, validated and compiled before anything is mapped.
 *
 * Errors: AppError NOT_FOUND when the version is not in the workspace (getTemplateVersion);
 * AppError VALIDATION "The … cannot be used: <field>: <reason>." when it no longer validates
 * against the current sets (e.g. a set it names was deleted).
 */
export async function loadPinnedTemplate<K extends TemplateKind>(
  db: Db,
  workspaceId: string,
  kind: K,
  versionId: string | null,
): Promise<PinnedTemplate<K>> {
  const rules = kinds[kind] as KindRules<K>;
  let body = versionId ? versionBodies.get(versionId) : rules.defaultBody();
  if (!body) {
    body = (await getTemplateVersion(db, workspaceId, versionId!)).body;
    if (versionBodies.size > 200) versionBodies.clear();
    versionBodies.set(versionId!, body);
  }
  const sets = await loadSetsForTemplate(db, workspaceId, body);
  const key = `${kind}:${versionId}:${setsFingerprint(sets)}`;
  const cached = compiledCache.get(key) as PinnedTemplate<K> | undefined;
  if (cached) return cached;
  const check = rules.validate(body, sets);
  if (!check.ok) {
    const first = Object.entries(check.errors)[0];
    throw new AppError(
      "VALIDATION",
      `The ${rules.label} cannot be used: ${first ? `${first[0]}: ${first[1]}` : "invalid"}.`,
    );
  }
  const pinned: PinnedTemplate<K> = { versionId, compiled: rules.compile(check.body, sets) };
  if (compiledCache.size > 50) compiledCache.clear();
  compiledCache.set(key, pinned as PinnedTemplate<TemplateKind>);
  return pinned;
}

function setsFingerprint(sets: MappingSetData[]): string {
  const hash = createHash("sha1");
  for (const set of sets) hash.update(JSON.stringify([set.id, set.name, set.entries]));
  return hash.digest("base64url");
}
