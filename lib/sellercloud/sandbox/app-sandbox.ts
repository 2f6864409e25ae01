/**
 * The app's built-in sandbox (mounted at /sandbox-api when SANDBOX_ENABLED): one SandboxTenants
 * per server process, kept on globalThis because Next.js may load a module in more than one
 * bundle, and the per-workspace login the Connect step's "Use the sandbox" fills in.
 */
import { env } from "@/lib/env";
import { type SandboxLogin, SandboxTenants, sandboxLoginFor } from "./tenants";

/** Where the Connect step's "Use the sandbox" points: {origin}/sandbox-api/rest. */
export const APP_SANDBOX_BASE_PATH = "/sandbox-api";

const globalForSandbox = globalThis as unknown as { conduitSandboxTenants?: SandboxTenants };

export function appSandbox(): SandboxTenants {
  globalForSandbox.conduitSandboxTenants ??= new SandboxTenants({
    basePath: APP_SANDBOX_BASE_PATH,
    secret: () => env().authSecret,
  });
  return globalForSandbox.conduitSandboxTenants;
}

/** The workspace's own sandbox login, or null when the sandbox is off. */
export function workspaceSandboxLogin(workspaceId: string): SandboxLogin | null {
  return env().sandboxEnabled ? sandboxLoginFor(workspaceId, env().authSecret) : null;
}

/**
 * Resets the workspace's sandbox tenant to fresh data dated from now (SellerCloud's side only:
 * orders already imported into Conduit stay). Returns false when the sandbox is off.
 */
export function resetWorkspaceSandbox(workspaceId: string): boolean {
  const login = workspaceSandboxLogin(workspaceId);
  return login ? appSandbox().reset(login) : false;
}
