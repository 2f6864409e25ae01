import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { type RunningSandbox, startSandbox } from "@/lib/sellercloud/sandbox/server";
import { addressCheckFor } from "./api-host-policy";
import { testConnection } from "./connections";

let sandbox: RunningSandbox;
let html: http.Server;
let silent: http.Server;
const urlOf = (server: http.Server) => `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

beforeAll(async () => {
  // testConnection checks addresses against the deployment's policy: the local sandbox setup allows loopback.
  vi.stubEnv("SANDBOX_ENABLED", "true");
  vi.stubEnv("SELLERCLOUD_ALLOWED_HOSTS", undefined);
  sandbox = await startSandbox({ products: 20, orders: 10 });
  html = http.createServer((_req, res) => {
    res.writeHead(200, { "Content-Type": "text/html" });
    res.end("<!doctype html><html><body>Welcome to our shop</body></html>");
  });
  // Accepts the connection and never answers.
  silent = http.createServer(() => undefined);
  await Promise.all([html, silent].map((s) => new Promise<void>((resolve) => s.listen(0, "127.0.0.1", resolve))));
});

afterAll(async () => {
  vi.unstubAllEnvs();
  await sandbox.close();
  html.close();
  silent.closeAllConnections();
  silent.close();
});

describe("testConnection", () => {
  it("says who it connected as and which companies are visible", async () => {
    const outcome = await testConnection({
      baseUrl: sandbox.url,
      username: sandbox.credentials.username,
      password: "sandbox",
      apiToken: undefined,
    });
    expect(outcome.ok).toBe(true);
    if (!outcome.ok) return;
    expect(outcome.message).toMatch(
      /^Connected to 127\.0\.0\.1:\d+ as sandbox@conduit\.local\. \d+ compan(y|ies) visible/,
    );
    expect(outcome.companies.length).toBeGreaterThan(0);
  });

  it("reports wrong credentials without echoing the password", async () => {
    const outcome = await testConnection({
      baseUrl: sandbox.url,
      username: "sandbox@conduit.local",
      password: "wrong-pass-123",
      apiToken: undefined,
    });
    expect(outcome).toMatchObject({ ok: false, kind: "wrong_credentials" });
    expect(outcome.message).not.toContain("wrong-pass-123");
  });

  it("falls back to the password when a saved API token is refused", async () => {
    const outcome = await testConnection({
      baseUrl: sandbox.url,
      username: "sandbox@conduit.local",
      password: "sandbox",
      apiToken: "stale-token",
    });
    expect(outcome.ok).toBe(true);
  });

  it("refuses an address the deployment's policy forbids before sending the login", async () => {
    const before = sandbox.requests.count({ path: "/api/token" });
    const outcome = await testConnection(
      { baseUrl: sandbox.url, username: "sandbox@conduit.local", password: "sandbox", apiToken: undefined },
      { addressCheck: addressCheckFor({ kind: "suffixes", suffixes: ["127.0.0.1"], sandbox: false }) },
    );
    expect(outcome).toMatchObject({ ok: false, kind: "invalid" });
    expect(outcome.message).toMatch(/127\.0\.0\.1 is a loopback address/);
    expect(sandbox.requests.count({ path: "/api/token" })).toBe(before);
  });

  it("reports a server that is not a SellerCloud API", async () => {
    const outcome = await testConnection({
      baseUrl: `${urlOf(html)}/rest`,
      username: "a",
      password: "b",
      apiToken: undefined,
    });
    expect(outcome).toMatchObject({ ok: false, kind: "not_sellercloud" });
  });

  it("reports an unknown server", async () => {
    const outcome = await testConnection({
      baseUrl: "https://no-such-server.invalid/rest",
      username: "a",
      password: "b",
      apiToken: undefined,
    });
    expect(outcome).toMatchObject({ ok: false, kind: "unknown_server" });
  });

  it("reports a timeout", async () => {
    const outcome = await testConnection(
      { baseUrl: `${urlOf(silent)}/rest`, username: "a", password: "b", apiToken: undefined },
      { timeoutMs: 300 },
    );
    expect(outcome).toMatchObject({ ok: false, kind: "timeout" });
  });
});
