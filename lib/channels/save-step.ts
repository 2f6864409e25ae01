/**
 * Saving one wizard step: STEP_SAVERS says what each step stores (one entry per step id; a step
 * missing here is a type error), and saveStep validates with the step's schema from the wizard
 * table, runs the saver and moves the saved progress on. skipStep moves past an optional step.
 * Every function scopes by the caller's workspace; another workspace's channel is a 404.
 */

import { and, eq } from "drizzle-orm";
import type { z } from "zod";
import type { Db } from "@/db/client";
import { isUniqueViolation } from "@/db/errors";
import { channelOperations, channels } from "@/db/schema/channels";
import type { CredentialKey } from "@/lib/env";
import { AppError } from "@/lib/errors";
import type { SellerCloudClient } from "@/lib/sellercloud/client";
import { isSellerCloudError } from "@/lib/sellercloud/errors";
import {
  assertNameFree,
  type ChannelRow,
  getChannelForWorkspace,
  loadChannelRow,
  nameTaken,
  scheduledAt,
  toState,
} from "./channels";
import { saveConnection, type TestOutcome } from "./connections";
import { type ChannelSettings, channelSettingsSchema, OPERATIONS, type ShippingMapping } from "./settings";
import {
  type ChannelState,
  canOpenStep,
  isStepId,
  missingRequiredSteps,
  nextStepId,
  type StepId,
  type StepValues,
  stepIndex,
  WIZARD_STEPS,
} from "./wizard";

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

/** What a saver works with: the channel as loaded, its state before the save, and the clock. */
interface SaveContext {
  db: Db;
  deps: StepDeps;
  row: ChannelRow;
  before: ChannelState;
  now: Date;
}

type StepSaver<K extends StepId> = (ctx: SaveContext, values: StepValues<K>) => Promise<void>;

const whereChannel = (row: ChannelRow) => and(eq(channels.id, row.id), eq(channels.workspaceId, row.workspaceId));

/** What each step stores, given its values already parsed by the step's schema. */
export const STEP_SAVERS: { [K in StepId]: StepSaver<K> } = {
  details: async ({ db, row, now }, values) => {
    await assertNameFree(db, row.workspaceId, values.name, row.id);
    try {
      await db.update(channels).set({ name: values.name, updatedAt: now }).where(whereChannel(row));
    } catch (error) {
      if (isUniqueViolation(error)) throw nameTaken(values.name);
      throw error;
    }
  },
  integration: async ({ db, row, now }, values) => {
    await db.update(channels).set({ integrationType: values.integrationType, updatedAt: now }).where(whereChannel(row));
  },
  connect: async ({ db, deps, row, now }, values) => {
    await saveConnection(db, {
      workspaceId: row.workspaceId,
      channelId: row.id,
      input: values,
      keys: deps.keys,
      now,
      test: deps.testConnection,
    });
  },
  operations: async ({ db, row, before, now }, values) => {
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
  },
  listings: async ({ db, row, now }, values) => updateSettings(db, row, { listingManagement: values }, now),
  pricing: async ({ db, row, now }, values) => updateSettings(db, row, { pricing: values }, now),
  linking: async ({ db, deps, row, now }, values) => {
    await checkCompany(deps, values.companyId);
    await updateSettings(db, row, { link: values }, now);
  },
  shipping: async ({ db, deps, row, now }, values) => {
    await checkShippingMappings(deps, values.mappings);
    await updateSettings(db, row, { shippingMappings: values.mappings }, now);
  },
  orders: async ({ db, deps, row, now }, values) => {
    await checkCompany(deps, values.companyId);
    await updateSettings(db, row, { orders: values }, now);
  },
  schedules: async ({ db, row, before, now }, values) => {
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
  },
  review: async () => {},
};

/** Validates the values with the step's own schema, then stores them with the step's saver. */
async function parseAndSave<K extends StepId>(step: K, ctx: SaveContext, values: unknown): Promise<void> {
  const parsed = WIZARD_STEPS[step].schema.safeParse(values);
  if (!parsed.success) throw validationError(parsed.error);
  await STEP_SAVERS[step](ctx, parsed.data);
}

/**
 * Saves one step: checks the session's workspace owns the channel, validates with the step's
 * schema (the same one the form used), checks what only SellerCloud knows, stores, and moves the
 * wizard's saved progress forward. Returns the fresh state and the step to show next.
 * Errors: NOT_FOUND (not this workspace's channel), BAD_REQUEST (an earlier required step is not
 * done), VALIDATION (fieldErrors by field path), CONFLICT (name taken), UPSTREAM (SellerCloud).
 */
export async function saveStep(
  db: Db,
  deps: StepDeps,
  input: SaveStepInput,
): Promise<{ state: ChannelState; next: StepId }> {
  const row = await loadChannelRow(db, input.workspaceId, input.channelId);
  const before = await toState(db, row);
  if (!canOpenStep(before, input.step)) {
    throw new AppError(
      "BAD_REQUEST",
      `Finish "${missingRequiredSteps(before)[0]?.title ?? WIZARD_STEPS.details.title}" first.`,
    );
  }
  const now = deps.now();
  await parseAndSave(input.step, { db, deps, row, before, now }, input.values);

  const next = nextStepId(input.step);
  const completed = before.completedSteps.includes(input.step)
    ? before.completedSteps
    : [...before.completedSteps, input.step];
  const current = stepIndex(next) > stepIndex(asStep(before.currentStep)) ? next : asStep(before.currentStep);
  await db
    .update(channels)
    .set({ completedSteps: completed, currentStep: current, updatedAt: now })
    .where(whereChannel(row));
  return { state: await getChannelForWorkspace(db, row.workspaceId, row.id), next };
}

function asStep(id: string): StepId {
  return isStepId(id) ? id : "details";
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
