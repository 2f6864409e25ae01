import { getEventListeners } from "node:events";
import { describe, expect, it } from "vitest";
import { buildQuery, normaliseBaseUrl, resolveBaseUrl } from "./base-url";
import { scrubSecrets, trimBody } from "./errors";
import { SellerCloudHttp } from "./http";
import { createRateLimiter, limiterFor, unlimited } from "./rate-limiter";
import { backoffDelay, parseServerDate } from "./retry-policy";
import { connectionKey } from "./token-cache";

describe("normaliseBaseUrl", () => {
  it.each([
    ["tt", "https://tt.api.sellercloud.com/rest"],
    ["  TT  ", "https://tt.api.sellercloud.com/rest"],
    ["tt.api.sellercloud.com", "https://tt.api.sellercloud.com/rest"],
    ["https://tt.api.sellercloud.com", "https://tt.api.sellercloud.com/rest"],
    ["https://tt.api.sellercloud.com/", "https://tt.api.sellercloud.com/rest"],
    ["https://tt.api.sellercloud.com/rest", "https://tt.api.sellercloud.com/rest"],
    ["https://tt.api.sellercloud.com/rest/", "https://tt.api.sellercloud.com/rest"],
    ["https://tt.api.sellercloud.com/rest/api", "https://tt.api.sellercloud.com/rest"],
    ["https://tt.api.sellercloud.com/rest/api/", "https://tt.api.sellercloud.com/rest"],
    ["https://tt.api.sellercloud.com/rest/api/token", "https://tt.api.sellercloud.com/rest"],
    ["https://tt.api.sellercloud.com/rest/swagger/ui/index", "https://tt.api.sellercloud.com/rest"],
    ["https://krameramerica.api.sellercloud.us/rest/api", "https://krameramerica.api.sellercloud.us/rest"],
    ["http://127.0.0.1:4010", "http://127.0.0.1:4010/rest"],
    ["http://localhost:3000/api/sandbox/rest/api/", "http://localhost:3000/api/sandbox/rest"],
  ])("turns %s into %s", (input, expected) => {
    expect(normaliseBaseUrl(input)).toBe(expected);
  });

  it.each(["", "   ", "ftp://tt.api.sellercloud.com", "http://exa mple.com", "tt_server!"])(
    "refuses %j in plain words",
    (input) => {
      expect(() => normaliseBaseUrl(input)).toThrow(/Server ID|URL|https/);
    },
  );

  it("prefers a full API URL over a Server ID", () => {
    expect(resolveBaseUrl({ serverId: "tt", apiUrl: "https://xx.api.sellercloud.us/rest/api" })).toBe(
      "https://xx.api.sellercloud.us/rest",
    );
    expect(resolveBaseUrl({ serverId: "tt", apiUrl: " " })).toBe("https://tt.api.sellercloud.com/rest");
  });
});

describe("buildQuery", () => {
  it("repeats keys for arrays and drops empty values", () => {
    expect(
      buildQuery({ "model.companyID": [198, 187], "model.sKU": undefined, "model.isAscending": true, x: null }),
    ).toBe("?model.companyID=198&model.companyID=187&model.isAscending=true");
    expect(buildQuery({})).toBe("");
  });
});

describe("backoffDelay", () => {
  it("draws a full-jitter delay under the capped exponential step", () => {
    const policy = { baseDelayMs: 500, maxDelayMs: 4000 };
    expect(backoffDelay(1, policy, () => 0.999)).toBe(499);
    expect(backoffDelay(3, policy, () => 0.999)).toBe(1998);
    expect(backoffDelay(10, policy, () => 0.999)).toBe(3996);
    expect(backoffDelay(10, policy, () => 0)).toBe(0);
  });
});

describe("createRateLimiter", () => {
  it("admits a burst up to the limit, then waits for the window to slide", async () => {
    let now = 0;
    const waits: number[] = [];
    const limiter = createRateLimiter({
      limit: 3,
      windowMs: 1000,
      now: () => now,
      sleep: async (ms) => {
        waits.push(ms);
        now += ms;
      },
    });
    await limiter.acquire();
    now = 100;
    await limiter.acquire();
    await limiter.acquire();
    expect(waits).toEqual([]);
    await limiter.acquire();
    expect(waits).toEqual([900]);
    expect(now).toBe(1000);
    expect(limiter.inWindow).toBe(3);
  });

  it("is shared per connection across the process", () => {
    const key = connectionKey("https://tt.api.sellercloud.com/rest", "api@example.com", undefined);
    expect(limiterFor(key)).toBe(limiterFor(key));
    expect(limiterFor(key)).not.toBe(
      limiterFor(connectionKey("https://tt.api.sellercloud.com/rest", "other@example.com", undefined)),
    );
    expect(key).not.toContain("api@example.com");
  });

  it("lets a canceled caller leave the queue", async () => {
    const limiter = createRateLimiter({ limit: 1, windowMs: 60_000 });
    await limiter.acquire();
    const controller = new AbortController();
    const waiting = limiter.acquire(controller.signal);
    controller.abort();
    await expect(waiting).rejects.toThrow(/canceled/);
  });
});

describe("secrets", () => {
  it("removes passwords, tokens and bearer headers from bodies", () => {
    const text = JSON.stringify({
      Username: "a@b.c",
      Password: "hunter22",
      access_token: "eyJhbGciOi.eyJzdWIiOiJ4.sig",
    });
    const scrubbed = scrubSecrets(`${text} Authorization: Bearer abc.def.ghi`, ["hunter22"]);
    expect(scrubbed).not.toContain("hunter22");
    expect(scrubbed).not.toContain("eyJhbGciOi");
    expect(scrubbed).not.toContain("abc.def.ghi");
    expect(scrubbed).toContain("a@b.c");
  });

  it("trims long bodies", () => {
    expect(trimBody("x".repeat(1000)).length).toBe(301);
  });
});

describe("parseServerDate", () => {
  it("reads offset-less SellerCloud dates as UTC", () => {
    expect(parseServerDate("2025-05-12T09:41:17")).toBe(Date.UTC(2025, 4, 12, 9, 41, 17));
    expect(parseServerDate("2025-05-12T09:41:17Z")).toBe(Date.UTC(2025, 4, 12, 9, 41, 17));
    expect(parseServerDate("nonsense")).toBeUndefined();
  });
});

describe("a request's timeout and cancel", () => {
  /** An http instance whose fetch answers `[]` at once and keeps the signal each request got. */
  function recording(options: { timeoutMs: number; signal?: AbortSignal }) {
    const seen: AbortSignal[] = [];
    const http = new SellerCloudHttp({
      baseUrl: "http://127.0.0.1:9/rest",
      apiToken: "token",
      limiter: unlimited,
      ...options,
      fetch: (async (_url: unknown, init?: RequestInit) => {
        seen.push(init!.signal!);
        return new Response("[]", { status: 200, headers: { "Content-Type": "application/json" } });
      }) as typeof fetch,
    });
    return { http, seen };
  }

  it("leaves no timer armed and no tie to the caller's signal once a request is answered", async () => {
    const run = new AbortController();
    const { http, seen } = recording({ timeoutMs: 30, signal: run.signal });
    await http.json("GET", "/api/Companies");
    await new Promise((resolve) => setTimeout(resolve, 80));
    // AbortSignal.timeout aborted the finished request's signal after timeoutMs, for every request.
    expect(seen[0]!.aborted).toBe(false);
    expect(getEventListeners(run.signal, "abort")).toHaveLength(0);
    run.abort();
    expect(seen[0]!.aborted).toBe(false);
  });

  it("aborts a request in flight when the caller cancels, and when it takes longer than timeoutMs", async () => {
    const run = new AbortController();
    const hanging = (seen: AbortSignal[]) =>
      (async (_url: unknown, init?: RequestInit) => {
        seen.push(init!.signal!);
        return new Promise<Response>((_, reject) =>
          init!.signal!.addEventListener("abort", () => reject(init!.signal!.reason)),
        );
      }) as typeof fetch;
    const seen: AbortSignal[] = [];
    const base = {
      baseUrl: "http://127.0.0.1:9/rest",
      apiToken: "token",
      limiter: unlimited,
      retry: { maxRetries: 0 },
    };
    const canceled = new SellerCloudHttp({ ...base, timeoutMs: 60_000, signal: run.signal, fetch: hanging(seen) });
    const pending = canceled.json("GET", "/api/Companies");
    await new Promise((resolve) => setTimeout(resolve, 10));
    run.abort(new Error("run canceled"));
    await expect(pending).rejects.toMatchObject({ kind: "aborted" });
    expect(seen[0]!.aborted).toBe(true);

    const slow = new SellerCloudHttp({ ...base, timeoutMs: 20, fetch: hanging(seen) });
    await expect(slow.json("GET", "/api/Companies")).rejects.toMatchObject({ kind: "timeout" });
  });
});
