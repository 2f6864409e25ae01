/**
 * What the benchmarks (link.ts, orders.ts, sync.ts) share: their command-line sizes, the world
 * each one measures in (a scratch database with migrations, an in-process SellerCloud sandbox, a
 * workspace and an active channel), a sandbox client with no rate limit, running one operation
 * through the real runner, a timed COPY baseline on either driver, peak-RSS sampling, and the
 * exit code. Each benchmark keeps only what it measures.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { pipeline } from "node:stream/promises";
import { from as copyFrom, to as copyTo } from "pg-copy-streams";
import { type DbHandle, runMigrations } from "@/db/client";
import type { Db } from "@/db/client";
import { workspaces } from "@/db/schema/accounts";
import { channels } from "@/db/schema/channels";
import type { ChannelSettings, Operation } from "@/db/schema/values";
import { enqueueRun, isAlreadyRunning } from "@/lib/operations/enqueue";
import { type ClaimedRun, claimRun, type RunnerDeps } from "@/lib/operations/runner";
import { SellerCloudClient } from "@/lib/sellercloud/client";
import { unlimited } from "@/lib/sellercloud/rate-limiter";
import { type RunningSandbox, type SandboxOptions, startSandbox } from "@/lib/sellercloud/sandbox/server";
import { TokenCache } from "@/lib/sellercloud/token-cache";
import { openScratchDatabase } from "./scratch-database";

// --- sizes and figures ---------------------------------------------------------------------------

/** `--name 123` from the command line, else the fallback; a positive number or an error. */
export function flag(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  const value = i >= 0 ? Number(process.argv[i + 1]) : fallback;
  if (!Number.isFinite(value) || value <= 0) throw new Error(`--${name} needs a positive number`);
  return value;
}

/** Milliseconds as seconds with two decimals. */
export const seconds = (ms: number) => (ms / 1000).toFixed(2);
/** Bytes as whole megabytes. */
export const mb = (bytes: number) => (bytes / 1024 / 1024).toFixed(0);

/** Samples the process's RSS every 50 ms for the rest of the process; `peak()` is the highest seen. */
export function startRssSampler(): { peak(): number; sample(): void; reset(): void } {
  let peak = process.memoryUsage().rss;
  const sample = () => {
    peak = Math.max(peak, process.memoryUsage().rss);
  };
  setInterval(sample, 50).unref();
  return {
    peak: () => peak,
    sample,
    reset: () => {
      peak = process.memoryUsage().rss;
    },
  };
}

/** Peak RSS (bytes, sampled every 50 ms) while `work` runs. */
export async function withPeakRss<T>(work: () => Promise<T>): Promise<{ result: T; peak: number }> {
  let peak = process.memoryUsage().rss;
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 50);
  try {
    const result = await work();
    peak = Math.max(peak, process.memoryUsage().rss);
    return { result, peak };
  } finally {
    clearInterval(timer);
  }
}

// --- the world a benchmark measures in -------------------------------------------------------------

export interface BenchWorld {
  handle: DbHandle;
  db: Db;
  /** Which database, for the printout ("embedded PGlite (…)" or "postgres (scratch database …)"). */
  label: string;
  sandbox: RunningSandbox;
  workspaceId: string;
  channelId: string;
}

/**
 * Runs `measure` in a fresh world: a scratch database (DATABASE_URL's server, else PGlite) with
 * the migrations applied, a sandbox started with `sandbox`, a workspace "Bench" and an active
 * channel "Bench channel" with `settings` (no shipping mappings unless given). The sandbox and the database are removed afterwards,
 * also when `measure` throws.
 */
export async function withBenchWorld(
  options: { sandbox: SandboxOptions; settings?: Partial<ChannelSettings> },
  measure: (world: BenchWorld) => Promise<void>,
): Promise<void> {
  const { handle, label, cleanup } = await openScratchDatabase();
  const sandbox = await startSandbox({ requestLogLimit: 1_000, ...options.sandbox });
  try {
    await runMigrations(handle);
    const db = handle.db;
    const [workspace] = await db.insert(workspaces).values({ name: "Bench" }).returning();
    const workspaceId = workspace!.id;
    const [channel] = await db
      .insert(channels)
      .values({
        workspaceId,
        name: "Bench channel",
        status: "active",
        settings: { shippingMappings: [], ...options.settings },
      })
      .returning();
    await measure({ handle, db, label, sandbox, workspaceId, channelId: channel!.id });
  } finally {
    await sandbox.close();
    await cleanup();
  }
}

/** A SellerCloud client for the sandbox with its own token cache and no rate limit. */
export function sandboxClient(sandbox: RunningSandbox): SellerCloudClient {
  return new SellerCloudClient({
    baseUrl: sandbox.url,
    ...sandbox.credentials,
    limiter: unlimited,
    tokenCache: new TokenCache(),
  });
}

/** Queues a manual run of `operation` and claims it, ready for `workRun(deps, claimed)`. */
export async function enqueueAndClaim(
  deps: RunnerDeps,
  input: { workspaceId: string; channelId: string; operation: Operation },
): Promise<ClaimedRun> {
  const queued = await enqueueRun(deps.db, { ...input, trigger: "manual" });
  if (isAlreadyRunning(queued)) throw new Error("a run is already active");
  const claimed = await claimRun(deps, { runId: queued.id });
  if (!claimed) throw new Error(`run ${queued.id} could not be claimed`);
  return claimed;
}

// --- the COPY baseline -----------------------------------------------------------------------------

/**
 * Exports `select`'s rows (not timed) and COPYs them into `table` (timed): the fastest way
 * Postgres can take those rows, the floor a bulk write is compared with. Works on both drivers
 * (a pool client's COPY streams, or PGlite's /dev/blob). Returns the COPY's milliseconds.
 */
export async function timedCopy(handle: DbHandle, select: string, table: string): Promise<number> {
  if (handle.pool) {
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "conduit-copy-"));
    const file = path.join(tmp, `${table}.copy`);
    const client = await handle.pool.connect();
    try {
      await pipeline(client.query(copyTo(`copy (${select}) to stdout`)), fs.createWriteStream(file));
      const t0 = performance.now();
      await pipeline(fs.createReadStream(file), client.query(copyFrom(`copy ${table} from stdin`)));
      return performance.now() - t0;
    } finally {
      client.release();
      fs.rmSync(tmp, { recursive: true, force: true });
    }
  }
  const pglite = handle.pglite!;
  const exported = await pglite.query(`copy (${select}) to '/dev/blob'`);
  const t0 = performance.now();
  await pglite.query(`copy ${table} from '/dev/blob'`, [], { blob: exported.blob });
  return performance.now() - t0;
}

// --- running a benchmark -----------------------------------------------------------------------------

/** Runs a benchmark's main and exits: 0 when it resolved (or process.exitCode, if set), 1 when it threw. */
export function runBench(main: () => Promise<void>): void {
  main()
    .then(() => process.exit(process.exitCode ?? 0))
    .catch((error) => {
      console.error(error);
      process.exit(1);
    });
}

// --- profiling one timed section ----------------------------------------------------------------------

/**
 * With `--cpu-profile FILE` on the command line, records a V8 CPU profile of `work` alone (not the
 * setup around it) into FILE (open it in Chrome DevTools or speedscope); otherwise just runs it.
 */
export async function profiled<T>(work: () => Promise<T>): Promise<T> {
  const i = process.argv.indexOf("--cpu-profile");
  if (i < 0) return work();
  const file = process.argv[i + 1];
  if (!file) throw new Error("--cpu-profile needs a file name");
  const { Session } = await import("node:inspector/promises");
  const session = new Session();
  session.connect();
  await session.post("Profiler.enable");
  await session.post("Profiler.start");
  try {
    return await work();
  } finally {
    const { profile } = await session.post("Profiler.stop");
    fs.writeFileSync(file, JSON.stringify(profile));
    session.disconnect();
    console.log(`    CPU profile of the timed section: ${file}`);
  }
}
