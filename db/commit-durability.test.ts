/**
 * Commit durability: only db/commit-durability.ts may relax it, and it does so on Postgres only.
 * (The kill -9 test on a real PGlite folder is lib/operations/crash-durability.test.ts.)
 */
import fs from "node:fs";
import path from "node:path";
import { sql } from "drizzle-orm";
import { expect, it } from "vitest";
import { commitWithoutWaitingForDisk, isPglite } from "./commit-durability";
import { rowsOf } from "./rows";
import { describeEachDb } from "./testing/describe-db";

const ROOT = process.cwd();

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(path.join(ROOT, dir), { withFileTypes: true }).flatMap((entry) => {
    const rel = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(rel);
    return /\.(ts|tsx|mjs)$/.test(entry.name) && !entry.name.endsWith(".test.ts") ? [rel] : [];
  });
}

it("no code but db/commit-durability.ts sets synchronous_commit", () => {
  const offenders = ["lib", "db", "app", "scripts", "components"]
    .flatMap(sourceFiles)
    .filter((file) => file !== path.join("db", "commit-durability.ts"))
    .filter((file) => /synchronous_commit/i.test(fs.readFileSync(path.join(ROOT, file), "utf8")));
  expect(offenders).toEqual([]);
});

describeEachDb("commitWithoutWaitingForDisk", (ctx) => {
  it("relaxes the commit on Postgres only", async () => {
    const setting = await ctx.db.transaction(async (tx) => {
      await commitWithoutWaitingForDisk(tx);
      return rowsOf<{ synchronous_commit: string }>(await tx.execute(sql`show synchronous_commit`))[0]
        ?.synchronous_commit;
    });
    expect(isPglite(ctx.db)).toBe(ctx.kind === "pglite");
    expect(setting).toBe(ctx.kind === "pglite" ? "on" : "off");
  });
});
