/**
 * Error classification: turns what went wrong on one SellerCloud call (a network failure, an
 * HTTP status, a redirect, a web page where JSON was expected) into a SellerCloudError with a
 * plain sentence, a kind, and whether trying again may help. Pure: no I/O, no state.
 */

import { extractErrorMessage, SellerCloudError, trimBody } from "./errors";

/** One call, as the messages need it. */
export interface CallContext {
  method: string;
  /** Path under the base URL, e.g. "/api/Orders". */
  path: string;
  /** `host[:port]` of the base URL, for messages. */
  host: string;
  /** Literal secrets to scrub from bodies (password, tokens). */
  secrets: readonly (string | undefined)[];
  /** Safe to repeat (GETs, idempotent PUTs): a failure after sending may be retried. */
  idempotent: boolean;
  /** Sent with a bearer token (false for the login itself). */
  auth: boolean;
  timeoutMs: number;
  /**
   * This connection answered as the SellerCloud API before (a saved connection, which is only stored
   * after SellerCloud accepted its test, or an earlier answer in this client). A web page now is
   * then maintenance or an outage, not a wrong address.
   */
  workedBefore: boolean;
}

/** What came back from one HTTP exchange. */
export interface Outcome {
  status: number;
  headers: Headers;
  text: string;
}

const HTML_START = /^\s*(<!doctype html|<html|<head|<body|<\?xml)/i;

/** True when a body is an HTML (or XML) page rather than JSON. */
export function looksLikeHtml(text: string): boolean {
  return HTML_START.test(text);
}

/**
 * A web page or other non-JSON text where the API's JSON was expected. From a connection that
 * worked before this is `unavailable` (maintenance or an outage; retryable, so runs try again
 * later); otherwise `not_api` (the address is not the API: not retryable).
 */
export function notApiError(ctx: CallContext, status: number, text: string, cause?: unknown): SellerCloudError {
  const body = trimBody(text, ctx.secrets);
  const { method, path } = ctx;
  if (ctx.workedBefore) {
    return new SellerCloudError(
      `SellerCloud (${ctx.host}) answered with a web page instead of the API, as it does during maintenance or an outage. Try again later (scheduled runs will); if this continues, check the Server ID or API URL in the channel's settings.`,
      { kind: "unavailable", status, retryable: true, method, path, body, cause },
    );
  }
  return new SellerCloudError(
    `${ctx.host} answered with a web page or other non-JSON text, not the SellerCloud API. Check the Server ID or API URL (it should look like https://yourserver.api.sellercloud.com/rest).`,
    { kind: "not_api", status, retryable: false, method, path, body, cause },
  );
}

/**
 * A 3xx answer. Redirects are never followed: a redirect could carry the login (username and
 * password) or the bearer token to an address the host policy forbids (issue: SSRF via 307).
 */
export function redirectError(ctx: CallContext, outcome: Outcome): SellerCloudError {
  const location = outcome.headers.get("location");
  let target = "another address";
  if (location) {
    try {
      target = new URL(location, `https://${ctx.host}`).host;
    } catch {
      target = "an invalid address";
    }
  }
  return new SellerCloudError(
    `${ctx.host} tried to redirect ${ctx.method} ${ctx.path} to ${target}. Conduit never follows redirects on SellerCloud calls, so nothing was sent there. Check the Server ID or API URL (it should look like https://yourserver.api.sellercloud.com/rest).`,
    {
      kind: "redirect",
      status: outcome.status,
      retryable: false,
      method: ctx.method,
      path: ctx.path,
      body: trimBody(outcome.text, ctx.secrets),
    },
  );
}

/** The first `code` on an error or its causes (undici wraps socket errors). */
export function errorCode(error: unknown): string | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 4 && current; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === "string") return code;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

/** The `BlockedAddressError` message, if the failure was the connect guard refusing an address. */
function blockedAddress(error: unknown): string | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 4 && current; depth++) {
    if ((current as { code?: unknown }).code === BLOCKED_ADDRESS_CODE) return (current as Error).message;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

/** `code` of the error the connect guard (guarded-fetch.ts) fails a connection with. */
export const BLOCKED_ADDRESS_CODE = "ERR_SELLERCLOUD_BLOCKED_ADDRESS";

/** A fetch that threw: DNS, refused, TLS, timeout, reset, or a refused address. */
export function networkError(ctx: CallContext, error: unknown): SellerCloudError {
  if (error instanceof SellerCloudError) return error;
  const { method, path, host, idempotent } = ctx;
  const blocked = blockedAddress(error);
  if (blocked) {
    return new SellerCloudError(blocked, { kind: "blocked_address", retryable: false, method, path, cause: error });
  }
  const name = (error as { name?: string })?.name;
  if (name === "TimeoutError" || name === "AbortError") {
    return new SellerCloudError(
      `SellerCloud did not answer within ${Math.round(ctx.timeoutMs / 1000)} seconds (${method} ${path}).`,
      { kind: "timeout", retryable: true, mayHaveApplied: !idempotent, method, path, cause: error },
    );
  }
  const code = errorCode(error);
  if (code === "ENOTFOUND" || code === "EAI_AGAIN" || code === "EAI_NONAME") {
    return new SellerCloudError(`Could not find the SellerCloud server "${host}". Check the Server ID or API URL.`, {
      kind: "dns",
      retryable: code === "EAI_AGAIN",
      method,
      path,
      cause: error,
    });
  }
  if (
    code === "ECONNREFUSED" ||
    code === "EHOSTUNREACH" ||
    code === "ENETUNREACH" ||
    code === "UND_ERR_CONNECT_TIMEOUT"
  ) {
    return new SellerCloudError(`Could not connect to ${host} (${code}).`, {
      kind: "connection",
      retryable: true,
      method,
      path,
      cause: error,
    });
  }
  if (code === "CERT_HAS_EXPIRED" || code?.startsWith("ERR_TLS") || code?.includes("CERT")) {
    return new SellerCloudError(`The secure connection to ${host} failed (${code}).`, {
      kind: "connection",
      retryable: false,
      method,
      path,
      cause: error,
    });
  }
  // Reset or closed mid-request: the server may have acted on a write.
  return new SellerCloudError(
    `The connection to ${host} was dropped before SellerCloud answered${code ? ` (${code})` : ""}.`,
    { kind: "connection", retryable: true, mayHaveApplied: !idempotent, method, path, cause: error },
  );
}

/** A non-2xx answer that is not a throttle or a token to renew. */
export function httpError(ctx: CallContext, outcome: Outcome): SellerCloudError {
  const { status, text } = outcome;
  const { method, path, auth, idempotent } = ctx;
  if (status >= 300 && status < 400) return redirectError(ctx, outcome);
  const body = trimBody(text, ctx.secrets);
  const isHtml = looksLikeHtml(text);
  let parsed: unknown;
  if (!isHtml) {
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      parsed = undefined;
    }
  }
  const detail = extractErrorMessage(parsed);
  const suffix = detail ? `: ${trimBody(detail, ctx.secrets)}` : ".";
  const where = `${method} ${path}`;
  if (!auth && path === "/api/token" && status >= 400 && status < 500 && status !== 404) {
    return new SellerCloudError("SellerCloud did not accept the username or password.", {
      kind: "auth",
      status,
      retryable: false,
      method,
      path,
      body,
    });
  }
  if (status >= 500) {
    return new SellerCloudError(`SellerCloud had a server error (${status}) on ${where}${suffix}`, {
      kind: "server",
      status,
      retryable: true,
      mayHaveApplied: !idempotent,
      method,
      path,
      body,
    });
  }
  if (isHtml || (text.trim() && parsed === undefined)) return notApiError(ctx, status, text);
  if (status === 404) {
    return new SellerCloudError(
      `SellerCloud returned "not found" for ${where}. The API user may lack permission for this module in SellerCloud (Delta > Employees > API permissions), or the API URL is wrong${detail ? ` (${trimBody(detail, ctx.secrets)})` : ""}.`,
      { kind: "not_found", status, retryable: false, method, path, body },
    );
  }
  if (status === 403) {
    return new SellerCloudError(`The SellerCloud user is not allowed to call ${where}${suffix}`, {
      kind: "auth",
      status,
      retryable: false,
      method,
      path,
      body,
    });
  }
  return new SellerCloudError(`SellerCloud refused ${where} (${status})${suffix}`, {
    kind: "bad_request",
    status,
    retryable: status === 408 || status === 409 || status === 425,
    method,
    path,
    body,
  });
}
