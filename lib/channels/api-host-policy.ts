/**
 * Which hosts a saved connection may point at, and which addresses those hosts may resolve to.
 * Connections make the server call the address a user typed, so on a shared deployment an open
 * policy would let any user probe internal addresses (SSRF). SellerCloud tenants live under two
 * domains; the local demo setup, where the built-in sandbox runs on this machine, allows any
 * address. The host is checked when a connection is saved (`checkApiHost`) and again on every
 * connect, against the address actually connected to (`addressCheckFor`, used by the SellerCloud
 * client's guarded fetch, so a DNS answer cannot change between check and connect).
 */
import { env } from "@/lib/env";
import { type AddressCheck, addressRange, publicAddressOnly } from "@/lib/sellercloud/guarded-fetch";

export const DEFAULT_SELLERCLOUD_HOST_SUFFIXES = [".api.sellercloud.com", ".api.sellercloud.us"] as const;

export type ApiHostPolicy =
  | { kind: "any" }
  | {
      kind: "suffixes";
      /** Host suffixes (".example.com") and exact hosts a connection may use. */
      suffixes: readonly string[];
      /**
       * Exact hosts (and IP addresses) an administrator listed in SELLERCLOUD_ALLOWED_HOSTS: these may
       * resolve to private or loopback addresses (an internal proxy). Every other host must resolve
       * to public addresses only.
       */
      explicitHosts?: readonly string[];
      /** The sandbox is on: loopback addresses stay reachable (it runs on this machine). */
      sandbox?: boolean;
    };

/** SELLERCLOUD_ALLOWED_HOSTS: "*" for any, or comma-separated host suffixes (".example.com") and hosts. */
export function apiHostPolicyFrom(setting: string | undefined, sandboxEnabled: boolean): ApiHostPolicy {
  if (setting?.trim() === "*") return { kind: "any" };
  if (setting?.trim()) {
    const entries = setting
      .split(",")
      .map((s) => s.trim().toLowerCase())
      .filter(Boolean);
    return {
      kind: "suffixes",
      suffixes: [...DEFAULT_SELLERCLOUD_HOST_SUFFIXES, ...entries],
      explicitHosts: entries.filter((s) => !s.startsWith(".")).map(unbracket),
      sandbox: sandboxEnabled,
    };
  }
  return sandboxEnabled
    ? { kind: "any" }
    : { kind: "suffixes", suffixes: DEFAULT_SELLERCLOUD_HOST_SUFFIXES, sandbox: false };
}

function unbracket(host: string): string {
  return host.replace(/^\[|\]$/g, "");
}

function hostAllowed(host: string, policy: Extract<ApiHostPolicy, { kind: "suffixes" }>): boolean {
  return policy.suffixes.some((s) => (s.startsWith(".") ? host.endsWith(s) : unbracket(s) === host));
}

function refusedHost(host: string, policy: Extract<ApiHostPolicy, { kind: "suffixes" }>): string {
  return `This server only connects to SellerCloud addresses (${policy.suffixes.join(", ")}); ask your administrator to allow ${host} with SELLERCLOUD_ALLOWED_HOSTS`;
}

/** A plain sentence when the address is not allowed, else null. */
export function checkApiHost(baseUrl: string, policy: ApiHostPolicy): string | null {
  if (policy.kind === "any") return null;
  let url: URL;
  try {
    url = new URL(baseUrl);
  } catch {
    return "Check this address";
  }
  const host = url.hostname.toLowerCase();
  const allowed = hostAllowed(unbracket(host), policy);
  if (url.protocol !== "https:") return "Use an https:// address";
  return allowed ? null : refusedHost(host, policy);
}

const checks = new Map<string, AddressCheck>();

/** The deployment's policy, from SELLERCLOUD_ALLOWED_HOSTS and SANDBOX_ENABLED. */
export function currentApiHostPolicy(): ApiHostPolicy {
  const { sellercloudAllowedHosts, sandboxEnabled } = env();
  return apiHostPolicyFrom(sellercloudAllowedHosts, sandboxEnabled);
}

/**
 * The connect-time check of a policy: `(hostname, address) => refusal sentence | null`. Under "any"
 * every address is allowed. Otherwise the host must be allowed by name, and its address must be
 * public (see `publicAddressOnly`) unless the host is listed exactly in SELLERCLOUD_ALLOWED_HOSTS,
 * or the address is loopback and the sandbox is on. Memoised per policy, so clients of one policy
 * share one connection pool.
 */
export function addressCheckFor(policy: ApiHostPolicy): AddressCheck {
  const key = JSON.stringify(policy);
  const known = checks.get(key);
  if (known) return known;
  const check: AddressCheck = (hostname, address) => {
    if (policy.kind === "any") return null;
    const host = unbracket(hostname.toLowerCase());
    if (!hostAllowed(host, policy)) return `${refusedHost(host, policy)}.`;
    if (policy.explicitHosts?.includes(host)) return null;
    if (policy.sandbox && addressRange(address) === "loopback") return null;
    return publicAddressOnly(host, address);
  };
  checks.set(key, check);
  return check;
}
