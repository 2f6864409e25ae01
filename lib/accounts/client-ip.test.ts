import { describe, expect, it } from "vitest";
import { clientIp, parseTrustedProxies } from "./client-ip";

const h = (xff?: string, extra: Record<string, string> = {}) =>
  new Headers({ ...(xff === undefined ? {} : { "x-forwarded-for": xff }), ...extra });

describe("clientIp", () => {
  it("without TRUSTED_PROXIES reads only the entry the nearest hop wrote (the right end), never the client's first entry", () => {
    // Next.js writes the socket address when the request had no header.
    expect(clientIp(h("203.0.113.9"))).toBe("203.0.113.9");
    // A proxy appended the real peer to what the client claimed.
    expect(clientIp(h("1.1.1.1, 2.2.2.2, 203.0.113.9"))).toBe("203.0.113.9");
    expect(clientIp(h())).toBeUndefined();
    expect(clientIp(h("not-an-ip"))).toBeUndefined();
  });

  it("with TRUSTED_PROXIES skips the listed proxies from the right", () => {
    const trustedProxies = parseTrustedProxies("10.0.0.0/8, 127.0.0.1, ::1");
    expect(clientIp(h("6.6.6.6, 203.0.113.9, 10.1.2.3"), { trustedProxies })).toBe("203.0.113.9");
    expect(clientIp(h("203.0.113.9, ::ffff:10.0.0.2"), { trustedProxies })).toBe("203.0.113.9");
    expect(clientIp(h("10.0.0.5"), { trustedProxies })).toBe("10.0.0.5");
    expect(clientIp(h("6.6.6.6, garbage, 10.1.2.3"), { trustedProxies })).toBeUndefined();
  });

  it("on Vercel reads x-real-ip", () => {
    expect(clientIp(h("6.6.6.6", { "x-real-ip": "203.0.113.9" }), { isVercel: true })).toBe("203.0.113.9");
  });

  it("refuses a TRUSTED_PROXIES entry that is not an address or range, naming it", () => {
    expect(() => parseTrustedProxies("10.0.0.0/8, proxy.local")).toThrow(/proxy\.local/);
    expect(() => parseTrustedProxies("10.0.0.0/40")).toThrow(/10\.0\.0\.0\/40/);
  });
});
