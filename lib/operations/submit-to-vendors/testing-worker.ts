/**
 * A Submit to Vendors worker in its own process, for the kill test: it claims one run on Postgres
 * and works it against a sandbox, so the test can SIGKILL it while a webhook is in flight.
 * Run: node --import tsx lib/operations/submit-to-vendors/testing-worker.ts (env below).
 */
import { openPostgres } from "@/db/client";
import { SellerCloudClient } from "@/lib/sellercloud/client";
import { TokenCache, unlimited } from "@/lib/sellercloud/http";
import { claimRun, workRun } from "../runner";
import { createSubmitToVendorsModule } from ".";

const { WORKER_DATABASE_URL: url, WORKER_RUN_ID: runId, WORKER_SC_URL: scUrl } = process.env;
if (!url || !runId || !scUrl) throw new Error("WORKER_DATABASE_URL, WORKER_RUN_ID and WORKER_SC_URL are required");

const handle = openPostgres(url, { max: 3 });
const client = new SellerCloudClient({
  baseUrl: scUrl,
  username: process.env.WORKER_SC_USER ?? "",
  password: process.env.WORKER_SC_PASSWORD ?? "",
  limiter: unlimited,
  tokenCache: new TokenCache(),
});
const module = createSubmitToVendorsModule();
const deps = {
  db: handle.db,
  createSellerCloudClient: async () => client,
  getModule: () => module,
  options: { leaseMs: Number(process.env.WORKER_LEASE_MS ?? 1500), heartbeatMs: 200 },
};
const claimed = await claimRun(deps, { runId });
console.log(claimed ? "claimed" : "nothing to claim");
if (claimed) console.log(`outcome ${JSON.stringify(await workRun(deps, claimed))}`);
await handle.close();
