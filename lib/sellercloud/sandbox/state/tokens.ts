/**
 * A sandbox tenant's bearer tokens: issued by POST /api/token, valid for `tokenTtlSeconds` of real
 * time, and all expired at once on demand (token expiry mid-run). Tokens survive a data reset.
 */
import { randomBytes } from "node:crypto";
import type { SandboxConfig } from "../config";

export class TokenStore {
  private readonly tokens = new Map<string, { username: string; expiresAt: number }>();

  constructor(private readonly config: SandboxConfig) {}

  issueToken(username: string): { token: string; expiresIn: number; issuedAt: number } {
    // Token times are real instants (".issued" is sent in GMT), not the tenant's wall clock.
    const issuedAt = this.config.now();
    const payload = Buffer.from(JSON.stringify({ sub: username, iat: Math.floor(issuedAt / 1000) })).toString(
      "base64url",
    );
    const token = `eyJhbGciOiJIUzI1NiJ9.${payload}.${randomBytes(16).toString("base64url")}`;
    this.tokens.set(token, { username, expiresAt: issuedAt + this.config.tokenTtlSeconds * 1000 });
    return { token, expiresIn: this.config.tokenTtlSeconds, issuedAt };
  }

  checkToken(token: string | undefined): boolean {
    if (!token) return false;
    const entry = this.tokens.get(token);
    if (!entry) return false;
    if (this.config.now() >= entry.expiresAt) {
      this.tokens.delete(token);
      return false;
    }
    return true;
  }

  /** Every issued token stops working (token expiry mid-run). */
  expireTokens(): number {
    const count = this.tokens.size;
    this.tokens.clear();
    return count;
  }
}
