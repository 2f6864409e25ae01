import { and, asc, desc, eq, inArray } from "drizzle-orm";
import type { z } from "zod";
import type { Db } from "@/db/client";
import { channelOperations, channels, connections } from "@/db/schema/channels";
import { runs } from "@/db/schema/runs";
import type { CredentialKey } from "@/lib/env";
import { AppError, notFound } from "@/lib/errors";
import { describeSchedule, nextRunAt } from "@/lib/operations/schedule";
import type { SellerCloudClient } from "@/lib/sellercloud/client";
import { isSellerCloudError } from "@/lib/sellercloud/errors";
import { saveConnection, type TestOutcome, toConnectionSummary } from "./connections";
import {
  type ChannelSettings,
  channelSettingsSchema,
  OPERATIONS,
  type Operation,
  type Schedule,
  type ShippingMapping,
} from "./settings";
import {
  type ChannelState,
  canOpenStep,
  type connectStepSchema,
  type detailsStepSchema,
  type integrationStepSchema,
  type linkingStepSchema,
  type listingsStepSchema,
  missingRequiredSteps,
  nextStepId,
  type operationsStepSchema,
  type ordersStepSchema,
  type pricingStepSchema,
  type StepId,
  type schedulesStepSchema,
  type shippingStepSchema,
  stepIndex,
  WIZARD_STEPS,
} from "./wizard";

/**
 * Channels and their wizard: create a draft, save one step at a time, activate. Every function
 * takes the workspace from the caller's session and scopes every query by it; another
 * workspace's channel is indistinguishable from a missing one (404).
 */

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

type ChannelRow = typeof channels.$inferSelect;

function isUniqueViolation(error: unknown): boolean {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && current; depth++) {
    if ((current as { code?: unknown }).code === "23505") return true;
    current = (current as { cause?: unknown }).cause;
  }
  return false;
}

const nameTaken = (name: string) =>
  new AppError("CONFLICT", "Choose another channel name.", {
    fieldErrors: { name: `You already have a channel named "${name}". Choose another name.` },
  });

async function assertNameFree(db: Db, workspaceId: string, name: string, exceptId?: string) {
  const rows = await db
    .select({ id: channels.id, name: channels.name })
    .from(channels)
    .where(eq(channels.workspaceId, workspaceId));
  // Case-insensitive, so "Main" and "main" do not both appear in the channel list.
  const clash = rows.find((r) => r.id !== exceptId && r.name.toLowerCase() === name.toLowerCase());
  if (clash) throw nameTaken(name);
}

/** Step 2: a draft channel with its name (step 3's only field), so the draft is never nameless. */
export async function createDraft(
  db: Db,
  workspaceId: string,
  input: z.output<typeof detailsStepSchema>,
  now = new Date(),
) {
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

async function loadChannelRow(db: Db, workspaceId: string, channelId: string): Promise<ChannelRow> {
  if (!UUID.test(channelId)) throw notFound("That channel");
  const [row] = await db
    .select()
    .from(channels)
    .where(and(eq(channels.id, channelId), eq(channels.workspaceId, workspaceId)));
  if (!row) throw notFound("That channel");
  return row;
}

async function toState(db: Db, row: ChannelRow): Promise<ChannelState> {
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

/** Step 1: the workspace's channels with status, enabled operations and the last run of each. */
export async function listChannels(db: Db, workspaceId: string): Promise<ChannelListItem[]> {
  const rows = await db
    .select({ channel: channels, connectionName: connections.name })
    .from(channels)
    .leftJoin(connections, and(eq(connections.id, channels.connectionId), eq(connections.workspaceId, workspaceId)))
    .where(eq(channels.workspaceId, workspaceId))
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
    .where(and(eq(runs.workspaceId, workspaceId), inArray(runs.channelId, ids)))
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

/** The newest run of each of a channel's operations (for the overview's operations panel). */
export async function lastRunsOfChannel(
  db: Db,
  workspaceId: string,
  channelId: string,
): Promise<Partial<Record<Operation, typeof runs.$inferSelect>>> {
  const rows = await db
    .selectDistinctOn([runs.operation])
    .from(runs)
    .where(and(eq(runs.workspaceId, workspaceId), eq(runs.channelId, channelId)))
    .orderBy(runs.operation, desc(runs.queuedAt));
  return Object.fromEntries(rows.map((r) => [r.operation, r]));
}

// --- saving a step -------------------------------------------------------------------------------

type SellerCloudLookups = Pick<SellerCloudClient, "listCompanies" | "listShippingCarriers" | "listShippingServices">;

export interface StepDeps {
  keys: readonly CredentialKey[];
  now: () => Date;
  /** The channel's SellerCloud client, opened only when a step must check something with SellerCloud. */
  sellercloud: () => Promise<SellerCloudLookups>;
  testConnection?: (credentials: Parameters<typeof import("./connections").testConnection>[0]) => Promise<TestOutcome>;
}

export interface SaveStepInput {
  workspaceId: string;
  channelId: string;
  step: StepId;
  values: unknown;
}

function validationError(error: z.ZodError): AppError {
  const fieldErrors: Record<string, string> = {};
  for (const issue of error.issues) fieldErrors[issue.path.join(".") || "_form"] ??= issue.message;
  return new AppError("VALIDATION", "Some fields need attention.", { fieldErrors });
}

function upstream(what: string, error: unknown): AppError {
  const detail = isSellerCloudError(error) ? error.message : "SellerCloud could not be reached.";
  return new AppError("UPSTREAM", `Could not check ${what} with SellerCloud. ${detail}`, { cause: error });
}

async function checkCompany(deps: StepDeps, companyId: number): Promise<void> {
  let companies: Awaited<ReturnType<SellerCloudLookups["listCompanies"]>>;
  try {
    companies = await (await deps.sellercloud()).listCompanies();
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw upstream("the company", error);
  }
  if (!companies.some((c) => c.id === companyId && !c.isDisabled)) {
    throw new AppError("VALIDATION", "Some fields need attention.", {
      fieldErrors: { companyId: `Company ${companyId} is not one of the companies this SellerCloud login can see.` },
    });
  }
}

/** Each mapping's carrier and service must be keys from SellerCloud's own lists, so a typo cannot be saved. */
async function checkShippingMappings(deps: StepDeps, mappings: ShippingMapping[]): Promise<void> {
  if (mappings.length === 0) return;
  const fieldErrors: Record<string, string> = {};
  try {
    const client = await deps.sellercloud();
    const carriers = new Set((await client.listShippingCarriers()).map((c) => c.key));
    const services = new Map<string, Set<string>>();
    for (const [index, m] of mappings.entries()) {
      if (!carriers.has(m.sellercloudCarrier)) {
        fieldErrors[`mappings.${index}.sellercloudCarrier`] = `SellerCloud has no carrier "${m.sellercloudCarrier}".`;
        continue;
      }
      if (!services.has(m.sellercloudCarrier)) {
        const list = await client.listShippingServices(m.sellercloudCarrier);
        services.set(m.sellercloudCarrier, new Set(list.map((s) => s.key)));
      }
      if (!services.get(m.sellercloudCarrier)?.has(m.sellercloudService)) {
        fieldErrors[`mappings.${index}.sellercloudService`] =
          `SellerCloud has no service "${m.sellercloudService}" for ${m.sellercloudCarrier}.`;
      }
    }
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw upstream("the carriers", error);
  }
  if (Object.keys(fieldErrors).length) throw new AppError("VALIDATION", "Some fields need attention.", { fieldErrors });
}

async function updateSettings(db: Db, row: ChannelRow, patch: Partial<ChannelSettings>, now: Date) {
  const settings = { ...channelSettingsSchema.parse(row.settings ?? {}), ...patch };
  await db
    .update(channels)
    .set({ settings, updatedAt: now })
    .where(and(eq(channels.id, row.id), eq(channels.workspaceId, row.workspaceId)));
}

/** When a saved schedule fires next: only active channels are scheduled. */
function scheduledAt(status: ChannelRow["status"], schedule: Schedule, now: Date): Date | null {
  return status === "active" ? nextRunAt(schedule, now) : null;
}

/**
 * Saves one step: checks the session's workspace owns the channel, validates with the step's
 * schema (the same one the form used), checks what only SellerCloud knows, stores, and moves the
 * wizard's saved progress forward. Returns the fresh state and the step to show next.
 */
export async function saveStep(
  db: Db,
  deps: StepDeps,
  input: SaveStepInput,
): Promise<{ state: ChannelState; next: StepId }> {
  const row = await loadChannelRow(db, input.workspaceId, input.channelId);
  const before = await toState(db, row);
  const step = WIZARD_STEPS[input.step];
  if (!canOpenStep(before, input.step)) {
    throw new AppError(
      "BAD_REQUEST",
      `Finish "${WIZARD_STEPS[missingRequiredSteps(before)[0]?.id ?? "details"].title}" first.`,
    );
  }
  const parsed = step.schema.safeParse(input.values);
  if (!parsed.success) throw validationError(parsed.error);
  const now = deps.now();
  const where = and(eq(channels.id, row.id), eq(channels.workspaceId, row.workspaceId));

  switch (input.step) {
    case "details": {
      const values = parsed.data as z.output<typeof detailsStepSchema>;
      await assertNameFree(db, row.workspaceId, values.name, row.id);
      try {
        await db.update(channels).set({ name: values.name, updatedAt: now }).where(where);
      } catch (error) {
        if (isUniqueViolation(error)) throw nameTaken(values.name);
        throw error;
      }
      break;
    }
    case "integration": {
      const values = parsed.data as z.output<typeof integrationStepSchema>;
      await db.update(channels).set({ integrationType: values.integrationType, updatedAt: now }).where(where);
      break;
    }
    case "connect": {
      const values = parsed.data as z.output<typeof connectStepSchema>;
      await saveConnection(db, {
        workspaceId: row.workspaceId,
        channelId: row.id,
        input: values,
        keys: deps.keys,
        now,
        test: deps.testConnection,
      });
      break;
    }
    case "operations": {
      const values = parsed.data as z.output<typeof operationsStepSchema>;
      for (const operation of OPERATIONS) {
        const enabled = values.operations.includes(operation);
        const existing = before.operations.find((o) => o.operation === operation);
        const schedule = existing?.schedule ?? { kind: "manual" as const };
        const next = enabled ? scheduledAt(row.status, schedule, now) : null;
        await db
          .insert(channelOperations)
          .values({ workspaceId: row.workspaceId, channelId: row.id, operation, enabled, schedule, nextRunAt: next })
          .onConflictDoUpdate({
            target: [channelOperations.channelId, channelOperations.operation],
            set: { enabled, nextRunAt: next, updatedAt: now },
          });
      }
      break;
    }
    case "listings":
      await updateSettings(db, row, { listingManagement: parsed.data as z.output<typeof listingsStepSchema> }, now);
      break;
    case "pricing":
      await updateSettings(db, row, { pricing: parsed.data as z.output<typeof pricingStepSchema> }, now);
      break;
    case "linking": {
      const values = parsed.data as z.output<typeof linkingStepSchema>;
      await checkCompany(deps, values.companyId);
      await updateSettings(db, row, { link: values }, now);
      break;
    }
    case "shipping": {
      const values = parsed.data as z.output<typeof shippingStepSchema>;
      await checkShippingMappings(deps, values.mappings);
      await updateSettings(db, row, { shippingMappings: values.mappings }, now);
      break;
    }
    case "orders": {
      const values = parsed.data as z.output<typeof ordersStepSchema>;
      await checkCompany(deps, values.companyId);
      await updateSettings(db, row, { orders: values }, now);
      break;
    }
    case "schedules": {
      const values = parsed.data as z.output<typeof schedulesStepSchema>;
      for (const { operation, schedule } of values.schedules) {
        if (!before.operations.some((o) => o.operation === operation)) {
          throw new AppError("BAD_REQUEST", "Choose the processes before their schedules.");
        }
        await db
          .update(channelOperations)
          .set({ schedule, nextRunAt: scheduledAt(row.status, schedule, now), updatedAt: now })
          .where(
            and(
              eq(channelOperations.channelId, row.id),
              eq(channelOperations.workspaceId, row.workspaceId),
              eq(channelOperations.operation, operation),
            ),
          );
      }
      break;
    }
    case "review":
      break;
  }

  const next = nextStepId(input.step);
  const completed = before.completedSteps.includes(input.step)
    ? before.completedSteps
    : [...before.completedSteps, input.step];
  const current = stepIndex(next) > stepIndex(asStep(before.currentStep)) ? next : asStep(before.currentStep);
  await db.update(channels).set({ completedSteps: completed, currentStep: current, updatedAt: now }).where(where);
  return { state: await getChannelForWorkspace(db, row.workspaceId, row.id), next };
}

function asStep(id: string): StepId {
  return id in WIZARD_STEPS ? (id as StepId) : "details";
}

/** Skipping an optional step moves the saved progress on without storing anything. */
export async function skipStep(db: Db, input: { workspaceId: string; channelId: string; step: StepId; now?: Date }) {
  const row = await loadChannelRow(db, input.workspaceId, input.channelId);
  const state = await toState(db, row);
  if (WIZARD_STEPS[input.step].isRequired(state)) {
    throw new AppError("BAD_REQUEST", `"${WIZARD_STEPS[input.step].title}" is required and cannot be skipped.`);
  }
  const next = nextStepId(input.step);
  if (stepIndex(next) > stepIndex(asStep(row.currentStep))) {
    await db
      .update(channels)
      .set({ currentStep: next, updatedAt: input.now ?? new Date() })
      .where(and(eq(channels.id, row.id), eq(channels.workspaceId, row.workspaceId)));
  }
  return { next };
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
