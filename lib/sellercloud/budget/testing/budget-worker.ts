/**
 * A runner in its own process for the shared-budget test (../three-processes.test.ts): it works
 * every claimable run of the database with the app's operation modules and the real client
 * factory, whose shared budget uses a simulated clock (BUDGET_SPEED simulated ms per real ms from
 * BUDGET_EPOCH, the same in every process) so a budget of BUDGET_CALLS per simulated hour binds
 * within seconds. Exits once no run is queued or running. Run: node --import tsx <this file>.
 */
import { inArray } from "drizzle-orm";
import { openPostgres } from "@/db/client";
import { runs } from "@/db/schema/runs";
import { createSellerCloudClient } from "@/lib/channels/client-factory";
import { parseCredentialKeys } from "@/lib/env";
import { getAppOperationModule } from "@/lib/operations/app-runtime";
import { type RunnerDeps, workClaimedRuns } from "@/lib/operations/runner";
import { sleepOrThrow } from "@/lib/util/sleep-or-throw";
import { abortedError } from "../../errors";

const url = process.env.WORKER_DATABASE_URL;
if (!url) throw new Error("WORKER_DATABASE_URL is required");
const epoch = Number(process.env.BUDGET_EPOCH);
const speed = Number(process.env.BUDGET_SPEED);
const callsPerHour = Number(process.env.BUDGET_CALLS);
const keys = parseCredentialKeys(process.env.CREDENTIALS_KEYS ?? "");

const simNow = () => epoch + (Date.now() - epoch) * speed;
const handle = openPostgres(url, { max: 4 });
let waits = 0;
const deps: RunnerDeps = {
  db: handle.db,
  createSellerCloudClient: (db, scope) =>
    createSellerCloudClient(
      db,
      {
        ...scope,
        onBudgetWait: (until) => {
          waits++;
          scope.onBudgetWait?.(until);
        },
      },
      {
        keys,
        budget: {
          callsPerHour,
          now: simNow,
          sleep: (ms, signal) => sleepOrThrow(Math.max(1, ms / speed), signal, abortedError),
          holdMs: 60_000,
          batch: 5,
        },
      },
    ),
  getModule: getAppOperationModule,
  options: { leaseMs: 10_000, heartbeatMs: 1_000 },
};

let worked = 0;
for (;;) {
  const done = await workClaimedRuns(deps);
  worked += done.length;
  for (const run of done)
    if (run.outcome.kind !== "finished") console.log(`run ${run.runId} ${JSON.stringify(run.outcome)}`);
  if (done.length > 0) continue;
  const open = await handle.db
    .select({ id: runs.id })
    .from(runs)
    .where(inArray(runs.status, ["queued", "running"]))
    .limit(1);
  if (open.length === 0) break;
  await new Promise((resolve) => setTimeout(resolve, 100));
}
console.log(`worker done: ${worked} runs, ${waits} budget waits`);
await handle.close();
