import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { guardedFetch } from "@/lib/sellercloud/guarded-fetch";
import { checkWebhookUrl, webhookAddressCheck, webhookHostPolicyFrom } from "./address-policy";
import { webhookRetryDelayMs } from "./backoff";
import { sendSignedWebhook } from "./send";
import { generateWebhookSecret, isWebhookSecret } from "./sign";
import { startTestReceiver, type TestReceiver } from "./testing/receiver";

const strict = webhookHostPolicyFrom(undefined);

describe("webhook address policy", () => {
  it.each([
    ["https://hooks.example.com/conduit", null],
    ["http://hooks.example.com/conduit", "Use an https:// address"],
    ["https://user:pw@hooks.example.com/", "Leave the user name and password out of the address"],
    ["ftp://hooks.example.com/", "Use an https:// address"],
    ["hooks.example.com", "Enter a full address, like https://example.com/hooks/conduit"],
  ])("checks %s", (url, message) => {
    expect(checkWebhookUrl(url, strict)).toBe(message);
  });

  it("refuses this server's own names unless an administrator lists them", () => {
    expect(checkWebhookUrl("https://localhost/x", strict)).toMatch(/WEBHOOK_ALLOWED_HOSTS/);
    expect(checkWebhookUrl("http://localhost:8080/x", webhookHostPolicyFrom("localhost"))).toBeNull();
    expect(checkWebhookUrl("http://10.0.0.5/x", webhookHostPolicyFrom("*"))).toBeNull();
  });

  it("refuses a literal private, loopback or link-local IP when saved, in the send-time words", () => {
    const sendTime = webhookAddressCheck(strict)("10.1.2.3", "10.1.2.3");
    expect(checkWebhookUrl("https://10.1.2.3/hook", strict)).toBe(sendTime);
    expect(sendTime).toMatch(/^10\.1\.2\.3 is a private address; webhooks go only to public addresses/);
    expect(checkWebhookUrl("https://127.0.0.1/x", strict)).toMatch(/loopback address/);
    expect(checkWebhookUrl("https://[::1]/x", strict)).toMatch(/loopback address/);
    expect(checkWebhookUrl("https://169.254.169.254/x", strict)).toMatch(/cloud metadata address/);
    expect(checkWebhookUrl("https://[fe80::1]/x", strict)).toMatch(/linkLocal address/);
    expect(checkWebhookUrl("https://93.184.216.34/x", strict)).toBeNull();
    expect(checkWebhookUrl("https://10.1.2.3/hook", webhookHostPolicyFrom("10.1.2.3"))).toBeNull();
  });

  it("allows only public addresses at connect time, except listed hosts", () => {
    const check = webhookAddressCheck(strict);
    expect(check("hooks.example.com", "93.184.216.34")).toBeNull();
    expect(check("hooks.example.com", "127.0.0.1")).toMatch(/resolves to 127.0.0.1, a loopback address/);
    expect(check("169.254.169.254", "169.254.169.254")).toMatch(/cloud metadata address/);
    expect(check("hooks.example.com", "10.1.2.3")).toMatch(/private address/);
    expect(check("hooks.example.com", "::ffff:192.168.0.1")).toMatch(/private address/);
    expect(webhookAddressCheck(webhookHostPolicyFrom("hooks.internal"))("hooks.internal", "10.1.2.3")).toBeNull();
  });
});

describe("webhook secrets and backoff", () => {
  it("generates whsec_ secrets of 32 random bytes", () => {
    const a = generateWebhookSecret();
    expect(isWebhookSecret(a)).toBe(true);
    expect(a).not.toBe(generateWebhookSecret());
    expect(isWebhookSecret("whsec_c2hvcnQ=")).toBe(false);
  });

  it("doubles the wait from 30 s up to 2 h, with jitter between half and all of it", () => {
    expect([1, 2, 3, 9, 20].map((n) => webhookRetryDelayMs(n, () => 0))).toEqual([
      15_000, 30_000, 60_000, 3_600_000, 3_600_000,
    ]);
    expect(webhookRetryDelayMs(1, () => 0.999999)).toBe(30_000);
  });
});

describe("sendSignedWebhook", () => {
  let receiver: TestReceiver;
  let redirector: http.Server;
  beforeAll(async () => {
    vi.stubEnv("WEBHOOK_ALLOWED_HOSTS", "127.0.0.1");
    receiver = await startTestReceiver();
    redirector = http.createServer((_req, res) => {
      res.writeHead(302, { location: `${receiver.url}?moved` });
      res.end();
    });
    await new Promise<void>((resolve) => redirector.listen(0, "127.0.0.1", resolve));
  });
  afterAll(async () => {
    vi.unstubAllEnvs();
    await receiver.close();
    redirector.close();
  });

  const secret = generateWebhookSecret();

  it("does not follow a redirect and says where it pointed", async () => {
    const { port } = redirector.address() as AddressInfo;
    const result = await sendSignedWebhook({
      url: `http://127.0.0.1:${port}/hook`,
      secret,
      messageId: "msg_1",
      body: "{}",
    });
    expect(result).toMatchObject({ ok: false, statusCode: 302 });
    expect(result.error).toMatch(/redirect to 127\.0\.0\.1:\d+; redirects are not followed/);
    expect(receiver.received).toHaveLength(0);
  });

  it("refuses a host that resolves to a private address, checked on the connected address", async () => {
    // A public-looking name whose DNS answer is loopback (DNS rebinding): refused inside the lookup.
    const resolver = ((_host: string, options: unknown, callback: (...args: unknown[]) => void) => {
      const all = (options as { all?: boolean })?.all;
      callback(null, all ? [{ address: "127.0.0.1", family: 4 }] : "127.0.0.1", 4);
    }) as never;
    const result = await sendSignedWebhook({
      url: "https://hooks.example.com/conduit",
      secret,
      messageId: "msg_2",
      body: "{}",
      fetch: guardedFetch(webhookAddressCheck(strict), resolver),
    });
    expect(result).toMatchObject({ ok: false, statusCode: null });
    expect(result.error).toMatch(/hooks\.example\.com resolves to 127\.0\.0\.1, a loopback address/);
  });

  it("leaves no timer armed once the receiver has answered", async () => {
    let seen: AbortSignal | undefined;
    const result = await sendSignedWebhook({
      url: "https://hooks.example.com/conduit",
      secret,
      messageId: "msg_t",
      body: "{}",
      timeoutMs: 20,
      fetch: (async (_url: unknown, init?: RequestInit) => {
        seen = init!.signal!;
        return new Response("ok", { status: 200 });
      }) as typeof fetch,
    });
    expect(result.ok).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 60));
    // AbortSignal.timeout aborted the delivered request's signal timeoutMs later.
    expect(seen!.aborted).toBe(false);
  });

  it("gives up on a receiver that does not answer in time", async () => {
    const silent = http.createServer(() => undefined);
    await new Promise<void>((resolve) => silent.listen(0, "127.0.0.1", resolve));
    const { port } = silent.address() as AddressInfo;
    const result = await sendSignedWebhook({
      url: `http://127.0.0.1:${port}/`,
      secret,
      messageId: "msg_3",
      body: "{}",
      timeoutMs: 300,
    });
    silent.closeAllConnections();
    silent.close();
    expect(result).toMatchObject({ ok: false, statusCode: null, error: "No answer within 0.3 seconds." });
  });
});
