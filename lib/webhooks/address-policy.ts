/**
 * Where webhooks may be sent. An endpoint URL is typed by a workspace admin, and the server makes
 * the call, so on a shared deployment an open policy would let anyone probe internal addresses
 * (SSRF). By default a webhook goes only to an https:// URL whose host resolves to public addresses;
 * the check runs when the endpoint is saved (`checkWebhookUrl`) and again on every connect, on the
 * address actually connected to (`webhookAddressCheck`, used with the guarded fetch of
 * lib/sellercloud/guarded-fetch.ts, so DNS cannot change between check and connect). Redirects are
 * never followed. WEBHOOK_ALLOWED_HOSTS lists exact hosts that may be private or loopback and may
 * use http:// (an internal receiver), or is "*" for any.
 */
import { isIP } from "node:net";
import { env } from "@/lib/env";
import { type AddressCheck, addressRange } from "@/lib/sellercloud/guarded-fetch";

export type WebhookHostPolicy = { kind: "any" } | { kind: "public"; explicitHosts: readonly string[] };

const unbracket = (host: string) => host.replace(/^\[|\]$/g, "").toLowerCase();

/** WEBHOOK_ALLOWED_HOSTS → a policy: "*" any; else exact hosts allowed beyond the public-https rule. */
export function webhookHostPolicyFrom(setting: string | undefined): WebhookHostPolicy {
  if (setting?.trim() === "*") return { kind: "any" };
  const explicitHosts = (setting ?? "")
    .split(",")
    .map((s) => unbracket(s.trim()))
    .filter(Boolean);
  return { kind: "public", explicitHosts };
}

export function currentWebhookHostPolicy(): WebhookHostPolicy {
  return webhookHostPolicyFrom(env().webhookAllowedHosts);
}

const MAX_URL_LENGTH = 2_000;

/**
 * A plain sentence saying why `url` cannot be a webhook endpoint, or null when it may be. Checks
 * the form (scheme, credentials, host) and a literal IP host; a name's addresses are checked at
 * connect time.
 */
export function checkWebhookUrl(url: string, policy: WebhookHostPolicy = currentWebhookHostPolicy()): string | null {
  if (url.length > MAX_URL_LENGTH) return `Use an address of at most ${MAX_URL_LENGTH} characters`;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return "Enter a full address, like https://example.com/hooks/conduit";
  }
  if (parsed.protocol !== "https:" && parsed.protocol !== "http:") return "Use an https:// address";
  if (parsed.username || parsed.password) return "Leave the user name and password out of the address";
  if (policy.kind === "any") return null;
  const host = unbracket(parsed.hostname);
  const explicit = policy.explicitHosts.includes(host);
  if (parsed.protocol !== "https:" && !explicit) return "Use an https:// address";
  if (!explicit && (host === "localhost" || host.endsWith(".localhost") || host.endsWith(".internal"))) {
    return `${host} is an address on this server's own network; webhooks go only to public addresses. Ask your administrator to allow it with WEBHOOK_ALLOWED_HOSTS if it is meant to be reached.`;
  }
  // A literal IP needs no DNS: refuse a private, loopback or link-local one now, with the send-time words.
  if (!explicit && isIP(host)) return webhookAddressCheck(policy)(host, host);
  return null;
}

const checks = new Map<string, AddressCheck>();

/**
 * The connect-time check: a listed host may resolve anywhere; any other host only to public unicast
 * addresses (no loopback, private, link-local with the cloud metadata address, CGNAT, unspecified,
 * multicast or reserved ranges). Memoised per policy, so one connection pool serves it.
 */
export function webhookAddressCheck(policy: WebhookHostPolicy = currentWebhookHostPolicy()): AddressCheck {
  const key = JSON.stringify(policy);
  const known = checks.get(key);
  if (known) return known;
  const check: AddressCheck = (hostname, address) => {
    if (policy.kind === "any") return null;
    const host = unbracket(hostname);
    if (policy.explicitHosts.includes(host)) return null;
    const range = addressRange(address);
    if (range === "unicast") return null;
    const words = address === "169.254.169.254" ? "the cloud metadata address" : `a ${range} address`;
    const what = host === address ? `${address} is ${words}` : `${host} resolves to ${address}, ${words}`;
    return `${what}; webhooks go only to public addresses. Ask your administrator to allow the host with WEBHOOK_ALLOWED_HOSTS if it is meant to be reached.`;
  };
  checks.set(key, check);
  return check;
}
