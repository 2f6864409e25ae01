import { createHash } from "node:crypto";
import type { Logger } from "@/lib/log";
import { silentLogger } from "@/lib/log";
import { extractErrorMessage, SellerCloudError, trimBody } from "./errors";

/**
 * The thin HTTP layer under the SellerCloud client: one normalised base URL, a token cache,
 * a rate limiter shared per connection, retries with full-jitter backoff, throttle waits that do
 * not use up retries, and plain errors. It knows nothing about orders or products.
 */

// ---------------------------------------------------------------------------------------------
// Base URL

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

// ---------------------------------------------------------------------------------------------
// Query strings

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

// ---------------------------------------------------------------------------------------------
// Sleeping, backoff

export type Sleep = (ms: number, signal?: AbortSignal) => Promise<void>;

export const sleep: Sleep = (ms, signal) =>
  new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(abortedError(signal));
    const timer = setTimeout(
      () => {
        signal?.removeEventListener("abort", onAbort);
        resolve();
      },
      Math.max(0, ms),
    );
    const onAbort = () => {
      clearTimeout(timer);
      reject(abortedError(signal));
    };
    signal?.addEventListener("abort", onAbort, { once: true });
  });

function abortedError(signal?: AbortSignal): SellerCloudError {
  return new SellerCloudError("The SellerCloud request was canceled.", {
    kind: "aborted",
    retryable: false,
    cause: signal?.reason,
  });
}

export interface RetryPolicy {
  /** Retries after the first attempt for network errors and 5xx (throttle waits are not counted). */
  maxRetries: number;
  baseDelayMs: number;
  maxDelayMs: number;
  /** Stop waiting out throttling after this much total waiting in one request. */
  maxThrottleWaitMs: number;
  /** Extra random wait added after a throttle reset time, so many workers do not stampede. */
  throttleJitterMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = {
  maxRetries: 4,
  baseDelayMs: 500,
  maxDelayMs: 10_000,
  maxThrottleWaitMs: 65 * 60_000,
  throttleJitterMs: 500,
};

/** "Full jitter": a uniform wait between 0 and the capped exponential step. */
export function backoffDelay(
  attempt: number,
  policy: Pick<RetryPolicy, "baseDelayMs" | "maxDelayMs">,
  random = Math.random,
) {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, attempt - 1));
  return Math.floor(random() * ceiling);
}

// ---------------------------------------------------------------------------------------------
// Rate limiter

export interface RateLimiter {
  /** Resolves when one more call fits the budget. */
  acquire(signal?: AbortSignal): Promise<void>;
  /** Calls admitted in the current window. */
  readonly inWindow: number;
}

export interface RateLimiterOptions {
  /** Calls allowed per window; SellerCloud allows 10,800 per hour per user and IP. */
  limit?: number;
  windowMs?: number;
  now?: () => number;
  sleep?: Sleep;
}

export const DEFAULT_CALLS_PER_HOUR = 10_000;

/**
 * A sliding-window limiter: at most `limit` calls in any `windowMs`. It lets bursts through
 * (a 4,000-page import runs at full speed) while never exceeding the hourly budget. Callers queue
 * in order; a canceled caller leaves the queue without holding a slot.
 */
export function createRateLimiter(options: RateLimiterOptions = {}): RateLimiter {
  const limit = Math.max(1, options.limit ?? DEFAULT_CALLS_PER_HOUR);
  const windowMs = options.windowMs ?? 3_600_000;
  const now = options.now ?? Date.now;
  const wait = options.sleep ?? sleep;
  const ring = new Float64Array(limit);
  let head = 0; // oldest entry once full
  let size = 0;
  let queue: Promise<void> = Promise.resolve();

  const take = async (signal?: AbortSignal) => {
    for (;;) {
      if (signal?.aborted) throw abortedError(signal);
      const t = now();
      if (size < limit) {
        ring[(head + size) % limit] = t;
        size++;
        return;
      }
      const oldest = ring[head] ?? 0;
      if (t - oldest >= windowMs) {
        ring[head] = t;
        head = (head + 1) % limit;
        return;
      }
      await wait(oldest + windowMs - t, signal);
    }
  };

  return {
    acquire(signal) {
      const turn = queue.then(() => take(signal));
      queue = turn.catch(() => undefined);
      return turn;
    },
    get inWindow() {
      const t = now();
      let count = 0;
      for (let i = 0; i < size; i++) if (t - (ring[(head + i) % limit] ?? 0) < windowMs) count++;
      return count;
    },
  };
}

/** A limiter that admits everything (benchmarks against the local sandbox). */
export const unlimited: RateLimiter = { acquire: () => Promise.resolve(), inWindow: 0 };

const limiters = new Map<string, RateLimiter>();

/** The process-wide limiter of one connection, so every run on it shares one budget. */
export function limiterFor(connectionKey: string, options?: RateLimiterOptions): RateLimiter {
  let limiter = limiters.get(connectionKey);
  if (!limiter) {
    limiter = createRateLimiter(options);
    limiters.set(connectionKey, limiter);
  }
  return limiter;
}

// ---------------------------------------------------------------------------------------------
// Token cache

interface CachedToken {
  token: string;
  issuedAt: number;
  expiresAt: number;
}

/**
 * Tokens per connection, keyed by a hash of base URL + username + password, so a changed password
 * never reuses a token and no secret is kept as a map key. There is no refresh token in
 * SellerCloud: renewing means logging in again.
 */
export class TokenCache {
  private readonly tokens = new Map<string, CachedToken>();
  private readonly inflight = new Map<string, Promise<string>>();

  /** The cached token unless it is within `renewBeforeMs` (at most half its lifetime) of expiring. */
  get(key: string, now: number, renewBeforeMs: number): string | undefined {
    const cached = this.tokens.get(key);
    if (!cached) return undefined;
    const renew = Math.min(renewBeforeMs, (cached.expiresAt - cached.issuedAt) / 2);
    if (now >= cached.expiresAt - renew) return undefined;
    return cached.token;
  }

  set(key: string, token: string, issuedAt: number, expiresAt: number): void {
    this.tokens.set(key, { token, issuedAt, expiresAt });
  }

  /** Forgets a token, but only if it is still the one that was refused. */
  invalidate(key: string, token?: string): void {
    const cached = this.tokens.get(key);
    if (cached && (token === undefined || cached.token === token)) this.tokens.delete(key);
  }

  /** One login at a time per connection; concurrent callers share its result. */
  async dedupe(key: string, login: () => Promise<string>): Promise<string> {
    const running = this.inflight.get(key);
    if (running) return running;
    const promise = login().finally(() => this.inflight.delete(key));
    this.inflight.set(key, promise);
    return promise;
  }

  clear(): void {
    this.tokens.clear();
  }
}

export const sharedTokenCache = new TokenCache();

export function connectionKey(baseUrl: string, username: string | undefined, password: string | undefined): string {
  return createHash("sha256")
    .update(`${baseUrl}\u0000${username ?? ""}\u0000${password ?? ""}`)
    .digest("hex");
}

// ---------------------------------------------------------------------------------------------
// The HTTP layer

export interface HttpOptions {
  baseUrl: string;
  username?: string;
  password?: string;
  /** A pre-issued token, used as the bearer first; on rejection we log in if we can. */
  apiToken?: string;
  /**
   * Defaults to the process-wide limiter of this connection (10,000 calls per rolling hour), or none
   * for a loopback host (the sandbox); pass `unlimited` to turn it off, or your own.
   */
  limiter?: RateLimiter;
  fetch?: typeof fetch;
  /** Per request, including reading the body. SellerCloud catalog searches can take 5–6 s. */
  timeoutMs?: number;
  log?: Logger;
  retry?: Partial<RetryPolicy>;
  tokenCache?: TokenCache;
  /** Renew this long before expiry (capped at half the token's lifetime). */
  renewBeforeMs?: number;
  sleep?: Sleep;
  now?: () => number;
  random?: () => number;
  /** Cancels every request of this instance (e.g. the run's signal). */
  signal?: AbortSignal;
}

export interface RequestOptions {
  query?: QueryParams;
  body?: unknown;
  /** GETs and safe PUTs may be repeated after an unclear failure; other writes are not. */
  idempotent?: boolean;
  auth?: boolean;
  signal?: AbortSignal;
}

export interface HttpStats {
  /** Every HTTP request sent, including logins, retries and throttled attempts: all count against the budget. */
  calls: number;
  logins: number;
  retries: number;
  throttleWaits: number;
  throttleWaitMs: number;
}

interface Outcome {
  status: number;
  headers: Headers;
  text: string;
}

const HTML_START = /^\s*(<!doctype html|<html|<head|<body|<\?xml)/i;

export class SellerCloudHttp {
  readonly baseUrl: string;
  readonly stats: HttpStats = { calls: 0, logins: 0, retries: 0, throttleWaits: 0, throttleWaitMs: 0 };
  private readonly options: HttpOptions;
  private readonly retry: RetryPolicy;
  private readonly key: string;
  private readonly cache: TokenCache;
  private readonly limiter: RateLimiter;
  private readonly doFetch: typeof fetch;
  private readonly wait: Sleep;
  private readonly now: () => number;
  private readonly random: () => number;
  private readonly log: Logger;
  private readonly timeoutMs: number;
  /** The pre-issued token stays in use until SellerCloud refuses it once. */
  private apiToken: string | undefined;
  private tokenExpiresAt: number | undefined;

  constructor(options: HttpOptions) {
    this.options = options;
    this.baseUrl = normaliseBaseUrl(options.baseUrl);
    this.retry = { ...DEFAULT_RETRY, ...options.retry };
    this.key = connectionKey(this.baseUrl, options.username, options.password);
    this.cache = options.tokenCache ?? sharedTokenCache;
    // A loopback host is the sandbox (standalone or mounted in the app): it has no hourly budget to protect.
    this.limiter =
      options.limiter ??
      (isLoopback(this.baseUrl) ? unlimited : limiterFor(connectionKey(this.baseUrl, options.username, undefined)));
    this.doFetch = options.fetch ?? globalThis.fetch;
    this.wait = options.sleep ?? sleep;
    this.now = options.now ?? Date.now;
    this.random = options.random ?? Math.random;
    this.log = options.log ?? silentLogger;
    this.timeoutMs = options.timeoutMs ?? 60_000;
    this.apiToken = options.apiToken?.trim() || undefined;
  }

  get callsMade(): number {
    return this.stats.calls;
  }

  get canLogin(): boolean {
    return Boolean(this.options.username && this.options.password);
  }

  /** Expiry of the token obtained by this instance's last login (epoch ms), if any. */
  get tokenExpiry(): number | undefined {
    return this.tokenExpiresAt;
  }

  private secrets(): (string | undefined)[] {
    return [this.options.password, this.options.apiToken, this.cache.get(this.key, 0, 0)];
  }

  /** Logs in with username/password (always a fresh token) and caches it. */
  async login(signal?: AbortSignal): Promise<string> {
    if (!this.canLogin) {
      throw new SellerCloudError("A SellerCloud username and password are needed to log in.", {
        kind: "auth",
        retryable: false,
      });
    }
    return this.cache.dedupe(this.key, async () => {
      this.stats.logins++;
      const { status, text } = await this.send("POST", "/api/token", {
        auth: false,
        idempotent: true,
        body: { Username: this.options.username, Password: this.options.password },
        signal,
      });
      const data = this.parseJson(text, status, "POST", "/api/token");
      const record = (data ?? {}) as Record<string, unknown>;
      const token = record.access_token;
      const expiresIn = Number(record.expires_in);
      if (typeof token !== "string" || !token) {
        throw new SellerCloudError("SellerCloud answered the login without an access token.", {
          kind: "invalid_response",
          status,
          retryable: false,
          method: "POST",
          path: "/api/token",
          body: trimBody(text, this.secrets()),
        });
      }
      // Docs disagree (1800 s vs 60 min); trust the live expires_in, default to 30 min if absent.
      const lifetimeMs = Number.isFinite(expiresIn) && expiresIn > 0 ? expiresIn * 1000 : 30 * 60_000;
      const issuedAt = this.now();
      const expiresAt = issuedAt + lifetimeMs;
      this.tokenExpiresAt = expiresAt;
      this.cache.set(this.key, token, issuedAt, expiresAt);
      return token;
    });
  }

  private renewBefore(): number {
    return this.options.renewBeforeMs ?? 5 * 60_000;
  }

  private async bearer(signal?: AbortSignal): Promise<string> {
    if (this.apiToken) return this.apiToken;
    const cached = this.cache.get(this.key, this.now(), this.renewBefore());
    if (cached) return cached;
    return this.login(signal);
  }

  /** Sends a request and returns the parsed JSON body (undefined for an empty 200). */
  async json(method: string, path: string, options: RequestOptions = {}): Promise<unknown> {
    const { status, text } = await this.send(method, path, options);
    return this.parseJson(text, status, method, path);
  }

  private parseJson(text: string, status: number, method: string, path: string): unknown {
    if (!text.trim()) return undefined;
    if (HTML_START.test(text)) throw this.notApi(status, method, path, text);
    try {
      return JSON.parse(text);
    } catch (cause) {
      throw this.notApi(status, method, path, text, cause);
    }
  }

  private notApi(status: number, method: string, path: string, text: string, cause?: unknown) {
    return new SellerCloudError(
      `${this.host()} answered with a web page or other non-JSON text, not the SellerCloud API. Check the Server ID or API URL (it should look like https://yourserver.api.sellercloud.com/rest).`,
      { kind: "not_api", status, retryable: false, method, path, body: trimBody(text, this.secrets()), cause },
    );
  }

  private host(): string {
    try {
      return new URL(this.baseUrl).host;
    } catch {
      return this.baseUrl;
    }
  }

  /** The retry loop. Returns only 2xx outcomes; everything else becomes a SellerCloudError. */
  async send(method: string, path: string, options: RequestOptions = {}): Promise<Outcome> {
    const auth = options.auth ?? true;
    const idempotent = options.idempotent ?? method === "GET";
    const signal = combineSignals(this.options.signal, options.signal);
    const url = `${this.baseUrl}${path}${buildQuery(options.query)}`;
    const body = options.body === undefined ? undefined : JSON.stringify(options.body);
    let retries = 0;
    let throttleWaited = 0;
    let reauthenticated = false;

    for (;;) {
      if (signal?.aborted) throw abortedError(signal);
      const token = auth ? await this.bearer(signal) : undefined;
      await this.limiter.acquire(signal);
      this.stats.calls++;

      let outcome: Outcome;
      try {
        outcome = await this.fetchOnce(method, url, token, body, signal);
      } catch (error) {
        const failure = this.networkError(error, method, path, idempotent, signal);
        const safeToRepeat = idempotent || !failure.mayHaveApplied;
        if (failure.retryable && safeToRepeat && retries < this.retry.maxRetries) {
          retries++;
          this.stats.retries++;
          const delay = backoffDelay(retries, this.retry, this.random);
          this.log.warn("sellercloud request failed; retrying", {
            method,
            path,
            kind: failure.kind,
            retry: retries,
            delayMs: delay,
          });
          await this.wait(delay, signal);
          continue;
        }
        throw failure;
      }

      const throttleWait = this.throttleDelay(outcome);
      if (throttleWait !== undefined) {
        if (throttleWaited + throttleWait > this.retry.maxThrottleWaitMs) {
          throw new SellerCloudError(
            `SellerCloud's rate limit is still in force after waiting ${Math.round(throttleWaited / 1000)} s; try again later.`,
            {
              kind: "throttled",
              status: outcome.status,
              retryable: true,
              method,
              path,
              body: trimBody(outcome.text, this.secrets()),
            },
          );
        }
        throttleWaited += throttleWait;
        this.stats.throttleWaits++;
        this.stats.throttleWaitMs += throttleWait;
        this.log.warn("sellercloud throttled; waiting", { method, path, status: outcome.status, waitMs: throttleWait });
        await this.wait(throttleWait, signal);
        continue; // waiting out a throttle does not use up a retry
      }

      const { status } = outcome;
      if (status >= 200 && status < 300) return outcome;

      if (status === 401 && auth) {
        if (!reauthenticated && this.canLogin) {
          reauthenticated = true;
          // A refused pre-issued token is dropped for good; a cached one is renewed by logging in.
          if (this.apiToken) this.apiToken = undefined;
          else this.cache.invalidate(this.key, token);
          continue;
        }
        throw new SellerCloudError(
          this.canLogin
            ? "SellerCloud refused the access token even after logging in again. Check that the user may use the API."
            : "SellerCloud refused the API token. Enter a new token, or a username and password.",
          { kind: "auth", status, retryable: false, method, path, body: trimBody(outcome.text, this.secrets()) },
        );
      }

      const failure = this.httpError(outcome, method, path, auth, idempotent);
      if (failure.retryable && idempotent && retries < this.retry.maxRetries) {
        retries++;
        this.stats.retries++;
        const delay = backoffDelay(retries, this.retry, this.random);
        this.log.warn("sellercloud server error; retrying", { method, path, status, retry: retries, delayMs: delay });
        await this.wait(delay, signal);
        continue;
      }
      throw failure;
    }
  }

  private async fetchOnce(
    method: string,
    url: string,
    token: string | undefined,
    body: string | undefined,
    signal?: AbortSignal,
  ) {
    const timeout = AbortSignal.timeout(this.timeoutMs);
    const combined = signal ? AbortSignal.any([signal, timeout]) : timeout;
    const headers: Record<string, string> = { Accept: "application/json" };
    if (body !== undefined) headers["Content-Type"] = "application/json";
    if (token) headers.Authorization = `Bearer ${token}`;
    const response = await this.doFetch(url, { method, headers, body, signal: combined });
    const text = await response.text();
    return { status: response.status, headers: response.headers, text };
  }

  /** Milliseconds to wait if the response is a throttle, else undefined. */
  private throttleDelay(outcome: Outcome): number | undefined {
    const { status, headers, text } = outcome;
    // SellerCloud's documented throttle is a body with RateLimitResetTime, whatever the status.
    if (text.includes("RateLimitResetTime")) {
      let reset: unknown;
      try {
        reset = (JSON.parse(text) as Record<string, unknown>).RateLimitResetTime;
      } catch {
        reset = undefined;
      }
      if (reset !== undefined) {
        const at = parseServerDate(reset);
        const base = at === undefined ? this.retry.baseDelayMs : Math.max(0, at - this.now());
        return base + Math.floor(this.random() * this.retry.throttleJitterMs);
      }
    }
    if (status === 429 || status === 503) {
      const retryAfter = headers.get("retry-after");
      if (retryAfter) {
        const seconds = Number(retryAfter);
        const ms = Number.isFinite(seconds) ? seconds * 1000 : Date.parse(retryAfter) - this.now();
        if (Number.isFinite(ms)) return Math.max(0, ms) + Math.floor(this.random() * this.retry.throttleJitterMs);
      }
    }
    return undefined;
  }

  private networkError(
    error: unknown,
    method: string,
    path: string,
    idempotent: boolean,
    signal?: AbortSignal,
  ): SellerCloudError {
    if (error instanceof SellerCloudError) return error;
    if (signal?.aborted) return abortedError(signal);
    const name = (error as { name?: string })?.name;
    if (name === "TimeoutError" || name === "AbortError") {
      return new SellerCloudError(
        `SellerCloud did not answer within ${Math.round(this.timeoutMs / 1000)} seconds (${method} ${path}).`,
        { kind: "timeout", retryable: true, mayHaveApplied: !idempotent, method, path, cause: error },
      );
    }
    const code = errorCode(error);
    if (code === "ENOTFOUND" || code === "EAI_AGAIN" || code === "EAI_NONAME") {
      return new SellerCloudError(
        `Could not find the SellerCloud server "${this.host()}". Check the Server ID or API URL.`,
        { kind: "dns", retryable: code === "EAI_AGAIN", method, path, cause: error },
      );
    }
    if (
      code === "ECONNREFUSED" ||
      code === "EHOSTUNREACH" ||
      code === "ENETUNREACH" ||
      code === "UND_ERR_CONNECT_TIMEOUT"
    ) {
      return new SellerCloudError(`Could not connect to ${this.host()} (${code}).`, {
        kind: "connection",
        retryable: true,
        method,
        path,
        cause: error,
      });
    }
    if (code === "CERT_HAS_EXPIRED" || code?.startsWith("ERR_TLS") || code?.includes("CERT")) {
      return new SellerCloudError(`The secure connection to ${this.host()} failed (${code}).`, {
        kind: "connection",
        retryable: false,
        method,
        path,
        cause: error,
      });
    }
    // Reset or closed mid-request: the server may have acted on a write.
    return new SellerCloudError(
      `The connection to ${this.host()} was dropped before SellerCloud answered${code ? ` (${code})` : ""}.`,
      { kind: "connection", retryable: true, mayHaveApplied: !idempotent, method, path, cause: error },
    );
  }

  private httpError(
    outcome: Outcome,
    method: string,
    path: string,
    auth: boolean,
    idempotent: boolean,
  ): SellerCloudError {
    const { status, text } = outcome;
    const body = trimBody(text, this.secrets());
    const isHtml = HTML_START.test(text);
    let parsed: unknown;
    if (!isHtml) {
      try {
        parsed = text ? JSON.parse(text) : undefined;
      } catch {
        parsed = undefined;
      }
    }
    const detail = extractErrorMessage(parsed);
    const suffix = detail ? `: ${trimBody(detail, this.secrets())}` : ".";
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
    if (isHtml || (text.trim() && parsed === undefined)) return this.notApi(status, method, path, text);
    if (status === 404) {
      return new SellerCloudError(
        `SellerCloud returned "not found" for ${where}. The API user may lack permission for this module in SellerCloud (Delta > Employees > API permissions), or the API URL is wrong${detail ? ` (${trimBody(detail, this.secrets())})` : ""}.`,
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
}

function isLoopback(baseUrl: string): boolean {
  const host = new URL(baseUrl).hostname;
  return host === "localhost" || host === "[::1]" || /^127\.\d+\.\d+\.\d+$/.test(host);
}

function errorCode(error: unknown): string | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 4 && current; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === "string") return code;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

function combineSignals(a?: AbortSignal, b?: AbortSignal): AbortSignal | undefined {
  if (a && b) return AbortSignal.any([a, b]);
  return a ?? b;
}

/** SellerCloud dates usually lack an offset; read them as UTC. */
export function parseServerDate(value: unknown): number | undefined {
  if (typeof value !== "string" || !value) return undefined;
  const hasZone = /(?:Z|[+-]\d{2}:?\d{2})$/i.test(value);
  const ms = Date.parse(hasZone ? value : `${value}Z`);
  return Number.isFinite(ms) ? ms : Date.parse(value) || undefined;
}
