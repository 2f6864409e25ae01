/**
 * `npm run bench`: every benchmark in turn, each in its own process (so peak memory is its own),
 * then a summary of their last lines: each ratio is measured against a baseline taken in the
 * same run, so figures from different machines compare. DATABASE_URL, when set, is passed on.
 *
 *   npm run bench                 # link 200k, orders 20k, sync 5k on the embedded database
 *   npm run bench -- --quick      # smaller sizes for a fast look
 */
import { spawn } from "node:child_process";

const quick = process.argv.includes("--quick");
const BENCHES: Array<{ name: string; script: string; args: string[] }> = [
  { name: "Link Listings", script: "scripts/bench/link.ts", args: quick ? ["--variants", "20000"] : [] },
  { name: "Get Orders", script: "scripts/bench/orders.ts", args: quick ? ["--orders", "2000"] : [] },
  { name: "Sync Orders", script: "scripts/bench/sync.ts", args: quick ? ["--shipments", "500"] : [] },
];

function run(script: string, args: string[]): Promise<{ code: number; lastLine: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ["--import", "tsx", script, ...args], { stdio: ["ignore", "pipe", "inherit"] });
    let lastLine = "";
    child.stdout.on("data", (chunk: Buffer) => {
      process.stdout.write(chunk);
      const lines = chunk.toString().trim().split("\n").filter(Boolean);
      lastLine = lines.at(-1) ?? lastLine;
    });
    child.on("exit", (code) => resolve({ code: code ?? 1, lastLine }));
  });
}

const summary: string[] = [];
let failed = false;
for (const bench of BENCHES) {
  console.log(`\n=== ${bench.name} (${bench.script} ${bench.args.join(" ")}) ===`);
  const { code, lastLine } = await run(bench.script, bench.args);
  failed ||= code !== 0;
  summary.push(`${bench.name.padEnd(14)} ${code === 0 ? lastLine : `failed (exit ${code})`}`);
}
console.log(`\n=== Summary (${process.env.DATABASE_URL ? "PostgreSQL at DATABASE_URL" : "embedded PGlite"}) ===`);
for (const line of summary) console.log(line);
process.exit(failed ? 1 : 0);
