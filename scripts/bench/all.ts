/**
 * `npm run bench`: every benchmark in turn, each in its own process (so peak memory is its own),
 * then a summary of their headline lines (ratio:, incremental calls:, calls:, export 100k:,
 * search p50:): each ratio is measured against a baseline taken in the same run, so figures from
 * different machines compare. DATABASE_URL, when set, is passed on.
 *
 *   npm run bench                 # link 200k, orders 20k, sync 5k, catalog 100k, prices 50k
 *   npm run bench -- --quick      # smaller sizes for a fast look
 */
import { spawn } from "node:child_process";

const quick = process.argv.includes("--quick");
const BENCHES: Array<{ name: string; script: string; args: string[] }> = [
  { name: "Link Listings", script: "scripts/bench/link.ts", args: quick ? ["--variants", "20000"] : [] },
  { name: "Get Orders", script: "scripts/bench/orders.ts", args: quick ? ["--orders", "2000"] : [] },
  { name: "Sync Orders", script: "scripts/bench/sync.ts", args: quick ? ["--shipments", "500"] : [] },
  {
    name: "Catalog",
    script: "scripts/bench/catalog.ts",
    args: quick ? ["--variants", "10000", "--search-variants", "12000"] : [],
  },
  { name: "Sync Prices", script: "scripts/bench/prices.ts", args: quick ? ["--variants", "5000"] : [] },
];

/** The lines a benchmark's result is read from (its aims), in the order printed. */
const HEADLINE = /^(ratio:|incremental calls:|calls:|export \d+k?:|search p50:)/;

function run(script: string, args: string[]): Promise<{ code: number; headlines: string[] }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ["--import", "tsx", script, ...args], {
      stdio: ["ignore", "pipe", "inherit"],
    });
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => {
      process.stdout.write(chunk);
      output += chunk.toString();
    });
    child.on("exit", (code) => {
      const lines = output.split("\n").map((l) => l.trim());
      const headlines = lines.filter((l) => HEADLINE.test(l));
      resolve({ code: code ?? 1, headlines: headlines.length ? headlines : lines.filter(Boolean).slice(-1) });
    });
  });
}

const summary: string[] = [];
let failed = false;
for (const bench of BENCHES) {
  console.log(`\n=== ${bench.name} (${bench.script} ${bench.args.join(" ")}) ===`);
  const { code, headlines } = await run(bench.script, bench.args);
  failed ||= code !== 0;
  summary.push(`${bench.name.padEnd(14)} ${code === 0 ? headlines.join("; ") : `failed (exit ${code})`}`);
}
console.log(`\n=== Summary (${process.env.DATABASE_URL ? "PostgreSQL at DATABASE_URL" : "embedded PGlite"}) ===`);
for (const line of summary) console.log(line);
process.exit(failed ? 1 : 0);
