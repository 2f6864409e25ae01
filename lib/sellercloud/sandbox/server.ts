/**
 * The SellerCloud sandbox: an HTTP stand-in that speaks the paths, query parameters and JSON names
 * the client uses, with SellerCloud's rules (tokens, 50-row cap, filters, shipping) and injectable
 * faults. `SandboxInstance` is one tenant: its data (state.ts), faults, request log and budget, and
 * one core handler behind three adapters: a node:http server (`startSandbox`), a `(req, res)`
 * handler to mount elsewhere, and a Web `Request -> Response` handler. The SellerCloud routes are
 * the areas in areas/registry.ts (router.ts serves them); /__sandbox is admin.ts.
 */
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { adminRoute } from "./admin";
import type { SandboxConfig, SandboxResetChanges } from "./config";
import {
  type CoreRequest,
  type CoreResponse,
  errorRoute,
  finish,
  HTML_404,
  json,
  notFoundRoute,
  parseBody,
} from "./exchange";
import { serveWithFaults } from "./fault-responses";
import { FaultController } from "./faults";
import { queryRecord, RequestLog, scrubBody } from "./request-log";
import { routeApi } from "./router";
import { SandboxState } from "./state";

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

/** One sandbox tenant served over HTTP. */
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
  reset(changes?: SandboxResetChanges) {
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
      return finish(adminRoute(this, req, path.slice("/__sandbox".length) || "/"));
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
          ? await serveWithFaults(this.state, req, apiPath, fired, (served) =>
              routeApi(this.state, served, apiPath, body),
            )
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
}

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
