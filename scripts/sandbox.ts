import { parseArgs } from "node:util";
import { DEFAULT_SANDBOX_CONFIG } from "@/lib/sellercloud/sandbox/config";
import { startSandbox } from "@/lib/sellercloud/sandbox/server";
import { describeTimeZone, isTimeZone } from "@/lib/sellercloud/tenant-clock";

/**
 * Runs the SellerCloud sandbox standalone:
 *   npm run sandbox -- --port 4010 --orders 500 --products 2000 [--time-zone America/New_York]
 * Prints the API base URL and the credentials; Ctrl+C stops it.
 */
const { values } = parseArgs({
  options: {
    port: { type: "string", default: "4010" },
    host: { type: "string", default: "127.0.0.1" },
    products: { type: "string", default: String(DEFAULT_SANDBOX_CONFIG.products) },
    orders: { type: "string", default: String(DEFAULT_SANDBOX_CONFIG.orders) },
    seed: { type: "string", default: String(DEFAULT_SANDBOX_CONFIG.seed) },
    username: { type: "string", default: DEFAULT_SANDBOX_CONFIG.username },
    password: { type: "string", default: DEFAULT_SANDBOX_CONFIG.password },
    "token-ttl": { type: "string", default: String(DEFAULT_SANDBOX_CONFIG.tokenTtlSeconds) },
    "order-days": { type: "string", default: String(DEFAULT_SANDBOX_CONFIG.orderSpanDays) },
    "items-per-order": { type: "string" },
    "rate-limit": { type: "string" },
    "time-zone": { type: "string", default: DEFAULT_SANDBOX_CONFIG.timeZone },
    help: { type: "boolean", short: "h", default: false },
  },
});

if (values.help) {
  console.log(`Usage: npm run sandbox -- [--port 4010] [--host 127.0.0.1] [--products ${DEFAULT_SANDBOX_CONFIG.products}] [--orders ${DEFAULT_SANDBOX_CONFIG.orders}]
       [--seed ${DEFAULT_SANDBOX_CONFIG.seed}] [--username ${DEFAULT_SANDBOX_CONFIG.username}] [--password ${DEFAULT_SANDBOX_CONFIG.password}]
       [--token-ttl 3600] [--order-days 10] [--items-per-order N] [--rate-limit CALLS_PER_HOUR]
       [--time-zone UTC]   the tenant's server clock (IANA name, e.g. America/New_York): dates in and out
                           and the "Ship Date cannot be in the future" check use its local time`);
  process.exit(0);
}

const int = (name: string, value: string | undefined) => {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) {
    console.error(`--${name} must be a whole number (got "${value}")`);
    process.exit(2);
  }
  return n;
};

const timeZone = values["time-zone"] ?? DEFAULT_SANDBOX_CONFIG.timeZone;
if (!isTimeZone(timeZone)) {
  console.error(`--time-zone must be an IANA time zone name such as America/New_York or UTC (got "${timeZone}")`);
  process.exit(2);
}

const started = performance.now();
const sandbox = await startSandbox({
  port: int("port", values.port),
  host: values.host,
  products: int("products", values.products),
  orders: int("orders", values.orders),
  seed: int("seed", values.seed),
  username: values.username,
  password: values.password,
  tokenTtlSeconds: int("token-ttl", values["token-ttl"]),
  orderSpanDays: int("order-days", values["order-days"]),
  itemsPerOrder: values["items-per-order"] ? int("items-per-order", values["items-per-order"]) : undefined,
  rateLimitPerHour: values["rate-limit"] ? int("rate-limit", values["rate-limit"]) : undefined,
  timeZone,
});
const ms = Math.round(performance.now() - started);

console.log(`SellerCloud sandbox ready in ${ms} ms
  API base URL : ${sandbox.url}
  Username     : ${sandbox.credentials.username}
  Password     : ${sandbox.credentials.password}
  Clock        : ${describeTimeZone(timeZone)}
  Data         : ${sandbox.state.productTotal} products, ${sandbox.state.orderTotal} orders, seed ${sandbox.state.config.seed}
  Companies    : 1 Conduit Demo Co (default), 2 Northwind Outdoor, 3 Legacy Imports (disabled)
  Admin        : ${sandbox.origin}/__sandbox  (faults, requests, reset, orders, products)

Try:
  TOKEN=$(curl -s -X POST ${sandbox.url}/api/token -H 'Content-Type: application/json' \\
    -d '{"Username":"${sandbox.credentials.username}","Password":"${sandbox.credentials.password}"}' | sed -E 's/.*"access_token":"([^"]+)".*/\\1/')
  curl -s -H "Authorization: Bearer $TOKEN" '${sandbox.url}/api/Orders?model.companyID=1&model.orderStatus=2&model.pageNumber=1&model.pageSize=2&model.orderBy=0&model.isAscending=true'
`);

const stop = async () => {
  await sandbox.close();
  process.exit(0);
};
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
