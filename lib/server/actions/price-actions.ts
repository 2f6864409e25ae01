"use server";

/**
 * Sync Prices & Quantities' actions: the channel's settings (warehouse, rails; admins), the
 * review decisions (Send / Skip held values, one by one or all; operators and up: Send queues a
 * run that sends them), reading SellerCloud's current values for the rows on screen, and listing
 * the warehouses. Thin: authorise, validate, call lib/operations/sync-prices.
 */

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { getDb } from "@/db/index";
import { diffForAudit } from "@/lib/audit/diff";
import { createSellerCloudClient } from "@/lib/channels/client-factory";
import { getChannelForWorkspace } from "@/lib/channels/channels";
import { readPriceSyncSettings } from "@/lib/channels/price-sync-settings";
import { AppError } from "@/lib/errors";
import { enqueueRun, isAlreadyRunning } from "@/lib/operations/enqueue";
import { decideHeld, readCurrentValues, REVIEW_PAGE_SIZE } from "@/lib/operations/sync-prices/review";
import { savePriceSyncSettings } from "@/lib/operations/sync-prices/settings";
import { isSellerCloudError } from "@/lib/sellercloud/errors";
import { listWarehouses } from "@/lib/sellercloud/prices";
import { recordAuditFor } from "../audit";
import { authedAction } from "../handle";
import { workRunsSoon } from "../runtime";

const channelId = z.string().uuid();

function upstream(what: string, error: unknown): never {
  if (isSellerCloudError(error)) throw new AppError("UPSTREAM", `Could not ${what} from SellerCloud. ${error.message}`);
  throw error;
}

async function channelClient(workspaceId: string, id: string) {
  const db = await getDb();
  const channel = await getChannelForWorkspace(db, workspaceId, id);
  return { db, channel, client: await createSellerCloudClient(db, { workspaceId, channelId: id }) };
}

export const listWarehousesAction = authedAction("channels.manage", z.object({ channelId }), async (input, session) => {
  const { client } = await channelClient(session.workspaceId, input.channelId);
  try {
    return await listWarehouses(client);
  } catch (error) {
    return upstream("load the warehouses", error);
  }
});

const settingsInput = z.object({ channelId, settings: z.record(z.string(), z.unknown()) });

export const savePriceSyncSettingsAction = authedAction("channels.manage", settingsInput, async (input, session) => {
  const { db, channel, client } = await channelClient(session.workspaceId, input.channelId);
  const before = readPriceSyncSettings(channel.settings.priceSync);
  const saved = await savePriceSyncSettings(
    db,
    { workspaceId: session.workspaceId, channelId: input.channelId },
    input.settings,
    () => listWarehouses(client).catch((error) => upstream("check the warehouse", error)),
    new Date(),
  );
  await recordAuditFor(session, {
    objectType: "channel",
    objectId: input.channelId,
    objectLabel: channel.name,
    action: "updated",
    summary: "Sync Prices & Quantities settings saved",
    changes: diffForAudit(
      { "Prices & quantities": before as unknown as Record<string, unknown> },
      { "Prices & quantities": saved as unknown as Record<string, unknown> },
      { ignore: ["warehouseName"] },
    ),
  });
  revalidatePath(`/channels/${input.channelId}/prices`);
  return saved;
});

const decisionInput = z.object({
  channelId,
  variantIds: z.union([z.literal("all"), z.array(z.string().uuid()).min(1, "Choose at least one variant").max(10_000)]),
  decision: z.enum(["send", "skip"]),
});

export type PriceDecisionResult = { changed: number; runId: string | null; message: string };

export const decidePriceReviewAction = authedAction(
  "runs.start",
  decisionInput,
  async (input, session): Promise<PriceDecisionResult> => {
    const db = await getDb();
    const scope = { workspaceId: session.workspaceId, channelId: input.channelId };
    const channel = await getChannelForWorkspace(db, session.workspaceId, input.channelId);
    const changed = await decideHeld(db, scope, input, new Date());
    if (changed > 0)
      await recordAuditFor(session, {
        objectType: "channel",
        objectId: input.channelId,
        objectLabel: channel.name,
        action: input.decision === "send" ? "approved" : "skipped",
        summary: `${input.decision === "send" ? "Approved" : "Skipped"} ${changed} held price/quantity value(s) in Sync Prices & Quantities' review`,
      });
    revalidatePath(`/channels/${input.channelId}/prices`);
    if (input.decision === "skip" || changed === 0)
      return {
        changed,
        runId: null,
        message: input.decision === "skip" ? `Skipped ${changed} variant(s).` : "Nothing was waiting for review.",
      };
    const run = await enqueueRun(db, { ...scope, operation: "sync_prices", trigger: "manual" });
    if (isAlreadyRunning(run))
      return {
        changed,
        runId: run.alreadyRunning.id,
        message: `Approved ${changed} variant(s); a run is under way, so the next run sends them.`,
      };
    workRunsSoon(session.workspaceId);
    return { changed, runId: run.id, message: `Approved ${changed} variant(s); sending them now.` };
  },
);

const readInput = z.object({ channelId, variantIds: z.array(z.string().uuid()).min(1).max(REVIEW_PAGE_SIZE) });

export const readPriceCurrentValuesAction = authedAction("runs.start", readInput, async (input, session) => {
  const { db, channel, client } = await channelClient(session.workspaceId, input.channelId);
  const { warehouseId } = readPriceSyncSettings(channel.settings.priceSync);
  try {
    const read = await readCurrentValues(
      db,
      { workspaceId: session.workspaceId, channelId: input.channelId },
      client,
      input.variantIds,
      warehouseId,
      new Date(),
    );
    revalidatePath(`/channels/${input.channelId}/prices`);
    return { read };
  } catch (error) {
    return upstream("read the current values", error);
  }
});
