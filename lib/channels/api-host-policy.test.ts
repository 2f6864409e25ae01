import { describe, expect, it } from "vitest";
import { addressCheckFor, apiHostPolicyFrom, checkApiHost } from "./api-host-policy";

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

  describe("the address actually connected to", () => {
    it("must be public for SellerCloud's own domains", () => {
      const check = addressCheckFor(production);
      expect(check("acme.api.sellercloud.com", "52.1.2.3")).toBeNull();
      for (const address of ["127.0.0.1", "10.0.0.5", "172.20.1.1", "192.168.0.9", "169.254.169.254", "100.64.1.1"]) {
        expect(check("acme.api.sellercloud.com", address)).toMatch(/does not call such addresses/);
      }
      expect(check("acme.api.sellercloud.com", "::ffff:10.0.0.5")).toMatch(/private-network/);
      expect(check("fd00::1", "fd00::1")).toMatch(/only connects to SellerCloud addresses/);
    });

    it("refuses a host the policy does not name, whatever it resolves to (checked on every connect)", () => {
      expect(addressCheckFor(production)("attacker.example", "93.184.216.34")).toMatch(/SELLERCLOUD_ALLOWED_HOSTS/);
    });

    it("lets a host listed exactly in SELLERCLOUD_ALLOWED_HOSTS resolve to a private address, not a suffix", () => {
      const check = addressCheckFor(apiHostPolicyFrom("sc.internal.example, .proxy.example", false));
      expect(check("sc.internal.example", "10.0.0.5")).toBeNull();
      expect(check("a.proxy.example", "10.0.0.5")).toMatch(/private-network/);
      expect(check("a.proxy.example", "93.184.216.34")).toBeNull();
      expect(addressCheckFor(apiHostPolicyFrom("127.0.0.1", false))("127.0.0.1", "127.0.0.1")).toBeNull();
    });

    it("keeps loopback reachable when the sandbox is on, and anything under '*'", () => {
      expect(addressCheckFor(apiHostPolicyFrom(undefined, true))("localhost", "127.0.0.1")).toBeNull();
      const withHosts = addressCheckFor(apiHostPolicyFrom("sc.internal.example", true));
      expect(withHosts("acme.api.sellercloud.com", "127.0.0.1")).toBeNull();
      expect(withHosts("acme.api.sellercloud.com", "10.0.0.5")).toMatch(/private-network/);
      expect(addressCheckFor(apiHostPolicyFrom("*", false))("anything.example", "10.0.0.5")).toBeNull();
    });
  });
});
