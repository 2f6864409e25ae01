/**
 * Behind a reverse proxy that forwards plain http and no X-Forwarded-* headers, every absolute URL
 * and the session cookie's Secure flag must still follow the configured public URL (AUTH_URL).
 */
import { afterAll, beforeAll, expect, it, vi } from "vitest";
import { describeEachDb } from "@/db/testing/describe-db";
import { signUp } from "@/lib/accounts/accounts";

const state = vi.hoisted(() => {
  const keys = [
    "AUTH_URL",
    "AUTH_SECRET",
    "CREDENTIALS_KEYS",
    "AUTH_GITHUB_ID",
    "AUTH_GITHUB_SECRET",
    "TRUSTED_PROXIES",
  ];
  const saved = Object.fromEntries(keys.map((k) => [k, process.env[k]]));
  // Set before the modules under test read the environment (it is read once).
  process.env.AUTH_URL = "https://conduit.example.com";
  process.env.AUTH_SECRET = "test-secret-test-secret-test-secret-0123";
  process.env.CREDENTIALS_KEYS = `k1:${Buffer.alloc(32, 7).toString("base64")}`;
  process.env.AUTH_GITHUB_ID = "gh-client-id";
  process.env.AUTH_GITHUB_SECRET = "gh-client-secret";
  delete process.env.TRUSTED_PROXIES;
  return { db: undefined as unknown, saved };
});
vi.mock("@/db/index", () => ({ getDb: async () => state.db }));
afterAll(() => {
  for (const [key, value] of Object.entries(state.saved)) {
    if (value === undefined) delete process.env[key];
    else process.env[key] = value;
  }
});

const { GET, POST } = await import("./route");
const { NextRequest } = await import("next/server");

// What the app sees behind the proxy: an internal plain-http address, no forwarded headers.
const INTERNAL = "http://10.0.0.5:3000";

function cookiesOf(response: Response): string[] {
  return response.headers.getSetCookie();
}

async function csrf(): Promise<{ token: string; cookie: string }> {
  const response = await GET(new NextRequest(`${INTERNAL}/api/auth/csrf`));
  const cookie = cookiesOf(response)
    .map((c) => c.split(";")[0]!)
    .join("; ");
  return { token: ((await response.json()) as { csrfToken: string }).csrfToken, cookie };
}

describeEachDb("AUTH_URL decides absolute URLs and secure cookies", (ctx) => {
  beforeAll(async () => {
    state.db = ctx.db;
    await signUp(ctx.db, { email: "proxy@example.com", password: "correct horse battery" });
  });

  it("sets the session cookie with Secure and the __Secure- prefix though the request came over http", async () => {
    const { token, cookie } = await csrf();
    expect(cookie).toMatch(/__Host-authjs\.csrf-token=/);
    const response = await POST(
      new NextRequest(`${INTERNAL}/api/auth/callback/credentials`, {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded", cookie },
        body: new URLSearchParams({ email: "proxy@example.com", password: "correct horse battery", csrfToken: token }),
      }),
    );
    const session = cookiesOf(response).find((c) => c.includes("session-token="));
    expect(session).toMatch(/^__Secure-authjs\.session-token=/);
    expect(session).toMatch(/;\s*Secure/i);
    expect(response.headers.get("location")).toMatch(/^https:\/\/conduit\.example\.com(\/|$)/);
  });

  it("sends GitHub a redirect_uri on the public URL, not the internal address", async () => {
    const { token, cookie } = await csrf();
    const response = await POST(
      new NextRequest(`${INTERNAL}/api/auth/signin/github`, {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded", cookie },
        body: new URLSearchParams({ csrfToken: token, callbackUrl: "https://conduit.example.com/channels" }),
      }),
    );
    const location = new URL(response.headers.get("location")!);
    expect(location.host).toBe("github.com");
    expect(location.searchParams.get("redirect_uri")).toBe("https://conduit.example.com/api/auth/callback/github");
  });
});
