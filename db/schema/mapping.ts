/**
 * Mapping templates (versioned) and the workspace's shared mapping sets. A template version is
 * immutable: each save inserts a new one, and runs and orders point at the version they used.
 */
import { sql } from "drizzle-orm";
import {
  boolean,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  unique,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import type { TemplateBody } from "./values";
import { users, workspaces } from "./accounts";
import { channels } from "./channels";

export const TEMPLATE_KINDS = ["get_orders", "sync_orders"] as const;
export type TemplateKind = (typeof TEMPLATE_KINDS)[number];

/** A from -> to lookup table shared by every template of the workspace. */
export const mappingSets = pgTable(
  "mapping_sets",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    description: text("description").notNull().default(""),
    // Sets are small (tens to a few thousand rows) and always read whole, so one jsonb array.
    entries: jsonb("entries").$type<Array<{ from: string; to: string }>>().notNull().default([]),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [unique("mapping_sets_workspace_name").on(t.workspaceId, t.name)],
);

export const mappingTemplates = pgTable(
  "mapping_templates",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    channelId: uuid("channel_id")
      .notNull()
      .references(() => channels.id, { onDelete: "cascade" }),
    kind: text("kind").$type<TemplateKind>().notNull(),
    name: text("name").notNull(),
    isActive: boolean("is_active").notNull().default(false),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    unique("mapping_templates_channel_kind_name").on(t.workspaceId, t.channelId, t.kind, t.name),
    // At most one active template per channel and kind.
    uniqueIndex("mapping_templates_one_active").on(t.workspaceId, t.channelId, t.kind).where(sql`${t.isActive}`),
  ],
);

export const mappingTemplateVersions = pgTable(
  "mapping_template_versions",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    templateId: uuid("template_id")
      .notNull()
      .references(() => mappingTemplates.id, { onDelete: "cascade" }),
    version: integer("version").notNull(),
    body: jsonb("body").$type<TemplateBody>().notNull(),
    createdBy: uuid("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    unique("mapping_template_versions_template_version").on(t.workspaceId, t.templateId, t.version),
    index("mapping_template_versions_template").on(t.templateId, t.version),
  ],
);

export type MappingSet = typeof mappingSets.$inferSelect;
export type MappingTemplate = typeof mappingTemplates.$inferSelect;
export type MappingTemplateVersion = typeof mappingTemplateVersions.$inferSelect;
