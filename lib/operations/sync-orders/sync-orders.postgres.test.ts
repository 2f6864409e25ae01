import { type ChildProcess, spawn } from "node:child_process";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, expect, it } from "vitest";
import { runs } from "@/db/schema/runs";
import { shipments } from "@/db/schema/shipments";
import { describePostgres } from "@/db/testing/describe-db";
import { SellerCloudClient } from "@/lib/sellercloud/client";
import { TokenCache, unlimited } from "@/lib/sellercloud/http";
import { type RunningSandbox, startSandbox } from "@/lib/sellercloud/sandbox/server";
import { recordShipment } from "@/lib/shipments/record";
import {
  importSandboxOrders,
  SANDBOX_MAPPINGS,
  setChannelShippingSettings,
  unshippedSandboxOrderIds,
} from "@/lib/shipments/testing/seed";
import { enqueueRun, isAlreadyRunning } from "../enqueue";
import { claimRun, type RunnerDeps, workRun } from "../runner";
import { syncOrdersModule } from ".";
import { seedChannel } from "../testing/fixtures";

const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

describePostgres("sync orders crash recovery", (ctx) => {
  let sandbox: RunningSandbox;
  beforeAll(async () => {
    sandbox = await startSandbox({ orders: 100, products: 200, seed: 3 });
  });
  afterAll(async () => {
    await sandbox?.close();
  });

  it("puts the tracking number on the order once after a worker is SIGKILLed between SellerCloud's success and the local write", {
    timeout: 60_000,
  }, async () => {
    const scope = await seedChannel(ctx.db);
    await setChannelShippingSettings(ctx.db, scope.channelId, { mappings: SANDBOX_MAPPINGS });
    const [order] = await importSandboxOrders(ctx.db, scope, sandbox.state, unshippedSandboxOrderIds(sandbox.state, 1));
    const shipment = await recordShipment(
      ctx.db,
      { workspaceId: scope.workspaceId, source: "api" },
      { id: order!.id, channelId: scope.channelId, sellercloudOrderId: order!.scId },
      { carrier: "ups", service: "ground", trackingNumbers: ["KILLED1"], items: [] },
    );
    const run = await enqueueRun(ctx.db, { ...scope, operation: "sync_orders", trigger: "manual" });
    if (isAlreadyRunning(run)) throw new Error("unexpected active run");

    const leaseMs = 1_500;
    const child: ChildProcess = spawn(process.execPath, ["--import", "tsx", "lib/operations/testing/sync-worker.ts"], {
      cwd: process.cwd(),
      env: {
        ...process.env,
        WORKER_DATABASE_URL: ctx.url,
        WORKER_RUN_ID: run.id,
        WORKER_SANDBOX_URL: sandbox.url,
        WORKER_SANDBOX_USER: sandbox.credentials.username,
        WORKER_SANDBOX_PASSWORD: sandbox.credentials.password,
        WORKER_LEASE_MS: String(leaseMs),
      },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    child.stderr?.on("data", (chunk) => {
      output += String(chunk);
    });
    const exited = new Promise<NodeJS.Signals | null>((done) => child.on("exit", (_code, signal) => done(signal)));
    await new Promise<void>((done, fail) => {
      const timer = setTimeout(() => fail(new Error(`the worker never applied the update: ${output}`)), 25_000);
      child.on("exit", () => fail(new Error(`the worker exited early: ${output}`)));
      child.stdout?.on("data", (chunk) => {
        output += String(chunk);
        if (output.includes("applied")) {
          clearTimeout(timer);
          done();
        }
      });
    });
    child.kill("SIGKILL");
    expect(await exited).toBe("SIGKILL");

    // SellerCloud has the number; Conduit only knows it was being sent.
    expect(sandbox.state.getOrder(order!.scId)!.dto.AllTrackingNumbers).toEqual(["KILLED1"]);
    const [afterKill] = await ctx.db.select().from(shipments).where(eq(shipments.id, shipment.id));
    expect(afterKill!.syncState).toBe("sending");

    // After the dead worker's lease runs out, another worker resumes the run.
    const deps: RunnerDeps = {
      db: ctx.db,
      createSellerCloudClient: async () =>
        new SellerCloudClient({
          baseUrl: sandbox.url,
          ...sandbox.credentials,
          limiter: unlimited,
          tokenCache: new TokenCache(),
        }),
      getModule: () => syncOrdersModule as never,
      options: { leaseMs: 10_000, heartbeatMs: 0 },
    };
    const since = sandbox.requests.lastSeq;
    let claimed = null;
    const giveUp = Date.now() + leaseMs + 5_000;
    while (!claimed && Date.now() < giveUp) {
      await sleep(100);
      claimed = await claimRun(deps, { runId: run.id });
    }
    expect(claimed?.run.attempts).toBe(2);
    expect(await workRun(deps, claimed!)).toEqual({ kind: "finished", status: "succeeded" });

    // No second write; the number is on the order exactly once; the shipment reads synced.
    const writes = sandbox.requests.list({ since, method: "PUT" });
    expect(writes).toHaveLength(0);
    expect(sandbox.state.getOrder(order!.scId)!.dto.AllTrackingNumbers).toEqual(["KILLED1"]);
    const [recovered] = await ctx.db.select().from(shipments).where(eq(shipments.id, shipment.id));
    expect(recovered).toMatchObject({ syncState: "synced", attempts: 0 });
    const [finished] = await ctx.db.select().from(runs).where(eq(runs.id, run.id));
    expect(finished!.status).toBe("succeeded");
  });
});
