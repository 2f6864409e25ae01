/**
 * How fired faults (faults.ts) change the answer to one API request: side effects first (tokens
 * expire, new orders arrive), then filters dropped (`ignoreFilter`), text dirtied or records
 * damaged on the way out (`dirtyText`, `malformed`: the stored data stays intact), or the answer
 * replaced (throttle, Retry-After, error, 404, HTML, maintenance page, dropped connection, delay).
 */
import { sleepOrWake } from "@/lib/util/sleep-or-wake";
import {
  type CoreRequest,
  type CoreResponse,
  errorRoute,
  finish,
  HTML_404,
  json,
  MAINTENANCE_PAGE,
  type Routed,
} from "./exchange";
import type { Fault, FaultKind } from "./faults";
import type { SandboxState } from "./state";
import type { Json } from "./wire-format";

const SIDE_EFFECTS: ReadonlySet<FaultKind> = new Set(["expireTokens", "newOrders", "ignoreFilter", "dirtyText"]);

/**
 * Serves `req` through `route` as the faults `fired` for it say; with none, `route`'s answer as it
 * is. A route's thrown `SandboxError` becomes its answer.
 */
export async function serveWithFaults(
  state: SandboxState,
  req: CoreRequest,
  apiPath: string,
  fired: Fault[],
  route: (req: CoreRequest) => Routed,
): Promise<CoreResponse> {
  for (const fault of fired) {
    if (fault.kind === "expireTokens") state.expireTokens();
    if (fault.kind === "newOrders") {
      for (let i = 0; i < (fault.count ?? 5); i++) state.addOrder({ ...fault.order });
    }
  }
  const mode = fired.find((f) => !SIDE_EFFECTS.has(f.kind));
  const ignoring = fired.filter((f) => f.kind === "ignoreFilter");
  const served = ignoring.length ? withoutFilters(req, ignoring) : req;
  const dirty = fired.filter((f) => f.kind === "dirtyText");
  const serve = () => {
    try {
      const routed = route(served);
      for (const fault of dirty) dirtyText(routed, apiPath, fault);
      return routed;
    } catch (error) {
      return errorRoute(error);
    }
  };
  if (!mode) return finish(serve());
  switch (mode.kind) {
    case "throttle":
      return finish(
        json(mode.status ?? 429, {
          Error: "Too many requests.",
          RateLimitResetTime: new Date(Date.now() + (mode.resetMs ?? 1000)).toISOString(),
        }),
      );
    case "retryAfter":
      return finish(
        json(
          mode.status ?? 429,
          { Message: "Too many requests." },
          { "Retry-After": String(mode.retryAfterSeconds ?? 1) },
        ),
      );
    case "error":
      if (mode.applyFirst) serve();
      return finish(json(mode.status ?? 500, mode.body ?? { Message: "An error has occurred." }));
    case "notFound":
      return finish(
        json(
          mode.status ?? 404,
          mode.body ?? { Message: `No HTTP resource was found that matches the request URI '${apiPath}'.` },
        ),
      );
    case "html":
      return finish({
        status: mode.status ?? 200,
        text: HTML_404.replace("cannot be found", "requires sign-in"),
        headers: { "Content-Type": "text/html" },
      });
    case "maintenance":
      return finish({ status: mode.status ?? 200, text: MAINTENANCE_PAGE, headers: { "Content-Type": "text/html" } });
    case "drop":
      if (mode.applyFirst) serve();
      return { drop: true };
    case "slow": {
      if (mode.applyFirst) {
        const routed = serve();
        await sleepOrWake(mode.delayMs ?? 2000);
        return finish(routed);
      }
      await sleepOrWake(mode.delayMs ?? 2000);
      // The client gave up: like a real server, do not act on a request nobody waits for.
      if (req.isClosed()) return { drop: true };
      return finish(serve());
    }
    case "malformed": {
      const routed = serve();
      corrupt(routed, apiPath, mode);
      return finish(routed);
    }
    default:
      return finish(serve());
  }
}

/** The request as a server that silently drops `ignoreFilter` faults' filters would read it. */
function withoutFilters(req: CoreRequest, faults: Fault[]): CoreRequest {
  const dropped = new Set<string>();
  for (const fault of faults) {
    for (const filter of fault.filters ?? ["companyID", "orderStatus"]) {
      const names = filter === "createdOn" ? ["createdOnFrom", "createdOnTo", "createdOnDateRange"] : [filter];
      for (const name of names) dropped.add(name.toLowerCase());
    }
  }
  const search = new URLSearchParams();
  for (const [key, value] of req.search) {
    if (!dropped.has(key.toLowerCase().replace(/^model\./, ""))) search.append(key, value);
  }
  return { ...req, search };
}

/**
 * Appends NUL, control characters or a lone surrogate (`fault.text`, default NUL) to text fields
 * of a list page's records on the way out, as real tenants' data holds them (the stored data stays
 * clean). JSON carries them as \u0000 / \ud800 escapes, exactly as SellerCloud's serializer does.
 */
function dirtyText(routed: Routed, apiPath: string, fault: Fault) {
  const body = routed.json as { Items?: unknown[]; Results?: unknown[] } | undefined;
  const list = body?.Items ?? body?.Results;
  if (!Array.isArray(list)) return;
  const isOrders = apiPath.toLowerCase().startsWith("/api/orders");
  const fields = fault.fields ?? (isOrders ? ["ShippingAddress.StreetLine2", "Items[0].DisplayName"] : ["ID", "UPC"]);
  const text = fault.text ?? "\u0000";
  for (const index of fault.records ?? [0]) {
    const record = list[index];
    if (!record || typeof record !== "object") continue;
    const copy = structuredClone(record) as Json;
    for (const field of fields) setPath(copy, field, `${String(getPath(copy, field) ?? "")}${text}`);
    list[index] = copy;
  }
}

function getPath(target: Json, path: string): unknown {
  let node: unknown = target;
  for (const part of path.replace(/\[(\d+)\]/g, ".$1").split(".")) {
    if (!node || typeof node !== "object") return undefined;
    node = (node as Json)[part];
  }
  return node;
}

/** Damages records of a list page on the way out (the stored data stays intact). */
function corrupt(routed: Routed, apiPath: string, fault: Fault) {
  const body = routed.json as { Items?: unknown[]; Results?: unknown[] } | undefined;
  const list = body?.Items ?? body?.Results;
  if (!Array.isArray(list)) return;
  const lower = apiPath.toLowerCase();
  const field = fault.field ?? (lower.startsWith("/api/orders") ? "StatusCode" : "ID");
  const value = "value" in fault ? fault.value : lower.startsWith("/api/orders") ? "In Process" : null;
  for (const index of fault.records ?? [0]) {
    const record = list[index];
    if (!record || typeof record !== "object") continue;
    // Copy so the stored order is not damaged.
    const copy = structuredClone(record) as Json;
    setPath(copy, field, value);
    list[index] = copy;
  }
}

function setPath(target: Json, path: string, value: unknown) {
  const parts = path.replace(/\[(\d+)\]/g, ".$1").split(".");
  let node: unknown = target;
  for (const part of parts.slice(0, -1)) {
    if (!node || typeof node !== "object") return;
    node = (node as Json)[part];
  }
  if (!node || typeof node !== "object") return;
  const last = parts.at(-1)!;
  if (value === undefined) delete (node as Json)[last];
  else (node as Json)[last] = value;
}
