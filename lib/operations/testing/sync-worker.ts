/**
 * A Sync Orders worker in its own process, for the crash test: it claims one run and works it,
 * but its SellerCloud client stops dead right after SellerCloud confirms a tracking update
 * (printing "applied"), so the test can SIGKILL it between SellerCloud's success and the local
 * write. Run: node --import tsx lib/operations/testing/sync-worker.ts (env below).
 */
import { openPostgres } from "@/db/client";
import { SellerCloudClient } from "@/lib/sellercloud/client";
import type { ShippingStatusInput } from "@/lib/sellercloud/client-bodies";
import { TokenCache, unlimited } from "@/lib/sellercloud/http";
import { claimRun, workRun } from "../runner";
import { syncOrdersModule } from "../sync-orders";

const url = process.env.WORKER_DATABASE_URL;
const runId = process.env.WORKER_RUN_ID;
const baseUrl = process.env.WORKER_SANDBOX_URL;
if (!url || !runId || !baseUrl)
  throw new Error("WORKER_DATABASE_URL, WORKER_RUN_ID and WORKER_SANDBOX_URL are required");

class FreezingClient extends SellerCloudClient {
  override async updateShippingStatus(input: ShippingStatusInput, signal?: AbortSignal): Promise<void> {
    await super.updateShippingStatus(input, signal);
    console.log("applied");
    await new Promise(() => {}); // wait here for SIGKILL
  }
}

const handle = openPostgres(url, { max: 3 });
const deps = {
  db: handle.db,
  createSellerCloudClient: async () =>
    new FreezingClient({
      baseUrl,
      username: process.env.WORKER_SANDBOX_USER,
      password: process.env.WORKER_SANDBOX_PASSWORD,
      limiter: unlimited,
      tokenCache: new TokenCache(),
    }),
  getModule: () => syncOrdersModule as never,
  options: { leaseMs: Number(process.env.WORKER_LEASE_MS ?? 2000), heartbeatMs: 200 },
};

const claimed = await claimRun(deps, { runId });
if (!claimed) console.log("nothing to claim");
else {
  console.log("claimed");
  await workRun(deps, claimed);
}
await handle.close();
