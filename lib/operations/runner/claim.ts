/**
 * Claiming a run: a queued run, or a running one whose lease expired (its worker died or
 * stalled), taken with a fresh lock token and lease. The token fences every later write.
 */

import { randomUUID } from "node:crypto";
import { and, asc, eq, isNull, lte, or, type SQL, sql } from "drizzle-orm";
import { type Run, runs } from "@/db/schema/runs";
import { type RunnerDeps, resolveRunner } from "./options";

export interface ClaimedRun {
  run: Run;
  token: string;
}

/**
 * Takes one run to work, oldest queued first, optionally only `runId` or only the workspace's.
 * SKIP LOCKED lets any number of workers claim at once without waiting on each other. Null when
 * nothing is claimable.
 */
export async function claimRun(
  deps: RunnerDeps,
  filter: { runId?: string; workspaceId?: string } = {},
): Promise<ClaimedRun | null> {
  const { db, now, leaseMs } = resolveRunner(deps);
  const at = now();
  const claimable = or(
    eq(runs.status, "queued"),
    and(eq(runs.status, "running"), or(isNull(runs.leaseUntil), lte(runs.leaseUntil, at))),
  );
  const conditions: SQL[] = [claimable as SQL];
  if (filter.runId) conditions.push(eq(runs.id, filter.runId));
  if (filter.workspaceId) conditions.push(eq(runs.workspaceId, filter.workspaceId));
  return db.transaction(async (tx) => {
    const [candidate] = await tx
      .select({ id: runs.id })
      .from(runs)
      .where(and(...conditions))
      .orderBy(asc(runs.queuedAt))
      .limit(1)
      .for("update", { skipLocked: true });
    if (!candidate) return null;
    const token = randomUUID();
    const [run] = await tx
      .update(runs)
      .set({
        status: "running",
        lockToken: token,
        leaseUntil: new Date(at.getTime() + leaseMs),
        attempts: sql`${runs.attempts} + 1`,
        startedAt: sql`coalesce(${runs.startedAt}, ${at.toISOString()}::timestamptz)`,
        heartbeatAt: at,
      })
      .where(eq(runs.id, candidate.id))
      .returning();
    return run ? { run, token } : null;
  });
}
