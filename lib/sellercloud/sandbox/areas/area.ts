/**
 * What a sandbox API area is: a named group of SellerCloud routes (method + path under /rest +
 * handler) and, when the area keeps data of its own, a factory for its per-tenant state. Every
 * area is one file in this folder and one line in areas/registry.ts; router.ts serves them (token
 * check, 404 for an unknown path, 405 for a known path asked with another method).
 */
import type { CoreRequest, Routed } from "../exchange";
import type { Query } from "../query";
import type { SandboxState } from "../state";

export type RouteMethod = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";

/** What a route's handler is given. */
export interface RouteContext<S> {
  /** The tenant's data: products, orders, shipping, tokens, settings. */
  state: SandboxState;
  /** This area's own per-tenant state (`createState`); undefined for an area without one. */
  own: S;
  /** The query string, read the way SellerCloud's ASP.NET binds it. */
  query: Query;
  /** The parsed body (JSON or form fields), or undefined when empty. */
  body: unknown;
  /** A RegExp path's capture groups, in order (as matched against the lower-cased path). */
  params: string[];
  /** The path under /rest as asked, e.g. "/api/Orders/5000001". */
  apiPath: string;
  request: CoreRequest;
}

export interface SandboxRoute<S> {
  method: RouteMethod;
  /**
   * The path under /rest. A string matches exactly in any case ("/api/Orders"); a RegExp is tested
   * against the lower-cased path without trailing slashes, its groups becoming `params`.
   */
  path: string | RegExp;
  /** Served without a bearer token (only POST /api/token). */
  public?: boolean;
  /** The answer; throw `SandboxError` (errors.ts, e.g. `badRequest`) for SellerCloud's refusals. */
  handle(ctx: RouteContext<S>): Routed;
}

export interface SandboxArea<S = undefined> {
  /** Unique among the areas (keys the per-tenant state), e.g. "orders". */
  readonly name: string;
  /**
   * The area's own per-tenant data, made on the tenant's first request to the area and again
   * after a reset (`SandboxState.areaState`). Read the tenant's products and orders from `state`.
   */
  readonly createState?: (state: SandboxState) => S;
  readonly routes: readonly SandboxRoute<S>[];
}
