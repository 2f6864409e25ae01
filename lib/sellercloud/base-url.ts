/**
 * SellerCloud addresses: the API base URL from what users paste (a Server ID, a host or a full
 * URL), and query strings the way SellerCloud's ASP.NET binding reads them. Pure functions.
 */

import { SellerCloudError } from "./errors";

const SERVER_ID = /^[a-z0-9][a-z0-9-]*$/i;

/** `https://{serverId}.api.sellercloud.com/rest` for a bare Server ID. */
export function baseUrlFromServerId(serverId: string): string {
  const id = serverId.trim();
  if (!SERVER_ID.test(id)) {
    throw new SellerCloudError(`"${serverId}" is not a valid SellerCloud Server ID (letters, digits and dashes).`, {
      kind: "bad_request",
      retryable: false,
    });
  }
  return `https://${id.toLowerCase()}.api.sellercloud.com/rest`;
}

/**
 * Turns what users paste into `{origin}{path}/rest`: a Server ID, a host, or a full URL ending in
 * `/rest`, `/rest/api`, `/rest/swagger…` or a trailing slash. Without this, requests end up at
 * `/rest/api/rest/api/token` and fail with confusing 404s.
 */
export function normaliseBaseUrl(input: string): string {
  const raw = input.trim();
  if (!raw) throw new SellerCloudError("Enter a Server ID or an API URL.", { kind: "bad_request", retryable: false });
  if (SERVER_ID.test(raw) && !raw.includes(".")) return baseUrlFromServerId(raw);
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(raw) ? raw : `https://${raw}`;
  let url: URL;
  try {
    url = new URL(withScheme);
  } catch {
    throw new SellerCloudError(`"${input}" is not a valid URL.`, { kind: "bad_request", retryable: false });
  }
  if (!/^([a-z0-9-]+\.)*[a-z0-9-]+$|^\[[0-9a-f:.]+\]$/i.test(url.hostname)) {
    throw new SellerCloudError(`"${input}" is not a valid Server ID or API URL.`, {
      kind: "bad_request",
      retryable: false,
    });
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") {
    throw new SellerCloudError(`"${input}" must start with https://.`, { kind: "bad_request", retryable: false });
  }
  let path = url.pathname.replace(/\/+$/, "");
  path = path.replace(/\/swagger(\/.*)?$/i, "");
  path = path.replace(/\/api(\/token)?$/i, "");
  if (!/\/rest$/i.test(path)) path = `${path}/rest`;
  return `${url.origin}${path}`;
}

/** Base URL from the wizard's fields: a full API URL wins over a Server ID. */
export function resolveBaseUrl(input: { serverId?: string | null; apiUrl?: string | null }): string {
  if (input.apiUrl?.trim()) return normaliseBaseUrl(input.apiUrl);
  if (input.serverId?.trim()) return normaliseBaseUrl(input.serverId);
  throw new SellerCloudError("Enter a Server ID or an API URL.", { kind: "bad_request", retryable: false });
}

export type QueryValue = string | number | boolean | null | undefined | readonly (string | number)[];
export type QueryParams = Record<string, QueryValue>;

/** Arrays become repeated keys (`model.companyID=1&model.companyID=2`), never `key[]=`. */
export function buildQuery(params: QueryParams | undefined): string {
  if (!params) return "";
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value === undefined || value === null) continue;
    if (Array.isArray(value)) for (const v of value) search.append(key, String(v));
    else search.append(key, String(value));
  }
  const text = search.toString();
  return text ? `?${text}` : "";
}

/** True for a loopback host (localhost, 127.x.x.x, [::1]): the sandbox, standalone or mounted in the app. */
export function isLoopbackUrl(baseUrl: string): boolean {
  const host = new URL(baseUrl).hostname;
  return host === "localhost" || host === "[::1]" || /^127\.\d+\.\d+\.\d+$/.test(host);
}

/** The `host[:port]` of a URL for messages, or the text itself if it is not a URL. */
export function hostOfUrl(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}
