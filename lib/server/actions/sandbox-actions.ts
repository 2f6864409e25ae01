"use server";

/**
 * The built-in sandbox's server action: reset this workspace's sandbox tenant (the workspace comes
 * from the session; Next.js refuses a server action whose Origin is not this site).
 */
import { z } from "zod";
import { AppError } from "@/lib/errors";
import { resetWorkspaceSandbox } from "@/lib/sellercloud/sandbox/app-sandbox";
import { authedAction } from "../handle";

const resetSandbox = authedAction("connections.credentials", z.object({}).strict(), async (_input, session) => {
  if (!resetWorkspaceSandbox(session.workspaceId))
    throw new AppError("NOT_FOUND", "The built-in SellerCloud sandbox is turned off on this server.");
  return { reset: true as const };
});

export async function resetSandboxAction() {
  return resetSandbox({});
}
