/**
 * The sandbox's admin endpoints under /__sandbox (not SellerCloud's): GET / (what is loaded),
 * faults (GET, POST one or a list, DELETE), the request log (GET with path/method/since, DELETE),
 * POST /reset, POST /tokens/expire, and test data: POST /orders, GET|PATCH|DELETE /orders/{id},
 * POST /products, PATCH|DELETE /products/{sku}. So e2e tests in another process can steer it.
 */
import type { SandboxResetChanges } from "./config";
import { asObject, type CoreRequest, errorRoute, json, parseBody, type Routed } from "./exchange";
import type { FaultSpec } from "./faults";
import type { SandboxInstance } from "./server";

/** Answers an admin request; `path` is the part after /__sandbox ("/" for the root). */
export function adminRoute(sandbox: SandboxInstance, req: CoreRequest, path: string): Routed {
  try {
    return adminDispatch(sandbox, req, path);
  } catch (error) {
    return errorRoute(error);
  }
}

function adminDispatch(sandbox: SandboxInstance, req: CoreRequest, path: string): Routed {
  const method = req.method;
  const body = parseBody(req.bodyText, req.header("content-type"));
  const state = sandbox.state;
  if (path === "/" && method === "GET") {
    return json(200, {
      apiBasePath: `${sandbox.basePath}/rest`,
      username: state.config.username,
      password: state.config.password,
      seed: state.config.seed,
      timeZone: state.config.timeZone,
      products: state.productTotal,
      orders: state.orderTotal,
      faults: sandbox.faults.list().length,
      requests: sandbox.requests.lastSeq,
    });
  }
  if (path === "/faults") {
    if (method === "GET") return json(200, sandbox.faults.list());
    if (method === "DELETE") {
      sandbox.faults.clear();
      return json(200, { cleared: true });
    }
    if (method === "POST") {
      const specs = (Array.isArray(body) ? body : [body]) as FaultSpec[];
      try {
        return json(200, { ids: specs.map((spec) => sandbox.faults.add(spec)) });
      } catch (error) {
        return json(400, { Message: `Invalid fault: ${(error as Error).message}` });
      }
    }
  }
  if (path === "/requests") {
    if (method === "DELETE") {
      sandbox.requests.clear();
      return json(200, { cleared: true });
    }
    if (method === "GET") {
      const since = req.search.get("since");
      return json(
        200,
        sandbox.requests.list({
          path: req.search.get("path") ?? undefined,
          method: req.search.get("method") ?? undefined,
          since: since ? Number(since) : undefined,
        }),
      );
    }
  }
  if (path === "/reset" && method === "POST") {
    sandbox.reset((body ?? {}) as SandboxResetChanges);
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
