/**
 * Channels: create a draft, load one as the wizard sees it, list them, activate and pause (saving
 * one wizard step is lib/channels/save-step.ts). Every function
 * takes the workspace from the caller's session and scopes every query by it; another
 * workspace's channel is indistinguishable from a missing one (404).
 */

import { and, asc, desc, eq, inArray, isNull } from "drizzle-orm";
import type { Db } from "@/db/client";
import { isUniqueViolation } from "@/db/errors";
import { isUuid } from "@/db/ids";
import { channelOperations, channels, connections } from "@/db/schema/channels";
import { runs } from "@/db/schema/runs";
import { AppError, notFound } from "@/lib/errors";
import { describeSchedule, nextRunAt } from "@/lib/operations/schedule";
import { toConnectionSummary } from "./connections";
import { channelSettingsSchema, OPERATIONS, type Operation, type Schedule } from "./settings";
import { type ChannelState, missingRequiredSteps, nextStepId, type StepValues } from "./wizard";

export type ChannelRow = typeof channels.$inferSelect;

export const nameTaken = (name: string) =>
  new AppError("CONFLICT", "Choose another channel name.", {
    fieldErrors: { name: `You already have a channel named "${name}". Choose another name.` },
  });

export async function assertNameFree(db: Db, workspaceId: string, name: string, exceptId?: string) {
  const rows = await db
    .select({ id: channels.id, name: channels.name })
    .from(channels)
    .where(eq(channels.workspaceId, workspaceId));
  // Case-insensitive, so "Main" and "main" do not both appear in the channel list.
  const clash = rows.find((r) => r.id !== exceptId && r.name.toLowerCase() === name.toLowerCase());
  if (clash) throw nameTaken(name);
}

/** Step 1 (Basic details) on /channels/new: a draft channel with its name, so a draft is never nameless. */
export async function createDraft(db: Db, workspaceId: string, input: StepValues<"details">, now = new Date()) {
  await assertNameFree(db, workspaceId, input.name);
  try {
    const [row] = await db
      .insert(channels)
      .values({
        workspaceId,
        name: input.name,
        status: "draft",
        currentStep: nextStepId("details"),
        completedSteps: ["details"],
        settings: { shippingMappings: [] },
        createdAt: now,
        updatedAt: now,
      })
      .returning();
    if (!row) throw new Error("insert returned nothing");
    return row;
  } catch (error) {
    if (isUniqueViolation(error)) throw nameTaken(input.name);
    throw error;
  }
}

export async function loadChannelRow(db: Db, workspaceId: string, channelId: string): Promise<ChannelRow> {
  if (!isUuid(channelId)) throw notFound("That channel");
  const [row] = await db
    .select()
    .from(channels)
    // A deleted channel kept for its orders (deleted_at) is gone for every channel page and action.
    .where(and(eq(channels.id, channelId), eq(channels.workspaceId, workspaceId), isNull(channels.deletedAt)));
  if (!row) throw notFound("That channel");
  return row;
}

export async function toState(db: Db, row: ChannelRow): Promise<ChannelState> {
  const [connection] = row.connectionId
    ? await db
        .select()
        .from(connections)
        .where(and(eq(connections.id, row.connectionId), eq(connections.workspaceId, row.workspaceId)))
    : [];
  const ops = await db
    .select()
    .from(channelOperations)
    .where(and(eq(channelOperations.channelId, row.id), eq(channelOperations.workspaceId, row.workspaceId)));
  const byOperation = new Map(ops.map((o) => [o.operation, o]));
  return {
    id: row.id,
    name: row.name,
    status: row.status,
    integrationType: row.integrationType,
    connection: connection ? toConnectionSummary(connection) : null,
    operations: OPERATIONS.flatMap((operation) => {
      const op = byOperation.get(operation);
      return op
        ? [{ operation, enabled: op.enabled, schedule: op.schedule, nextRunAt: op.nextRunAt?.toISOString() ?? null }]
        : [];
    }),
    settings: channelSettingsSchema.parse(row.settings ?? {}),
    completedSteps: row.completedSteps ?? [],
    currentStep: row.currentStep,
    activatedAt: row.activatedAt?.toISOString() ?? null,
  };
}

/** The channel as the wizard and overview see it (no secrets), or a 404 for any other workspace. */
export async function getChannelForWorkspace(db: Db, workspaceId: string, channelId: string): Promise<ChannelState> {
  return toState(db, await loadChannelRow(db, workspaceId, channelId));
}

// --- listing -------------------------------------------------------------------------------------

export interface ChannelListItem {
  id: string;
  name: string;
  status: ChannelState["status"];
  currentStep: string;
  connectionName: string | null;
  operations: {
    operation: Operation;
    enabled: boolean;
    scheduleText: string;
    lastRun: { id: string; status: string; queuedAt: string; finishedAt: string | null } | null;
  }[];
}

/** The Channels page: the workspace's channels with status, enabled operations and the last run (not dry run) of each. */
export async function listChannels(db: Db, workspaceId: string): Promise<ChannelListItem[]> {
  const rows = await db
    .select({ channel: channels, connectionName: connections.name })
    .from(channels)
    .leftJoin(connections, and(eq(connections.id, channels.connectionId), eq(connections.workspaceId, workspaceId)))
    .where(and(eq(channels.workspaceId, workspaceId), isNull(channels.deletedAt)))
    .orderBy(asc(channels.createdAt));
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.channel.id);
  const ops = await db
    .select()
    .from(channelOperations)
    .where(and(eq(channelOperations.workspaceId, workspaceId), inArray(channelOperations.channelId, ids)));
  const lastRuns = await db
    .selectDistinctOn([runs.channelId, runs.operation], {
      id: runs.id,
      channelId: runs.channelId,
      operation: runs.operation,
      status: runs.status,
      queuedAt: runs.queuedAt,
      finishedAt: runs.finishedAt,
    })
    .from(runs)
    // A dry run wrote nothing: it is not the channel's last run (issue 14 §13).
    .where(and(eq(runs.workspaceId, workspaceId), inArray(runs.channelId, ids), eq(runs.dryRun, false)))
    .orderBy(runs.channelId, runs.operation, desc(runs.queuedAt));
  return rows.map(({ channel, connectionName }) => ({
    id: channel.id,
    name: channel.name,
    status: channel.status,
    currentStep: channel.currentStep,
    connectionName,
    operations: OPERATIONS.flatMap((operation) => {
      const op = ops.find((o) => o.channelId === channel.id && o.operation === operation);
      if (!op) return [];
      const last = lastRuns.find((r) => r.channelId === channel.id && r.operation === operation);
      return [
        {
          operation,
          enabled: op.enabled,
          scheduleText: describeSchedule(op.schedule),
          lastRun: last
            ? {
                id: last.id,
                status: last.status,
                queuedAt: last.queuedAt.toISOString(),
                finishedAt: last.finishedAt?.toISOString() ?? null,
              }
            : null,
        },
      ];
    }),
  }));
}

/** The newest run, not counting dry runs, of each of a channel's operations (for the overview's operations panel). */
export async function lastRunsOfChannel(
  db: Db,
  workspaceId: string,
  channelId: string,
): Promise<Partial<Record<Operation, typeof runs.$inferSelect>>> {
  const rows = await db
    .selectDistinctOn([runs.operation])
    .from(runs)
    // A dry run wrote nothing: it is not the channel's last run (issue 14 §13).
    .where(and(eq(runs.workspaceId, workspaceId), eq(runs.channelId, channelId), eq(runs.dryRun, false)))
    .orderBy(runs.operation, desc(runs.queuedAt));
  return Object.fromEntries(rows.map((r) => [r.operation, r]));
}

/** When a saved schedule fires next: only active channels are scheduled. */
export function scheduledAt(status: ChannelRow["status"], schedule: Schedule, now: Date): Date | null {
  return status === "active" ? nextRunAt(schedule, now) : null;
}

// --- activation ----------------------------------------------------------------------------------

export async function activate(
  db: Db,
  input: { workspaceId: string; channelId: string; now?: Date },
): Promise<ChannelState> {
  const row = await loadChannelRow(db, input.workspaceId, input.channelId);
  const state = await toState(db, row);
  const missing = missingRequiredSteps(state);
  if (missing.length) {
    throw new AppError(
      "BAD_REQUEST",
      `Finish these steps before activating: ${missing.map((s) => s.title).join(", ")}.`,
    );
  }
  await setStatus(db, row, "active", input.now ?? new Date());
  return getChannelForWorkspace(db, row.workspaceId, row.id);
}

export async function setPaused(
  db: Db,
  input: { workspaceId: string; channelId: string; paused: boolean; now?: Date },
) {
  const row = await loadChannelRow(db, input.workspaceId, input.channelId);
  if (row.status === "draft") throw new AppError("BAD_REQUEST", "Activate the channel first.");
  await setStatus(db, row, input.paused ? "paused" : "active", input.now ?? new Date());
  return getChannelForWorkspace(db, row.workspaceId, row.id);
}

async function setStatus(db: Db, row: ChannelRow, status: "active" | "paused", now: Date) {
  await db.transaction(async (tx) => {
    await tx
      .update(channels)
      .set({
        status,
        currentStep: "review",
        activatedAt: status === "active" ? (row.activatedAt ?? now) : row.activatedAt,
        updatedAt: now,
      })
      .where(and(eq(channels.id, row.id), eq(channels.workspaceId, row.workspaceId)));
    // Paused channels have no next run; activating starts each schedule at its next occurrence.
    const ops = await tx
      .select()
      .from(channelOperations)
      .where(and(eq(channelOperations.channelId, row.id), eq(channelOperations.workspaceId, row.workspaceId)));
    for (const op of ops) {
      await tx
        .update(channelOperations)
        .set({ nextRunAt: op.enabled ? scheduledAt(status, op.schedule, now) : null, updatedAt: now })
        .where(and(eq(channelOperations.channelId, row.id), eq(channelOperations.operation, op.operation)));
    }
  });
}
