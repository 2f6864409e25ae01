/** Tables of connections (SellerCloud logins), channels and each channel's operations and schedules. */
import { boolean, jsonb, pgTable, primaryKey, text, timestamp, unique, uuid } from "drizzle-orm/pg-core";
import type { ChannelSettings, Operation, Schedule } from "./values";
import { workspaces } from "./accounts";

/** A SellerCloud login. Secrets are AES-256-GCM ciphertexts (lib/crypto), never plaintext. */
export const connections = pgTable("connections", {
  id: uuid("id").primaryKey().defaultRandom(),
  workspaceId: uuid("workspace_id")
    .notNull()
    .references(() => workspaces.id, { onDelete: "cascade" }),
  name: text("name").notNull(),
  username: text("username").notNull().default(""),
  serverId: text("server_id"),
  apiUrl: text("api_url"),
  passwordCiphertext: text("password_ciphertext"),
  apiTokenCiphertext: text("api_token_ciphertext"),
  lastTestedAt: timestamp("last_tested_at", { withTimezone: true }),
  lastTestResult: text("last_test_result"),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
});

export const channels = pgTable(
  "channels",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    status: text("status", { enum: ["draft", "active", "paused"] })
      .notNull()
      .default("draft"),
    integrationType: text("integration_type"),
    connectionId: uuid("connection_id").references(() => connections.id, { onDelete: "set null" }),
    /** Wizard progress: the step the user is on and the steps saved so far. */
    currentStep: text("current_step").notNull().default("details"),
    completedSteps: jsonb("completed_steps").$type<string[]>().notNull().default([]),
    settings: jsonb("settings").$type<ChannelSettings>().notNull().default({ shippingMappings: [] }),
    activatedAt: timestamp("activated_at", { withTimezone: true }),
    /**
     * Set when the channel was deleted but its imported orders were kept: the row stays (renamed
     * "<name> (deleted <date>)") so those orders keep their channel name and retention setting;
     * its runs, links, templates, schedule and connection are gone (lib/channels/delete-channel.ts).
     */
    deletedAt: timestamp("deleted_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [unique("channels_workspace_name").on(t.workspaceId, t.name)],
);

/** Which operations a channel runs, and when. next_run_at is kept by lib/operations/schedule. */
export const channelOperations = pgTable(
  "channel_operations",
  {
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    channelId: uuid("channel_id")
      .notNull()
      .references(() => channels.id, { onDelete: "cascade" }),
    operation: text("operation").$type<Operation>().notNull(),
    enabled: boolean("enabled").notNull().default(true),
    schedule: jsonb("schedule").$type<Schedule>().notNull().default({ kind: "manual" }),
    nextRunAt: timestamp("next_run_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.channelId, t.operation] })],
);
