/**
 * Auth.js's own endpoints, end to end minus the browser: the credentials callback
 * (`POST /api/auth/callback/credentials`) must go through the same sign-in throttle as the
 * sign-in form, and a session token must stop working once it is signed out.
 */
import { beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { signInThrottle } from "@/db/schema/accounts";
import { describeEachDb } from "@/db/testing/describe-db";
import { signUp } from "@/lib/accounts/accounts";

const state = vi.hoisted(() => ({ db: undefined as unknown }));
vi.mock("@/db/index", () => ({ getDb: async () => state.db }));

const ORIGIN = "http://localhost:3000";
const PASSWORD = "correct horse battery";

const envBackup: Record<string, string | undefined> = {};
beforeAll(() => {
  for (const key of ["AUTH_URL", "TRUSTED_PROXIES", "AUTH_SECRET", "CREDENTIALS_KEYS"])
    envBackup[key] = process.env[key];
  delete process.env.AUTH_URL;
  delete process.env.TRUSTED_PROXIES;
  process.env.AUTH_SECRET = "test-secret-test-secret-test-secret-0123";
  process.env.CREDENTIALS_KEYS = `k1:${Buffer.alloc(32, 7).toString("base64")}`;
  return () => {
    for (const [key, value] of Object.entries(envBackup)) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
  };
});

const { GET, POST } = await import("./route");
const { NextRequest } = await import("next/server");

type Jar = Map<string, string>;

function cookieHeader(jar: Jar): string {
  return [...jar].map(([k, v]) => `${k}=${v}`).join("; ");
}

function absorb(jar: Jar, response: Response): void {
  for (const line of response.headers.getSetCookie()) {
    const [pair] = line.split(";");
    const index = pair!.indexOf("=");
    const name = pair!.slice(0, index);
    const value = pair!.slice(index + 1);
    if (value === "" || /max-age=0|expires=thu, 01 jan 1970/i.test(line)) jar.delete(name);
    else jar.set(name, value);
  }
}

async function csrf(jar: Jar): Promise<string> {
  const response = await GET(new NextRequest(`${ORIGIN}/api/auth/csrf`, { headers: { cookie: cookieHeader(jar) } }));
  absorb(jar, response);
  return ((await response.json()) as { csrfToken: string }).csrfToken;
}

/** One sign-in through Auth.js's endpoint, as a script would do it. True when it set a session cookie. */
async function callbackSignIn(
  email: string,
  password: string,
  ip = "203.0.113.7",
): Promise<{ signedIn: boolean; location: string | null; jar: Jar }> {
  const jar: Jar = new Map();
  const csrfToken = await csrf(jar);
  const response = await POST(
    new NextRequest(`${ORIGIN}/api/auth/callback/credentials`, {
      method: "POST",
      headers: {
        "content-type": "application/x-www-form-urlencoded",
        cookie: cookieHeader(jar),
        "x-forwarded-for": ip,
        origin: ORIGIN,
      },
      body: new URLSearchParams({ email, password, csrfToken, callbackUrl: `${ORIGIN}/channels` }),
    }),
  );
  absorb(jar, response);
  return { signedIn: jar.has("authjs.session-token"), location: response.headers.get("location"), jar };
}

describeEachDb("Auth.js credentials endpoint", (ctx) => {
  beforeAll(async () => {
    state.db = ctx.db;
    await signUp(ctx.db, { email: "victim@example.com", password: PASSWORD });
  });
  beforeEach(async () => {
    await ctx.db.delete(signInThrottle);
  });

  it("signs in with the right password", async () => {
    const result = await callbackSignIn("victim@example.com", PASSWORD);
    expect(result.signedIn).toBe(true);
  });

  it("throttles guesses sent straight to the callback: the right password after 10 wrong ones is refused", async () => {
    for (let i = 0; i < 10; i++) {
      const wrong = await callbackSignIn("victim@example.com", `wrong guess ${i}`);
      expect(wrong.signedIn).toBe(false);
    }
    const right = await callbackSignIn("victim@example.com", PASSWORD);
    expect(right.signedIn).toBe(false);
    expect(right.location).toContain("code=rate_limited");
  });

  it("counts parallel guesses atomically: of 30 at once, exactly 10 reach a password check", async () => {
    const results = await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        callbackSignIn("victim@example.com", `parallel guess ${i}`, `198.51.100.${i}`),
      ),
    );
    expect(results.every((r) => !r.signedIn)).toBe(true);
    const throttled = results.filter((r) => r.location?.includes("code=rate_limited"));
    expect(throttled).toHaveLength(20);
  });

  it("refuses a replayed session token after sign-out", async () => {
    const { jar, signedIn } = await callbackSignIn("victim@example.com", PASSWORD);
    expect(signedIn).toBe(true);
    const copied = new Map(jar);
    expect(await sessionOf(copied)).toMatchObject({ user: { email: "victim@example.com" } });
    const csrfToken = await csrf(jar);
    const out = await POST(
      new NextRequest(`${ORIGIN}/api/auth/signout`, {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded", cookie: cookieHeader(jar), origin: ORIGIN },
        body: new URLSearchParams({ csrfToken, callbackUrl: `${ORIGIN}/sign-in` }),
      }),
    );
    absorb(jar, out);
    expect(jar.has("authjs.session-token")).toBe(false);
    // The token copied before signing out no longer opens a session.
    expect(await sessionOf(copied)).toBeNull();
  });
});

async function sessionOf(jar: Jar): Promise<unknown> {
  const response = await GET(new NextRequest(`${ORIGIN}/api/auth/session`, { headers: { cookie: cookieHeader(jar) } }));
  return response.json();
}

describe("Auth.js endpoint body cap", () => {
  it("answers 413 with a plain message for a 10 MB sign-in body, before Auth.js parses it", async () => {
    const body = `email=a%40example.com&password=${"x".repeat(10 * 1024 * 1024)}`;
    const response = await POST(
      new NextRequest(`${ORIGIN}/api/auth/callback/credentials`, {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded" },
        body,
      }),
    );
    expect(response.status).toBe(413);
    expect(((await response.json()) as { error: string }).error).toMatch(/larger than 16 KB/);
  });
});
