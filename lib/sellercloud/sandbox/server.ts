import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { sleepOrWake } from "@/lib/util/sleep-or-wake";
import { SANDBOX_CARRIERS, type Json, singleOrderDto } from "./data";
import { type Fault, FaultController, type FaultKind, type FaultSpec } from "./faults";
import {
  badRequest,
  DEFAULT_SANDBOX_CONFIG,
  parseFilterDate,
  type SandboxConfig,
  SandboxError,
  SandboxState,
} from "./state";

/**
 * The SellerCloud sandbox: an HTTP stand-in that speaks the paths, query parameters and JSON names
 * the client uses, with SellerCloud's rules (tokens, 50-row cap, filters, shipping) and injectable
 * faults. One core handler serves three adapters: a node:http server (`startSandbox`), a
 * `(req, res)` handler to mount elsewhere, and a Web `Request -> Response` handler.
 */

export const SANDBOX_PAGE_CAP = 50;

export interface LoggedRequest {
  seq: number;
  at: string;
  method: string;
  /** Path under /rest, e.g. "/api/Orders". */
  path: string;
  query: Record<string, string[]>;
  /** Parsed JSON body with any password replaced by "***". */
  body?: unknown;
  status: number;
  ms: number;
  faults: FaultKind[];
}

export class RequestLog {
  private entries: LoggedRequest[] = [];
  private seq = 0;
  constructor(private readonly limit = 20_000) {}

  push(entry: Omit<LoggedRequest, "seq">): LoggedRequest {
    const full = { ...entry, seq: ++this.seq };
    this.entries.push(full);
    if (this.entries.length > this.limit) this.entries = this.entries.slice(-Math.floor(this.limit / 2));
    return full;
  }

  /** Requests served, oldest first; filter by path (exact, case-insensitive), method, or seq > since. */
  list(filter: { path?: string; method?: string; since?: number } = {}): LoggedRequest[] {
    const path = filter.path?.toLowerCase();
    const method = filter.method?.toUpperCase();
    return this.entries.filter(
      (e) =>
        (filter.since === undefined || e.seq > filter.since) &&
        (!path || e.path.toLowerCase() === path) &&
        (!method || e.method === method),
    );
  }

  count(filter: { path?: string; method?: string } = {}): number {
    return this.list(filter).length;
  }

  get lastSeq(): number {
    return this.seq;
  }

  clear(): void {
    this.entries = [];
  }
}

export interface SandboxOptions extends Partial<Omit<SandboxConfig, "now">> {
  now?: () => number;
  /** Where the sandbox is mounted (e.g. "/api/sandbox"); requests must start with it. */
  basePath?: string;
  /** The /__sandbox admin endpoints (default on). */
  admin?: boolean;
  requestLogLimit?: number;
  /** Enforce SellerCloud's budget (10,800 per hour) like the real API: over it, a throttle body. Off by default. */
  rateLimitPerHour?: number;
}

export interface CoreRequest {
  method: string;
  /** Path without the base path. */
  path: string;
  search: URLSearchParams;
  header: (name: string) => string | undefined;
  bodyText: string;
  isClosed: () => boolean;
}

export type CoreResponse =
  | { drop: true }
  | { drop?: false; status: number; headers: Record<string, string>; body: string };

interface Routed {
  status: number;
  json?: unknown;
  text?: string;
  headers?: Record<string, string>;
}

const json = (status: number, body: unknown, headers?: Record<string, string>): Routed => ({
  status,
  json: body,
  headers,
});

const notFoundRoute = (path: string): Routed =>
  json(404, { Message: `No HTTP resource was found that matches the request URI '${path}'.` });

const HTML_404 =
  "<!DOCTYPE html><html><head><title>The resource cannot be found.</title></head><body><h1>Server Error in '/' Application.</h1><h2>The resource cannot be found.</h2></body></html>";

const MAINTENANCE_PAGE =
  "<!DOCTYPE html><html><head><title>SellerCloud - Maintenance</title></head><body><h1>We'll be back soon</h1><p>SellerCloud is undergoing scheduled maintenance. Please try again later.</p></body></html>";

/** Query access the way ASP.NET binds `model`: case-insensitive, repeated keys for arrays, prefixed or bare (not mixed). */
class Query {
  private readonly values = new Map<string, string[]>();
  private readonly prefixed: boolean;
  constructor(search: URLSearchParams) {
    for (const [key, value] of search) {
      const k = key.toLowerCase();
      const list = this.values.get(k);
      if (list) list.push(value);
      else this.values.set(k, [value]);
    }
    this.prefixed = [...this.values.keys()].some((k) => k.startsWith("model."));
  }

  all(name: string): string[] {
    const key = (this.prefixed ? `model.${name}` : name).toLowerCase();
    return (this.values.get(key) ?? []).filter((v) => v !== "");
  }

  /** Bare names only (endpoints that do not bind a `model` object). */
  bare(name: string): string | undefined {
    return this.values.get(name.toLowerCase())?.[0];
  }

  one(name: string): string | undefined {
    return this.all(name)[0];
  }

  private label(name: string) {
    return this.prefixed ? `model.${name}` : name;
  }

  int(name: string): number | undefined {
    const raw = this.one(name);
    if (raw === undefined) return undefined;
    const value = Number(raw);
    if (!Number.isInteger(value))
      throw badRequest("", { [this.label(name)]: [`The value '${raw}' is not valid for ${name}.`] });
    return value;
  }

  ints(name: string): number[] {
    return this.all(name).map((raw) => {
      const value = Number(raw);
      if (!Number.isInteger(value))
        throw badRequest("", { [this.label(name)]: [`The value '${raw}' is not valid for ${name}.`] });
      return value;
    });
  }

  bool(name: string): boolean | undefined {
    const raw = this.one(name);
    if (raw === undefined) return undefined;
    if (/^true$/i.test(raw)) return true;
    if (/^false$/i.test(raw)) return false;
    throw badRequest("", { [this.label(name)]: [`The value '${raw}' is not valid for ${name}.`] });
  }

  date(name: string): number | undefined {
    const raw = this.one(name);
    if (raw === undefined) return undefined;
    const ms = parseFilterDate(raw);
    if (ms === undefined)
      throw badRequest("", { [this.label(name)]: [`The value '${raw}' is not valid for ${name}.`] });
    return ms;
  }

  paging(): { pageNumber: number; pageSize: number } {
    const pageNumber = Math.max(1, this.int("pageNumber") ?? 1);
    const asked = this.int("pageSize") ?? 10;
    // SellerCloud silently caps pages at 50 rows.
    const pageSize = asked <= 0 ? 10 : Math.min(asked, SANDBOX_PAGE_CAP);
    return { pageNumber, pageSize };
  }
}

/** `model.dateRange`-style presets the sandbox understands (relative to its clock). */
function presetRange(preset: number | undefined, now: number): { from?: number; to?: number } {
  if (preset === undefined || preset === 9) return {};
  const day = 86_400_000;
  const startOfToday = Math.floor(now / day) * day;
  const table: Record<number, number> = {
    12: day,
    11: 3 * day,
    10: 7 * day,
    101: 14 * day,
    4: 31 * day,
    5: 60 * day,
    21: 90 * day,
    6: 120 * day,
  };
  if (preset === 1) return { from: startOfToday };
  if (preset === 20) return { from: startOfToday - day, to: startOfToday };
  const span = table[preset];
  return span ? { from: now - span } : {};
}

function page<T>(indexes: Int32Array, pageNumber: number, pageSize: number, row: (i: number) => T) {
  const start = (pageNumber - 1) * pageSize;
  const end = Math.min(indexes.length, start + pageSize);
  const items: T[] = [];
  for (let k = start; k < end; k++) items.push(row(indexes[k]!));
  return { Items: items, TotalResults: indexes.length };
}

function scrubBody(body: unknown): unknown {
  if (!body || typeof body !== "object" || Array.isArray(body)) return body;
  const out: Json = {};
  for (const [k, v] of Object.entries(body as Json)) out[k] = /password/i.test(k) ? "***" : v;
  return out;
}

function parseBody(text: string, contentType: string | undefined): unknown {
  if (!text) return undefined;
  if (contentType?.includes("application/x-www-form-urlencoded")) return Object.fromEntries(new URLSearchParams(text));
  try {
    return JSON.parse(text);
  } catch {
    throw badRequest("The request body is not valid JSON.");
  }
}

const SIDE_EFFECTS: ReadonlySet<FaultKind> = new Set(["expireTokens", "newOrders", "ignoreFilter", "dirtyText"]);

export class SandboxInstance {
  readonly state: SandboxState;
  readonly faults = new FaultController();
  readonly requests: RequestLog;
  readonly basePath: string;
  readonly admin: boolean;
  private readonly rateLimit: number | undefined;
  private readonly callTimes: number[] = [];

  constructor(options: SandboxOptions = {}) {
    const { basePath, admin, requestLogLimit, rateLimitPerHour, ...config } = options;
    this.rateLimit = rateLimitPerHour;
    this.state = new SandboxState(config);
    this.requests = new RequestLog(requestLogLimit);
    this.basePath = (basePath ?? "").replace(/\/+$/, "");
    this.admin = admin ?? true;
  }

  get credentials() {
    return { username: this.state.config.username, password: this.state.config.password };
  }

  /** Back to seeded data, no faults, empty request log (tokens stay valid). */
  reset(changes?: Parameters<SandboxState["reset"]>[0]) {
    this.faults.clear();
    this.requests.clear();
    this.state.reset(changes);
  }

  // --- adapters --------------------------------------------------------------------------------

  /** A node:http handler, e.g. for a custom server or a Next.js pages/api route. */
  readonly handler = (req: IncomingMessage, res: ServerResponse): void => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("error", () => res.destroy());
    req.on("end", () => {
      const url = new URL(req.url ?? "/", "http://sandbox.local");
      const core: CoreRequest = {
        method: (req.method ?? "GET").toUpperCase(),
        path: url.pathname,
        search: url.searchParams,
        header: (name) => {
          const v = req.headers[name.toLowerCase()];
          return Array.isArray(v) ? v[0] : v;
        },
        bodyText: Buffer.concat(chunks).toString("utf8"),
        isClosed: () => res.destroyed || req.socket.destroyed,
      };
      this.handle(core).then(
        (out) => {
          if (out.drop) {
            req.socket.destroy();
            return;
          }
          if (res.destroyed) return;
          res.writeHead(out.status, { ...out.headers, "Content-Length": Buffer.byteLength(out.body) });
          res.end(out.body);
        },
        () => {
          if (!res.headersSent) res.writeHead(500, { "Content-Type": "application/json" });
          res.end('{"Message":"An error has occurred."}');
        },
      );
    });
  };

  /** A Web handler, e.g. for a Next.js App Router route. A dropped connection becomes a network error. */
  readonly fetchHandler = async (request: Request): Promise<Response> => {
    const url = new URL(request.url);
    const out = await this.handle({
      method: request.method.toUpperCase(),
      path: url.pathname,
      search: url.searchParams,
      header: (name) => request.headers.get(name) ?? undefined,
      bodyText: request.method === "GET" || request.method === "HEAD" ? "" : await request.text(),
      isClosed: () => request.signal.aborted,
    });
    if (out.drop) return Response.error();
    return new Response(out.body, { status: out.status, headers: out.headers });
  };

  // --- core ------------------------------------------------------------------------------------

  async handle(req: CoreRequest): Promise<CoreResponse> {
    let path = req.path;
    if (this.basePath) {
      if (!path.toLowerCase().startsWith(this.basePath.toLowerCase())) return finish(notFoundRoute(path));
      path = path.slice(this.basePath.length) || "/";
    }
    if (path === "/__sandbox" || path.startsWith("/__sandbox/")) {
      if (!this.admin) return finish(notFoundRoute(path));
      return finish(this.adminRoute(req, path.slice("/__sandbox".length) || "/"));
    }
    if (!/^\/rest(\/|$)/i.test(path)) {
      if (path === "/") {
        return finish({
          status: 200,
          text: `SellerCloud sandbox. API base URL: ${this.basePath}/rest\n`,
          headers: { "Content-Type": "text/plain" },
        });
      }
      // A wrong base URL on a real host gets the web server's HTML 404.
      return finish({ status: 404, text: HTML_404, headers: { "Content-Type": "text/html; charset=utf-8" } });
    }
    const apiPath = path.slice(5) || "/";
    const started = performance.now();
    let body: unknown;
    const fired = this.faults.match(req.method, apiPath);
    let result: CoreResponse;
    try {
      body = parseBody(req.bodyText, req.header("content-type"));
      const resetAt = this.overBudget();
      result =
        resetAt === undefined
          ? await this.serveWithFaults(req, apiPath, body, fired)
          : finish(json(429, { Error: "Too many requests.", RateLimitResetTime: new Date(resetAt).toISOString() }));
    } catch (error) {
      result = finish(errorRoute(error));
    }
    this.requests.push({
      at: new Date().toISOString(),
      method: req.method,
      path: apiPath,
      query: queryRecord(req.search),
      body: scrubBody(body),
      status: result.drop ? 0 : result.status,
      ms: Math.round((performance.now() - started) * 100) / 100,
      faults: fired.map((f) => f.kind),
    });
    return result;
  }

  /** With a budget set: the time the oldest call in the window leaves it, if the budget is spent. */
  private overBudget(): number | undefined {
    if (!this.rateLimit) return undefined;
    const now = Date.now();
    const hour = 3_600_000;
    while (this.callTimes.length && now - this.callTimes[0]! >= hour) this.callTimes.shift();
    if (this.callTimes.length >= this.rateLimit) return this.callTimes[0]! + hour;
    this.callTimes.push(now);
    return undefined;
  }

  private async serveWithFaults(
    req: CoreRequest,
    apiPath: string,
    body: unknown,
    fired: Fault[],
  ): Promise<CoreResponse> {
    for (const fault of fired) {
      if (fault.kind === "expireTokens") this.state.expireTokens();
      if (fault.kind === "newOrders") {
        for (let i = 0; i < (fault.count ?? 5); i++) this.state.addOrder({ ...fault.order });
      }
    }
    const mode = fired.find((f) => !SIDE_EFFECTS.has(f.kind));
    const ignoring = fired.filter((f) => f.kind === "ignoreFilter");
    const served = ignoring.length ? withoutFilters(req, ignoring) : req;
    const dirty = fired.filter((f) => f.kind === "dirtyText");
    const serve = () => {
      try {
        const routed = this.route(served, apiPath, body);
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

  // --- SellerCloud routes ----------------------------------------------------------------------

  private route(req: CoreRequest, apiPath: string, body: unknown): Routed {
    this.state.catchUp();
    const method = req.method;
    const lower = apiPath.toLowerCase().replace(/\/+$/, "");
    if (lower === "/api/token") {
      if (method !== "POST") return methodNotAllowed(method);
      return this.token(body);
    }
    const auth = req.header("authorization");
    const token = auth && /^bearer\s+/i.test(auth) ? auth.replace(/^bearer\s+/i, "").trim() : undefined;
    if (!this.state.checkToken(token)) return json(401, { Message: "Authorization has been denied for this request." });

    const q = new Query(req.search);
    const get = (handler: () => Routed) => (method === "GET" ? handler() : methodNotAllowed(method));
    const put = (handler: () => Routed) => (method === "PUT" ? handler() : methodNotAllowed(method));

    switch (lower) {
      case "/api/companies":
        return get(() => this.companies(q));
      case "/api/catalog":
        return get(() => this.catalog(q, "catalog"));
      case "/api/inventory":
        return get(() => this.catalog(q, "inventory"));
      case "/api/orders":
        return get(() => this.orders(q));
      case "/api/orders/packages":
        return get(() => this.packages(q));
      case "/api/orders/shippingstatus":
        return put(() => {
          this.state.updateShippingStatus(asObject(body));
          return { status: 200, text: "" };
        });
      case "/api/orders/shippingstatus/singlepackage":
        return put(() => {
          this.state.updateSinglePackage(asObject(body));
          return { status: 200, text: "" };
        });
      case "/api/settings/shippingcarriers":
        return get(() =>
          json(
            200,
            Object.keys(SANDBOX_CARRIERS).map((c) => ({ Key: c, Value: c })),
          ),
        );
      case "/api/settings/shippingservices":
        return get(() => {
          const carrier = q.bare("carrier");
          if (!carrier)
            return json(400, {
              Message: "The request is invalid.",
              ModelState: { carrier: ["The carrier field is required."] },
            });
          const key = Object.keys(SANDBOX_CARRIERS).find((c) => c.toLowerCase() === carrier.toLowerCase());
          return json(
            200,
            (key ? SANDBOX_CARRIERS[key]! : []).map((s) => ({ Key: s, Value: s })),
          );
        });
    }
    const single = /^\/api\/orders\/(-?\d+)$/.exec(lower);
    if (single) {
      return get(() => {
        const order = this.state.getOrder(Number(single[1]));
        if (!order) return json(404, { Message: `Order ${single[1]} was not found.` });
        return json(200, singleOrderDto(order.dto, order.packages));
      });
    }
    const createPackages = /^\/api\/orders\/(\d+)\/shipping\/packages$/.exec(lower);
    if (createPackages) {
      if (method !== "POST") return methodNotAllowed(method);
      this.state.createPackages(Number(createPackages[1]), asObject(body));
      return { status: 200, text: "" };
    }
    return notFoundRoute(apiPath);
  }

  private token(body: unknown): Routed {
    const record = body && typeof body === "object" ? (body as Json) : {};
    const field = (name: string) => {
      const key = Object.keys(record).find((k) => k.toLowerCase() === name);
      return key === undefined ? undefined : record[key];
    };
    const username = field("username");
    const password = field("password");
    const errors: Record<string, string[]> = {};
    if (typeof username !== "string" || !username) errors["model.Username"] = ["The Username field is required."];
    if (typeof password !== "string" || !password) errors["model.Password"] = ["The Password field is required."];
    if (Object.keys(errors).length) return json(400, { Message: "The request is invalid.", ModelState: errors });
    const { username: expectedUser, password: expectedPassword } = this.state.config;
    // SellerCloud's answer to bad credentials is undocumented; this is a plausible shape.
    if (String(username).toLowerCase() !== expectedUser.toLowerCase() || password !== expectedPassword) {
      return json(401, { Message: "Invalid username or password." });
    }
    const issued = this.state.issueToken(String(username));
    return json(200, {
      access_token: issued.token,
      token_type: "bearer",
      username,
      expires_in: issued.expiresIn,
      ".issued": new Date(issued.issuedAt).toUTCString(),
      ".expires": new Date(issued.issuedAt + issued.expiresIn * 1000).toUTCString(),
    });
  }

  private companies(q: Query): Routed {
    const ids = q.ints("companyID");
    const keyword = q.one("keyword")?.toLowerCase();
    const list = this.state
      .companies()
      .filter(
        (c) => (!ids.length || ids.includes(c.ID)) && (!keyword || c.CompanyName.toLowerCase().includes(keyword)),
      );
    const { pageNumber, pageSize } = q.paging();
    const start = (pageNumber - 1) * pageSize;
    return json(200, {
      Items: list.slice(start, start + pageSize).map((c) => ({
        ...c,
        AmazonMarketplace: "",
        CustomColumns: [],
        EnabledOnChannels: [4, 6],
        ScheduledTasksCount: 0,
      })),
      TotalResults: list.length,
    });
  }

  private catalog(q: Query, kind: "catalog" | "inventory"): Routed {
    const skus = kind === "catalog" ? q.one("sKU") : q.one("inventoryID");
    const indexes = this.state.queryProducts({
      companyIds: q.ints("companyID"),
      skus: skus ? skus.split(",") : undefined,
      upc: q.one("uPC"),
      ean: kind === "inventory" ? q.one("eAN") : undefined,
      keyword: q.one("keyword"),
      activeStatus: q.int("activeStatus"),
      // model.lastUpdatedFrom/To (swagger 2022, Catalog_GetAll and Inventory_GetAll): LastModifiedDate window.
      updatedFrom: q.date("lastUpdatedFrom"),
      updatedTo: q.date("lastUpdatedTo"),
    });
    const { pageNumber, pageSize } = q.paging();
    const row =
      kind === "catalog" ? (i: number) => this.state.catalogRowAt(i) : (i: number) => this.state.inventoryRowAt(i);
    return json(200, page(indexes, pageNumber, pageSize, row));
  }

  private orders(q: Query): Routed {
    const now = this.state.now();
    const created = presetRange(q.int("createdOnDateRange"), now);
    const ordered = presetRange(q.int("dateRange"), now);
    const createdFrom = q.date("createdOnFrom") ?? created.from;
    const createdTo = q.date("createdOnTo") ?? created.to;
    const indexes = this.state.queryOrders({
      orderIds: q.ints("orderIDs"),
      companyIds: q.ints("companyID"),
      statuses: q.ints("orderStatus"),
      dropship: q.ints("dropShipStatus"),
      shippingStatus: q.int("shippingStatus"),
      createdFrom,
      // A minute-precision "to" includes that whole minute.
      createdTo: createdTo === undefined ? undefined : createdTo + 59_999,
      updatedFrom: q.date("lastUpdatedFrom"),
      updatedTo: q.date("lastUpdatedTo"),
      orderFrom: q.date("orderFromDate") ?? ordered.from,
      orderTo: q.date("orderToDate") ?? ordered.to,
      sourceOrderIds: q.all("orderSourceOrderIDList"),
      orderBy: q.int("orderBy") ?? 0,
      // ASP.NET binds a missing bool as false: newest first unless asked otherwise.
      ascending: q.bool("isAscending") ?? false,
    });
    const { pageNumber, pageSize } = q.paging();
    return json(
      200,
      page(indexes, pageNumber, pageSize, (i) => this.state.orderDtoAt(i)),
    );
  }

  private packages(q: Query): Routed {
    const errors: Record<string, string[]> = {};
    const read = (name: string) => {
      const raw = q.bare(name);
      const value = raw === undefined ? Number.NaN : Number(raw);
      if (!Number.isInteger(value)) errors[name] = [`The ${name} field is required.`];
      return value;
    };
    const id = read("id");
    const pageNumber = read("pageNumber");
    const pageSize = read("pageSize");
    if (Object.keys(errors).length) return json(400, { Message: "The request is invalid.", ModelState: errors });
    const order = this.state.getOrder(id);
    if (!order) return json(200, { Results: [], TotalResults: 0 });
    const size = Math.min(Math.max(1, pageSize), SANDBOX_PAGE_CAP);
    const start = (Math.max(1, pageNumber) - 1) * size;
    return json(200, { Results: order.packages.slice(start, start + size), TotalResults: order.packages.length });
  }

  // --- admin -----------------------------------------------------------------------------------

  private adminRoute(req: CoreRequest, path: string): Routed {
    try {
      return this.adminDispatch(req, path);
    } catch (error) {
      return errorRoute(error);
    }
  }

  private adminDispatch(req: CoreRequest, path: string): Routed {
    const method = req.method;
    const body = parseBody(req.bodyText, req.header("content-type"));
    const state = this.state;
    if (path === "/" && method === "GET") {
      return json(200, {
        apiBasePath: `${this.basePath}/rest`,
        username: state.config.username,
        password: state.config.password,
        seed: state.config.seed,
        timeZone: state.config.timeZone,
        products: state.productTotal,
        orders: state.orderTotal,
        faults: this.faults.list().length,
        requests: this.requests.lastSeq,
      });
    }
    if (path === "/faults") {
      if (method === "GET") return json(200, this.faults.list());
      if (method === "DELETE") {
        this.faults.clear();
        return json(200, { cleared: true });
      }
      if (method === "POST") {
        const specs = (Array.isArray(body) ? body : [body]) as FaultSpec[];
        try {
          return json(200, { ids: specs.map((spec) => this.faults.add(spec)) });
        } catch (error) {
          return json(400, { Message: `Invalid fault: ${(error as Error).message}` });
        }
      }
    }
    if (path === "/requests") {
      if (method === "DELETE") {
        this.requests.clear();
        return json(200, { cleared: true });
      }
      if (method === "GET") {
        const since = req.search.get("since");
        return json(
          200,
          this.requests.list({
            path: req.search.get("path") ?? undefined,
            method: req.search.get("method") ?? undefined,
            since: since ? Number(since) : undefined,
          }),
        );
      }
    }
    if (path === "/reset" && method === "POST") {
      this.reset((body ?? {}) as Parameters<SandboxState["reset"]>[0]);
      return json(200, { products: state.productTotal, orders: state.orderTotal });
    }
    if (path === "/tokens/expire" && method === "POST") return json(200, { expired: state.expireTokens() });
    if (path === "/orders" && method === "POST") return json(200, state.addOrder(asObject(body ?? {})));
    const order = /^\/orders\/(\d+)$/.exec(path);
    if (order) {
      const id = Number(order[1]);
      if (method === "GET") {
        const found = state.getOrder(id);
        return found
          ? json(200, { ...found.dto, Packages: found.packages })
          : json(404, { Message: `Order ${id} was not found.` });
      }
      if (method === "PATCH") return json(200, state.updateOrder(id, asObject(body)));
      if (method === "DELETE") return json(state.removeOrder(id) ? 200 : 404, { removed: id });
    }
    if (path === "/products" && method === "POST") return json(200, state.addProduct(asObject(body ?? {})));
    const product = /^\/products\/([^/]+)$/.exec(path);
    if (product) {
      const sku = decodeURIComponent(product[1]!);
      if (method === "PATCH") return json(200, state.updateProduct(sku, asObject(body)));
      if (method === "DELETE") return json(state.removeProduct(sku) ? 200 : 404, { removed: sku });
    }
    return json(404, { Message: `Unknown sandbox admin route ${method} /__sandbox${path}` });
  }
}

function methodNotAllowed(method: string): Routed {
  return json(405, { Message: `The requested resource does not support http method '${method}'.` });
}

function asObject(body: unknown): Json {
  if (!body || typeof body !== "object" || Array.isArray(body))
    throw badRequest("The request body must be a JSON object.");
  return body as Json;
}

function errorRoute(error: unknown): Routed {
  if (error instanceof SandboxError) return json(error.status, error.body);
  return json(500, { Message: "An error has occurred." });
}

function finish(routed: Routed): CoreResponse {
  if (routed.json !== undefined) {
    return {
      status: routed.status,
      headers: { "Content-Type": "application/json; charset=utf-8", ...routed.headers },
      body: JSON.stringify(routed.json),
    };
  }
  return { status: routed.status, headers: { ...routed.headers }, body: routed.text ?? "" };
}

function queryRecord(search: URLSearchParams): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const [k, v] of search) {
    const list = out[k];
    if (list) list.push(v);
    else out[k] = [v];
  }
  return out;
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

// --- standalone server ---------------------------------------------------------------------------

export interface RunningSandbox {
  /** The API base URL to give the client, e.g. http://127.0.0.1:4010/rest. */
  url: string;
  origin: string;
  port: number;
  instance: SandboxInstance;
  state: SandboxState;
  faults: FaultController;
  requests: RequestLog;
  credentials: { username: string; password: string };
  handler: SandboxInstance["handler"];
  reset: SandboxInstance["reset"];
  close(): Promise<void>;
}

/** Starts a sandbox on its own port (0 = any free port), in-process. */
export async function startSandbox(
  options: SandboxOptions & { port?: number; host?: string } = {},
): Promise<RunningSandbox> {
  const { port = 0, host = "127.0.0.1", ...rest } = options;
  const instance = new SandboxInstance(rest);
  const server = createServer({ keepAliveTimeout: 30_000 }, instance.handler);
  server.keepAliveTimeout = 30_000;
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => resolve());
  });
  const address = server.address() as AddressInfo;
  const origin = `http://${host.includes(":") ? `[${host}]` : host}:${address.port}`;
  return {
    url: `${origin}${instance.basePath}/rest`,
    origin,
    port: address.port,
    instance,
    state: instance.state,
    faults: instance.faults,
    requests: instance.requests,
    credentials: instance.credentials,
    handler: instance.handler,
    reset: (changes) => instance.reset(changes),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export { DEFAULT_SANDBOX_CONFIG };
