/**
 * The wrappers every server action (authedAction) and route handler (jsonRoute) goes through:
 * session, input checks, the Origin check on state-changing cookie requests, and errors turned into
 * what a person may see.
 */
import crypto from "node:crypto";
import { unstable_rethrow } from "next/navigation";
import { NextResponse } from "next/server";
import type { z } from "zod";
import { env } from "@/lib/env";
import { AppError, isAppError } from "@/lib/errors";
import { createLogger } from "@/lib/log";
import { type Capability, requireCapability } from "@/lib/members/permissions";
import { requireApiSession, type WorkspaceSession } from "./session";

const log = createLogger("server");

export type ActionResult<T> =
  | { ok: true; data: T }
  | { ok: false; error: string; code: string; fieldErrors?: Record<string, string>; requestId?: string };

/**
 * A value the database refused as data (SQLSTATE class 22: a NUL byte, an impossible date, a
 * malformed uuid, a number out of range) is the request's fault, not the server's: 400 with a plain
 * message. Input validation should catch these first; this keeps a gap from becoming a 500.
 */
function databaseDataError(error: unknown): AppError | null {
  for (
    let e: unknown = error, depth = 0;
    e && typeof e === "object" && depth < 5;
    e = (e as { cause?: unknown }).cause, depth++
  ) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === "string" && /^22[0-9A-Z]{3}$/.test(code)) {
      return new AppError(
        "BAD_REQUEST",
        "Part of the request is not a value Conduit can store or search for (for example an impossible date or a control character). Check what you entered.",
      );
    }
  }
  return null;
}

/** Turns any thrown value into what the user may see: AppError messages, or a generic one with a request id. */
export function toSafeError(error: unknown, where: string): Extract<ActionResult<never>, { ok: false }> {
  const dataError = isAppError(error) ? null : databaseDataError(error);
  if (dataError) {
    log.warn("refused a value the database rejected", {
      where,
      error: error instanceof Error ? error.message : String(error),
    });
    return { ok: false, error: dataError.message, code: dataError.code };
  }
  if (isAppError(error)) return { ok: false, error: error.message, code: error.code, fieldErrors: error.fieldErrors };
  const requestId = crypto.randomUUID();
  log.error("unexpected error", { where, requestId, error: error instanceof Error ? error.stack : String(error) });
  return {
    ok: false,
    code: "INTERNAL",
    requestId,
    error: `Something went wrong on our side. If it keeps happening, report request ${requestId}.`,
  };
}

export function fieldErrorsOf(error: z.ZodError): Record<string, string> {
  const out: Record<string, string> = {};
  for (const issue of error.issues) {
    const key = issue.path.join(".") || "_form";
    out[key] ??= issue.message;
  }
  return out;
}

/**
 * The one shape of every server action: authenticate, authorise, parse with zod, call lib, map
 * errors. `capability` (lib/members/permissions.ts) is required: the user's role in the session's
 * workspace, read fresh on this request, must have it, else FORBIDDEN before the input is read.
 * Next.js control flow thrown by the body (redirect, notFound) passes through untouched.
 */
export function authedAction<S extends z.ZodType, T>(
  capability: Capability,
  schema: S,
  body: (input: z.infer<S>, session: WorkspaceSession) => Promise<T>,
): ((input: z.input<S>) => Promise<ActionResult<T>>) & { capability: Capability } {
  const action = async (input: z.input<S>): Promise<ActionResult<T>> => {
    try {
      const session = await requireApiSession();
      requireCapability(session.role, capability);
      const parsed = schema.safeParse(input);
      if (!parsed.success) {
        const fieldErrors = fieldErrorsOf(parsed.error);
        return { ok: false, code: "VALIDATION", error: "Some fields need attention.", fieldErrors };
      }
      return { ok: true, data: await body(parsed.data, session) };
    } catch (error) {
      unstable_rethrow(error);
      return toSafeError(error, "action");
    }
  };
  return Object.assign(action, { capability });
}

const STATE_CHANGING = new Set(["POST", "PUT", "PATCH", "DELETE"]);
const SESSION_COOKIE = /(?:^|;\s*)(?:__Secure-)?authjs\.session-token(?:\.\d+)?=/;

/**
 * Cross-site request forgery check for route handlers, as Next.js does for server actions: a
 * state-changing request that carries the session cookie must come from our own origin (AUTH_URL's,
 * or else the Host the request was sent to). Requests without the cookie (the shipments API with
 * its API key, server to server) are not a browser riding a session and pass. FORBIDDEN otherwise.
 */
export function checkSameOrigin(request: Request, publicUrl: URL | undefined = env().authUrl): void {
  if (!STATE_CHANGING.has(request.method.toUpperCase())) return;
  if (!SESSION_COOKIE.test(request.headers.get("cookie") ?? "")) return;
  const origin = request.headers.get("origin");
  let ok = false;
  if (origin && origin !== "null") {
    try {
      const from = new URL(origin);
      if (publicUrl) ok = from.origin === publicUrl.origin;
      else {
        const host =
          request.headers.get("x-forwarded-host") ?? request.headers.get("host") ?? new URL(request.url).host;
        ok = from.host === host.split(",")[0]!.trim();
      }
    } catch {
      ok = false;
    }
  } else {
    // No Origin (old browsers): the browser's own same-origin marker, when it sent one.
    ok = request.headers.get("sec-fetch-site") === "same-origin";
  }
  if (!ok)
    throw new AppError("FORBIDDEN", "This request came from another site, so it was refused. Use Conduit's own pages.");
}

/** Who may call a route handler: a session whose role has `capability`, or an API key (checked by the route). */
export type RouteAccess = { capability: Capability } | { authenticatedBy: "apiKey" };

/**
 * The one shape of every route handler: the Origin check on state-changing cookie requests, the
 * session and the role's capability (required, lib/members/permissions.ts; 401 signed out, 403
 * without it), then the handler with the session; errors become JSON with the AppError's status
 * (a database data error: 400).
 *
 * `{ authenticatedBy: "apiKey" }` marks a route that authenticates only by its Authorization
 * header and never reads the session cookie: a browser cannot forge that header cross-site, so the
 * Origin check does not apply and the route's key check answers first (401 without a key), whatever
 * cookies ride along. Its handler gets no session.
 */
export function jsonRoute<C>(
  handler: (request: Request, context: C, session: WorkspaceSession) => Promise<Response>,
  access: { capability: Capability },
): ((request: Request, context: C) => Promise<Response>) & { access: RouteAccess };
export function jsonRoute<C>(
  handler: (request: Request, context: C) => Promise<Response>,
  access: { authenticatedBy: "apiKey" },
): ((request: Request, context: C) => Promise<Response>) & { access: RouteAccess };
export function jsonRoute<C>(
  handler: (request: Request, context: C, session: WorkspaceSession) => Promise<Response>,
  access: RouteAccess,
) {
  const route = async (request: Request, context: C): Promise<Response> => {
    try {
      if ("authenticatedBy" in access)
        return await (handler as (r: Request, c: C) => Promise<Response>)(request, context);
      checkSameOrigin(request);
      const session = await requireApiSession();
      requireCapability(session.role, access.capability);
      return await handler(request, context, session);
    } catch (error) {
      const safe = toSafeError(error, new URL(request.url).pathname);
      const status = isAppError(error) ? error.status : safe.code === "BAD_REQUEST" ? 400 : 500;
      return NextResponse.json(
        { error: safe.error, code: safe.code, fieldErrors: safe.fieldErrors, requestId: safe.requestId },
        { status },
      );
    }
  };
  return Object.assign(route, { access });
}
