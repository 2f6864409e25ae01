/**
 * The sandbox's request and answer shapes, whatever adapter carried them (node:http or Web
 * Request): `CoreRequest` in, `Routed` from a route, `CoreResponse` out; and the helpers that build
 * SellerCloud's answers (JSON, its 404/405 bodies, the web server's HTML 404 and maintenance page,
 * a `SandboxError` as its status and body) and read request bodies (JSON or form).
 */
import { badRequest, SandboxError } from "./errors";
import type { Json } from "./wire-format";

/** One request as the adapters hand it over. */
export interface CoreRequest {
  method: string;
  /** Path without the base path. */
  path: string;
  search: URLSearchParams;
  header: (name: string) => string | undefined;
  bodyText: string;
  isClosed: () => boolean;
}

/** The answer the adapters send, or `drop` to close the connection without one. */
export type CoreResponse =
  | { drop: true }
  | { drop?: false; status: number; headers: Record<string, string>; body: string };

/** What a route answers: JSON, or text with its own headers. */
export interface Routed {
  status: number;
  json?: unknown;
  text?: string;
  headers?: Record<string, string>;
}

/** A JSON answer with `status` (and extra headers). */
export const json = (status: number, body: unknown, headers?: Record<string, string>): Routed => ({
  status,
  json: body,
  headers,
});

/** SellerCloud's (ASP.NET Web API's) 404 for a path no route serves. */
export const notFoundRoute = (path: string): Routed =>
  json(404, { Message: `No HTTP resource was found that matches the request URI '${path}'.` });

/** The web server's HTML 404 page, as a wrong base URL on a real host gets. */
export const HTML_404 =
  "<!DOCTYPE html><html><head><title>The resource cannot be found.</title></head><body><h1>Server Error in '/' Application.</h1><h2>The resource cannot be found.</h2></body></html>";

/** The 200 web page SellerCloud serves during maintenance. */
export const MAINTENANCE_PAGE =
  "<!DOCTYPE html><html><head><title>SellerCloud - Maintenance</title></head><body><h1>We'll be back soon</h1><p>SellerCloud is undergoing scheduled maintenance. Please try again later.</p></body></html>";

/** A request body: form fields, parsed JSON, or undefined when empty; invalid JSON is a 400. */
export function parseBody(text: string, contentType: string | undefined): unknown {
  if (!text) return undefined;
  if (contentType?.includes("application/x-www-form-urlencoded")) return Object.fromEntries(new URLSearchParams(text));
  try {
    return JSON.parse(text);
  } catch {
    throw badRequest("The request body is not valid JSON.");
  }
}

/** ASP.NET Web API's 405 for a known path asked with another method. */
export function methodNotAllowed(method: string): Routed {
  return json(405, { Message: `The requested resource does not support http method '${method}'.` });
}

/** The body as a JSON object, or a 400 when it is anything else. */
export function asObject(body: unknown): Json {
  if (!body || typeof body !== "object" || Array.isArray(body))
    throw badRequest("The request body must be a JSON object.");
  return body as Json;
}

/** A thrown `SandboxError` as its answer; anything else as SellerCloud's 500. */
export function errorRoute(error: unknown): Routed {
  if (error instanceof SandboxError) return json(error.status, error.body);
  return json(500, { Message: "An error has occurred." });
}

/** A route's answer as the adapters send it (JSON gets its content type). */
export function finish(routed: Routed): CoreResponse {
  if (routed.json !== undefined) {
    return {
      status: routed.status,
      headers: { "Content-Type": "application/json; charset=utf-8", ...routed.headers },
      body: JSON.stringify(routed.json),
    };
  }
  return { status: routed.status, headers: { ...routed.headers }, body: routed.text ?? "" };
}
