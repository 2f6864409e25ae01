/**
 * Issue 18: a worker killed (SIGKILL) after the vendor's receiver got a request but before Conduit
 * recorded it does not make the vendor act twice: the next worker sends the request again with the
 * SAME webhook-id, so a receiver deduplicating on it (Standard Webhooks) processes it once, and the
 * request is recorded delivered once. Postgres only (a second process shares the database).
 */

import http from "node:http";
import type { AddressInfo } from "node:net";
import { eq } from "drizzle-orm";
import { afterAll, expect, it, vi } from "vitest";
import { fulfillmentRequests, vendorDeliveries } from "@/db/schema/vendors";
import { describePostgres } from "@/db/testing/describe-db";
import { saveRoutingRules } from "@/lib/vendors/routing-rules";
import { enqueueRun, isAlreadyRunning } from "../enqueue";
import { clientFor, runGetOrders, sandbox, seedGetOrdersChannel } from "../get-orders/test-helpers";
import { claimRun, workRun } from "../runner";
import { startTsxChild } from "../testing/child-process";
import type { OperationModule } from "../types";
import { seedVariants, seedVendor } from "./test-helpers";
import { createSubmitToVendorsModule } from ".";

vi.stubEnv("WEBHOOK_ALLOWED_HOSTS", "127.0.0.1");
afterAll(() => vi.unstubAllEnvs());

describePostgres("Submit to Vendors: a killed worker", (ctx) => {
  it("does not make the vendor act twice on a request sent just before the kill", async () => {
    // The vendor's receiver: processes each webhook-id once; on the first post it lets the test kill
    // the worker before answering.
    const posts: { id: string; body: string }[] = [];
    const processed = new Set<string>();
    let onFirst: (() => void) | null = null;
    const firstPost = new Promise<void>((resolve) => {
      onFirst = resolve;
    });
    const server = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on("data", (c: Buffer) => chunks.push(c));
      req.on("end", () => {
        const id = String(req.headers["webhook-id"]);
        posts.push({ id, body: Buffer.concat(chunks).toString("utf8") });
        processed.add(id);
        if (posts.length === 1) {
          onFirst?.();
          setTimeout(() => res.destroy(), 5_000); // never answered: the worker is dead by then
        } else res.writeHead(200).end("ok");
      });
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks`;
    try {
      const sc = await sandbox(0);
      sc.state.addOrder({ Items: [{ ProductID: "ACME-1", Qty: 2 }] });
      const scope = await seedGetOrdersChannel(ctx.db);
      const acme = await seedVendor(ctx.db, scope.workspaceId, {
        name: "Acme",
        code: "acme",
        deliveryMethod: "webhook",
        webhookUrl: url,
      });
      await seedVariants(ctx.db, scope.workspaceId, [{ sku: "ACME-1", vendorId: acme.vendor.id }]);
      await saveRoutingRules(ctx.db, scope.workspaceId, {
        channelId: scope.channelId,
        rules: [{ kind: "variant_vendor", values: [], vendorId: null }],
      });
      await runGetOrders(ctx.db, scope, clientFor(sc));

      const queued = await enqueueRun(ctx.db, { ...scope, operation: "submit_to_vendors", trigger: "manual" });
      if (isAlreadyRunning(queued)) throw new Error("a run is already active");
      const child = startTsxChild("lib/operations/submit-to-vendors/testing-worker.ts", {
        WORKER_DATABASE_URL: ctx.url,
        WORKER_RUN_ID: queued.id,
        WORKER_SC_URL: sc.url,
        WORKER_SC_USER: sc.credentials.username,
        WORKER_SC_PASSWORD: sc.credentials.password,
        WORKER_LEASE_MS: "1500",
      });
      await child.waitFor(/claimed/);
      await firstPost;
      child.process.kill("SIGKILL");
      await child.exited;

      // Nothing was recorded: the request is still pending, no delivery logged.
      const [before] = await ctx.db
        .select()
        .from(fulfillmentRequests)
        .where(eq(fulfillmentRequests.workspaceId, scope.workspaceId));
      expect(before!.state).toBe("pending");

      // Another worker takes the run once the dead one's lease ends, and finishes it.
      await new Promise((r) => setTimeout(r, 2_000));
      const deps = {
        db: ctx.db,
        createSellerCloudClient: async () => clientFor(sc),
        getModule: () => createSubmitToVendorsModule() as OperationModule<unknown>,
        options: { heartbeatMs: 0, retryDelayMs: 5 },
      };
      const claimed = await claimRun(deps, { runId: queued.id });
      expect(claimed).not.toBeNull();
      expect(await workRun(deps, claimed!)).toEqual({ kind: "finished", status: "succeeded" });

      expect(posts).toHaveLength(2);
      expect(posts[1]!.id).toBe(posts[0]!.id);
      expect(posts[1]!.body).not.toBe(""); // the same request, re-signed at the new attempt
      expect(processed.size).toBe(1);
      const [after] = await ctx.db
        .select()
        .from(fulfillmentRequests)
        .where(eq(fulfillmentRequests.workspaceId, scope.workspaceId));
      expect(after!.state).toBe("delivered");
      expect(after!.messageId).toBe(posts[0]!.id);
      const log = await ctx.db
        .select()
        .from(vendorDeliveries)
        .where(eq(vendorDeliveries.workspaceId, scope.workspaceId));
      expect(log.map((l) => l.ok)).toEqual([true]);
    } finally {
      await new Promise<void>((r) => server.close(() => r()));
    }
  }, 120_000);
});
