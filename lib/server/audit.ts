/**
 * The audit log from actions and route handlers: who (the session's person) and from where (the
 * client's IP, read as sign-in reads it, honouring TRUSTED_PROXIES; the user agent), then
 * lib/audit/record.ts. Actions call `recordAuditFor(session, entry)` after the change succeeded,
 * or pass their transaction as `db` so the entry and the change commit together.
 */
import type net from "node:net";
import { headers } from "next/headers";
import type { Db } from "@/db/client";
import { getDb } from "@/db/index";
import { clientIp, parseTrustedProxies } from "@/lib/accounts/client-ip";
import { type AuditActor, type AuditEntryInput, recordAudit } from "@/lib/audit/record";
import { env } from "@/lib/env";
import type { WorkspaceSession } from "./session";

let proxies: { source: string | undefined; list: net.BlockList | undefined } | undefined;

function proxyPolicy() {
  const { trustedProxies: source, isVercel } = env();
  if (!proxies || proxies.source !== source) {
    proxies = { source, list: source ? parseTrustedProxies(source) : undefined };
  }
  return { trustedProxies: proxies.list, isVercel };
}

/** Who is acting and from where, from the session and this request's headers. */
export async function auditActorOf(session: Pick<WorkspaceSession, "userId" | "email">): Promise<AuditActor> {
  let requestHeaders: Headers | undefined;
  try {
    requestHeaders = await headers();
  } catch {
    requestHeaders = undefined; // outside a request (a script): no IP or user agent to record
  }
  return {
    userId: session.userId,
    label: session.email,
    ip: requestHeaders ? (clientIp(requestHeaders, proxyPolicy()) ?? null) : null,
    userAgent: requestHeaders?.get("user-agent") ?? null,
  };
}

/** Records one entry for the session's workspace, by the session's person. */
export async function recordAuditFor(
  session: Pick<WorkspaceSession, "userId" | "email" | "workspaceId">,
  entry: AuditEntryInput,
  db?: Db,
): Promise<void> {
  await recordAudit(db ?? (await getDb()), session.workspaceId, await auditActorOf(session), entry);
}

/** The actor of a request authenticated by an API key (no person): "API key cdt_…" and the request's origin. */
export function apiKeyAuditActor(request: Request, keyPrefix: string): AuditActor {
  return {
    userId: null,
    label: `API key ${keyPrefix}`,
    ip: clientIp(request.headers, proxyPolicy()) ?? null,
    userAgent: request.headers.get("user-agent"),
  };
}
