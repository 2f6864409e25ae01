/**
 * The retry loop under the SellerCloud client (`SellerCloudHttp.send`): one call, with a bearer
 * token, through the connection's rate limiter, retried with full-jitter backoff, waiting out
 * throttles without using up retries, and ending in a 2xx or a classified SellerCloudError. It
 * knows nothing about orders or products. Its parts: base-url.ts (addresses and query strings),
 * rate-limiter.ts, token-cache.ts, classify.ts (what a failure means), retry-policy.ts (how long
 * to wait), guarded-fetch.ts (which addresses may be reached; no redirects).
 *
 * Every retry layer in the product, innermost first: (1) client retries, here: network errors,
 * timeouts and 5xx on idempotent calls are retried up to `RetryPolicy.maxRetries` times
 * (`DEFAULT_RETRY` in retry-policy.ts: 4, backoff 0.5–10 s; the wizard's connection test uses 1, in
 * lib/channels/connections.ts), throttle answers are waited out up to `maxThrottleWaitMs` (65 min)
 * without counting, and a refused token gets one fresh login; writes that may have applied are not
 * repeated. (2) Runner page retries: a page that throws a retryable error is run again up to
 * `RunnerOptions.pageRetries` times (default 3, first pause `retryDelayMs` 1 s, doubling) in
 * lib/operations/runner.ts; a page commits whole or not at all. (3) Sync Orders attempts: a shipment
 * that failed retryably is picked up by later runs until it has used `MAX_AUTO_ATTEMPTS` (5)
 * SellerCloud attempts (lib/operations/sync-orders/model.ts, counted in `shipments.attempts`), and a
 * write that may have applied is read back before it is sent again.
 */

import type { Logger } from "@/lib/log";
import { silentLogger } from "@/lib/log";
import { requestDeadline } from "@/lib/util/request-deadline";
import { type Sleep, sleepOrThrow } from "@/lib/util/sleep-or-throw";
import { buildQuery, hostOfUrl, isLoopbackUrl, normaliseBaseUrl, type QueryParams } from "./base-url";
import { type CallContext, httpError, looksLikeHtml, networkError, notApiError, type Outcome } from "./classify";
import { abortedError, SellerCloudError, trimBody } from "./errors";
import { type AddressCheck, guardedFetch } from "./guarded-fetch";
import { limiterFor, type RateLimiter, unlimited } from "./rate-limiter";
import { backoffDelay, DEFAULT_RETRY, type RetryPolicy, throttleDelay } from "./retry-policy";
import { connectionKey, sharedTokenCache, type TokenCache } from "./token-cache";

// Re-exported: the options below take them, so a caller builds a client from this one import.
export type { QueryParams } from "./base-url";
export { unlimited } from "./rate-limiter";
export { TokenCache } from "./token-cache";

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
  /** Replaces the network (tests). Redirects are never followed whichever fetch is used. */
  fetch?: typeof fetch;
  /**
   * Which addresses this connection may reach, checked on the address actually connected to
   * (lib/channels/api-host-policy.ts builds it from SELLERCLOUD_ALLOWED_HOSTS and the sandbox
   * setting). Without it any address may be reached; ignored when `fetch` is given.
   */
  addressCheck?: AddressCheck;
  /**
   * This connection answered as the SellerCloud API before (a saved connection is only stored after
   * SellerCloud accepted its test). A web page instead of JSON is then reported as maintenance or an
   * outage (`unavailable`, retryable) instead of a wrong address (`not_api`).
   */
  workedBefore?: boolean;
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
  /** Set once a data call got a JSON answer: from then on a web page means an outage. */
  private answeredBefore = false;
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
      (isLoopbackUrl(this.baseUrl) ? unlimited : limiterFor(connectionKey(this.baseUrl, options.username, undefined)));
    this.doFetch = options.fetch ?? (options.addressCheck ? guardedFetch(options.addressCheck) : globalThis.fetch);
    this.wait = options.sleep ?? ((ms, signal) => sleepOrThrow(ms, signal, abortedError));
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
      const data = this.parseJson(text, status, "POST", "/api/token", { auth: false, idempotent: true });
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
    const data = this.parseJson(text, status, method, path, options);
    this.answeredBefore = true;
    return data;
  }

  private parseJson(text: string, status: number, method: string, path: string, options: RequestOptions): unknown {
    if (!text.trim()) return undefined;
    const ctx = () => this.context(method, path, options);
    if (looksLikeHtml(text)) throw notApiError(ctx(), status, text);
    try {
      return JSON.parse(text);
    } catch (cause) {
      throw notApiError(ctx(), status, text, cause);
    }
  }

  /** What classify.ts needs to word a failure of this call. */
  private context(method: string, path: string, options: RequestOptions): CallContext {
    return {
      method,
      path,
      host: hostOfUrl(this.baseUrl),
      secrets: this.secrets(),
      idempotent: options.idempotent ?? method === "GET",
      auth: options.auth ?? true,
      timeoutMs: this.timeoutMs,
      workedBefore: Boolean(this.options.workedBefore) || this.answeredBefore,
    };
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
        const failure =
          !(error instanceof SellerCloudError) && signal?.aborted
            ? abortedError(signal)
            : networkError(this.context(method, path, options), error);
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

      const throttleWait = throttleDelay(outcome, this.retry, this.now, this.random);
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

      const failure = httpError(this.context(method, path, options), outcome);
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
    // Cleared once the answer is read (lib/util/request-deadline.ts): the timeout covers the body too.
    const deadline = requestDeadline(this.timeoutMs, signal);
    const headers: Record<string, string> = { Accept: "application/json" };
    if (body !== undefined) headers["Content-Type"] = "application/json";
    if (token) headers.Authorization = `Bearer ${token}`;
    try {
      // Never follow a redirect: it could carry the login or the token to an address the policy forbids.
      const response = await this.doFetch(url, { method, headers, body, signal: deadline.signal, redirect: "manual" });
      const text = await response.text();
      return { status: response.status, headers: response.headers, text };
    } finally {
      deadline.done();
    }
  }
}

function combineSignals(a?: AbortSignal, b?: AbortSignal): AbortSignal | undefined {
  if (a && b) return AbortSignal.any([a, b]);
  return a ?? b;
}
