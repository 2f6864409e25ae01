"use server";

/** Server actions of runs: Run now (asking first on a paused channel), cancel a run, retry a run's failed items. */
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { getDb } from "@/db/index";
import { getChannelForWorkspace } from "@/lib/channels/channels";
import { OPERATION_LABELS, OPERATIONS } from "@/lib/channels/settings";
import { enqueueRun, isAlreadyRunning, requestCancel, retryFailedItems } from "@/lib/operations/enqueue";
import { recordAuditFor } from "../audit";
import { authedAction } from "../handle";
import { workRunsSoon } from "../runtime";

const runNowSchema = z.object({
  channelId: z.string().uuid(),
  operation: z.enum(OPERATIONS),
  dryRun: z.boolean().default(false),
  /** The user was told the channel is paused and still asked for this run. */
  confirmPaused: z.boolean().default(false),
  /** Link Listings: a full re-check (reads SellerCloud whole, finds deleted products) instead of an incremental run. */
  full: z.boolean().optional(),
});

export type RunRequestResult = { runId: string; alreadyRunning: boolean; message: string };

/** Run now on a paused channel asks first: nothing is queued until the user confirms (issue 14 §16). */
export type RunNowResult = RunRequestResult | { confirmPaused: true; message: string };

export const runNowAction = authedAction("runs.start", runNowSchema, async (input, session): Promise<RunNowResult> => {
  const db = await getDb();
  const { confirmPaused, full, ...run } = input;
  const channel = await getChannelForWorkspace(db, session.workspaceId, input.channelId);
  if (channel.status === "paused" && !confirmPaused)
    return {
      confirmPaused: true,
      message: `${channel.name} is paused: its schedules do not run until you resume it. Run ${OPERATION_LABELS[input.operation]} once anyway?`,
    };
  const result = await enqueueRun(db, {
    workspaceId: session.workspaceId,
    ...run,
    trigger: "manual",
    input: full && input.operation === "link_listings" ? { full: true } : undefined,
  });
  const label = OPERATION_LABELS[input.operation];
  if (isAlreadyRunning(result)) {
    return {
      runId: result.alreadyRunning.id,
      alreadyRunning: true,
      message: `${label} is already under way; showing that run.`,
    };
  }
  await recordAuditFor(session, {
    objectType: "run",
    objectId: result.id,
    objectLabel: `${label} · ${channel.name}`,
    action: "started",
    summary: `Started ${label} on "${channel.name}"${full ? " (full re-check)" : ""}${input.dryRun ? " (dry run)" : ""}`,
  });
  workRunsSoon(session.workspaceId);
  revalidatePath("/runs");
  return {
    runId: result.id,
    alreadyRunning: false,
    message: `${label} started${full ? " (full re-check)" : ""}${input.dryRun ? " (dry run)" : ""}.`,
  };
});

const runIdSchema = z.object({ runId: z.string().uuid() });

export const cancelRunAction = authedAction("runs.start", runIdSchema, async ({ runId }, session) => {
  const run = await requestCancel(await getDb(), { workspaceId: session.workspaceId, runId });
  await recordAuditFor(session, {
    objectType: "run",
    objectId: runId,
    action: "canceled",
    summary: "Asked to cancel the run",
  });
  return { status: run.status };
});

export const retryRunAction = authedAction(
  "runs.start",
  runIdSchema,
  async ({ runId }, session): Promise<RunRequestResult> => {
    const result = await retryFailedItems(await getDb(), { workspaceId: session.workspaceId, runId });
    if (isAlreadyRunning(result)) {
      return {
        runId: result.alreadyRunning.id,
        alreadyRunning: true,
        message: "A run of this operation is already under way.",
      };
    }
    await recordAuditFor(session, {
      objectType: "run",
      objectId: result.id,
      action: "started",
      summary: `Started a retry of the failed items of run ${runId}`,
    });
    workRunsSoon(session.workspaceId);
    return { runId: result.id, alreadyRunning: false, message: "Retrying the failed items." };
  },
);
