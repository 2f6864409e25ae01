/**
 * `npm start` and the server on a data folder, with real child processes: one process per folder
 * (a second is refused with the folder and the holder's PID, a crashed holder's lock does not
 * block a restart), and a folder that cannot be opened is explained in words, not stack traces.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { openPglite } from "@/db/client";
import { type Child, startChild, startTsxChild } from "@/lib/operations/testing/child-process";

const started: Child[] = [];
let dir: string;

function holdFolder(folder: string, env: Record<string, string | undefined> = {}): Child {
  const child = startChild(["scripts/testing/hold-data-dir.mjs", folder], { CONDUIT_DATA_DIR_LOCK: undefined, ...env });
  started.push(child);
  return child;
}

/** `node scripts/start.mjs` that can never build or serve: its Next.js CLI is a file that does not exist. */
function npmStart(env: Record<string, string>): Child {
  const child = startChild(["scripts/start.mjs"], {
    CONDUIT_NEXT_CLI: path.join(os.tmpdir(), "conduit-no-next-cli.js"),
    DATABASE_URL: undefined,
    ...env,
  });
  started.push(child);
  return child;
}

function bootServer(env: Record<string, string | undefined>): Child {
  const child = startTsxChild("scripts/testing/boot-server.ts", {
    NEXT_RUNTIME: "nodejs",
    SCHEDULER_ENABLED: "false",
    DATABASE_URL: undefined,
    CONDUIT_DATA_DIR_LOCK: undefined,
    ...env,
  });
  started.push(child);
  return child;
}

afterEach(async () => {
  for (const child of started.splice(0)) {
    if (child.process.exitCode === null && child.process.signalCode === null) child.process.kill("SIGKILL");
    await child.exited;
  }
  fs.rmSync(dir, { recursive: true, force: true });
});

describe("one process per data folder", () => {
  it("refuses a second npm start on a folder in use, naming the folder and the holder's PID", async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "conduit-lock-"));
    const holder = holdFolder(dir);
    const [, pid] = (await holder.waitFor(/locked (\d+)/))!;

    const second = npmStart({ DATA_DIR: dir });
    expect((await second.exited).code).toBe(1);
    expect(second.output()).toContain(`The data folder ${dir} is in use by another Conduit process (PID ${pid}`);
    expect(second.output()).not.toMatch(/Building|rebuilding|Starting Conduit/);
  });

  it("refuses a server process on a folder in use, before opening the database", async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "conduit-lock-"));
    const holder = holdFolder(dir);
    const [, pid] = (await holder.waitFor(/locked (\d+)/))!;

    const server = bootServer({ DATA_DIR: dir });
    expect((await server.exited).code).toBe(1);
    expect(server.output()).toContain(`The data folder ${dir} is in use by another Conduit process (PID ${pid}`);
    expect(server.output()).not.toMatch(/^\s+at /m);
    expect(fs.existsSync(path.join(dir, "pgdata"))).toBe(false);
  });

  it("refuses credentials:rotate on a folder in use with the same sentence, not a stack trace", async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "conduit-lock-"));
    const holder = holdFolder(dir);
    const [, pid] = (await holder.waitFor(/locked (\d+)/))!;

    const rotate = startTsxChild("scripts/rotate-credentials.ts", {
      DATA_DIR: dir,
      DATABASE_URL: undefined,
      CONDUIT_DATA_DIR_LOCK: undefined,
    });
    started.push(rotate);
    expect((await rotate.exited).code).toBe(1);
    expect(rotate.output()).toContain(`The data folder ${dir} is in use by another Conduit process (PID ${pid}`);
    expect(rotate.output()).not.toMatch(/^\s+at /m);
  });

  it("takes over the lock of a holder killed with kill -9", async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "conduit-lock-"));
    const crashed = holdFolder(dir);
    await crashed.waitFor(/locked/);
    crashed.process.kill("SIGKILL");
    await crashed.exited;
    expect(fs.existsSync(path.join(dir, "conduit.lock"))).toBe(true);

    // npm start goes on to build (and fails only because this test gave it no Next.js CLI).
    const restart = npmStart({ DATA_DIR: dir });
    await restart.exited;
    expect(restart.output()).not.toContain("is in use");
    expect(restart.output()).toMatch(/Building Conduit|rebuilding|Starting Conduit/);
  });

  it("lets npm start's children join its lock, and keeps the folder held while any of them lives", async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "conduit-lock-"));
    const parent = holdFolder(dir);
    const [, , token] = (await parent.waitFor(/locked (\d+) (\w+)/))!;
    const child = holdFolder(dir, { CONDUIT_DATA_DIR_LOCK: token! });
    const [, childPid] = (await child.waitFor(/locked (\d+)/))!;

    parent.process.kill("SIGKILL");
    await parent.exited;
    const newcomer = holdFolder(dir);
    expect((await newcomer.exited).code).not.toBe(0);
    expect(newcomer.output()).toContain(`(PID ${childPid}`);
  });

  it("frees the folder when the holder exits normally", async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "conduit-lock-"));
    const holder = holdFolder(dir);
    await holder.waitFor(/locked/);
    holder.process.kill("SIGTERM");
    await holder.exited;
    // A process ended by a signal runs no exit handler; the lock names a dead process and is stale.
    const next = holdFolder(dir);
    await next.waitFor(/locked/);
  });
});

describe("a data folder that cannot be opened", () => {
  it("is explained once, in words, with the way back (a backup) and how to make one", async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "conduit-broken-"));
    const created = await openPglite(path.join(dir, "pgdata"));
    await created.close();
    // What two processes on one folder left behind: no valid checkpoint record.
    const wal = path.join(dir, "pgdata", "pg_wal");
    for (const name of fs.readdirSync(wal).filter((n) => /^[0-9A-F]{24}$/.test(n)))
      fs.writeFileSync(path.join(wal, name), Buffer.alloc(fs.statSync(path.join(wal, name)).size));

    const server = bootServer({ DATA_DIR: dir });
    expect((await server.exited).code).toBe(1);
    const said = server.output();
    expect(said).toContain(`Conduit could not open its embedded database in the data folder ${dir}.`);
    expect(said).toContain("The way back is a backup of the data folder");
    expect(said).toMatch(/To make a backup.*stop Conduit, then copy the whole folder/s);
    expect(said).not.toMatch(/^\s+at /m);
    expect(said).not.toContain("booted");
  }, 120_000);
});
