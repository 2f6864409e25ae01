/**
 * Serves one SellerCloud API request from the route table (areas/registry.ts), as SellerCloud's
 * ASP.NET Web API answers: orders that have come due are added first (`growOrders`), a route that
 * is not public needs a valid bearer token (401), an unknown path is a 404 and a known path asked
 * with another method a 405. A route's thrown `SandboxError` is answered by the caller.
 */
import type { SandboxArea, SandboxRoute } from "./areas/area";
import { SANDBOX_AREAS } from "./areas/registry";
import { type CoreRequest, json, methodNotAllowed, notFoundRoute, type Routed } from "./exchange";
import { Query } from "./query";
import type { SandboxState } from "./state";

interface TableRow {
  area: SandboxArea<unknown>;
  route: SandboxRoute<unknown>;
  /** A string path, lower-cased. */
  exact?: string;
}

/** Every route of every area, in registry order; a repeated method and path is a programming error. */
function buildTable(areas: readonly SandboxArea<unknown>[]): TableRow[] {
  const rows: TableRow[] = [];
  const seen = new Map<string, string>();
  for (const area of areas) {
    for (const route of area.routes) {
      const exact = typeof route.path === "string" ? route.path.toLowerCase().replace(/\/+$/, "") : undefined;
      const key = `${route.method} ${exact ?? String(route.path)}`;
      const other = seen.get(key);
      if (other) throw new Error(`Sandbox route ${key} is defined twice (areas "${other}" and "${area.name}").`);
      seen.set(key, area.name);
      rows.push({ area, route, exact });
    }
  }
  return rows;
}

const TABLE = buildTable(SANDBOX_AREAS);

/** Answers a request for `apiPath` (the path under /rest) on the tenant `state`. */
export function routeApi(state: SandboxState, req: CoreRequest, apiPath: string, body: unknown): Routed {
  state.catchUp();
  const lower = apiPath.toLowerCase().replace(/\/+$/, "");
  const matches: { row: TableRow; params: string[] }[] = [];
  for (const row of TABLE) {
    if (row.exact !== undefined) {
      if (row.exact === lower) matches.push({ row, params: [] });
      continue;
    }
    const found = (row.route.path as RegExp).exec(lower);
    if (found) matches.push({ row, params: found.slice(1) });
  }
  if (!matches.some((m) => m.row.route.public)) {
    const auth = req.header("authorization");
    const token = auth && /^bearer\s+/i.test(auth) ? auth.replace(/^bearer\s+/i, "").trim() : undefined;
    if (!state.checkToken(token)) return json(401, { Message: "Authorization has been denied for this request." });
  }
  if (!matches.length) return notFoundRoute(apiPath);
  const hit = matches.find((m) => m.row.route.method === req.method);
  if (!hit) return methodNotAllowed(req.method);
  const { area, route } = hit.row;
  return route.handle({
    state,
    own: area.createState ? state.areaState(area) : undefined,
    query: new Query(req.search),
    body,
    params: hit.params,
    apiPath,
    request: req,
  });
}
