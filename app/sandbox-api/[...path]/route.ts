/** /sandbox-api/*: the built-in SellerCloud sandbox's API (404 unless the sandbox is enabled). */

import { env } from "@/lib/env";
import { appSandbox } from "@/lib/sellercloud/sandbox/app-sandbox";

export const dynamic = "force-dynamic";

// The built-in SellerCloud sandbox: one tenant per workspace login (lib/sellercloud/sandbox/tenants.ts).
async function serve(request: Request): Promise<Response> {
  // Off in production unless SANDBOX_ENABLED=true: then this path does not exist.
  if (!env().sandboxEnabled) return new Response("Not found", { status: 404 });
  return appSandbox().fetch(request);
}

export const GET = serve;
export const POST = serve;
export const PUT = serve;
export const PATCH = serve;
export const DELETE = serve;
