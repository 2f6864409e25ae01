"use server";

/**
 * The wizard's server actions. Each one reads the workspace from the session (never from the
 * form), parses its input with zod, calls one lib function and returns an ActionResult. None of
 * them returns a saved secret: connection views carry only hasPassword / hasApiToken.
 */
import { z } from "zod";
import { getDb } from "@/db/index";
import { activate, createDraft, getChannelForWorkspace, setPaused } from "@/lib/channels/channels";
import { createSellerCloudClient } from "@/lib/channels/client-factory";
import { findChannelConnection, mergeCredentials, type TestOutcome, testConnection } from "@/lib/channels/connections";
import { saveStep, skipStep } from "@/lib/channels/save-step";
import { connectStepSchema, detailsStepSchema, STEP_IDS, type StepId } from "@/lib/channels/wizard";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { isSellerCloudError } from "@/lib/sellercloud/errors";
import { channelSnapshotChanges, readChannelAuditSnapshot } from "@/lib/audit/channel-snapshot";
import { recordAuditFor } from "../audit";
import { type ActionResult, authedAction } from "../handle";

const channelId = z.string().min(1, "Missing channel");
const mode = z.enum(["setup", "settings"]).default("setup");

function nextUrl(id: string, step: StepId, where: "setup" | "settings"): string {
  return where === "settings" ? `/channels/${id}?saved=${step}` : `/channels/${id}/setup/${step}`;
}

const createChannel = authedAction("channels.manage", detailsStepSchema, async (input, session) => {
  const channel = await createDraft(await getDb(), session.workspaceId, input);
  await recordAuditFor(session, {
    objectType: "channel",
    objectId: channel.id,
    objectLabel: channel.name,
    action: "created",
    summary: `Created channel "${channel.name}"`,
  });
  return { channelId: channel.id, redirectTo: `/channels/${channel.id}/setup/integration` };
});
export async function createChannelAction(input: z.input<typeof detailsStepSchema>) {
  return createChannel(input);
}

const saveStepInput = z.object({ channelId, step: z.enum(STEP_IDS), values: z.unknown(), mode });
const saveStepBody = authedAction("channels.manage", saveStepInput, async (input, session) => {
  const db = await getDb();
  const scope = { workspaceId: session.workspaceId, channelId: input.channelId };
  const before = await readChannelAuditSnapshot(db, session.workspaceId, input.channelId);
  const { next } = await saveStep(
    db,
    {
      keys: env().credentialKeys,
      now: () => new Date(),
      sellercloud: () => createSellerCloudClient(db, scope),
    },
    { ...scope, step: input.step, values: input.values },
  );
  const after = await readChannelAuditSnapshot(db, session.workspaceId, input.channelId);
  for (const change of after ? channelSnapshotChanges(before, after) : []) {
    await recordAuditFor(session, { ...change, action: "updated" }, db);
  }
  return { redirectTo: nextUrl(input.channelId, input.mode === "settings" ? input.step : next, input.mode) };
});
export async function saveStepAction(input: z.input<typeof saveStepInput>) {
  return saveStepBody(input);
}

const skipStepInput = z.object({ channelId, step: z.enum(STEP_IDS) });
const skipStepBody = authedAction("channels.manage", skipStepInput, async (input, session) => {
  const { next } = await skipStep(await getDb(), { workspaceId: session.workspaceId, ...input });
  return { redirectTo: nextUrl(input.channelId, next, "setup") };
});
export async function skipStepAction(input: z.input<typeof skipStepInput>) {
  return skipStepBody(input);
}

const testInput = z.object({ channelId, values: connectStepSchema });
const testBody = authedAction("connections.credentials", testInput, async (input, session): Promise<TestOutcome> => {
  const db = await getDb();
  await getChannelForWorkspace(db, session.workspaceId, input.channelId);
  const existing = await findChannelConnection(db, session.workspaceId, input.channelId);
  return testConnection(mergeCredentials(input.values, existing, env().credentialKeys));
});
export async function testConnectionAction(input: z.input<typeof testInput>) {
  return testBody(input);
}

async function withClient<T>(
  workspaceId: string,
  id: string,
  what: string,
  use: (client: Awaited<ReturnType<typeof createSellerCloudClient>>) => Promise<T>,
) {
  const db = await getDb();
  await getChannelForWorkspace(db, workspaceId, id);
  const client = await createSellerCloudClient(db, { workspaceId, channelId: id });
  try {
    return await use(client);
  } catch (error) {
    if (isSellerCloudError(error)) {
      throw new AppError("UPSTREAM", `Could not load ${what} from SellerCloud. ${error.message}`);
    }
    throw error;
  }
}

const channelOnly = z.object({ channelId });
const companiesBody = authedAction("channels.manage", channelOnly, async (input, session) =>
  withClient(session.workspaceId, input.channelId, "the companies", async (client) =>
    (await client.listCompanies())
      .filter((c) => !c.isDisabled)
      .map((c) => ({ id: c.id, name: c.name, isDefault: c.isDefault })),
  ),
);
export async function listCompaniesAction(input: z.input<typeof channelOnly>) {
  return companiesBody(input);
}

const carriersBody = authedAction("channels.manage", channelOnly, async (input, session) =>
  withClient(session.workspaceId, input.channelId, "the carriers", async (client) =>
    (await client.listShippingCarriers()).map((c) => ({ key: c.key, name: c.name })),
  ),
);
export async function listCarriersAction(input: z.input<typeof channelOnly>) {
  return carriersBody(input);
}

const servicesInput = z.object({ channelId, carrier: z.string().trim().min(1, "Choose a carrier") });
const servicesBody = authedAction("channels.manage", servicesInput, async (input, session) =>
  withClient(session.workspaceId, input.channelId, "the services", async (client) =>
    (await client.listShippingServices(input.carrier)).map((s) => ({ key: s.key, name: s.name })),
  ),
);
export async function listServicesAction(input: z.input<typeof servicesInput>) {
  return servicesBody(input);
}

const activateBody = authedAction("channels.manage", channelOnly, async (input, session) => {
  const state = await activate(await getDb(), { workspaceId: session.workspaceId, channelId: input.channelId });
  await recordAuditFor(session, {
    objectType: "channel",
    objectId: input.channelId,
    objectLabel: state.name,
    action: "activated",
    summary: `Activated channel "${state.name}"`,
  });
  return { redirectTo: `/channels/${input.channelId}?activated=1` };
});
export async function activateChannelAction(input: z.input<typeof channelOnly>) {
  return activateBody(input);
}

const pauseInput = z.object({ channelId, paused: z.boolean() });
const pauseBody = authedAction("channels.manage", pauseInput, async (input, session) => {
  const state = await setPaused(await getDb(), { workspaceId: session.workspaceId, ...input });
  await recordAuditFor(session, {
    objectType: "channel",
    objectId: input.channelId,
    objectLabel: state.name,
    action: input.paused ? "paused" : "resumed",
    summary: `${input.paused ? "Paused" : "Resumed"} channel "${state.name}"`,
  });
  return { status: state.status };
});
export async function setChannelPausedAction(
  input: z.input<typeof pauseInput>,
): Promise<ActionResult<{ status: string }>> {
  return pauseBody(input);
}
