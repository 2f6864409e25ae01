/**
 * The scheduler endpoint's gate. It fails closed: no CRON_SECRET configured means every request is
 * refused, on every host (not only on Vercel), and the comparison takes the same time whatever
 * the guess.
 */

import crypto from "node:crypto";
import { createLogger, type Logger } from "@/lib/log";

const sha256 = (value: string) => crypto.createHash("sha256").update(value, "utf8").digest();

export function isAuthorizedCron(authorization: string | null | undefined, secret: string | undefined): boolean {
  if (!secret || !authorization) return false;
  const match = /^Bearer\s+(\S+)$/i.exec(authorization.trim());
  if (!match?.[1]) return false;
  // Digests have equal length whatever was sent, so timingSafeEqual never throws on length and
  // the comparison leaks neither the secret's length nor a matching prefix.
  return crypto.timingSafeEqual(sha256(match[1]), sha256(secret));
}

export interface CronDeps<T> {
  /** Read per request, so a missing or invalid configuration refuses instead of crashing. */
  secret: () => string | undefined;
  tick: () => Promise<T>;
  log?: Logger;
}

const json = (body: unknown, status: number) =>
  new Response(JSON.stringify(body), {
    status,
    headers: { "content-type": "application/json", "cache-control": "no-store" },
  });

/** GET /api/cron: check the bearer secret, then run one tick. */
export async function handleCronRequest<T>(request: Request, deps: CronDeps<T>): Promise<Response> {
  const log = deps.log ?? createLogger("cron");
  let authorized = false;
  try {
    authorized = isAuthorizedCron(request.headers.get("authorization"), deps.secret());
  } catch (error) {
    log.error("cron secret could not be read", { error: String(error) });
  }
  if (!authorized) return json({ error: "Unauthorized" }, 401);
  try {
    const report = await deps.tick();
    return json({ ok: true, report }, 200);
  } catch (error) {
    const requestId = crypto.randomUUID();
    log.error("tick failed", { requestId, error: error instanceof Error ? error.stack : String(error) });
    return json({ ok: false, error: `The tick failed (request ${requestId}).` }, 500);
  }
}
