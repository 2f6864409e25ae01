/**
 * The in-app sandbox's tenants: one SellerCloud stand-in per workspace, so one workspace's test
 * shipment never marks an order shipped for another. A tenant is chosen by its login:
 * `sandbox+<slug>@conduit.local` with a password both derived from the workspace id and the
 * server's secret (HMAC-SHA256), so nobody can log in to another workspace's tenant without the
 * server's secret. The legacy login `sandbox@conduit.local` / `sandbox` keeps one shared tenant
 * (old connections, scripts). Tenants are created on their first login, dated from then, grow new
 * orders as time passes (`growOrders`), and at most `maxTenants` are kept (least recently used
 * dropped; its next login starts a fresh one; a dropped tenant's token answers 401 and the client
 * logs in again).
 */
import { createHmac, timingSafeEqual } from "node:crypto";
import { DEFAULT_SANDBOX_CONFIG } from "./config";
import { SandboxInstance, type SandboxOptions } from "./server";

export interface SandboxLogin {
  username: string;
  password: string;
}

/** The login every workspace shared before tenants (still accepted, one shared tenant). */
export const SHARED_SANDBOX_LOGIN: SandboxLogin = {
  username: DEFAULT_SANDBOX_CONFIG.username,
  password: DEFAULT_SANDBOX_CONFIG.password,
};

const TENANT_USERNAME = /^sandbox\+([a-z0-9]{16})@conduit\.local$/i;

function hmac(secret: string, label: string): Buffer {
  return createHmac("sha256", secret).update(label).digest();
}

function passwordForSlug(secret: string, slug: string): string {
  return hmac(secret, `conduit-sandbox-password:${slug.toLowerCase()}`).toString("base64url").slice(0, 24);
}

/**
 * A workspace's own sandbox login: `sandbox+<16 hex>@conduit.local` and a 24-character password,
 * both HMAC-SHA256 of the workspace id under `secret` (the server's AUTH_SECRET), stable across
 * restarts.
 */
export function sandboxLoginFor(workspaceId: string, secret: string): SandboxLogin {
  const slug = hmac(secret, `conduit-sandbox-tenant:${workspaceId}`).toString("hex").slice(0, 16);
  return { username: `sandbox+${slug}@conduit.local`, password: passwordForSlug(secret, slug) };
}

/** The tenant slug of a per-workspace sandbox username, or null for any other username. */
export function tenantSlugOf(username: unknown): string | null {
  if (typeof username !== "string") return null;
  return TENANT_USERNAME.exec(username.trim())?.[1]?.toLowerCase() ?? null;
}

function samePassword(given: unknown, expected: string): boolean {
  if (typeof given !== "string") return false;
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** The username inside a sandbox token (its middle part is base64url JSON with `sub`), if any. */
function tokenUsername(authorization: string | null): string | undefined {
  const token = authorization?.replace(/^bearer\s+/i, "").trim();
  const payload = token?.split(".")[1];
  if (!payload) return undefined;
  try {
    const sub = (JSON.parse(Buffer.from(payload, "base64url").toString("utf8")) as { sub?: unknown }).sub;
    return typeof sub === "string" ? sub : undefined;
  } catch {
    return undefined;
  }
}

/** Username and password of a POST /api/token body (JSON or form, names in any case). */
function loginFields(text: string, contentType: string | null): { username?: unknown; password?: unknown } {
  let record: Record<string, unknown> = {};
  try {
    record = contentType?.includes("application/x-www-form-urlencoded")
      ? Object.fromEntries(new URLSearchParams(text))
      : (JSON.parse(text) as Record<string, unknown>);
  } catch {
    return {};
  }
  if (!record || typeof record !== "object") return {};
  const field = (name: string) => record[Object.keys(record).find((k) => k.toLowerCase() === name) ?? ""];
  return { username: field("username"), password: field("password") };
}

export interface SandboxTenantsOptions {
  /** Where the sandbox is mounted, e.g. "/sandbox-api". */
  basePath: string;
  /** The server's secret the logins are derived from (read when needed). */
  secret: () => string;
  /** Most tenants kept at once (default 32); the least recently used goes first. */
  maxTenants?: number;
  /** Extra options for every tenant (tests: a clock, sizes). */
  tenantOptions?: Omit<SandboxOptions, "basePath" | "username" | "password">;
}

export class SandboxTenants {
  private readonly tenants = new Map<string, SandboxInstance>();
  private shared: SandboxInstance | undefined;
  private readonly maxTenants: number;

  constructor(private readonly options: SandboxTenantsOptions) {
    this.maxTenants = Math.max(1, options.maxTenants ?? 32);
  }

  /** How many per-workspace tenants are in memory. */
  get size(): number {
    return this.tenants.size;
  }

  private create(login: SandboxLogin): SandboxInstance {
    return new SandboxInstance({
      requestLogLimit: 200,
      growOrders: true,
      ...this.options.tenantOptions,
      basePath: this.options.basePath,
      admin: false,
      username: login.username,
      password: login.password,
    });
  }

  private sharedTenant(): SandboxInstance {
    this.shared ??= this.create(SHARED_SANDBOX_LOGIN);
    return this.shared;
  }

  /** The tenant of `slug` if in memory (marked as just used). */
  private existing(slug: string): SandboxInstance | undefined {
    const tenant = this.tenants.get(slug);
    if (tenant) {
      this.tenants.delete(slug);
      this.tenants.set(slug, tenant);
    }
    return tenant;
  }

  private getOrCreate(slug: string): SandboxInstance {
    const found = this.existing(slug);
    if (found) return found;
    const tenant = this.create({
      username: `sandbox+${slug}@conduit.local`,
      password: passwordForSlug(this.options.secret(), slug),
    });
    this.tenants.set(slug, tenant);
    while (this.tenants.size > this.maxTenants) this.tenants.delete(this.tenants.keys().next().value as string);
    return tenant;
  }

  /**
   * Serves one SellerCloud request (Web Request -> Response) on the tenant its login or token
   * names. A login with a per-workspace username and the right password creates the tenant; a
   * wrong password, an unknown token or any other username goes to the shared tenant, which
   * answers 401 as SellerCloud would.
   */
  async fetch(request: Request): Promise<Response> {
    const path = new URL(request.url).pathname.toLowerCase().replace(/\/+$/, "");
    if (request.method.toUpperCase() === "POST" && path.endsWith("/rest/api/token")) {
      const text = await request.text();
      const { username, password } = loginFields(text, request.headers.get("content-type"));
      const slug = tenantSlugOf(username);
      const tenant =
        slug && samePassword(password, passwordForSlug(this.options.secret(), slug))
          ? this.getOrCreate(slug)
          : this.sharedTenant();
      return tenant.fetchHandler(new Request(request.url, { method: "POST", headers: request.headers, body: text }));
    }
    const slug = tenantSlugOf(tokenUsername(request.headers.get("authorization")));
    const tenant = (slug && this.existing(slug)) || this.sharedTenant();
    return tenant.fetchHandler(request);
  }

  /**
   * Back to freshly seeded data dated from now (orders spread over the days before this moment,
   * none shipped by Conduit), for the tenant of `login`. Tokens stay valid. Returns false when the
   * login is not a per-workspace one (the shared tenant is never reset from the app).
   */
  reset(login: SandboxLogin): boolean {
    const slug = tenantSlugOf(login.username);
    if (!slug || !samePassword(login.password, passwordForSlug(this.options.secret(), slug))) return false;
    const tenant = this.existing(slug);
    // Not in memory: its next login starts fresh anyway.
    if (tenant) tenant.reset({ epochMs: Math.floor(tenant.state.now() / 60_000) * 60_000 });
    return true;
  }

  /** The in-memory tenant of a login, if any (tests, diagnostics). */
  tenantOf(login: SandboxLogin): SandboxInstance | undefined {
    const slug = tenantSlugOf(login.username);
    return slug ? this.tenants.get(slug) : login.username === SHARED_SANDBOX_LOGIN.username ? this.shared : undefined;
  }
}
