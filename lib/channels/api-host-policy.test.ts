import { describe, expect, it } from "vitest";
import { apiHostPolicyFrom, checkApiHost } from "./api-host-policy";

describe("API host policy", () => {
  const production = apiHostPolicyFrom(undefined, false);
  it.each([
    ["https://acme.api.sellercloud.com/rest", null],
    ["https://krameramerica.api.sellercloud.us/rest", null],
    ["http://acme.api.sellercloud.com/rest", "Use an https:// address"],
    ["https://169.254.169.254/rest", /only connects to SellerCloud addresses/],
    ["https://localhost:5432/rest", /only connects to SellerCloud addresses/],
    ["https://evil-api.sellercloud.com.attacker.net/rest", /only connects to SellerCloud addresses/],
  ])("in production, %s -> %s", (url, expected) => {
    const result = checkApiHost(url, production);
    if (expected === null || typeof expected === "string") expect(result).toBe(expected);
    else expect(result).toMatch(expected);
  });

  it("allows any address in the local demo setup with the sandbox on", () => {
    expect(checkApiHost("http://127.0.0.1:3000/sandbox-api/rest", apiHostPolicyFrom(undefined, true))).toBeNull();
  });

  it("takes extra hosts, or any, from SELLERCLOUD_ALLOWED_HOSTS", () => {
    const extra = apiHostPolicyFrom("sc.internal.example, .proxy.example", false);
    expect(checkApiHost("https://sc.internal.example/rest", extra)).toBeNull();
    expect(checkApiHost("https://a.proxy.example/rest", extra)).toBeNull();
    expect(checkApiHost("https://other.example/rest", extra)).toMatch(/SELLERCLOUD_ALLOWED_HOSTS/);
    expect(checkApiHost("http://10.0.0.5/rest", apiHostPolicyFrom("*", false))).toBeNull();
  });
});
