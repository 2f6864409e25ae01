import { NextRequest } from "next/server";
import { describe, expect, it } from "vitest";
import { proxy } from "@/proxy";

/** proxy.ts (Next.js 16 Proxy): page headers with a per-request nonce, 413 for oversized server actions. */
describe("proxy", () => {
  it("sets the nonce CSP on the response and on the request Next.js renders with", () => {
    const response = proxy(new NextRequest("http://localhost:3000/channels"));
    const csp = response.headers.get("content-security-policy")!;
    const nonce = /'nonce-([^']+)'/.exec(csp)?.[1];
    expect(nonce).toBeTruthy();
    // NextResponse.next passes request headers on as x-middleware-request-* overrides.
    expect(response.headers.get("x-middleware-request-content-security-policy")).toBe(csp);
    expect(response.headers.get("x-frame-options")).toBe("DENY");
    const second = proxy(new NextRequest("http://localhost:3000/channels")).headers.get("content-security-policy");
    expect(second).not.toBe(csp);
  });

  it("answers 413 with a plain message for a server action body over 2 MB (a 10 MB sign-in)", async () => {
    const response = proxy(
      new NextRequest("http://localhost:3000/sign-in", {
        method: "POST",
        headers: { "next-action": "abc", "content-length": String(10 * 1024 * 1024) },
      }),
    );
    expect(response.status).toBe(413);
    expect(await response.text()).toMatch(/more than 2 MB/);
  });
});
