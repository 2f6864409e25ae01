import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { SellerCloudClient } from "./client";
import { isSellerCloudError, type SellerCloudError } from "./errors";
import { addressRange, guardedFetch, publicAddressOnly, type Resolver } from "./guarded-fetch";
import { TokenCache, unlimited } from "./http";

/**
 * Redirects and DNS answers cannot take a SellerCloud call (and its credentials) to an address the
 * host policy forbids (issue 12 item 2). Real HTTP on 127.0.0.1; DNS answers come from an injected
 * resolver.
 */

interface Seen {
  method: string;
  url: string;
  authorization?: string;
  body: string;
}

let trap: http.Server;
let redirector: http.Server;
const trapped: Seen[] = [];
const redirected: Seen[] = [];
const portOf = (server: http.Server) => (server.address() as AddressInfo).port;

function record(into: Seen[], req: http.IncomingMessage): Promise<void> {
  return new Promise((resolve) => {
    let body = "";
    req.on("data", (chunk) => {
      body += chunk;
    });
    req.on("end", () => {
      into.push({ method: req.method ?? "", url: req.url ?? "", authorization: req.headers.authorization, body });
      resolve();
    });
  });
}

beforeAll(async () => {
  // The forbidden address: it answers like SellerCloud, so a followed redirect would "work".
  trap = http.createServer(async (req, res) => {
    await record(trapped, req);
    res.writeHead(200, { "Content-Type": "application/json" });
    res.end(JSON.stringify({ access_token: "stolen", expires_in: 3600 }));
  });
  // The allowed host, turned hostile: every request is redirected to the trap, keeping method and body.
  redirector = http.createServer(async (req, res) => {
    await record(redirected, req);
    res.writeHead(307, { Location: `http://127.0.0.1:${portOf(trap)}${req.url}` });
    res.end();
  });
  await Promise.all([trap, redirector].map((s) => new Promise<void>((resolve) => s.listen(0, "127.0.0.1", resolve))));
});

afterAll(() => {
  for (const server of [trap, redirector]) {
    server.closeAllConnections();
    server.close();
  }
});

afterEach(() => {
  trapped.length = 0;
  redirected.length = 0;
});

async function failure(promise: Promise<unknown>): Promise<SellerCloudError> {
  try {
    await promise;
  } catch (error) {
    if (isSellerCloudError(error)) return error;
    throw error;
  }
  throw new Error("expected a SellerCloudError");
}

function client(baseUrl: string, extra: Partial<ConstructorParameters<typeof SellerCloudClient>[0]> = {}) {
  return new SellerCloudClient({
    baseUrl,
    username: "owner@example.com",
    password: "secret-password-1",
    limiter: unlimited,
    tokenCache: new TokenCache(),
    retry: { maxRetries: 0 },
    ...extra,
  });
}

describe("redirects", () => {
  it.each([
    ["the default fetch", {}],
    ["the guarded fetch", { addressCheck: () => null }],
  ])("a 307 to another address is never followed with the login (%s)", async (_name, extra) => {
    const sc = client(`http://127.0.0.1:${portOf(redirector)}/rest`, extra);
    const error = await failure(sc.listCompanies());
    expect(redirected).toHaveLength(1);
    expect(redirected[0]!.body).toContain("secret-password-1"); // the allowed host did get the login
    expect(trapped).toHaveLength(0); // the forbidden one got nothing
    expect(error.kind).toBe("redirect");
    expect(error.retryable).toBe(false);
    expect(error.message).toContain(`127.0.0.1:${portOf(trap)}`);
    expect(error.message).toMatch(/never follows redirects/);
    expect(JSON.stringify(error.toJSON())).not.toContain("secret-password-1");
  });

  it("a 307 on a data call does not carry the bearer token away", async () => {
    const sc = client(`http://127.0.0.1:${portOf(redirector)}/rest`, { apiToken: "pre-issued-token-1" });
    const error = await failure(sc.listCompanies());
    expect(redirected[0]!.authorization).toBe("Bearer pre-issued-token-1");
    expect(trapped).toHaveLength(0);
    expect(error.kind).toBe("redirect");
  });
});

describe("resolved addresses", () => {
  /** A resolver that answers every name with the given addresses (as dns.lookup does, all or one). */
  const answering =
    (...addresses: string[]): Resolver =>
    (_hostname, options, callback) => {
      const list = addresses.map((address) => ({ address, family: address.includes(":") ? 6 : 4 }));
      const cb = callback as (error: NodeJS.ErrnoException | null, address: unknown, family?: number) => void;
      if ((options as { all?: boolean }).all) cb(null, list);
      else cb(null, list[0]!.address, list[0]!.family);
    };

  it("refuses a host whose DNS answer is private, before any request is sent", async () => {
    const sc = client(`http://sc.example.test:${portOf(trap)}/rest`, {
      fetch: guardedFetch(publicAddressOnly, answering("10.0.0.5")),
    });
    const error = await failure(sc.listCompanies());
    expect(error.kind).toBe("blocked_address");
    expect(error.retryable).toBe(false);
    expect(error.message).toContain("sc.example.test resolves to 10.0.0.5, a private-network address");
    expect(trapped).toHaveLength(0);
  });

  it("refuses the whole answer when one of several addresses is loopback (rebinding)", async () => {
    const sc = client(`http://sc.example.test:${portOf(trap)}/rest`, {
      fetch: guardedFetch(publicAddressOnly, answering("93.184.216.34", "127.0.0.1")),
    });
    expect((await failure(sc.listCompanies())).kind).toBe("blocked_address");
    expect(trapped).toHaveLength(0);
  });

  it("connects to the address the checked lookup returned when it is allowed", async () => {
    const sc = client(`http://sc.example.test:${portOf(trap)}/rest`, {
      fetch: guardedFetch(() => null, answering("127.0.0.1")),
    });
    await sc.login();
    expect(trapped).toHaveLength(1);
    expect(trapped[0]!.url).toBe("/rest/api/token");
  });

  it("refuses an IP-literal host that the check forbids (no lookup happens for those)", async () => {
    const sc = client(`http://127.0.0.1:${portOf(trap)}/rest`, { addressCheck: publicAddressOnly });
    const error = await failure(sc.listCompanies());
    expect(error.kind).toBe("blocked_address");
    expect(error.message).toContain("127.0.0.1 is a loopback address");
    expect(trapped).toHaveLength(0);
  });

  it.each([
    ["127.0.0.1", "loopback"],
    ["::1", "loopback"],
    ["::ffff:127.0.0.1", "loopback"],
    ["10.1.2.3", "private"],
    ["172.16.0.1", "private"],
    ["192.168.1.1", "private"],
    ["fd00:ec2::254", "uniqueLocal"],
    ["169.254.169.254", "linkLocal"],
    ["fe80::1", "linkLocal"],
    ["100.64.0.1", "carrierGradeNat"],
    ["0.0.0.0", "unspecified"],
    ["::", "unspecified"],
    ["8.8.8.8", "unicast"],
    ["2606:4700::1111", "unicast"],
  ])("%s is %s", (address, range) => {
    expect(addressRange(address)).toBe(range);
    expect(publicAddressOnly("h", address) === null).toBe(range === "unicast");
  });

  it("names the cloud metadata address", () => {
    expect(publicAddressOnly("sc.example.test", "169.254.169.254")).toMatch(/cloud metadata address/);
  });
});
