/**
 * SellerCloud access tokens, cached per connection and process so runs do not log in on every
 * request. SellerCloud has no refresh token: renewing means logging in again
 * (`POST /api/token`, reference/sellercloud-api.md §1).
 */

import { createHash } from "node:crypto";

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
