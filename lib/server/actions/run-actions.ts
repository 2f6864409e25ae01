"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { getDb } from "@/db/index";
import { OPERATION_LABELS, OPERATIONS } from "@/lib/channels/settings";
import { enqueueRun, isAlreadyRunning, requestCancel, retryFailedItems } from "@/lib/operations/enqueue";
import { authedAction } from "../handle";
import { workRunsSoon } from "../runtime";

const runNowSchema = z.object({
  channelId: z.string().uuid(),
  operation: z.enum(OPERATIONS),
  dryRun: z.boolean().default(false),
});

export type RunRequestResult = { runId: string; alreadyRunning: boolean; message: string };

export const runNowAction = authedAction(runNowSchema, async (input, session): Promise<RunRequestResult> => {
  const db = await getDb();
  const result = await enqueueRun(db, { workspaceId: session.workspaceId, ...input, trigger: "manual" });
  const label = OPERATION_LABELS[input.operation];
  if (isAlreadyRunning(result)) {
    return { runId: result.alreadyRunning.id, alreadyRunning: true, message: `${label} is already under way; showing that run.` };
  }
  workRunsSoon(session.workspaceId);
  revalidatePath("/runs");
  return { runId: result.id, alreadyRunning: false, message: `${label} started${input.dryRun ? " (dry run)" : ""}.` };
});

const runIdSchema = z.object({ runId: z.string().uuid() });

export const cancelRunAction = authedAction(runIdSchema, async ({ runId }, session) => {
  const run = await requestCancel(await getDb(), { workspaceId: session.workspaceId, runId });
  return { status: run.status };
});

export const retryRunAction = authedAction(runIdSchema, async ({ runId }, session): Promise<RunRequestResult> => {
  const result = await retryFailedItems(await getDb(), { workspaceId: session.workspaceId, runId });
  if (isAlreadyRunning(result)) {
    return { runId: result.alreadyRunning.id, alreadyRunning: true, message: "A run of this operation is already under way." };
  }
  workRunsSoon(session.workspaceId);
  return { runId: result.id, alreadyRunning: false, message: "Retrying the failed items." };
});
