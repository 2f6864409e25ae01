// Extracts the paths and models Conduit uses from SellerCloud's 2022 swagger into
// lib/sellercloud/reference/swagger-2022.excerpt.json (read by lib/sellercloud/swagger-shapes.test.ts).
//   node scripts/sellercloud-swagger-excerpt.mjs [path/to/sellercloud-swagger-2022.json]
import fs from "node:fs";
const source = process.argv[2] ?? "../shared/reference/sellercloud-swagger-2022.json";
const target = "lib/sellercloud/reference/swagger-2022.excerpt.json";
const full = JSON.parse(fs.readFileSync(source, "utf8"));
const paths = [
  "/api/token",
  "/api/Companies",
  "/api/Catalog",
  "/api/Inventory",
  "/api/Orders",
  "/api/Orders/{id}",
  "/api/Orders/Packages",
  "/api/Orders/ShippingStatus",
  "/api/Orders/ShippingStatus/SinglePackage",
];
const out = {
  swagger: full.swagger,
  info: full.info,
  host: full.host,
  basePath: full.basePath,
  paths: {},
  definitions: {},
};
const methods = { "/api/Inventory": ["get"], "/api/Orders": ["get"], "/api/Orders/{id}": ["get"] };
const refs = new Set();
const walk = (node) => {
  if (!node || typeof node !== "object") return;
  if (typeof node.$ref === "string") refs.add(node.$ref.replace("#/definitions/", ""));
  for (const v of Object.values(node)) walk(v);
};
for (const p of paths) {
  const item = full.paths[p];
  if (!item) {
    console.error("missing", p);
    continue;
  }
  out.paths[p] = {};
  for (const [m, op] of Object.entries(item)) {
    if (methods[p] && !methods[p].includes(m)) continue;
    out.paths[p][m] = op;
    walk(op);
  }
}
const seen = new Set();
const queue = [...refs];
while (queue.length) {
  const name = queue.shift();
  if (seen.has(name)) continue;
  seen.add(name);
  const def = full.definitions[name];
  if (!def) continue;
  out.definitions[name] = def;
  const before = new Set(refs);
  walk(def);
  for (const r of refs) if (!before.has(r)) queue.push(r);
}
fs.writeFileSync(target, `${JSON.stringify(out)}\n`);
console.log(`${target}: ${Object.keys(out.paths).length} paths, ${Object.keys(out.definitions).length} models`);
