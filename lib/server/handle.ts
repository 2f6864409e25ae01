import crypto from "node:crypto";
import { unstable_rethrow } from "next/navigation";
import { NextResponse } from "next/server";
import type { z } from "zod";
import { AppError, isAppError } from "@/lib/errors";
import { createLogger } from "@/lib/log";
import { requireApiSession, type WorkspaceSession } from "./session";

const log = createLogger("server");

export type ActionResult<T> =
  | { ok: true; data: T }
  | { ok: false; error: string; code: string; fieldErrors?: Record<string, string>; requestId?: string };

/** Turns any thrown value into what the user may see: AppError messages, or a generic one with a request id. */
export function toSafeError(error: unknown, where: string): Extract<ActionResult<never>, { ok: false }> {
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
 * The one shape of every server action: authenticate, parse with zod, call lib, map errors.
 * Next.js control flow thrown by the body (redirect, notFound) passes through untouched.
 */
export function authedAction<S extends z.ZodType, T>(
  schema: S,
  body: (input: z.infer<S>, session: WorkspaceSession) => Promise<T>,
): (input: z.input<S>) => Promise<ActionResult<T>> {
  return async (input) => {
    try {
      const session = await requireApiSession();
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
}

/** The one shape of every route handler: errors become JSON with the AppError's status. */
export function jsonRoute<C>(handler: (request: Request, context: C) => Promise<Response>) {
  return async (request: Request, context: C): Promise<Response> => {
    try {
      return await handler(request, context);
    } catch (error) {
      const safe = toSafeError(error, new URL(request.url).pathname);
      const status = isAppError(error) ? error.status : 500;
      return NextResponse.json(
        { error: safe.error, code: safe.code, fieldErrors: safe.fieldErrors, requestId: safe.requestId },
        { status },
      );
    }
  };
}
