/**
 * Which address a request came from, for the per-IP sign-in limit.
 *
 * `X-Forwarded-For` is a list each hop appends to, so only its right-hand end is written by
 * someone we trust; the left-hand entries are whatever the client sent. Next.js's own server fills
 * the header with the socket address when a request arrives without one (it does not expose the
 * socket otherwise). So:
 *  - TRUSTED_PROXIES unset: the rightmost entry, i.e. the socket address Next.js saw, or what the
 *    one proxy in front wrote. Nothing else in the header is read.
 *  - TRUSTED_PROXIES set ("10.0.0.0/8,127.0.0.1"): walk from the right, skipping the listed
 *    proxies; the first address not listed is the client.
 *  - On Vercel, `x-real-ip` (set by Vercel's edge, not by the client).
 * A direct deployment (no proxy) that receives a client-made X-Forwarded-For cannot see the
 * socket; per-IP limits are therefore high and secondary, and per-account limits do the real work.
 */
import net from "node:net";

export interface ClientIpPolicy {
  /** Parsed TRUSTED_PROXIES, or undefined when unset. */
  trustedProxies?: net.BlockList;
  isVercel?: boolean;
}

/** "10.0.0.0/8, 127.0.0.1, ::1" → a BlockList; throws with the bad entry named. */
export function parseTrustedProxies(value: string): net.BlockList {
  const list = new net.BlockList();
  for (const raw of value.split(",")) {
    const entry = raw.trim();
    if (!entry) continue;
    const [address, prefix] = entry.split("/");
    const family = net.isIPv4(address ?? "") ? "ipv4" : net.isIPv6(address ?? "") ? "ipv6" : null;
    const bits = prefix === undefined ? undefined : Number(prefix);
    const max = family === "ipv4" ? 32 : 128;
    if (!family || (bits !== undefined && (!Number.isInteger(bits) || bits < 0 || bits > max))) {
      throw new Error(`TRUSTED_PROXIES: "${entry}" is not an IP address or CIDR range (e.g. 10.0.0.0/8)`);
    }
    if (bits === undefined) list.addAddress(address!, family);
    else list.addSubnet(address!, bits, family);
  }
  return list;
}

function normalize(entry: string): string | undefined {
  let value = entry.trim();
  if (value.startsWith("["))
    value = value.slice(1, value.indexOf("]")); // [::1]:443
  else if (/^\d{1,3}(\.\d{1,3}){3}:\d+$/.test(value)) value = value.slice(0, value.lastIndexOf(":")); // 1.2.3.4:80
  if (value.startsWith("::ffff:") && net.isIPv4(value.slice(7))) value = value.slice(7);
  return net.isIP(value) ? value : undefined;
}

function isTrusted(list: net.BlockList, address: string): boolean {
  return list.check(address, net.isIPv4(address) ? "ipv4" : "ipv6");
}

/** The client's address per the policy above, or undefined when the headers carry none that is valid. */
export function clientIp(headers: Headers, policy: ClientIpPolicy = {}): string | undefined {
  if (policy.isVercel) {
    const real = normalize(headers.get("x-real-ip") ?? "");
    if (real) return real;
  }
  const hops = (headers.get("x-forwarded-for") ?? "").split(",").map(normalize);
  if (!policy.trustedProxies) return hops.at(-1);
  for (let i = hops.length - 1; i >= 0; i--) {
    const hop = hops[i];
    if (!hop) return undefined; // garbage where a trusted proxy wrote: trust nothing left of it
    if (!isTrusted(policy.trustedProxies, hop)) return hop;
  }
  return hops[0];
}
