/**
 * The network guard under SellerCloud calls: a fetch that checks the address it actually connects
 * to. The check runs inside the socket's DNS lookup (undici `Agent({ connect: { lookup } })`, which
 * undici passes to `net.connect`/`tls.connect`), so a DNS answer cannot change between the check
 * and the connect (DNS rebinding). IP-literal hosts, which never reach the lookup, are checked
 * before the request. Redirects are never followed (`redirect: "manual"`).
 */

import dns from "node:dns";
import { isIP, type LookupFunction } from "node:net";
import ipaddr from "ipaddr.js";
import { Agent, fetch as undiciFetch } from "undici";
import { BLOCKED_ADDRESS_CODE } from "./classify";

/** Whether `hostname` may be reached at `address`: a plain sentence when not, else null. */
export type AddressCheck = (hostname: string, address: string) => string | null;

/** A callback-style resolver with `dns.lookup`'s signature (tests inject one). */
export type Resolver = LookupFunction;

/**
 * The range an IP address belongs to, in ipaddr.js's names ("unicast" for an ordinary public
 * address; "loopback", "private", "uniqueLocal", "linkLocal", "carrierGradeNat", "unspecified",
 * "multicast", "reserved", … otherwise). IPv4-mapped IPv6 addresses are read as IPv4.
 */
export function addressRange(address: string): string {
  try {
    return ipaddr.process(address.replace(/^\[|\]$/g, "")).range();
  } catch {
    return "invalid";
  }
}

const RANGE_WORDS: Record<string, string> = {
  loopback: "a loopback address",
  private: "a private-network address",
  uniqueLocal: "a private-network address",
  linkLocal: "a link-local address",
  carrierGradeNat: "a carrier-grade NAT address",
  unspecified: "an unspecified address",
};

/**
 * The default rule for a host that is not explicitly allowed: only public unicast addresses. Refuses
 * loopback (127/8, ::1), private (10/8, 172.16/12, 192.168/16, fc00::/7), link-local (169.254/16,
 * which holds the cloud metadata service 169.254.169.254, and fe80::/10), carrier-grade NAT
 * (100.64/10), unspecified (0.0.0.0, ::), multicast and reserved ranges.
 */
export function publicAddressOnly(hostname: string, address: string): string | null {
  const range = addressRange(address);
  if (range === "unicast") return null;
  const words =
    address === "169.254.169.254" ? "the cloud metadata address" : (RANGE_WORDS[range] ?? `a ${range} address`);
  const what = hostname === address ? `${address} is ${words}` : `${hostname} resolves to ${address}, ${words}`;
  return `${what}; this server does not call such addresses for SellerCloud connections. Ask your administrator to allow the host with SELLERCLOUD_ALLOWED_HOSTS if it is meant to be reached.`;
}

function blocked(message: string): Error {
  return Object.assign(new Error(message), { code: BLOCKED_ADDRESS_CODE });
}

type LookupCallback = Parameters<LookupFunction>[2];

/** Wraps a resolver so every answer is checked; one refused address refuses the whole answer. */
export function checkedLookup(check: AddressCheck, resolve: Resolver = dns.lookup): LookupFunction {
  return (hostname, options, callback) => {
    resolve(hostname, options, ((error, address, family) => {
      if (error) return (callback as LookupCallback)(error, address, family);
      const answers = Array.isArray(address) ? address.map((a) => a.address) : [address as string];
      for (const answer of answers) {
        const refusal = check(hostname, answer);
        if (refusal) return (callback as LookupCallback)(blocked(refusal), "", 0);
      }
      (callback as LookupCallback)(null, address, family);
    }) as LookupCallback);
  };
}

const guarded = new WeakMap<AddressCheck, typeof fetch>();

/**
 * A `fetch` that connects only to addresses `check` allows, never follows redirects, and fails a
 * refused address with an error carrying `code: BLOCKED_ADDRESS_CODE` (classified by classify.ts
 * as `blocked_address`). One connection pool per check function (memoised) unless a resolver is
 * given (tests).
 */
export function guardedFetch(check: AddressCheck, resolve?: Resolver): typeof fetch {
  const memo = resolve ? undefined : guarded.get(check);
  if (memo) return memo;
  const agent = new Agent({ connect: { lookup: checkedLookup(check, resolve) } });
  const run = (async (input: string | URL | Request, init?: RequestInit) => {
    const url = new URL(typeof input === "string" || input instanceof URL ? input : input.url);
    const host = url.hostname.replace(/^\[|\]$/g, "");
    if (isIP(host)) {
      const refusal = check(host, host);
      if (refusal) throw new TypeError("fetch failed", { cause: blocked(refusal) });
    }
    // undici's own fetch, so the Agent and fetch are the same version (not Node's bundled copy).
    const response = await undiciFetch(url, {
      ...(init as Parameters<typeof undiciFetch>[1]),
      redirect: "manual",
      dispatcher: agent,
    });
    return response as unknown as Response;
  }) as typeof fetch;
  if (!resolve) guarded.set(check, run);
  return run;
}
