/**
 * First-load JavaScript per page, read from a finished `next build`: for each app route, the
 * gzipped size of every script the browser loads before the page is interactive (the root main
 * files plus the route's entry chunks: its layouts and page). Chunks loaded later on demand
 * (next/dynamic: the runs chart, the linking priority's drag and drop) are not counted.
 *
 * Usage: npx tsx scripts/first-load-size.ts [distDir]   (default: $NEXT_DIST_DIR or .next)
 * Reads `<distDir>/app-build-manifest.json` when the build wrote one (webpack), else each route's
 * `server/app/**\/page_client-reference-manifest.js` (`entryJSFiles`, Turbopack), and
 * `<distDir>/build-manifest.json` (`rootMainFiles`, `polyfillFiles` are left out: only old
 * browsers load them). Prints a Markdown table, largest first, and exits 1 when a page is over
 * the 200 KB aim.
 */

import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import vm from "node:vm";
import { gzipSync } from "node:zlib";

const AIM_KB = 200;
const distDir = process.argv[2] ?? process.env.NEXT_DIST_DIR ?? ".next";

function readJson<T>(file: string): T {
  return JSON.parse(readFileSync(path.join(distDir, file), "utf8")) as T;
}

const gzipCache = new Map<string, number>();
/** Gzipped bytes of a file under distDir (a manifest path like "static/chunks/x.js"). */
function gzipped(file: string): number {
  const relative = file.replace(/^\/?_next\//, "");
  let size = gzipCache.get(relative);
  if (size === undefined) {
    size = gzipSync(readFileSync(path.join(distDir, relative)), { level: 9 }).length;
    gzipCache.set(relative, size);
  }
  return size;
}

/** Route -> the scripts of its entries (layouts and page), from whichever manifest the build wrote. */
function routeScripts(): Map<string, string[]> {
  const routes = new Map<string, string[]>();
  if (existsSync(path.join(distDir, "app-build-manifest.json"))) {
    const manifest = readJson<{ pages: Record<string, string[]> }>("app-build-manifest.json");
    for (const [entry, files] of Object.entries(manifest.pages)) {
      if (entry.endsWith("/page"))
        routes.set(
          entry,
          files.filter((f) => f.endsWith(".js")),
        );
    }
    return routes;
  }
  const walk = (dir: string): string[] =>
    readdirSync(dir, { withFileTypes: true }).flatMap((d) =>
      d.isDirectory()
        ? walk(path.join(dir, d.name))
        : d.name === "page_client-reference-manifest.js"
          ? [path.join(dir, d.name)]
          : [],
    );
  for (const file of walk(path.join(distDir, "server", "app"))) {
    const sandbox: { globalThis: { __RSC_MANIFEST?: Record<string, { entryJSFiles?: Record<string, string[]> }> } } = {
      globalThis: {},
    };
    sandbox.globalThis = sandbox as never;
    vm.runInNewContext(readFileSync(file, "utf8"), sandbox);
    for (const [entry, manifest] of Object.entries(sandbox.globalThis.__RSC_MANIFEST ?? {})) {
      const files = Object.values(manifest.entryJSFiles ?? {}).flat();
      routes.set(
        entry,
        [...new Set(files)].filter((f) => f.endsWith(".js")),
      );
    }
  }
  return routes;
}

function main() {
  const build = readJson<{ rootMainFiles?: string[] }>("build-manifest.json");
  const root = (build.rootMainFiles ?? []).filter((f) => f.endsWith(".js"));
  const rows = [...routeScripts()]
    .filter(([route]) => !route.includes("/_not-found") && !route.startsWith("/_"))
    .map(([route, files]) => {
      const all = [...new Set([...root, ...files])];
      const bytes = all.reduce((sum, f) => sum + gzipped(f), 0);
      return { route: route.replace(/\/page$/, "") || "/", kb: bytes / 1024 };
    })
    .sort((a, b) => b.kb - a.kb);
  console.log("| Page | First-load JS (gzipped) |");
  console.log("|---|---:|");
  for (const r of rows)
    console.log(`| \`${r.route}\` | ${r.kb.toFixed(0)} KB${r.kb > AIM_KB ? " (over the aim)" : ""} |`);
  const over = rows.filter((r) => r.kb > AIM_KB);
  console.log(
    over.length
      ? `\n${over.length} page(s) over the ${AIM_KB} KB aim.`
      : `\nEvery page is within the ${AIM_KB} KB aim (largest ${rows[0]?.kb.toFixed(0)} KB).`,
  );
  if (over.length) process.exitCode = 1;
}

main();
