// One process per data folder: an exclusive lock on DATA_DIR, taken by `npm start` (scripts/start.mjs)
// before it builds, and by every process that opens the embedded database (db/index.ts). Two PGlite
// instances on one folder both start, diverge, and leave a folder no one can open again.
//
// How: a lock file, DATA_DIR/conduit.lock, created atomically (O_EXCL) and naming the processes that
// hold it, like PostgreSQL's own postmaster.pid. A process that finds it checks whether a holder is
// still alive (signal 0, and on Linux the process start time from /proc, so a recycled PID, e.g.
// PID 1 in a restarted container, does not count): a live holder refuses the newcomer at once with
// its PID; a dead one (kill -9, power loss) is stale and the lock is taken over, so a crash never
// blocks a restart. Children of `npm start` (the build, the server) join their parent's lock through
// the token in CONDUIT_DATA_DIR_LOCK, so the lock stays held while any of them is alive.
//
// Why not a library: proper-lockfile decides staleness by the lock's age, refreshed by a timer, so a
// crashed holder blocks restarts for the stale period and a long synchronous PGlite query (which
// stops the timer) makes a live holder look stale; it also records no PID to name. OS locks (flock)
// need a native addon (fs-ext) that every newcomer's machine would have to compile.
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

export const LOCK_FILE = "conduit.lock";
/** The environment variable that hands the lock's token to child processes. */
export const LOCK_TOKEN_ENV = "CONDUIT_DATA_DIR_LOCK";

/** Thrown when another live process holds the folder; `message` is the sentence to print. */
export class DataDirInUseError extends Error {
  constructor(dir, holder) {
    const since = holder.since ? `, since ${holder.since}` : "";
    super(
      `The data folder ${dir} is in use by another Conduit process (PID ${holder.pid}${since}). ` +
        "Only one process may use a data folder: two would damage the embedded database. " +
        `Stop process ${holder.pid} first (or wait for it to exit), or set DATA_DIR to another folder.`,
    );
    this.name = "DataDirInUseError";
    this.dir = dir;
    this.pid = holder.pid;
  }
}

const sleepSync = (ms) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);

/** The kernel's start time of a process (Linux), or null where /proc is not there. */
function processStartTime(pid) {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
    // Field 22 (starttime), counted after the command name, which may itself hold spaces and ")".
    return stat.slice(stat.lastIndexOf(")") + 2).split(" ")[19] ?? null;
  } catch {
    return null;
  }
}

function isAlive(holder) {
  if (!Number.isInteger(holder.pid) || holder.pid <= 0) return false;
  try {
    process.kill(holder.pid, 0);
  } catch (error) {
    if (error.code !== "EPERM") return false; // ESRCH: no such process
  }
  // The PID is in use: by the same process only if it started at the same time.
  if (holder.startTime) {
    const now = processStartTime(holder.pid);
    if (now !== null && now !== holder.startTime) return false;
  }
  return true;
}

function me(role) {
  return { pid: process.pid, startTime: processStartTime(process.pid), role, since: new Date().toISOString() };
}

function readLock(file) {
  try {
    return JSON.parse(fs.readFileSync(file, "utf8"));
  } catch (error) {
    if (error.code === "ENOENT") return undefined;
    return null; // unreadable: a holder died between creating and writing it
  }
}

function writeLockAtomically(file, lock) {
  const temp = `${file}.${process.pid}.${crypto.randomBytes(4).toString("hex")}`;
  fs.writeFileSync(temp, `${JSON.stringify(lock, null, 2)}\n`);
  fs.renameSync(temp, file);
}

/** A short critical section around read-check-replace of the lock file (a mkdir is atomic). */
function withMutex(file, body) {
  const mutex = `${file}.mutex`;
  const giveUp = Date.now() + 3_000;
  for (;;) {
    try {
      fs.mkdirSync(mutex);
      break;
    } catch (error) {
      if (error.code !== "EEXIST") throw error;
      // Left by a process killed inside these few lines: older than a few seconds means stale.
      try {
        if (Date.now() - fs.statSync(mutex).mtimeMs > 5_000) fs.rmSync(mutex, { recursive: true, force: true });
      } catch {}
      if (Date.now() > giveUp) throw new Error(`Could not lock the data folder (${mutex} stays in place).`);
      sleepSync(20);
    }
  }
  try {
    return body();
  } finally {
    fs.rmSync(mutex, { recursive: true, force: true });
  }
}

/**
 * Takes the data folder for this process, or joins the lock of the parent that handed over its
 * token (CONDUIT_DATA_DIR_LOCK). Throws DataDirInUseError, naming the holder's PID, when a live
 * process holds it; takes over a stale lock. Re-entrant within a process.
 *
 * @param {string} dir the data folder (created if missing)
 * @param {{ role?: string, token?: string }} [options] token defaults to the inherited one
 * @returns {{ dir: string, file: string, token: string, release(): void }} release() is also run on exit
 */
export function lockDataDir(dir, options = {}) {
  const folder = path.resolve(dir);
  fs.mkdirSync(folder, { recursive: true });
  const file = path.join(folder, LOCK_FILE);
  const role = options.role ?? "server";
  const inherited = options.token ?? process.env[LOCK_TOKEN_ENV];
  const self = me(role);

  const token = withMutex(file, () => {
    const lock = readLock(file);
    if (lock) {
      const holders = Array.isArray(lock.holders) ? lock.holders : [];
      const alive = holders.filter((h) => isAlive(h));
      const mine = (inherited && lock.token === inherited) || alive.some((h) => h.pid === process.pid);
      if (alive.length > 0 && mine) {
        const others = alive.filter((h) => h.pid !== process.pid);
        writeLockAtomically(file, { ...lock, holders: [...others, self] });
        return lock.token;
      }
      if (alive.length > 0) throw new DataDirInUseError(folder, alive[0]);
    }
    // No lock, or a stale one (every holder gone): ours now.
    const fresh = crypto.randomBytes(16).toString("hex");
    writeLockAtomically(file, { token: fresh, host: os.hostname(), holders: [self] });
    return fresh;
  });

  let released = false;
  const release = () => {
    if (released) return;
    released = true;
    process.off("exit", release);
    try {
      withMutex(file, () => {
        const lock = readLock(file);
        if (!lock || lock.token !== token) return;
        const rest = (lock.holders ?? []).filter((h) => h.pid !== process.pid && isAlive(h));
        if (rest.length === 0) fs.rmSync(file, { force: true });
        else writeLockAtomically(file, { ...lock, holders: rest });
      });
    } catch {
      // Exiting anyway: a lock left behind names a dead process and is taken over next time.
    }
  };
  process.on("exit", release);
  return { dir: folder, file, token, release };
}
