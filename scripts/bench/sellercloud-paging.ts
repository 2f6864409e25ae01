import { parseArgs } from "node:util";
import { SellerCloudClient } from "@/lib/sellercloud/client";
import { TokenCache, unlimited } from "@/lib/sellercloud/http";
import { startSandbox } from "@/lib/sellercloud/sandbox/server";

/**
 * Raw paging throughput of the SellerCloud client against the in-process sandbox (no database):
 * the floor under the link and orders benchmarks.
 *   npx tsx scripts/bench/sellercloud-paging.ts --orders 20000 --products 200000
 */
const { values } = parseArgs({
  options: {
    orders: { type: "string", default: "20000" },
    products: { type: "string", default: "200000" },
    items: { type: "string", default: "3" },
  },
});
const orders = Number(values.orders);
const products = Number(values.products);

let peakRss = 0;
const sampler = setInterval(() => {
  peakRss = Math.max(peakRss, process.memoryUsage().rss);
}, 50);

const t0 = performance.now();
const sandbox = await startSandbox({
  orders,
  products,
  itemsPerOrder: Number(values.items),
  inProcessShare: 1,
  orderSpanDays: 5,
});
const startupMs = performance.now() - t0;

const client = new SellerCloudClient({
  baseUrl: sandbox.url,
  username: sandbox.credentials.username,
  password: sandbox.credentials.password,
  limiter: unlimited,
  tokenCache: new TokenCache(),
});

async function measure(label: string, pages: AsyncIterable<{ items: unknown[]; invalid: unknown[] }>) {
  const before = client.callsMade;
  const started = performance.now();
  let rows = 0;
  let invalid = 0;
  for await (const page of pages) {
    rows += page.items.length;
    invalid += page.invalid.length;
  }
  const ms = performance.now() - started;
  const calls = client.callsMade - before;
  console.log(
    `${label}: ${rows} rows (${invalid} invalid) in ${(ms / 1000).toFixed(2)} s, ${calls} calls, ${(ms / calls).toFixed(2)} ms/call, ${Math.round((rows / ms) * 1000)} rows/s`,
  );
}

console.log(`sandbox: ${products} products, ${orders} orders ready in ${startupMs.toFixed(0)} ms`);
await client.login();
if (orders > 0) {
  await measure(
    "orders",
    client.ordersPages({ companyId: 1, orderStatus: 2, createdFrom: new Date(Date.now() - 6 * 86_400_000) }),
  );
}
if (products > 0) {
  await measure("catalog company 1", client.catalogPages({ companyId: 1 }));
  await measure("catalog company 2", client.catalogPages({ companyId: 2 }));
}
clearInterval(sampler);
console.log(`peak RSS: ${(peakRss / 1024 / 1024).toFixed(0)} MB (sandbox and client in one process)`);
await sandbox.close();
