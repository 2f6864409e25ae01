/**
 * Queueing runs: enqueueRun (exactly one active run per channel operation), finding the active run,
 * cancelling, retrying failed items.
 */
import { and, asc, eq, inArray, isNotNull, isNull } from "drizzle-orm";
import type { Db } from "@/db/client";
import { channels } from "@/db/schema/channels";
import { type Run, runEvents, runs } from "@/db/schema/runs";
import type { Operation } from "@/lib/channels/settings";
import { AppError, notFound } from "@/lib/errors";
import type { RunTrigger } from "./types";

export interface EnqueueRunInput {
  workspaceId: string;
  channelId: string;
  operation: Operation;
  trigger: RunTrigger;
  dryRun?: boolean;
  input?: Record<string, unknown>;
}

export type EnqueueResult = Run | { alreadyRunning: Run };

export function isAlreadyRunning(result: EnqueueResult): result is { alreadyRunning: Run } {
  return "alreadyRunning" in result;
}

const ACTIVE = ["queued", "running"] as const;

/**
 * Creates a queued run, or reports the run already under way. The unique partial index on active
 * runs decides, so ten ticks and a "Run now" racing each other still make exactly one run.
 */
export async function enqueueRun(db: Db, input: EnqueueRunInput): Promise<EnqueueResult> {
  const [channel] = await db
    .select({ id: channels.id })
    .from(channels)
    .where(
      and(eq(channels.id, input.channelId), eq(channels.workspaceId, input.workspaceId), isNull(channels.deletedAt)),
    );
  if (!channel) throw notFound("That channel");

  // The active run we collide with may finish between our insert and our read; then try again.
  for (let attempt = 0; attempt < 5; attempt++) {
    const [created] = await db
      .insert(runs)
      .values({
        workspaceId: input.workspaceId,
        channelId: input.channelId,
        operation: input.operation,
        trigger: input.trigger,
        dryRun: input.dryRun ?? false,
        input: input.input ?? {},
      })
      .onConflictDoNothing()
      .returning();
    if (created) return created;
    const active = await findActiveRun(db, input);
    if (active) return { alreadyRunning: active };
  }
  throw new AppError("CONFLICT", "Another run keeps starting and finishing; try again in a moment.");
}

export async function findActiveRun(
  db: Db,
  scope: { workspaceId: string; channelId: string; operation: Operation },
): Promise<Run | undefined> {
  const [active] = await db
    .select()
    .from(runs)
    .where(
      and(
        eq(runs.workspaceId, scope.workspaceId),
        eq(runs.channelId, scope.channelId),
        eq(runs.operation, scope.operation),
        inArray(runs.status, [...ACTIVE]),
      ),
    );
  return active;
}

/**
 * Cancels a queued run at once; asks a running one to stop at its next page boundary (the
 * worker sees cancel_requested and finishes the run as canceled).
 */
export async function requestCancel(db: Db, scope: { workspaceId: string; runId: string }): Promise<Run> {
  const mine = and(eq(runs.id, scope.runId), eq(runs.workspaceId, scope.workspaceId));
  const [canceled] = await db
    .update(runs)
    .set({ status: "canceled", finishedAt: new Date(), cancelRequested: true })
    .where(and(mine, eq(runs.status, "queued")))
    .returning();
  if (canceled) return canceled;
  const [flagged] = await db
    .update(runs)
    .set({ cancelRequested: true })
    .where(and(mine, eq(runs.status, "running")))
    .returning();
  if (flagged) return flagged;
  const [existing] = await db.select({ id: runs.id }).from(runs).where(mine);
  if (!existing) throw notFound("That run");
  throw new AppError("CONFLICT", "That run has already finished.");
}

/**
 * Enqueues a "retry" run for the items that failed in a run. Failed items are its error-level
 * events that name an entity; the operation reads input.items / input.entityIds and redoes those.
 */
export async function retryFailedItems(db: Db, scope: { workspaceId: string; runId: string }): Promise<EnqueueResult> {
  const [run] = await db
    .select()
    .from(runs)
    .where(and(eq(runs.id, scope.runId), eq(runs.workspaceId, scope.workspaceId)));
  if (!run) throw notFound("That run");
  const failed = await db
    .selectDistinct({ entity: runEvents.entity, entityId: runEvents.entityId })
    .from(runEvents)
    .where(
      and(
        eq(runEvents.runId, run.id),
        eq(runEvents.workspaceId, scope.workspaceId),
        eq(runEvents.level, "error"),
        isNotNull(runEvents.entityId),
      ),
    )
    .orderBy(asc(runEvents.entity), asc(runEvents.entityId));
  if (failed.length === 0) throw new AppError("BAD_REQUEST", "That run has no failed items to retry.");
  const items = failed.map((f) => ({ entity: f.entity, entityId: f.entityId as string }));
  return enqueueRun(db, {
    workspaceId: run.workspaceId,
    channelId: run.channelId,
    operation: run.operation,
    trigger: "retry",
    dryRun: run.dryRun,
    input: { retryOf: run.id, items, entityIds: items.map((i) => i.entityId) },
  });
}
