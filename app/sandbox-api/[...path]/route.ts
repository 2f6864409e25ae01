import { env } from "@/lib/env";
import { SandboxInstance } from "@/lib/sellercloud/sandbox/server";

export const dynamic = "force-dynamic";

/** Where the Connect step's "Use the sandbox" points: {origin}/sandbox-api/rest. */
const BASE_PATH = "/sandbox-api";

// One seeded sandbox per server process (a few hundred orders, a couple thousand products),
// kept on globalThis because Next.js may load this module in more than one bundle.
const globalForSandbox = globalThis as unknown as { conduitSandbox?: SandboxInstance };

function sandbox(): SandboxInstance {
  globalForSandbox.conduitSandbox ??= new SandboxInstance({ basePath: BASE_PATH, admin: false });
  return globalForSandbox.conduitSandbox;
}

async function serve(request: Request): Promise<Response> {
  // Off in production unless SANDBOX_ENABLED=true: then this path does not exist.
  if (!env().sandboxEnabled) return new Response("Not found", { status: 404 });
  return sandbox().fetchHandler(request);
}

export const GET = serve;
export const POST = serve;
export const PUT = serve;
export const PATCH = serve;
export const DELETE = serve;
