/**
 * A bound on bcrypt work. bcryptjs hashes in JavaScript on the main thread (~100 ms a check at
 * cost 11, yielding between rounds), so a flood of sign-ins would otherwise share the CPU with
 * every other request and slow all pages to a crawl. At most MAX_RUNNING checks run at once and
 * MAX_WAITING wait; anything beyond is refused at once with PasswordWorkBusy ("try again").
 */
import { AppError } from "@/lib/errors";

export const MAX_RUNNING = 2;
export const MAX_WAITING = 16;

/** RATE_LIMITED (429) with a message a person can act on. */
export class PasswordWorkBusy extends AppError {
  constructor() {
    super("RATE_LIMITED", "Sign-in is busy right now. Try again in a few seconds.");
    this.name = "PasswordWorkBusy";
  }
}

export interface WorkLimiter {
  run<T>(work: () => Promise<T>): Promise<T>;
  readonly running: number;
  readonly waiting: number;
}

/** A small counting semaphore with a bounded queue (first come, first served). */
export function createWorkLimiter(maxRunning: number, maxWaiting: number): WorkLimiter {
  let running = 0;
  const queue: Array<() => void> = [];
  const release = () => {
    const next = queue.shift();
    if (next) next();
    else running--;
  };
  return {
    get running() {
      return running;
    },
    get waiting() {
      return queue.length;
    },
    async run(work) {
      if (running < maxRunning) running++;
      else if (queue.length < maxWaiting) await new Promise<void>((resolve) => queue.push(resolve));
      else throw new PasswordWorkBusy();
      try {
        return await work();
      } finally {
        release();
      }
    },
  };
}

// One per process: the CPU it protects is the process's.
const globalForWork = globalThis as unknown as { conduitPasswordWork?: WorkLimiter };
export function passwordWork(): WorkLimiter {
  globalForWork.conduitPasswordWork ??= createWorkLimiter(MAX_RUNNING, MAX_WAITING);
  return globalForWork.conduitPasswordWork;
}
