/**
 * Which hosts a saved connection may point at. Connections make the server call the address a
 * user typed, so on a shared deployment an open policy would let any user probe internal
 * addresses (SSRF). SellerCloud tenants live under two domains; the local demo setup, where the
 * built-in sandbox runs on this machine, allows any address.
 */
export const DEFAULT_SELLERCLOUD_HOST_SUFFIXES = [".api.sellercloud.com", ".api.sellercloud.us"] as const;

export type ApiHostPolicy = { kind: "any" } | { kind: "suffixes"; suffixes: readonly string[] };

/** SELLERCLOUD_ALLOWED_HOSTS: "*" for any, or comma-separated host suffixes (".example.com") and hosts. */
export function apiHostPolicyFrom(setting: string | undefined, sandboxEnabled: boolean): ApiHostPolicy {
  if (setting?.trim() === "*") return { kind: "any" };
  if (setting?.trim()) {
    const suffixes = setting
      .split(",")
      .map((s) => s.trim().toLowerCase())
      .filter(Boolean);
    return { kind: "suffixes", suffixes: [...DEFAULT_SELLERCLOUD_HOST_SUFFIXES, ...suffixes] };
  }
  return sandboxEnabled ? { kind: "any" } : { kind: "suffixes", suffixes: DEFAULT_SELLERCLOUD_HOST_SUFFIXES };
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
  const allowed = policy.suffixes.some((s) => (s.startsWith(".") ? host.endsWith(s) : host === s));
  if (url.protocol !== "https:") return "Use an https:// address";
  return allowed
    ? null
    : `This server only connects to SellerCloud addresses (${policy.suffixes.join(", ")}); ask your administrator to allow ${host} with SELLERCLOUD_ALLOWED_HOSTS`;
}
